import type { ContentMatch, Node as PmNode, NodeType, Schema } from '@tiptap/pm/model'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { isAllowedHref, narrativeSchema } from '../../app/shared/live/extensions'
import { AGREED_KEYS, AGREED_MAP, CURRENT_KEY, MAX_DECISION_NOTE, MEETING_MAP, NARRATIVE, parseItemKey, ROOTS, STATUS_KEYS, STATUS_MAP, type LiveDocumentKind } from '../../app/shared/live/layout'
import { ATTAINMENTS, FLAGS, isItemState } from '../../app/shared/vocabulary'
import { CLOSE, type CloseCode } from '../../app/shared/live/close-codes'

/**
 * What a live document may contain (the layout is in app/shared/live/layout.ts, the narrative's node and mark types
 * in app/shared/live/extensions.ts). Admission runs `checkDocument` on a scratch copy with the incoming update
 * applied; projection reads narratives with `narrativeJson` and `narrativeText`.
 */

export type Limits = {
  /** Bytes of one incoming update (one sync message). The WebSocket frame limit (maxPayload) sits above it. */
  maxUpdateBytes: number
  /** Characters of a narrative's plain text. */
  maxNarrativeChars: number
  /** ProseMirror nodes of a narrative (paragraphs, list items, text runs, …). */
  maxNarrativeNodes: number
}

export const DEFAULT_LIMITS: Limits = {
  maxUpdateBytes: 1024 * 1024,
  maxNarrativeChars: 100_000,
  maxNarrativeNodes: 20_000,
}

export type Violation = { close: CloseCode; detail: string }

export type PmJson = { type: string; attrs?: Record<string, unknown>; content?: PmJson[]; text?: string; marks?: { type: string; attrs?: unknown }[] }

const MAX_ATTR_STRING = 2048

/** Attribute values our nodes may carry, beyond "a primitive": ranges and the link target. */
function attrProblem(owner: string, key: string, value: unknown): string | null {
  if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return `${owner}.${key} ist kein einfacher Wert`
  }
  if (typeof value === 'string' && value.length > MAX_ATTR_STRING) return `${owner}.${key} ist zu lang`
  if (owner === 'link' && key === 'href' && !isAllowedHref(value)) return 'Link-Ziel ist nicht http(s) oder mailto'
  if (owner === 'orderedList' && key === 'start' && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1_000_000)) {
    return 'orderedList.start ist keine gültige Zahl'
  }
  return null
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

/** Walks the JSON that y-tiptap produced: only the schema's attributes, with plain values; links checked. */
function checkJson(schema: Schema, node: PmJson, counter: { nodes: number }): string | null {
  counter.nodes++
  const type = schema.nodes[node.type]
  if (!type) return `Knotentyp „${String(node.type).slice(0, 40)}“ ist nicht erlaubt`
  if (node.attrs !== undefined) {
    if (!isPlainObject(node.attrs)) return `Attribute von ${node.type} sind ungültig`
    for (const [key, value] of Object.entries(node.attrs)) {
      if (!(type.spec.attrs && key in type.spec.attrs)) return `Attribut ${node.type}.${key.slice(0, 40)} ist nicht erlaubt`
      const problem = attrProblem(node.type, key, value)
      if (problem) return problem
    }
  }
  for (const mark of node.marks ?? []) {
    const markType = schema.marks[mark.type]
    if (!markType) return `Auszeichnung „${String(mark.type).slice(0, 40)}“ ist nicht erlaubt`
    if (mark.attrs !== undefined && mark.attrs !== null) {
      if (!isPlainObject(mark.attrs)) return `Attribute von ${mark.type} sind ungültig`
      for (const [key, value] of Object.entries(mark.attrs)) {
        if (!(markType.spec.attrs && key in markType.spec.attrs)) return `Attribut ${mark.type}.${key.slice(0, 40)} ist nicht erlaubt`
        const problem = attrProblem(mark.type, key, value)
        if (problem) return problem
      }
    }
    if (mark.type === 'link' && !isAllowedHref((mark.attrs as Record<string, unknown> | undefined)?.href)) {
      return 'Link-Ziel ist nicht http(s) oder mailto'
    }
  }
  for (const child of node.content ?? []) {
    const problem = checkJson(schema, child, counter)
    if (problem) return problem
  }
  return null
}

/**
 * The narrative as ProseMirror JSON, or null while the fragment is empty (a narrative nobody has opened in the
 * editor yet). Reads only; y-tiptap's schema-aware converters would silently delete invalid elements.
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

export type Narrative = { json: PmJson; text: string } | null

const childTypes = new WeakMap<NodeType, Set<string>>()

/** Every node type that may appear anywhere in `type`'s content expression. */
function allowedChildren(type: NodeType): Set<string> {
  let allowed = childTypes.get(type)
  if (allowed) return allowed
  allowed = new Set<string>()
  const seen = new Set<ContentMatch>()
  const queue: ContentMatch[] = [type.contentMatch]
  while (queue.length > 0) {
    const match = queue.pop()!
    if (seen.has(match)) continue
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i)
      allowed.add(edge.type.name)
      queue.push(edge.next)
    }
  }
  childTypes.set(type, allowed)
  return allowed
}

function structureProblem(node: PmNode): string | null {
  let problem: string | null = null
  const allowed = allowedChildren(node.type)
  node.forEach((child) => {
    if (problem) return
    if (!allowed.has(child.type.name)) {
      problem = `${child.type.name} darf nicht in ${node.type.name} stehen`
      return
    }
    for (const mark of child.marks) {
      if (!node.type.allowsMarkType(mark.type)) {
        problem = `Auszeichnung ${mark.type.name} ist in ${node.type.name} nicht erlaubt`
        return
      }
    }
    problem = structureProblem(child)
  })
  return problem
}

function checkNarrative(fragment: Y.XmlFragment, limits: Limits): { narrative: Narrative } | { violation: Violation } {
  const schema = narrativeSchema()
  let json: PmJson | null
  try {
    json = narrativeJson(fragment)
  } catch {
    return { violation: { close: CLOSE.rejected, detail: 'Sachstand enthält Elemente, die kein Text und kein Absatz sind' } }
  }
  if (json === null) return { narrative: null }
  const counter = { nodes: 0 }
  const problem = checkJson(schema, json, counter)
  if (problem) return { violation: { close: CLOSE.rejected, detail: problem } }
  if (counter.nodes > limits.maxNarrativeNodes) {
    return { violation: { close: CLOSE.tooLarge, detail: `Sachstand hat mehr als ${limits.maxNarrativeNodes} Elemente` } }
  }
  let node: PmNode
  try {
    node = schema.nodeFromJSON(json)
  } catch (error) {
    return { violation: { close: CLOSE.rejected, detail: `Sachstand passt nicht zum Editor: ${(error as Error).message.slice(0, 120)}` } }
  }
  try {
    node.check()
  } catch {
    // check() also fails on a list that lost all its items. Honest concurrent edits produce that (two people
    // each delete one of the two items), and rejecting it would shut out a client that did nothing wrong, over
    // and over on every reconnect. So only cardinality is forgiven: every child must still be of a type its
    // parent may contain, every mark allowed where it sits.
    const problem = structureProblem(node)
    if (problem) return { violation: { close: CLOSE.rejected, detail: `Sachstand passt nicht zum Editor: ${problem}` } }
  }
  const text = narrativeText(json)
  if (text.length > limits.maxNarrativeChars) {
    return { violation: { close: CLOSE.tooLarge, detail: `Sachstand ist länger als ${limits.maxNarrativeChars} Zeichen` } }
  }
  return { narrative: { json, text } }
}

/** Yjs internals we rely on to see content that a typed view would hide (array items in a map root, …). */
type TypeInternals = { _start: { deleted: boolean; right: unknown } | null; _map: Map<string, { deleted: boolean }> }

function hasLiveSequence(type: Y.AbstractType<any>): boolean {
  let item = (type as unknown as TypeInternals)._start as { deleted: boolean; right: unknown } | null
  while (item) {
    if (!item.deleted) return true
    item = item.right as typeof item
  }
  return false
}

function hasLiveKeys(type: Y.AbstractType<any>): boolean {
  for (const item of (type as unknown as TypeInternals)._map.values()) if (!item.deleted) return true
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
  if ((kind === 'measure' || kind === 'goal') && touched(doc.getXmlFragment(NARRATIVE))) {
    const result = checkNarrative(doc.getXmlFragment(NARRATIVE), limits)
    if ('violation' in result) return result.violation
  }
  return null
}
