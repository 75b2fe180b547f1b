import type { ContentMatch, MarkType, NodeType, Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { isAllowedHref, narrativeSchema } from '../../app/shared/live/extensions'
import { CLOSE } from '../../app/shared/live/close-codes'
import { INDICATOR_REFERENCE, referenceTextOf } from '../../app/shared/live/indicator-reference'
import type { Limits, PmJson, Violation } from './limits'

/**
 * Reading a narrative (Sachstand) in proportion to the change, not to the document.
 *
 * Admission checks every keystroke against the editor's schema and projection writes the narrative's JSON and
 * plain text in the same transaction. Converting the whole fragment each time (y-tiptap's
 * `yXmlFragmentToProsemirrorJSON`, then ProseMirror's `nodeFromJSON` and `check`, then the text) made both
 * cost O(document) per keystroke. Here every Y node (paragraph, list, list item, text run container) keeps its
 * derived part, the ProseMirror JSON, the plain-text lines and the first problem in it, until a transaction
 * changes it or anything below it: Yjs reports exactly those types in `transaction.changedParentTypes` (every
 * changed type and all its ancestors), and the reader drops their parts in the document's `afterTransaction`.
 * A keystroke then re-derives its text node, its paragraph and the root's list of parts.
 *
 * The rules are those of the whole-document check they replace (schema.ts keeps that one as the reference,
 * and narrative.test.ts compares both on random documents): node and mark types of the schema only, only the
 * schema's attributes with plain values, links http(s)/mailto, every child of a type its parent may contain,
 * every mark allowed where it sits, no embeds, no text outside a paragraph; list cardinality is forgiven (two
 * people each deleting one of two items is an honest edit). The JSON is byte for byte what y-tiptap produces.
 */

type Part = {
  /** This node as ProseMirror JSON: one node for an element, the text runs for a text container. */
  json: PmJson[]
  /** JSON nodes in `json` and below (what maxNarrativeNodes counts). */
  nodes: number
  /** The node read inline (text, hard breaks as line breaks). */
  inline: string
  /** The lines it adds to the plain text when read as a block. */
  lines: string[]
  /** The first rule it or anything below it breaks. */
  problem: string | null
  /** JSON.stringify(json[0]), once asked for (projection only). */
  jsonText?: string
}

export type Narrative = {
  /** JSON nodes including the doc node. */
  nodes: number
  /** An upper bound of the text's length (before trimming). */
  charsAtMost: number
  /** The first rule the narrative breaks, or null. */
  problem: string | null
  json(): PmJson
  /** The JSON as text, from the cached text of the unchanged blocks. */
  jsonText(): string
  text(): string
}

export type NarrativeRead = { violation: Violation } | { narrative: Narrative | null }

const MAX_ATTR_STRING = 2048
const hashedMarkName = /(.*)(--[a-zA-Z0-9+/=]{8})$/

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

/** Attribute values our nodes may carry, beyond "a primitive": ranges and the link target. */
export function attrProblem(owner: string, key: string, value: unknown): string | null {
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

const childTypes = new WeakMap<NodeType, Set<string>>()

/** Every node type that may appear anywhere in `type`'s content expression. */
export function allowedChildren(type: NodeType): Set<string> {
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

/** What ProseMirror's fromJSON would refuse about a node's or mark's attributes (missing required ones, a failing validate). */
function attrsRefused(type: NodeType | MarkType, attrs: Record<string, unknown>): string | null {
  for (const [name, spec] of Object.entries(type.spec.attrs ?? {})) {
    const given = Object.hasOwn(attrs, name)
    if (!given && !Object.hasOwn(spec, 'default')) return `${type.name}.${name} fehlt`
    if (typeof spec.validate === 'function' && given) {
      try {
        spec.validate(attrs[name])
      } catch {
        return `${type.name}.${name} ist ungültig`
      }
    }
  }
  return null
}

/** The checks of one text run's marks (the run's own text and marks, nothing else). */
function markProblem(schema: Schema, mark: { type: string; attrs?: unknown }): string | null {
  const markType = schema.marks[mark.type]
  if (!markType) return `Auszeichnung „${String(mark.type).slice(0, 40)}“ ist nicht erlaubt`
  const attrs = mark.attrs
  if (attrs !== undefined && attrs !== null) {
    if (!isPlainObject(attrs)) return `Attribute von ${mark.type} sind ungültig`
    for (const [key, value] of Object.entries(attrs)) {
      if (!(markType.spec.attrs && key in markType.spec.attrs)) return `Attribut ${mark.type}.${key.slice(0, 40)} ist nicht erlaubt`
      const problem = attrProblem(mark.type, key, value)
      if (problem) return problem
    }
  }
  if (mark.type === 'link' && !isAllowedHref((attrs as Record<string, unknown> | undefined)?.href)) return 'Link-Ziel ist nicht http(s) oder mailto'
  return attrsRefused(markType, isPlainObject(attrs) ? attrs : {})
}

function textPart(schema: Schema, text: Y.XmlText): Part {
  const json: PmJson[] = []
  let inline = ''
  let problem: string | null = null
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const node: PmJson = { type: 'text', text: op.insert as string }
    if (op.attributes) {
      // As y-tiptap: a mark per attribute, its value as the mark's attributes (hashed names are overlapping marks).
      node.marks = Object.keys(op.attributes).map((key) => ({ type: hashedMarkName.exec(key)?.[1] ?? key, attrs: op.attributes![key] }))
    }
    json.push(node)
    if (typeof op.insert !== 'string') {
      problem ??= 'Sachstand enthält eingebettete Objekte statt Text'
      continue
    }
    inline += op.insert
    for (const mark of node.marks ?? []) problem ??= markProblem(schema, mark)
  }
  return { json, nodes: json.length, inline, lines: [], problem }
}

/**
 * The parts of one document's narrative, kept until a transaction changes their node. One reader per Y.Doc
 * (the live document and admission's scratch copy each have their own).
 */
class NarrativeReader {
  private readonly parts = new WeakMap<AnyType, Part>()
  private readonly roots = new WeakMap<Y.XmlFragment, Root>()
  private readonly schema = narrativeSchema()

  constructor(doc: Y.Doc) {
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changedParentTypes.keys()) this.forget(type)
      // changedParentTypes leaves out types deleted in the transaction; their parents are in it.
      for (const type of transaction.changed.keys()) this.forget(type)
    })
  }

  private forget(type: AnyType) {
    this.parts.delete(type)
    if (type instanceof Y.XmlFragment) this.roots.delete(type)
  }

  private partOf(node: unknown): Part {
    if (node instanceof Y.XmlText) {
      let part = this.parts.get(node)
      if (!part) this.parts.set(node, (part = textPart(this.schema, node)))
      return part
    }
    if (node instanceof Y.XmlElement) {
      let part = this.parts.get(node)
      if (!part) this.parts.set(node, (part = this.elementPart(node)))
      return part
    }
    // y-tiptap cannot read anything else (XmlHook, …) either.
    return { json: [{ type: '(unbekannt)' }], nodes: 1, inline: '', lines: [], problem: 'Sachstand enthält Elemente, die kein Text und kein Absatz sind' }
  }

  private elementPart(element: Y.XmlElement): Part {
    const { schema } = this
    const name = element.nodeName
    const type = schema.nodes[name]
    const json: PmJson = { type: name }
    const attrs = element.getAttributes() as Record<string, unknown>
    if (Object.keys(attrs).length) json.attrs = attrs
    const children = element.toArray().map((child) => this.partOf(child))
    if (children.length) json.content = children.flatMap((child) => child.json)

    let problem: string | null = null
    if (!type) problem = `Knotentyp „${name.slice(0, 40)}“ ist nicht erlaubt`
    else if (name === 'text') problem = 'Textknoten ohne Text'
    else {
      for (const [key, value] of Object.entries(attrs)) {
        if (!(type.spec.attrs && key in type.spec.attrs)) {
          problem = `Attribut ${name}.${key.slice(0, 40)} ist nicht erlaubt`
          break
        }
        problem = attrProblem(name, key, value)
        if (problem) break
      }
      problem ??= attrsRefused(type, attrs)
      problem ??= childrenProblem(schema, type, json.content ?? [])
    }
    for (const child of children) problem ??= child.problem

    const content = json.content ?? []
    const inline = name === 'hardBreak' ? '\n' : name === INDICATOR_REFERENCE ? referenceTextOf(attrs) : children.map((child) => child.inline).join('')
    const readsInline = name === 'paragraph' || content.some((child) => child.type === 'text' || child.type === 'hardBreak')
    return {
      json: [json],
      nodes: 1 + children.reduce((sum, child) => sum + child.nodes, 0),
      inline,
      lines: readsInline ? [inline] : children.flatMap((child) => child.lines),
      problem,
    }
  }

  /** The narrative's parts as they are now, without judging them; null while the fragment is empty. */
  private root(fragment: Y.XmlFragment): Root | null {
    if (fragment.length === 0) return null
    let root = this.roots.get(fragment)
    if (root) return root
    const parts: Part[] = []
    let problem: string | null = null
    for (const child of fragment.toArray()) {
      if (child instanceof Y.XmlText) {
        // y-tiptap leaves a top-level text as a bare list of runs, which no schema node is.
        problem ??= 'Text steht außerhalb eines Absatzes'
        continue
      }
      const part = this.partOf(child)
      parts.push(part)
      problem ??= part.problem
    }
    problem ??= childrenProblem(this.schema, this.schema.topNodeType, parts.flatMap((part) => part.json))
    root = new Root(parts, problem)
    this.roots.set(fragment, root)
    return root
  }

  read(fragment: Y.XmlFragment, limits: Limits): NarrativeRead {
    const root = this.root(fragment)
    if (!root) return { narrative: null }
    if (root.problem) return { violation: { close: CLOSE.rejected, detail: root.problem } }
    if (root.nodes > limits.maxNarrativeNodes) {
      return { violation: { close: CLOSE.tooLarge, detail: `Sachstand hat mehr als ${limits.maxNarrativeNodes} Elemente` } }
    }
    // The untrimmed length bounds the text from above; only near the limit is the text itself built.
    if (root.charsAtMost > limits.maxNarrativeChars && root.text().length > limits.maxNarrativeChars) {
      return { violation: { close: CLOSE.tooLarge, detail: `Sachstand ist länger als ${limits.maxNarrativeChars} Zeichen` } }
    }
    return { narrative: root }
  }

  /** What projection stores, whatever the narrative holds (a server-side edit skips admission). */
  project(fragment: Y.XmlFragment): Narrative | null {
    return this.root(fragment)
  }
}

/** A whole narrative: the parts of its blocks, with the text and the JSON text built once, when asked for. */
class Root implements Narrative {
  readonly nodes: number
  readonly charsAtMost: number
  private textCache: string | undefined

  constructor(
    private readonly parts: Part[],
    readonly problem: string | null,
  ) {
    this.nodes = 1 + parts.reduce((sum, part) => sum + part.nodes, 0)
    let chars = 0
    let lines = 0
    for (const part of parts) {
      for (const line of part.lines) chars += line.length
      lines += part.lines.length
    }
    this.charsAtMost = chars + Math.max(0, lines - 1)
  }

  json(): PmJson {
    return { type: 'doc', content: this.parts.flatMap((part) => part.json) }
  }

  jsonText(): string {
    return `{"type":"doc","content":[${this.parts.map((part) => (part.jsonText ??= JSON.stringify(part.json[0]))).join(',')}]}`
  }

  text(): string {
    return (this.textCache ??= this.parts.flatMap((part) => part.lines).join('\n').trim())
  }
}

/** Every child of a type its parent may contain, every mark of a child allowed in the parent. */
function childrenProblem(schema: Schema, parent: NodeType, content: PmJson[]): string | null {
  const allowed = allowedChildren(parent)
  for (const child of content) {
    if (!allowed.has(child.type)) return `${String(child.type).slice(0, 40)} darf nicht in ${parent.name} stehen`
    for (const mark of child.marks ?? []) {
      const markType = schema.marks[mark.type]
      if (markType && !parent.allowsMarkType(markType)) return `Auszeichnung ${mark.type} ist in ${parent.name} nicht erlaubt`
    }
  }
  return null
}

const readers = new WeakMap<Y.Doc, NarrativeReader>()

function readerOf(fragment: Y.XmlFragment): NarrativeReader {
  const doc = fragment.doc
  if (!doc) throw new Error('Sachstand gehört zu keinem Dokument')
  let reader = readers.get(doc)
  if (!reader) readers.set(doc, (reader = new NarrativeReader(doc)))
  return reader
}

/** The narrative of `fragment` checked against the editor schema and the limits (admission). */
export function readNarrative(fragment: Y.XmlFragment, limits: Limits): NarrativeRead {
  return readerOf(fragment).read(fragment, limits)
}

/**
 * Admission reads the narrative on its scratch copy, which, once the live document has applied the admitted
 * update, holds exactly what the live document holds. From the acceptance until Hocuspocus has handled that
 * message, projection takes that reading instead of deriving the same again from the live document.
 */
const admitted = new WeakMap<Y.Doc, Narrative | null>()

export function shareAdmitted(live: Y.Doc, narrative: Narrative | null): void {
  admitted.set(live, narrative)
}

/** The live document changed in another way (or the message is handled): no shared reading any more. */
export function forgetAdmitted(live: Y.Doc): void {
  admitted.delete(live)
}

/** The narrative of `fragment` as projection stores it, unjudged; null while it is empty. */
export function narrativeOf(fragment: Y.XmlFragment): Narrative | null {
  const doc = fragment.doc
  if (doc && admitted.has(doc)) return admitted.get(doc)!
  return readerOf(fragment).project(fragment)
}
