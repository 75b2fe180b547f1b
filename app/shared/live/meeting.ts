import type * as Y from 'yjs'
import { FLAGS, type Attainment, type Flags, type ItemState } from '../vocabulary'
import { CURRENT_KEY, ENDED_KEY, itemNoteKey, itemStateKey, MAX_DECISION_NOTE, readMeeting, type AgreedRating } from './layout'

/**
 * What meeting mode writes, written once: the browser applies these functions to its own copy of the meeting
 * document (and of a measure's agreed document), the HTTP twin of every live action (/sitzungen/:id, intents
 * step, state, note, agree) applies them to the server's document through services.live.edit. So both paths
 * step, mark, note and agree the same way.
 *
 * Who may, and when, is not decided here but by the policy ('meeting.run' for the meeting document, 'work.agree'
 * for agreed ratings; the loader sends canRun and canAgree to the page, the server asks again). What is decided
 * here is what an action does to the documents: a step calls an item (everybody's screen goes there) and marks an
 * open item as discussed; before any item is called, "next" calls the first; an item of a measure becomes
 * "agreed" only once a rating is agreed; an agreement always names all five marks and the meeting.
 */

/** What the rules need to know about an agenda item. */
export type LiveItem = { id: number; kind: 'measure' | 'goal' }

export type Direction = 'next' | 'previous'

function transact(map: Y.Map<unknown>, change: () => void) {
  if (map.doc) map.doc.transact(change)
  else change()
}

/**
 * The item a step goes to, from the moderator's item one forward or back; before any item was called (or when
 * the called item is no longer on the agenda), "next" goes to the first item and "previous" nowhere. null:
 * there is nowhere to go.
 */
export function stepTarget(itemIds: readonly number[], current: number | null, direction: Direction): number | null {
  const index = current === null ? -1 : itemIds.indexOf(current)
  if (index === -1) return direction === 'next' ? (itemIds[0] ?? null) : null
  return itemIds[index + (direction === 'next' ? 1 : -1)] ?? null
}

/** Calls an item: it becomes the moderator's item, and an open item becomes discussed (any other state stays). */
export function callItem(map: Y.Map<unknown>, itemId: number): void {
  transact(map, () => {
    map.set(CURRENT_KEY, itemId)
    const state = map.get(itemStateKey(itemId))
    if (state === undefined || state === 'open') map.set(itemStateKey(itemId), 'discussed')
  })
}

/** One step from the moderator's item as the document holds it (see stepTarget); the item called, or null. */
export function step(map: Y.Map<unknown>, itemIds: readonly number[], direction: Direction): number | null {
  const target = stepTarget(itemIds, readMeeting(map).current, direction)
  if (target !== null) callItem(map, target)
  return target
}

/** Whether an item may take a state: "agreed" needs an agreed rating when the item is a measure (a goal as a
 * whole has no rating of its own). */
export function stateAllowed(item: LiveItem, state: ItemState, agreedAttainment: Attainment | null): boolean {
  return state !== 'agreed' || item.kind !== 'measure' || agreedAttainment !== null
}

/** Sets an item's state if stateAllowed; false (and nothing written) if not. */
export function setItemState(map: Y.Map<unknown>, item: LiveItem, state: ItemState, agreedAttainment: Attainment | null): boolean {
  if (!stateAllowed(item, state, agreedAttainment)) return false
  map.set(itemStateKey(item.id), state)
  return true
}

/** The decision note of an item, cut to the longest note the document admits. */
export function writeNote(map: Y.Map<unknown>, itemId: number, note: string): void {
  map.set(itemNoteKey(itemId), note.slice(0, MAX_DECISION_NOTE))
}

/** A change of the agreed rating: the attainment, and any marks. */
export type AgreedChange = { attainment?: Attainment | null; flags?: Partial<Flags> }

/**
 * Writes an agreed rating into a measure's agreed map. Every write names all five marks (a mark nobody agreed on
 * yet takes the proposal's value) and this meeting, which admission checks against the running meetings.
 */
export function agree(agreed: Y.Map<unknown>, change: AgreedChange, proposalFlags: Flags | null, meetingId: number): void {
  transact(agreed, () => {
    if (change.attainment !== undefined) agreed.set('attainment', change.attainment)
    for (const key of FLAGS) {
      const value = change.flags?.[key]
      if (value !== undefined) agreed.set(key, value)
      else if (typeof agreed.get(key) !== 'boolean') agreed.set(key, proposalFlags?.[key] ?? false)
    }
    agreed.set('meetingId', meetingId)
  })
}

/** Agrees the proposal as it stands: its attainment and all five of its marks. */
export function agreeAsProposed(agreed: Y.Map<unknown>, proposal: { attainment: Attainment | null; flags: Flags | null }, meetingId: number): void {
  const flags = Object.fromEntries(FLAGS.map((key) => [key, proposal.flags?.[key] ?? false])) as Flags
  agree(agreed, { attainment: proposal.attainment, flags }, proposal.flags, meetingId)
}

/** The agreed marks as a whole, or null while not all five are agreed. */
export function agreedMarks(agreed: AgreedRating): Flags | null {
  if (!FLAGS.every((key) => agreed.flags[key] !== null)) return null
  return Object.fromEntries(FLAGS.map((key) => [key, agreed.flags[key] === true])) as Flags
}

/** The meeting has ended: written by the server when it closes the meeting, read by every screen (readMeeting). */
export function markEnded(map: Y.Map<unknown>): void {
  map.set(ENDED_KEY, true)
}
