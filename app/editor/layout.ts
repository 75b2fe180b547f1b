import type * as Y from 'yjs'
import { ATTAINMENT_KEYS, FLAG_KEYS, isAttainment, type AttainmentKey, type Flags } from '../lib/rating'

/**
 * The layout of Zielwerk's live Yjs documents, shared by the browser (which writes them) and the server
 * (which admits, stores and projects them). A document holds exactly these root types and keys; the server
 * refuses any update that adds something else.
 *
 *   measure  Y.Map 'status' { attainment: 'high'|'medium'|'low'|'unclear'|null, mandatory: boolean, routine,
 *            continue, responsibilityQuestionable, changedConditions }  +  Y.XmlFragment 'narrative' (Tiptap)
 *   goal     Y.XmlFragment 'narrative'
 *   agreed   Y.Map 'agreed' { attainment, the five marks, meetingId?: number|null }
 *
 * Absent keys mean "not set": attainment null, a mark false (agreed: not agreed yet).
 */

export const STATUS_MAP = 'status'
export const AGREED_MAP = 'agreed'
export const NARRATIVE = 'narrative'

export type LiveDocumentKind = 'measure' | 'goal' | 'agreed'

export const ROOTS: Record<LiveDocumentKind, Record<string, 'map' | 'xml'>> = {
  measure: { [STATUS_MAP]: 'map', [NARRATIVE]: 'xml' },
  goal: { [NARRATIVE]: 'xml' },
  agreed: { [AGREED_MAP]: 'map' },
}

export const STATUS_KEYS = ['attainment', ...FLAG_KEYS] as const
export const AGREED_KEYS = ['attainment', ...FLAG_KEYS, 'meetingId'] as const

export { ATTAINMENT_KEYS, FLAG_KEYS }

export type Rating = { attainment: AttainmentKey | null; flags: Flags }
export type AgreedRating = { attainment: AttainmentKey | null; flags: Record<keyof Flags, boolean | null>; meetingId: number | null }

/** The proposal as the status map holds it (tolerant: what the server admitted is always well-formed). */
export function readRating(map: Y.Map<unknown>): Rating {
  const attainment = map.get('attainment')
  const flags = {} as Flags
  for (const key of FLAG_KEYS) flags[key] = map.get(key) === true
  return { attainment: isAttainment(attainment) ? attainment : null, flags }
}

/** The agreed rating; a mark nobody agreed on yet is null. */
export function readAgreed(map: Y.Map<unknown>): AgreedRating {
  const attainment = map.get('attainment')
  const flags = {} as Record<keyof Flags, boolean | null>
  for (const key of FLAG_KEYS) {
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
