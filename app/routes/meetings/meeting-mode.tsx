import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { colorFor, type LiveDocument, type PresenceUser } from '~/collab/connection'
import { useLiveDocuments, useSaveState, useSynced, useYMap } from '~/collab/use-live'
import { ItemStateBadge, ItemTimeline, ItemTitle } from '~/routes/meetings/meeting-parts'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { LoadBoundary } from '~/ui/load-boundary'
import { AGREED_MAP, STATUS_MAP, CURRENT_KEY, itemNoteKey, itemStateKey, MAX_DECISION_NOTE, MEETING_MAP } from '~/shared/live/layout'
import { isItemState, type ItemState, itemStateLabel, attainmentLabel, flagLabel } from '~/shared/vocabulary'
import { FLAGS, isAttainment, type Attainment, type Flags } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'
import type { AgendaItem, MeetingData } from '~/routes/meetings/meeting'
import { MarkToggles, RatingControl } from '../../ui/rating-control'
import { SaveIndicator } from '../../collab/status'
import { type T } from '~/shared/i18n'

const NarrativeEditor = lazy(() => import('~/collab/narrative-editor'))

type Agreed = { attainment: Attainment | null; flags: Flags | null }

/** The agreed rating as its live document holds it; null marks where nothing is agreed yet. Until the document
 * has synced, what the loader sent. */
function useAgreed(live: LiveDocument | undefined, item: AgendaItem): Agreed {
  const map = live?.doc.getMap(AGREED_MAP) as Y.Map<unknown> | undefined
  const value = useYMap<Record<string, unknown>>(map)
  const synced = useSynced(live)
  if (!live || !synced) return { attainment: item.agreed, flags: item.agreedFlags }
  const attainment = isAttainment(value.attainment) ? value.attainment : null
  const flags = FLAGS.every((key) => typeof value[key] === 'boolean') ? (Object.fromEntries(FLAGS.map((key) => [key, value[key] === true])) as Flags) : null
  return { attainment, flags }
}

/** The unit's proposal as the measure's live document holds it (a unit may still change it during the meeting). */
function useProposal(live: LiveDocument | undefined, item: AgendaItem): { attainment: Attainment | null; flags: Flags | null } {
  const map = live && item.kind === 'measure' ? (live.doc.getMap(STATUS_MAP) as Y.Map<unknown>) : undefined
  const value = useYMap<Record<string, unknown>>(map)
  const synced = useSynced(live)
  if (!map || !synced) return { attainment: item.proposal, flags: item.proposalFlags }
  const flags = Object.fromEntries(FLAGS.map((key) => [key, value[key] === true])) as Flags
  return { attainment: isAttainment(value.attainment) ? value.attainment : null, flags }
}

/** In words, how the agreed rating differs from the unit's proposal; empty when it does not. */
export function differences(proposal: Agreed, agreed: Agreed, t: T): string[] {
  if (agreed.attainment === null && agreed.flags === null) return []
  const out: string[] = []
  if (agreed.attainment !== proposal.attainment) {
    const word = (value: Attainment | null) => (value ? t(attainmentLabel(value)) : 'ohne Bewertung')
    out.push(`Bewertung: Vorschlag ${word(proposal.attainment)}, abgestimmt ${word(agreed.attainment)}`)
  }
  if (agreed.flags && proposal.flags) {
    for (const key of FLAGS) {
      if (agreed.flags[key] !== proposal.flags[key]) out.push(`${t(flagLabel(key))}: ${agreed.flags[key] ? 'abgestimmt ja, vorgeschlagen nein' : 'vorgeschlagen ja, abgestimmt nein'}`)
    }
  }
  return out
}

/**
 * Meeting mode: the agenda on the left, the item in focus on the right. The moderator (who runs meetings) steps
 * through the agenda; every screen follows the moderator's item until its user stops following or picks another
 * item to look at on their own (that is private, also for a moderator: only "aufrufen" and the step buttons move
 * everybody). The coordinator sets the agreed rating live (the measure's agreed document),
 * the item's state and the decision note (the meeting document).
 */
export default function MeetingMode({ data }: { data: MeetingData }) {
  const { items, live, meeting } = data
  const moderator = data.canManage
  const user = { name: live.me.name, unit: live.me.unit, color: colorFor(live.me.id) }
  const names = [live.meetingDocument, ...items.flatMap((i) => (i.agreedDocument ? [i.agreedDocument] : []))]
  const docs = useLiveDocuments(names, user)
  const saveState = useSaveState(docs)
  const meetingLive = docs?.get(live.meetingDocument)
  const map = meetingLive?.doc.getMap(MEETING_MAP) as Y.Map<unknown> | undefined
  const state = useYMap<Record<string, unknown>>(map)
  const current = typeof state[CURRENT_KEY] === 'number' ? (state[CURRENT_KEY] as number) : null
  const stateOf = (item: AgendaItem): ItemState => {
    const value = state[itemStateKey(item.id)]
    return map ? (isItemState(value) ? value : 'open') : item.state
  }
  const noteOf = (item: AgendaItem): string => {
    const value = state[itemNoteKey(item.id)]
    return map ? (typeof value === 'string' ? value : '') : item.decisionNote
  }

  const [following, setFollowing] = useState(true)
  const [own, setOwn] = useState<number | null>(null)
  const first = items[0]?.id ?? null
  const shownId = following ? (current ?? own ?? first) : (own ?? current ?? first)
  const shown = items.find((i) => i.id === shownId) ?? items[0]
  const currentItem = items.find((i) => i.id === current)

  const step = useCallback(
    (item: AgendaItem) => {
      if (!map) return
      map.doc!.transact(() => {
        map.set(CURRENT_KEY, item.id)
        const value = map.get(itemStateKey(item.id))
        if (value === undefined || value === 'open') map.set(itemStateKey(item.id), 'discussed')
      })
    },
    [map],
  )

  // Tell screen readers where the moderator is, once per step.
  const [announcement, setAnnouncement] = useState('')
  const lastAnnounced = useRef<number | null>(null)
  useEffect(() => {
    if (!currentItem || lastAnnounced.current === currentItem.id) return
    lastAnnounced.current = currentItem.id
    setAnnouncement(`Die Moderation ist bei Punkt ${currentItem.number} von ${items.length}: ${currentItem.title}`)
  }, [currentItem, items.length])

  if (!shown) return <p>Die Tagesordnung ist leer.</p>
  // The moderator steps from the item everybody is at, whatever he is looking at himself.
  const index = items.indexOf(currentItem ?? shown)
  const stepTo = (item: AgendaItem) => {
    step(item)
    setOwn(item.id)
    setFollowing(true)
  }
  return (
    <section aria-labelledby="mode-title" className="space-y-4" data-testid="meeting-mode" data-current={current ?? ''} data-shown={shown.id}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 id="mode-title" className="text-xl font-semibold">
            Sitzungsmodus
          </h2>
          <p className="text-sm" data-testid="moderator-position">
            {currentItem ? `Moderation: Punkt ${currentItem.number} von ${items.length}` : 'Die Moderation hat noch keinen Punkt aufgerufen.'}
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
            <button type="button" className="btn-secondary" disabled={!map || index <= 0} onClick={() => stepTo(items[index - 1]!)}>
              ← Vorheriger Punkt
            </button>
            <button type="button" className="btn" disabled={!map || index >= items.length - 1} onClick={() => stepTo(items[index + 1]!)}>
              Nächster Punkt →
            </button>
            {current !== shown.id ? (
              <button type="button" className="btn-secondary" disabled={!map} onClick={() => stepTo(shown)} title="Alle Bildschirme gehen zu diesem Punkt">
                Punkt {shown.number} aufrufen
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
          Der Moderation folgen
        </button>
        <p className="text-sm" data-testid="follow-state">
          {following
            ? 'Ihr Bildschirm folgt der Moderation.'
            : moderator
              ? 'Sie sehen sich einen Punkt allein an; „aufrufen“ holt alle dorthin.'
              : 'Sie folgen der Moderation nicht; wählen Sie Punkte selbst.'}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(16rem,1fr)_2fr]">
        <nav aria-label="Tagesordnung" className="card">
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
          meetingMap={map}
          agreedLive={shown.agreedDocument ? docs?.get(shown.agreedDocument) : undefined}
          moderator={moderator}
          canAgree={data.canAgree}
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
  const agreed = useAgreed(live, item)
  return (
    <li data-item={item.id} data-state={state}>
      <button
        type="button"
        onClick={onSelect}
        aria-current={shown ? 'true' : undefined}
        className={`w-full rounded border px-2 py-1.5 text-left text-sm ${shown ? 'border-brand-700 bg-brand-50 font-semibold' : 'border-slate-300 bg-white hover:bg-slate-50'}`}
      >
        <span className="block">
          {item.number}. {item.kind === 'goal' ? `Ziel ${item.goalNumber} (als Ganzes)` : `Ziel ${item.goalNumber}: ${item.title.length > 70 ? `${item.title.slice(0, 69)}…` : item.title}`}
        </span>
        <span className="mt-0.5 flex flex-wrap items-center gap-2 font-normal">
          <ItemStateBadge state={state} />
          {item.kind === 'measure' && agreed.attainment ? <RatingBadge value={agreed.attainment} kind="agreed" /> : null}
          {current ? <span className="rounded bg-slate-800 px-1.5 text-xs text-white">Moderation</span> : null}
        </span>
      </button>
    </li>
  )
}

function ItemPanel({
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
  const setState = (value: ItemState) => meetingMap?.set(itemStateKey(item.id), value)
  return (
    <article className="card space-y-4" aria-labelledby="item-title" data-testid="item-panel" data-item={item.id}>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          Punkt {item.number} von {total}
        </p>
        <h3 id="item-title" className="text-lg font-semibold">
          <ItemTitle item={item} />
        </h3>
        {item.units.length ? (
          <p className="text-sm">
            Zuständig: {item.units.map((u) => `${u.name} (${u.role === 'lead' ? 'federführend' : 'beteiligt'})`).join(', ')}
          </p>
        ) : null}
        <p className="text-sm">
          Stand des Punktes: <ItemStateBadge state={state} />
        </p>
      </header>

      {item.kind === 'measure' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <section aria-labelledby="proposal-title" className="rounded border border-slate-300 p-3">
            <h4 id="proposal-title" className="mb-1 font-medium">
              Vorschlag der Einheit
            </h4>
            <div className="flex flex-wrap items-center gap-2" data-testid="item-proposal">
              <RatingBadge value={proposal.attainment} kind="proposal" />
              {proposal.flags ? <MarkIcons flags={proposal.flags} /> : null}
            </div>
          </section>
          <section aria-labelledby="agreed-title" className="rounded border border-slate-300 p-3">
            <h4 id="agreed-title" className="mb-1 font-medium">
              Abgestimmte Bewertung
            </h4>
            <div className="flex flex-wrap items-center gap-2" data-testid="item-agreed">
              {agreed.attainment || agreed.flags ? (
                <>
                  <RatingBadge value={agreed.attainment} kind="agreed" />
                  {agreed.flags ? <MarkIcons flags={agreed.flags} /> : null}
                </>
              ) : (
                <span>noch nicht abgestimmt</span>
              )}
            </div>
          </section>
          {diff.length ? (
            <div className="rounded border-2 border-amber-700 bg-amber-50 p-3 text-sm sm:col-span-2" data-testid="difference">
              <p className="font-medium">
                <span aria-hidden="true">≠ </span>Abstimmung weicht vom Vorschlag ab:
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
          <legend className="text-sm font-medium">Stand des Punktes setzen</legend>
          <div className="flex flex-wrap gap-2">
            {(['discussed', 'agreed', 'deferred', 'open'] as const).map((value) => (
              <button
                key={value}
                type="button"
                className={state === value ? 'btn' : 'btn-secondary'}
                aria-pressed={state === value}
                disabled={!meetingMap || (value === 'agreed' && item.kind === 'measure' && agreed.attainment === null)}
                onClick={() => setState(value)}
              >
                {t(itemStateLabel(value))}
              </button>
            ))}
          </div>
          {item.kind === 'measure' && agreed.attainment === null ? (
            <p className="text-sm text-slate-700">„abgestimmt“ geht erst, wenn eine Bewertung abgestimmt ist.</p>
          ) : null}
        </fieldset>
      ) : null}

      <DecisionNote item={item} note={note} map={moderator ? meetingMap : undefined} />

      <section aria-labelledby="narrative-title" className="space-y-1">
        <h4 id="narrative-title" className="font-medium">
          {item.kind === 'measure' ? 'Sachstand der Einheit' : 'Sachstand zum Ziel'}
        </h4>
        {itemLive ? (
          <LoadBoundary what="Der Editor">
            <Suspense fallback={<NarrativeText text={item.narrative} />}>
              <NarrativeEditor
                live={itemLive}
                user={user}
                editable={item.canEdit}
                label={item.kind === 'measure' ? `Sachstand: ${item.title}` : `Sachstand zu Ziel ${item.goalNumber}`}
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
            Verlauf über die Runden
          </h4>
          <ItemTimeline item={item} />
        </section>
      ) : null}
    </article>
  )
}

function NarrativeText({ text }: { text: string }) {
  return text ? <p className="whitespace-pre-line text-sm">{text}</p> : <p className="text-sm text-slate-700">Noch kein Sachstand.</p>
}

/** The coordinator's controls: agreed attainment and marks, written live into the measure's agreed document.
 * Every write sets all five marks (a mark nobody touched takes the proposal's value) and names this meeting. */
function AgreeControls({ item, proposal, live, meetingId }: { item: AgendaItem; proposal: Agreed; live: LiveDocument; meetingId: number }) {
  const map = live.doc.getMap(AGREED_MAP) as Y.Map<unknown>
  const agreed = useAgreed(live, item)
  const write = useCallback(
    (change: () => void) => {
      map.doc!.transact(() => {
        change()
        for (const key of FLAGS) if (typeof map.get(key) !== 'boolean') map.set(key, proposal.flags?.[key] ?? false)
        map.set('meetingId', meetingId)
      })
    },
    [map, proposal.flags, meetingId],
  )
  const flags = agreed.flags ?? proposal.flags ?? {}
  return (
    <section aria-labelledby="agree-title" className="space-y-3 rounded border border-brand-700 p-3">
      <h4 id="agree-title" className="font-medium">
        Bewertung abstimmen
      </h4>
      <button
        type="button"
        className="btn-secondary"
        disabled={proposal.attainment === null}
        onClick={() =>
          write(() => {
            map.set('attainment', proposal.attainment)
            for (const key of FLAGS) map.set(key, proposal.flags?.[key] ?? false)
          })
        }
      >
        Vorschlag übernehmen
      </button>
      <RatingControl
        value={agreed.attainment}
        onChange={(value) => write(() => map.set('attainment', value))}
        disabled={false}
        legend={`Abgestimmte Bewertung: ${item.title}`}
      />
      <MarkToggles value={flags} onChange={(flag, on) => write(() => map.set(flag, on))} disabled={false} legend={`Abgestimmte Merkmale: ${item.title}`} />
    </section>
  )
}

function DecisionNote({ item, note, map }: { item: AgendaItem; note: string; map: Y.Map<unknown> | undefined }) {
  const [text, setText] = useState(note)
  const focused = useRef(false)
  useEffect(() => {
    if (!focused.current) setText(note)
  }, [note])
  if (!map) {
    return (
      <section aria-labelledby="note-title" className="space-y-1">
        <h4 id="note-title" className="font-medium">
          Beschlussnotiz
        </h4>
        <p className="whitespace-pre-line text-sm" data-testid="decision-note">
          {note || 'Noch keine Beschlussnotiz.'}
        </p>
      </section>
    )
  }
  const id = `note-${item.id}`
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="label">
        Beschlussnotiz
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
          map.set(itemNoteKey(item.id), value)
        }}
      />
    </div>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
