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
 *   poster   Y.Map 'cards' { <cardKey>: Y.Map { text, category, target, language, author?, createdAt } }: a table's
 *            feedback cards in one work phase (POSTER_CARD below); a card is added whole and removed whole, never
 *            changed by a client (only the server's moderation moves one)
 *
 * Absent keys mean "not set": attainment null, a mark false (agreed: not agreed yet).
 */

export const STATUS_MAP = 'status'
export const AGREED_MAP = 'agreed'
export const NARRATIVE = 'narrative'
export const MEETING_MAP = 'meeting'
export const CHAPTER_MAP = 'chapter'
export const CARDS_MAP = 'cards'

export type LiveDocumentKind = 'measure' | 'goal' | 'agreed' | 'meeting' | 'chapter' | 'poster'

export const ROOTS: Record<LiveDocumentKind, Record<string, 'map' | 'xml'>> = {
  measure: { [STATUS_MAP]: 'map', [NARRATIVE]: 'xml' },
  goal: { [NARRATIVE]: 'xml' },
  agreed: { [AGREED_MAP]: 'map' },
  meeting: { [MEETING_MAP]: 'map' },
  chapter: { [NARRATIVE]: 'xml', [CHAPTER_MAP]: 'map' },
  poster: { [CARDS_MAP]: 'map' },
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

// ── Table posters (forums, phase B) ───────────────────────────────────────────────────────────────────────────

/** The longest card text, on a poster and over HTTP alike (server/services/forums/feedback.ts CARD_TEXT_MAX is this). */
export const POSTER_TEXT_MAX = 500
export const POSTER_AUTHOR_MAX = 80
/** A card's key: made by the client that adds it (a UUID), the key its projection row keeps (forum_feedback.card_key). */
export const CARD_KEY_PATTERN = /^[A-Za-z0-9_-]{8,40}$/
/** A BCP 47 tag as the pages write it (de, ar, uk, de-DE …). */
const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/

/** The keys of one card's map; `author` (a name, voluntary) may be absent. */
export const POSTER_CARD_KEYS = ['text', 'category', 'target', 'language', 'author', 'createdAt'] as const

/** What a card is about, as the feedback form sends it: 'concept', 'field:<id>', 'challenge:<id>', 'goal:<number>', 'measure:<id>'. */
export type PosterTarget = { target: 'concept' } | { target: 'field' | 'challenge' | 'goal' | 'measure'; id: number }

export function parsePosterTarget(value: unknown): PosterTarget | null {
  if (value === 'concept') return { target: 'concept' }
  if (typeof value !== 'string') return null
  const match = /^(field|challenge|goal|measure):([1-9][0-9]{0,8})$/.exec(value)
  return match ? { target: match[1] as 'field' | 'challenge' | 'goal' | 'measure', id: Number(match[2]) } : null
}

/** One card as a poster holds it (category: the id of a category of the poster's phase). */
export type PosterCard = { key: string; text: string; category: number; target: string; language: string; author: string; createdAt: number }

/** The card in its map, or null when it is not well-formed (admission lets none such in; a reader stays tolerant). */
export function readPosterCard(key: string, map: unknown): PosterCard | null {
  if (!CARD_KEY_PATTERN.test(key) || typeof map !== 'object' || map === null || typeof (map as Y.Map<unknown>).get !== 'function') return null
  const card = map as Y.Map<unknown>
  const text = card.get('text')
  const category = card.get('category')
  const target = card.get('target')
  const language = card.get('language')
  const author = card.get('author')
  const createdAt = card.get('createdAt')
  if (typeof text !== 'string' || !Number.isInteger(category) || typeof target !== 'string' || typeof language !== 'string' || !Number.isFinite(createdAt)) return null
  return { key, text, category: category as number, target, language, author: typeof author === 'string' ? author : '', createdAt: createdAt as number }
}

/** Every well-formed card of a poster, oldest first. */
export function readPoster(cards: Y.Map<unknown>): PosterCard[] {
  const out: PosterCard[] = []
  cards.forEach((value, key) => {
    const card = readPosterCard(key, value)
    if (card) out.push(card)
  })
  return out.sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key))
}

/**
 * What is wrong with one card's map, or null: only the card's keys, text 1..POSTER_TEXT_MAX characters, a category
 * and target that parse (admission asks the database whether they exist), a language tag, an author of at most
 * POSTER_AUTHOR_MAX characters, a time. `tooLarge` distinguishes what gets 4413 from what gets 4422.
 */
export function posterCardProblem(key: string, map: unknown): { tooLarge: boolean; detail: string } | null {
  if (!CARD_KEY_PATTERN.test(key)) return { tooLarge: key.length > 40, detail: `Kartenschlüssel „${key.slice(0, 40)}“ ist ungültig` }
  if (typeof map !== 'object' || map === null || typeof (map as Y.Map<unknown>).get !== 'function' || !('_map' in map)) return { tooLarge: false, detail: 'Karte ist keine Zuordnung' }
  const card = map as Y.Map<unknown>
  for (const k of card.keys()) if (!(POSTER_CARD_KEYS as readonly string[]).includes(k)) return { tooLarge: false, detail: `Feld „${k.slice(0, 40)}“ ist auf einer Karte nicht vorgesehen` }
  const text = card.get('text')
  if (typeof text !== 'string' || text.trim().length === 0) return { tooLarge: false, detail: 'Karte ohne Text' }
  if (text.length > POSTER_TEXT_MAX) return { tooLarge: true, detail: `Kartentext länger als ${POSTER_TEXT_MAX} Zeichen` }
  const category = card.get('category')
  if (!Number.isInteger(category) || (category as number) < 1 || (category as number) >= 2 ** 31) return { tooLarge: false, detail: 'Kategorie ist keine Nummer' }
  if (!parsePosterTarget(card.get('target'))) return { tooLarge: false, detail: 'Bezug ist ungültig' }
  const language = card.get('language')
  if (typeof language !== 'string' || !LANGUAGE_PATTERN.test(language)) return { tooLarge: false, detail: 'Sprache ist kein Sprachkürzel' }
  const author = card.get('author')
  if (author !== undefined && typeof author !== 'string') return { tooLarge: false, detail: 'Name ist kein Text' }
  if (typeof author === 'string' && author.length > POSTER_AUTHOR_MAX) return { tooLarge: true, detail: `Name länger als ${POSTER_AUTHOR_MAX} Zeichen` }
  const createdAt = card.get('createdAt')
  if (!Number.isInteger(createdAt) || (createdAt as number) < 0) return { tooLarge: false, detail: 'Zeitpunkt ist ungültig' }
  return null
}
