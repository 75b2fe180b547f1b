import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { AGREED_KEYS, AGREED_MAP, CHAPTER_KEYS, CHAPTER_MAP, CURRENT_KEY, MAX_DECISION_NOTE, MEETING_MAP, NARRATIVE, parseItemKey, ROOTS, STATUS_KEYS, STATUS_MAP, type LiveDocumentKind } from '../../app/shared/live/layout'
import { ATTAINMENTS, FLAGS, isItemState } from '../../app/shared/vocabulary'
import { CLOSE } from '../../app/shared/live/close-codes'
import { INDICATOR_REFERENCE, referenceTextOf } from '../../app/shared/live/indicator-reference'
import { DEFAULT_LIMITS, type Limits, type PmJson, type Violation } from './limits'
import { readNarrative } from './narrative'

/**
 * What a live document may contain (the layout is in app/shared/live/layout.ts, the narrative's node and mark types
 * in app/shared/live/extensions.ts). Admission runs `checkDocument` on a scratch copy with the incoming update
 * applied; the narrative is read incrementally (narrative.ts), and so is what projection stores.
 */

export { DEFAULT_LIMITS, type Limits, type PmJson, type Violation } from './limits'

/**
 * The narrative as ProseMirror JSON read in one go, or null while the fragment is empty (a narrative nobody has
 * opened in the editor yet). Reads only; y-tiptap's schema-aware converters would silently delete invalid
 * elements. The live paths read incrementally (narrative.ts); tests hold that reading against this one.
 */
export function narrativeJson(fragment: Y.XmlFragment): PmJson | null {
  if (fragment.length === 0) return null
  return yXmlFragmentToProsemirrorJSON(fragment) as PmJson
}

/** Plain text of a narrative (from its JSON): blocks on lines of their own, hard breaks as line breaks. */
export function narrativeText(json: PmJson | null): string {
  if (!json) return ''
  const inline = (node: PmJson): string => {
    if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
    if (node.type === 'hardBreak') return '\n'
    if (node.type === INDICATOR_REFERENCE) return referenceTextOf(node.attrs)
    return (node.content ?? []).map(inline).join('')
  }
  const lines: string[] = []
  const walk = (node: PmJson) => {
    const children = node.content ?? []
    if (children.some((c) => c.type === 'text' || c.type === 'hardBreak') || node.type === 'paragraph') {
      lines.push(inline(node))
      return
    }
    children.forEach(walk)
  }
  walk(json)
  return lines.join('\n').trim()
}

// Yjs internals (declared in its types) we rely on to see content that a typed view would hide: array items in
// a map root, keys on a fragment, a root of a type nobody asked for.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function hasLiveSequence(type: Y.AbstractType<any>): boolean {
  for (let item = type._start; item; item = item.right) if (!item.deleted) return true
  return false
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function hasLiveKeys(type: Y.AbstractType<any>): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true
  return false
}

function checkMap(map: Y.Map<unknown>, allowed: readonly string[], kind: 'status' | 'agreed'): string | null {
  let problem: string | null = null
  map.forEach((value, key) => {
    if (problem) return
    if (!allowed.includes(key)) {
      problem = `Feld „${key.slice(0, 40)}“ ist im Dokument nicht vorgesehen`
    } else if (key === 'attainment') {
      if (value !== null && !(typeof value === 'string' && (ATTAINMENTS as readonly string[]).includes(value))) {
        problem = 'Bewertung ist nicht hoch, mittel, gering, unklar oder leer'
      }
    } else if (key === 'meetingId') {
      if (value !== null && !(Number.isInteger(value) && (value as number) > 0 && (value as number) < 2 ** 31)) {
        problem = 'Sitzungsnummer ist ungültig'
      }
    } else if ((FLAGS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') problem = `Kennzeichen „${key}“ ist nicht ja/nein`
    }
  })
  if (!problem && kind === 'status' && map.has('meetingId')) problem = 'Feld „meetingId“ ist im Dokument nicht vorgesehen'
  return problem
}

/** A meeting's map: the current item and item keys only for the meeting's own items, states from the list,
 * notes as bounded plain text. */
function checkMeeting(map: Y.Map<unknown>, itemIds: ReadonlySet<number>): string | null {
  let problem: string | null = null
  map.forEach((value, key) => {
    if (problem) return
    if (key === CURRENT_KEY) {
      if (value !== null && !(Number.isInteger(value) && itemIds.has(value as number))) problem = 'Aktueller Punkt gehört nicht zur Tagesordnung'
      return
    }
    const parsed = parseItemKey(key)
    if (!parsed) {
      problem = `Feld „${key.slice(0, 40)}“ ist im Dokument nicht vorgesehen`
    } else if (!itemIds.has(parsed.itemId)) {
      problem = `Punkt ${parsed.itemId} gehört nicht zur Tagesordnung`
    } else if (parsed.field === 'state' && !isItemState(value)) {
      problem = 'Status ist nicht offen, besprochen, abgestimmt oder vertagt'
    } else if (parsed.field === 'note' && (typeof value !== 'string' || value.length > MAX_DECISION_NOTE)) {
      problem = `Beschlussnotiz ist kein Text oder länger als ${MAX_DECISION_NOTE} Zeichen`
    }
  })
  return problem
}

/** The kinds whose documents hold a narrative fragment (the one Tiptap extension list): admission and projection read it. */
export const hasNarrative = (kind: LiveDocumentKind): boolean => kind === 'measure' || kind === 'goal' || kind === 'chapter'

/** A chapter's settings map: only `statistics`, and only yes/no. */
function checkChapter(map: Y.Map<unknown>): string | null {
  let problem: string | null = null
  map.forEach((value, key) => {
    if (problem) return
    if (!(CHAPTER_KEYS as readonly string[]).includes(key)) problem = `Feld „${key.slice(0, 40)}“ ist im Dokument nicht vorgesehen`
    else if (typeof value !== 'boolean') problem = 'Statistik ist nicht ja/nein'
  })
  return problem
}

/**
 * Checks a whole document of the given kind: only the layout's root types, only known keys with well-formed
 * values in the maps, and a narrative the editor schema accepts. Returns the first violation, or null.
 */
export function checkDocument(
  kind: LiveDocumentKind,
  doc: Y.Doc,
  limits: Limits = DEFAULT_LIMITS,
  /** Which typed roots to check in depth; by default all. Admission passes the roots its update touched. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  touched: (type: Y.AbstractType<any>) => boolean = () => true,
  /** Meeting documents: the ids of the meeting's agenda items. */
  meetingItems: ReadonlySet<number> = new Set(),
): Violation | null {
  const roots = ROOTS[kind]
  for (const [name, type] of doc.share) {
    const expected = roots[name]
    if (!expected) {
      // A root that an update mentions but that holds nothing (e.g. only deletions) is harmless.
      if (hasLiveSequence(type) || hasLiveKeys(type)) {
        return { close: CLOSE.rejected, detail: `Bereich „${name.slice(0, 40)}“ ist im Dokument nicht vorgesehen` }
      }
      continue
    }
    if (expected === 'map' && hasLiveSequence(type)) {
      return { close: CLOSE.rejected, detail: `Bereich „${name}“ ist keine Zuordnung` }
    }
    if (expected === 'xml' && hasLiveKeys(type)) {
      return { close: CLOSE.rejected, detail: `Bereich „${name}“ hat unerwartete Schlüssel` }
    }
  }
  if (kind === 'measure' && touched(doc.getMap(STATUS_MAP))) {
    const problem = checkMap(doc.getMap(STATUS_MAP), STATUS_KEYS, 'status')
    if (problem) return { close: CLOSE.rejected, detail: problem }
  }
  if (kind === 'agreed' && touched(doc.getMap(AGREED_MAP))) {
    const problem = checkMap(doc.getMap(AGREED_MAP), AGREED_KEYS, 'agreed')
    if (problem) return { close: CLOSE.rejected, detail: problem }
  }
  if (kind === 'meeting' && touched(doc.getMap(MEETING_MAP))) {
    const problem = checkMeeting(doc.getMap(MEETING_MAP), meetingItems)
    if (problem) return { close: CLOSE.rejected, detail: problem }
  }
  if (kind === 'chapter' && touched(doc.getMap(CHAPTER_MAP))) {
    const problem = checkChapter(doc.getMap(CHAPTER_MAP))
    if (problem) return { close: CLOSE.rejected, detail: problem }
  }
  if (hasNarrative(kind) && touched(doc.getXmlFragment(NARRATIVE))) {
    const result = readNarrative(doc.getXmlFragment(NARRATIVE), limits)
    if ('violation' in result) return result.violation
  }
  return null
}
