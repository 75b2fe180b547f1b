import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { useTranslation } from 'react-i18next'
import type { LiveDocument, PresenceUser } from '~/collab/connection'
import { useLiveDocuments } from '~/collab/use-live'
import { LoadBoundary } from '~/ui/load-boundary'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { MAX_DECISION_NOTE } from '~/shared/live/layout'
import { setItemState, stateAllowed, writeNote } from '~/shared/live/meeting'
import { itemStateLabel, unitRoleOnMeasureLabel, type ItemState } from '~/shared/vocabulary'
import { AgreeControls } from './agree-controls'
import { differences } from './differences'
import { ItemStateBadge, ItemTimeline, ItemTitle } from './meeting-parts'
import type { AgendaItem } from './types'
import { useAgreed, useProposal } from './use-meeting-live'
import { ForumFeedbackPanel } from '~/routes/forums/feedback-panel'

const NarrativeEditor = lazy(() => import('~/collab/narrative-editor'))

/** The order in which the moderator's state buttons stand. */
const STATE_BUTTONS: readonly ItemState[] = ['discussed', 'agreed', 'deferred', 'open']

/**
 * The item in focus in meeting mode: proposal and agreed rating (and how they differ), the coordinator's
 * agreeing controls, the moderator's state buttons and decision note, the narrative (co-edited by whoever may edit
 * it anyway) and the measure's path across rounds. `meetingMap` is there only for who may write the meeting
 * document now.
 */
export function ItemPanel({
  item,
  total,
  state,
  note,
  meetingMap,
  agreedLive,
  moderator,
  canAgree,
  meetingId,
  user,
}: {
  item: AgendaItem
  total: number
  state: ItemState
  note: string
  meetingMap: Y.Map<unknown> | undefined
  agreedLive: LiveDocument | undefined
  moderator: boolean
  canAgree: boolean
  meetingId: number
  user: PresenceUser
}) {
  const { t } = useTranslation()
  // The item's own document (proposal and narrative), open while the item is shown.
  const itemDocs = useLiveDocuments(item.liveDocument ? [item.liveDocument] : [], user)
  const itemLive = item.liveDocument ? itemDocs?.get(item.liveDocument) : undefined
  const proposal = useProposal(itemLive, item)
  const agreed = useAgreed(agreedLive, item)
  const diff = item.kind === 'measure' ? differences(proposal, agreed, t) : []
  return (
    <article className="card space-y-4" aria-labelledby="item-title" data-testid="item-panel" data-item={item.id}>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">{t('meetings:mode.itemOf', { number: item.number, total })}</p>
        <h3 id="item-title" className="text-lg font-semibold">
          <ItemTitle item={item} />
        </h3>
        {item.units.length ? (
          <p className="text-sm">
            {t('meetings:mode.responsible', {
              units: item.units.map((u) => `${u.name} (${t(unitRoleOnMeasureLabel(u.role))})`).join(', '),
            })}
          </p>
        ) : null}
        <p className="text-sm">
          {t('meetings:mode.itemState')} <ItemStateBadge state={state} />
        </p>
      </header>

      {item.kind === 'measure' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <section aria-labelledby="proposal-title" className="rounded border border-slate-300 p-3">
            <h4 id="proposal-title" className="mb-1 font-medium">
              {t('meetings:mode.proposal')}
            </h4>
            <div className="flex flex-wrap items-center gap-2" data-testid="item-proposal">
              <RatingBadge value={proposal.attainment} kind="proposal" />
              {proposal.flags ? <MarkIcons flags={proposal.flags} /> : null}
            </div>
          </section>
          <section aria-labelledby="agreed-title" className="rounded border border-slate-300 p-3">
            <h4 id="agreed-title" className="mb-1 font-medium">
              {t('meetings:mode.agreed')}
            </h4>
            <div className="flex flex-wrap items-center gap-2" data-testid="item-agreed">
              {agreed.attainment || agreed.flags ? (
                <>
                  <RatingBadge value={agreed.attainment} kind="agreed" />
                  {agreed.flags ? <MarkIcons flags={agreed.flags} /> : null}
                </>
              ) : (
                <span>{t('meetings:mode.notAgreedYet')}</span>
              )}
            </div>
          </section>
          {diff.length ? (
            <div className="rounded border-2 border-amber-700 bg-amber-50 p-3 text-sm sm:col-span-2" data-testid="difference">
              <p className="font-medium">
                <span aria-hidden="true">≠ </span>
                {t('meetings:mode.differs')}
              </p>
              <ul className="list-inside list-disc">
                {diff.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}

      {item.kind === 'measure' && canAgree && agreedLive ? <AgreeControls item={item} proposal={proposal} live={agreedLive} meetingId={meetingId} /> : null}

      {moderator ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t('meetings:mode.setState')}</legend>
          <div className="flex flex-wrap gap-2">
            {STATE_BUTTONS.map((value) => (
              <button
                key={value}
                type="button"
                className={state === value ? 'btn' : 'btn-secondary'}
                aria-pressed={state === value}
                disabled={!meetingMap || !stateAllowed(item, value, agreed.attainment)}
                onClick={() => meetingMap && setItemState(meetingMap, item, value, agreed.attainment)}
              >
                {t(itemStateLabel(value))}
              </button>
            ))}
          </div>
          {!stateAllowed(item, 'agreed', agreed.attainment) ? <p className="text-sm text-slate-700">{t('meetings:mode.agreedNeedsRating')}</p> : null}
        </fieldset>
      ) : null}

      <DecisionNote item={item} note={note} map={moderator ? meetingMap : undefined} />

      <section aria-labelledby="narrative-title" className="space-y-1">
        <h4 id="narrative-title" className="font-medium">
          {item.kind === 'measure' ? t('meetings:mode.narrativeMeasure') : t('meetings:mode.narrativeGoal')}
        </h4>
        {itemLive ? (
          <LoadBoundary what={t('meetings:mode.editor')}>
            <Suspense fallback={<NarrativeText text={item.narrative} />}>
              <NarrativeEditor
                live={itemLive}
                user={user}
                editable={item.canEdit}
                label={item.kind === 'measure' ? t('meetings:mode.narrativeOf', { title: item.title }) : t('meetings:mode.narrativeOfGoal', { number: item.goalNumber })}
              />
            </Suspense>
          </LoadBoundary>
        ) : (
          <NarrativeText text={item.narrative} />
        )}
      </section>
      {item.kind === 'measure' ? (
        <section aria-labelledby="history-title" className="space-y-1">
          <h4 id="history-title" className="font-medium">
            {t('meetings:mode.history')}
          </h4>
          <ItemTimeline item={item} />
        </section>
      ) : null}
      <ForumFeedbackPanel data={item.forumFeedback} headingLevel={4} />
    </article>
  )
}

/** A narrative as plain text (before the editor is loaded, or once its round is no longer open). */
function NarrativeText({ text }: { text: string }) {
  const { t } = useTranslation()
  return text ? (
    <p className="whitespace-pre-line text-sm" lang="de">
      {text}
    </p>
  ) : (
    <p className="text-sm text-slate-700">{t('meetings:mode.noNarrative')}</p>
  )
}

function DecisionNote({ item, note, map }: { item: AgendaItem; note: string; map: Y.Map<unknown> | undefined }) {
  const { t } = useTranslation()
  const [text, setText] = useState(note)
  const focused = useRef(false)
  useEffect(() => {
    if (!focused.current) setText(note)
  }, [note])
  if (!map) {
    return (
      <section aria-labelledby="note-title" className="space-y-1">
        <h4 id="note-title" className="font-medium">
          {t('meetings:mode.note')}
        </h4>
        <p className="whitespace-pre-line text-sm" data-testid="decision-note">
          {note || t('meetings:mode.noNote')}
        </p>
      </section>
    )
  }
  const id = `note-${item.id}`
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="label">
        {t('meetings:mode.note')}
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={MAX_DECISION_NOTE}
        className="input"
        value={text}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false
          setText(note)
        }}
        onChange={(event) => {
          const value = event.currentTarget.value.slice(0, MAX_DECISION_NOTE)
          setText(value)
          writeNote(map, item.id, value)
        }}
      />
    </div>
  )
}
