import { lazy, Suspense, useCallback } from 'react'
import type * as Y from 'yjs'
import { colorFor, type LiveDocument } from '~/collab/connection'
import type { Refusal } from '~/collab/connection'
import { useEditable, useLiveDocuments, useReadOnly, useRefusal, useSaveState, useYMap, type LiveUser } from '~/collab/use-live'
import { Presence, RefusedNotices, RoundClosedNotice, SaveIndicator } from '~/collab/status'
import { LoadBoundary } from '~/ui/load-boundary'
import type { Attainment, Flag, Flags } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'
import { STATUS_MAP } from '~/shared/live/layout'
import { MarkToggles, RatingControl } from '~/ui/rating-control'
import type { LiveGoalProps } from './types'

const NarrativeEditor = lazy(() => import('~/collab/narrative-editor'))

/** The live part of a goal page: every document of the page over one socket, with save state and presence. */
export default function LiveGoal({ me, goal, measures, renderMeasureFooter }: LiveGoalProps) {
  const { t } = useTranslation()
  const names = [goal.documentName, ...measures.map((m) => m.documentName)]
  const user: LiveUser = { name: me.name, unit: me.unit, color: colorFor(me.id), ...(me.role ? { role: me.role } : {}) }
  const docs = useLiveDocuments(names, user)
  const saveState = useSaveState(docs)
  const readOnly = useReadOnly(docs)
  // A refused change is reported beside the editor (or controls) of the document it was made in, with what of it
  // the server does not have; a round closed meanwhile also at the top, as everything here is read-only now.
  const refusal = useRefusal(names)
  const goalDoc = docs?.get(goal.documentName)
  const goalEditable = useEditable(goalDoc, goal.canEdit, refusal)
  return (
    <div className="space-y-6">
      {refusal?.code === 4423 ? <RoundClosedNotice /> : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <Presence live={goalDoc} heading={t('catalogue:goal.presence')} />
        <SaveIndicator state={saveState} readOnly={readOnly} refusalShown={!!refusal && refusal.unsaved.size > 0} />
      </div>
      <section aria-labelledby="goal-narrative-title" className="card space-y-2">
        <h2 id="goal-narrative-title" className="text-lg font-semibold">
          {t('catalogue:goal.narrativeTitle')}
        </h2>
        {goalDoc ? (
          <LoadBoundary what={t('common:ui.load.editor')}>
            <Suspense fallback={<p className="text-sm text-slate-700">{t('common:ui.editor.loading')}</p>}>
              <NarrativeEditor live={goalDoc} user={user} editable={goalEditable} labelledBy="goal-narrative-title" />
            </Suspense>
          </LoadBoundary>
        ) : null}
        <RefusedNotices refusal={refusal} live={goalDoc} name={goal.documentName} />
      </section>
      {measures.map((m) => {
        const live = docs?.get(m.documentName)
        return (
          <section key={m.id} className="card space-y-3" aria-labelledby={`measure-${m.id}`} data-measure={m.id}>
            <h3 id={`measure-${m.id}`} className="text-lg font-semibold" lang="de">
              {m.title}
            </h3>
            {live ? (
              <LiveMeasure live={live} canEdit={m.canEdit} title={m.title} user={user} refusal={refusal} />
            ) : (
              <p>{t('common:ui.save.connecting')}</p>
            )}
            {renderMeasureFooter(m.id)}
          </section>
        )
      })}
    </div>
  )
}

function LiveMeasure({ live, canEdit, title, user, refusal }: { live: LiveDocument; canEdit: boolean; title: string; user: LiveUser; refusal: Refusal | null }) {
  const { t } = useTranslation()
  const editable = useEditable(live, canEdit, refusal)
  const map = live.doc.getMap(STATUS_MAP) as Y.Map<unknown>
  const status = useYMap<{ attainment: Attainment | null } & Partial<Flags>>(map)
  const setAttainment = useCallback((value: Attainment | null) => map.set('attainment', value), [map])
  const setFlag = useCallback((flag: Flag, on: boolean) => map.set(flag, on), [map])
  // The measure's title is the county's German text inside a translated label: marked as German (WCAG 3.1.2).
  const named = (label: string) => (
    <>
      {label}: <span lang="de">{title}</span>
    </>
  )
  return (
    <div className="space-y-3">
      {!canEdit ? <p className="text-sm text-slate-700">{t('catalogue:goal.readOnlyMeasure')}</p> : null}
      <RatingControl value={status.attainment ?? null} onChange={setAttainment} disabled={!editable} legend={named(t('catalogue:goal.proposalLegend'))} />
      <MarkToggles value={status} onChange={setFlag} disabled={!editable} legend={named(t('catalogue:goal.marks'))} />
      <div>
        <p className="label" id={`${live.name}-narrative`}>
          {t('narrative')}
          <span className="sr-only">
            {' '}
            <span lang="de">{title}</span>
          </span>
        </p>
        <LoadBoundary what={t('common:ui.load.editor')}>
          <Suspense fallback={<p className="text-sm text-slate-700">{t('common:ui.editor.loading')}</p>}>
            <NarrativeEditor live={live} user={user} editable={editable} labelledBy={`${live.name}-narrative`} />
          </Suspense>
        </LoadBoundary>
        <RefusedNotices refusal={refusal} live={live} name={live.name} />
      </div>
    </div>
  )
}
