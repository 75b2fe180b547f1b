import { lazy, Suspense, useCallback } from 'react'
import type * as Y from 'yjs'
import { colorFor, type LiveDocument } from '~/collab/connection'
import { useLiveDocuments, useSaveState, useYMap } from '~/collab/use-live'
import { Presence, SaveIndicator } from '../../collab/status'
import { LoadBoundary } from '~/ui/load-boundary'
import type { Attainment, Flag, Flags } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'
import { STATUS_MAP } from '~/shared/live/layout'
import { MarkToggles, RatingControl } from '../../ui/rating-control'

const NarrativeEditor = lazy(() => import('~/collab/narrative-editor'))

export type LiveGoalProps = {
  me: { id: number; name: string; unit: string }
  goal: { documentName: string; canEdit: boolean; narrativeText: string }
  measures: { id: number; title: string; documentName: string; canEdit: boolean }[]
  /** Renders what belongs under each measure's live controls (history, change log). */
  renderMeasureFooter: (measureId: number) => React.ReactNode
}

/** The live part of a goal page: every document of the page over one socket, with save state and presence. */
export default function LiveGoal({ me, goal, measures, renderMeasureFooter }: LiveGoalProps) {
  const names = [goal.documentName, ...measures.map((m) => m.documentName)]
  const user = { name: me.name, unit: me.unit, color: colorFor(me.id) }
  const docs = useLiveDocuments(names, user)
  const saveState = useSaveState(docs)
  const goalDoc = docs?.get(goal.documentName)
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <Presence live={goalDoc} heading="Jetzt in diesem Ziel" />
        <SaveIndicator state={saveState} />
      </div>
      <section aria-labelledby="goal-narrative-title" className="card space-y-2">
        <h2 id="goal-narrative-title" className="text-lg font-semibold">
          Sachstand zum Ziel
        </h2>
        {goalDoc ? (
          <LoadBoundary what="Der Editor">
            <Suspense fallback={<p className="text-sm text-slate-700">Editor wird geladen…</p>}>
              <NarrativeEditor live={goalDoc} user={user} editable={goal.canEdit} label="Sachstand zum Ziel" />
            </Suspense>
          </LoadBoundary>
        ) : null}
      </section>
      {measures.map((m) => {
        const live = docs?.get(m.documentName)
        return (
          <section key={m.id} className="card space-y-3" aria-labelledby={`measure-${m.id}`} data-measure={m.id}>
            <h3 id={`measure-${m.id}`} className="text-lg font-semibold">
              {m.title}
            </h3>
            {live ? <LiveMeasure live={live} canEdit={m.canEdit} title={m.title} user={user} /> : <p>Wird verbunden…</p>}
            {renderMeasureFooter(m.id)}
          </section>
        )
      })}
    </div>
  )
}

function LiveMeasure({ live, canEdit, title, user }: { live: LiveDocument; canEdit: boolean; title: string; user: { name: string; unit: string; color: string } }) {
  const { t } = useTranslation()
  const map = live.doc.getMap(STATUS_MAP) as Y.Map<unknown>
  const status = useYMap<{ attainment: Attainment | null } & Partial<Flags>>(map)
  const setAttainment = useCallback((value: Attainment | null) => map.set('attainment', value), [map])
  const setFlag = useCallback((flag: Flag, on: boolean) => map.set(flag, on), [map])
  return (
    <div className="space-y-3">
      {!canEdit ? <p className="text-sm text-slate-700">Nur lesen: Sie können diese Maßnahme in dieser Runde nicht bearbeiten.</p> : null}
      <RatingControl value={status.attainment ?? null} onChange={setAttainment} disabled={!canEdit} legend={`Bewertungsvorschlag: ${title}`} />
      <MarkToggles value={status} onChange={setFlag} disabled={!canEdit} legend={`Merkmale: ${title}`} />
      <div>
        <p className="label" id={`${live.name}-narrative`}>
          {t('narrative')}
        </p>
        <LoadBoundary what="Der Editor">
          <Suspense fallback={<p className="text-sm text-slate-700">Editor wird geladen…</p>}>
            <NarrativeEditor live={live} user={user} editable={canEdit} label={`Sachstand: ${title}`} />
          </Suspense>
        </LoadBoundary>
      </div>
    </div>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
