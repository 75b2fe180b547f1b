import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { colorFor, type LiveDocument } from '~/collab/connection'
import { SaveIndicator } from '~/collab/status'
import { useLiveDocuments, useRefusal, useSaveState } from '~/collab/use-live'
import { RatingBadge } from '~/ui/rating-badge'
import { callItem, step, stepTarget, type Direction } from '~/shared/live/meeting'
import type { ItemState } from '~/shared/vocabulary'
import { ItemPanel } from './item-panel'
import { ItemStateBadge } from './meeting-parts'
import type { AgendaItem, MeetingData } from './types'
import { useAgreed, useMeetingLive } from './use-meeting-live'

/**
 * Meeting mode: the agenda on the left, the item in focus on the right. The moderator (who may run the meeting:
 * canRun) steps through the agenda; every screen follows the moderator's item until its user stops following or
 * picks another item to look at on their own (that is private, also for a moderator: only "aufrufen" and the step
 * buttons move everybody). The coordinator sets the agreed rating live (the measure's agreed document), the
 * item's state and the decision note (the meeting document). What each of these writes is
 * app/shared/live/meeting.ts, the same rules as the HTTP twin. When the meeting document says the meeting ended,
 * `onEnded` tells the page; so does the server closing the round's documents (4423: the round was closed, which
 * ends its meetings).
 */
export default function MeetingMode({ data, onEnded }: { data: MeetingData; onEnded: (why: 'meeting' | 'round') => void }) {
  const { t } = useTranslation()
  const { items, live, meeting } = data
  const moderator = data.canRun
  const user = useMemo(() => ({ name: live.me.name, unit: live.me.unit, color: colorFor(live.me.id) }), [live.me])
  const names = [live.meetingDocument, ...items.flatMap((i) => (i.agreedDocument ? [i.agreedDocument] : []))]
  const docs = useLiveDocuments(names, user)
  const saveState = useSaveState(docs)
  const meetingLive = useMeetingLive(docs?.get(live.meetingDocument))
  const map = meetingLive?.map
  const current = meetingLive?.meeting.current ?? null
  const roundClosed = useRefusal(names)?.code === 4423
  const ended = (meetingLive?.meeting.ended ?? false) || roundClosed
  const stateOf = (item: AgendaItem): ItemState => (meetingLive ? (meetingLive.meeting.states.get(item.id) ?? 'open') : item.state)
  const noteOf = (item: AgendaItem): string => (meetingLive ? (meetingLive.meeting.notes.get(item.id) ?? '') : item.decisionNote)

  const reported = useRef(false)
  useEffect(() => {
    if (!ended || reported.current) return
    reported.current = true
    onEnded(roundClosed ? 'round' : 'meeting')
  }, [ended, roundClosed, onEnded])

  const [following, setFollowing] = useState(true)
  const [own, setOwn] = useState<number | null>(null)
  const first = items[0]?.id ?? null
  const shownId = following ? (current ?? own ?? first) : (own ?? current ?? first)
  const shown = items.find((i) => i.id === shownId) ?? items[0]
  const currentItem = items.find((i) => i.id === current)

  // Tell screen readers where the moderator is, once per step.
  const [announcement, setAnnouncement] = useState('')
  const lastAnnounced = useRef<number | null>(null)
  useEffect(() => {
    if (!currentItem || lastAnnounced.current === currentItem.id) return
    lastAnnounced.current = currentItem.id
    setAnnouncement(t('meetings:mode.announce', { number: currentItem.number, total: items.length, title: currentItem.title }))
  }, [currentItem, items.length, t])

  if (!shown) return <p>{t('meetings:mode.empty')}</p>
  const ids = items.map((i) => i.id)
  const writable = moderator && !!map && !ended
  const afterCall = (itemId: number | null) => {
    if (itemId === null) return
    setOwn(itemId)
    setFollowing(true)
  }
  // The moderator steps from the item everybody is at, whatever he is looking at himself; before any item is
  // called, "next" calls the first.
  const stepButton = (direction: Direction) => (
    <button
      type="button"
      className={direction === 'next' ? 'btn' : 'btn-secondary'}
      disabled={!writable || stepTarget(ids, current, direction) === null}
      onClick={() => map && afterCall(step(map, ids, direction))}
    >
      {direction === 'next' ? t('meetings:mode.next') : t('meetings:mode.previous')}
    </button>
  )
  return (
    <section aria-labelledby="mode-title" className="space-y-4" data-testid="meeting-mode" data-current={current ?? ''} data-shown={shown.id}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 id="mode-title" className="text-xl font-semibold">
            {t('meetings:mode.title')}
          </h2>
          <p className="text-sm" data-testid="moderator-position">
            {currentItem ? t('meetings:mode.position', { number: currentItem.number, total: items.length }) : t('meetings:mode.noneCalled')}
          </p>
          <p className="sr-only" aria-live="polite">
            {announcement}
          </p>
        </div>
        <SaveIndicator state={saveState} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {moderator ? (
          <>
            {stepButton('previous')}
            {stepButton('next')}
            {current !== shown.id ? (
              <button
                type="button"
                className="btn-secondary"
                disabled={!writable}
                onClick={() => {
                  if (!map) return
                  callItem(map, shown.id)
                  afterCall(shown.id)
                }}
                title={t('meetings:mode.callHint')}
              >
                {t('meetings:mode.call', { number: shown.number })}
              </button>
            ) : null}
          </>
        ) : null}
        <button
          type="button"
          className={following ? 'btn' : 'btn-secondary'}
          aria-pressed={following}
          onClick={() => {
            if (following) setOwn(shown.id)
            setFollowing(!following)
          }}
        >
          {t('meetings:mode.follow')}
        </button>
        <p className="text-sm" data-testid="follow-state">
          {following ? t('meetings:mode.following') : moderator ? t('meetings:mode.lookingAloneModerator') : t('meetings:mode.notFollowing')}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(16rem,1fr)_2fr]">
        <nav aria-label={t('meetings:mode.agenda')} className="card">
          <ol className="space-y-1" data-testid="mode-agenda">
            {items.map((item) => (
              <AgendaEntry
                key={item.id}
                item={item}
                state={stateOf(item)}
                live={item.agreedDocument ? docs?.get(item.agreedDocument) : undefined}
                shown={item.id === shown.id}
                current={item.id === current}
                onSelect={() => {
                  // Looking at an item is private; only "aufrufen" and the step buttons move everybody.
                  setOwn(item.id)
                  setFollowing(item.id === current)
                }}
              />
            ))}
          </ol>
        </nav>
        <ItemPanel
          key={shown.id}
          item={shown}
          total={items.length}
          state={stateOf(shown)}
          note={noteOf(shown)}
          meetingMap={writable ? map : undefined}
          agreedLive={shown.agreedDocument ? docs?.get(shown.agreedDocument) : undefined}
          moderator={moderator}
          canAgree={data.canAgree && !ended}
          meetingId={meeting.id}
          user={user}
        />
      </div>
    </section>
  )
}

function AgendaEntry({
  item,
  state,
  live,
  shown,
  current,
  onSelect,
}: {
  item: AgendaItem
  state: ItemState
  live: LiveDocument | undefined
  shown: boolean
  current: boolean
  onSelect: () => void
}) {
  const { t } = useTranslation()
  const agreed = useAgreed(live, item)
  const title = item.title.length > 70 ? `${item.title.slice(0, 69)}…` : item.title
  return (
    <li data-item={item.id} data-state={state}>
      <button
        type="button"
        onClick={onSelect}
        aria-current={shown ? 'true' : undefined}
        className={`w-full rounded border px-2 py-1.5 text-left text-sm ${shown ? 'border-brand-700 bg-brand-50 font-semibold' : 'border-slate-300 bg-white hover:bg-slate-50'}`}
      >
        <span className="block">
          {item.number}.{' '}
          {item.kind === 'goal' ? (
            t('meetings:item.goalWhole', { number: item.goalNumber })
          ) : (
            <>
              {t('meetings:item.goal', { number: item.goalNumber })}: <span lang="de">{title}</span>
            </>
          )}
        </span>
        <span className="mt-0.5 flex flex-wrap items-center gap-2 font-normal">
          <ItemStateBadge state={state} />
          {item.kind === 'measure' && agreed.attainment ? <RatingBadge value={agreed.attainment} kind="agreed" /> : null}
          {current ? <span className="rounded bg-slate-800 px-1.5 text-xs text-white">{t('meetings:mode.moderation')}</span> : null}
        </span>
      </button>
    </li>
  )
}
