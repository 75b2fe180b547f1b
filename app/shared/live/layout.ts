import type * as Y from 'yjs'
import { FLAGS, isAttainment, isItemState, type Attainment, type Flags, type ItemState } from '../vocabulary'

/**
 * The layout of Zielwerk's live Yjs documents, shared by the browser (which writes them) and the server
 * (which admits, stores and projects them). A document holds exactly these root types and keys; the server
 * refuses any update that adds something else.
 *
 *   measure  Y.Map 'status' { attainment: 'high'|'medium'|'low'|'unclear'|null, mandatory: boolean, routine,
 *            continue, responsibilityQuestionable, changedConditions }  +  Y.XmlFragment 'narrative' (Tiptap)
 *   goal     Y.XmlFragment 'narrative'
 *   agreed   Y.Map 'agreed' { attainment, the five marks, meetingId?: number|null }
 *   meeting  Y.Map 'meeting' { current: itemId|null (the moderator's item), 'state:<itemId>': 'open'|'discussed'|
 *            'agreed'|'deferred', 'note:<itemId>': decision note (plain text) } for the items of that meeting, and
 *            ended: true, which only the server writes when the meeting closes (a client's update never gets it
 *            past admission: by then the meeting no longer runs, and the key is not one a client may write)
 *   chapter  Y.XmlFragment 'narrative' (the chapter's text, same Tiptap extensions)  +  Y.Map 'chapter'
 *            { statistics: boolean } (print the generated statistics table at the chapter's end; field chapters)
 *
 * Absent keys mean "not set": attainment null, a mark false (agreed: not agreed yet).
 */

export const STATUS_MAP = 'status'
export const AGREED_MAP = 'agreed'
export const NARRATIVE = 'narrative'
export const MEETING_MAP = 'meeting'
export const CHAPTER_MAP = 'chapter'

export type LiveDocumentKind = 'measure' | 'goal' | 'agreed' | 'meeting' | 'chapter'

export const ROOTS: Record<LiveDocumentKind, Record<string, 'map' | 'xml'>> = {
  measure: { [STATUS_MAP]: 'map', [NARRATIVE]: 'xml' },
  goal: { [NARRATIVE]: 'xml' },
  agreed: { [AGREED_MAP]: 'map' },
  meeting: { [MEETING_MAP]: 'map' },
  chapter: { [NARRATIVE]: 'xml', [CHAPTER_MAP]: 'map' },
}

export const STATUS_KEYS = ['attainment', ...FLAGS] as const
export const AGREED_KEYS = ['attainment', ...FLAGS, 'meetingId'] as const
export const CHAPTER_KEYS = ['statistics'] as const

/** A chapter's settings as its map holds them: whether the generated statistics table follows its text. */
export function readChapter(map: Y.Map<unknown>): { statistics: boolean } {
  return { statistics: map.get('statistics') === true }
}

export type Rating = { attainment: Attainment | null; flags: Flags }
export type AgreedRating = { attainment: Attainment | null; flags: Record<keyof Flags, boolean | null>; meetingId: number | null }

/** The proposal as the status map holds it (tolerant: what the server admitted is always well-formed). */
export function readRating(map: Y.Map<unknown>): Rating {
  const attainment = map.get('attainment')
  const flags = {} as Flags
  for (const key of FLAGS) flags[key] = map.get(key) === true
  return { attainment: isAttainment(attainment) ? attainment : null, flags }
}

/** The agreed rating; a mark nobody agreed on yet is null. */
export function readAgreed(map: Y.Map<unknown>): AgreedRating {
  const attainment = map.get('attainment')
  const flags = {} as Record<keyof Flags, boolean | null>
  for (const key of FLAGS) {
    const value = map.get(key)
    flags[key] = typeof value === 'boolean' ? value : null
  }
  const meetingId = map.get('meetingId')
  return {
    attainment: isAttainment(attainment) ? attainment : null,
    flags,
    meetingId: typeof meetingId === 'number' && Number.isInteger(meetingId) ? meetingId : null,
  }
}

// ── Meeting mode ──────────────────────────────────────────────────────────────────────────────────────────

export const MAX_DECISION_NOTE = 4000

export const CURRENT_KEY = 'current'
/** Set by the server when the meeting closes, so that every open screen learns it at once (app/shared/live/meeting.ts). */
export const ENDED_KEY = 'ended'
export const itemStateKey = (itemId: number) => `state:${itemId}`
export const itemNoteKey = (itemId: number) => `note:${itemId}`

/** 'state:12' → { field: 'state', itemId: 12 }; anything else → null (so 'current' and strangers). */
export function parseItemKey(key: string): { field: 'state' | 'note'; itemId: number } | null {
  const match = /^(state|note):([1-9][0-9]{0,9})$/.exec(key)
  if (!match) return null
  const itemId = Number(match[2])
  return itemId < 2 ** 31 ? { field: match[1] as 'state' | 'note', itemId } : null
}

/** A meeting document as meeting mode reads it: the moderator's item, the items' states and notes, whether it ended. */
export type MeetingLive = { current: number | null; states: Map<number, ItemState>; notes: Map<number, string>; ended: boolean }

export function readMeeting(map: Y.Map<unknown>): MeetingLive {
  const current = map.get(CURRENT_KEY)
  const live: MeetingLive = {
    current: Number.isInteger(current) ? (current as number) : null,
    states: new Map(),
    notes: new Map(),
    ended: map.get(ENDED_KEY) === true,
  }
  map.forEach((value, key) => {
    const parsed = parseItemKey(key)
    if (!parsed) return
    if (parsed.field === 'state' && isItemState(value)) live.states.set(parsed.itemId, value)
    if (parsed.field === 'note' && typeof value === 'string') live.notes.set(parsed.itemId, value)
  })
  return live
}
