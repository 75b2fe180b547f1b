import * as Y from 'yjs'
import { narrativeSchema } from '../../app/shared/live/extensions'
import { NARRATIVE } from '../../app/shared/live/layout'
import { allowedChildren, narrativeOf } from './narrative'
import type { Limits } from './schema'

/**
 * Plain typing, recognised without applying the update anywhere.
 *
 * Most updates of a live narrative are keystrokes: a few characters inserted into a paragraph, or a few
 * deleted. For those, admission need not apply the update to its scratch copy and read the narrative again:
 * the update is decoded, and it is plain typing when every struct in it
 *  - inserts a string (no node, no attribute, no formatting, no embed, no map value),
 *  - continues its client's clock without a gap (otherwise Yjs would park it: the full check refuses it),
 *  - lands in a text node that already exists, lies in the narrative, sits in a node that may hold text,
 *    and has never held formatting (so no zero-width mark can wrap the new characters),
 * and every deletion removes characters the document has (or this update brings). Such an update cannot add a
 * node type, an attribute, a mark, a link or a root; it can only make the text longer, which is bounded here
 * (characters and, for a text node that was empty, one node more). Anything else takes the full check.
 */

/** What a plain-typing update adds: characters, and JSON nodes (a text node that was empty becomes one). */
export type Typing = { chars: number; nodes: number }

/** Upper bounds of a live narrative that breaks no rule: JSON nodes and characters. */
export type NarrativeBounds = { nodes: number; charsAtMost: number }

const schema = narrativeSchema()

/** The integrated struct (Item or GC) that holds `id`, or null when the document does not have it. */
function structAt(store: Y.Doc['store'], id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(store, id.client)) return null
  const structs = store.clients.get(id.client)
  if (!structs) return null
  return structs[Y.findIndexSS(structs, id.clock)] ?? null
}

/** A text node of the narrative where plain characters may go, or null. */
function typable(type: unknown, narrative: Y.XmlFragment): Y.XmlText | null {
  if (!(type instanceof Y.XmlText) || type._hasFormatting || type._item === null || type._item.deleted) return null
  const element = type._item.parent
  if (!(element instanceof Y.XmlElement) || element._item === null || element._item.deleted) return null
  const nodeType = schema.nodes[element.nodeName]
  if (!nodeType || !allowedChildren(nodeType).has('text')) return null
  // Up to the root: it must be the narrative, through live elements only.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let up: Y.AbstractType<any> | null = element
  while (up !== null && up !== narrative) {
    const item: Y.Item | null = up._item
    if (item === null || item.deleted || !(item.parent instanceof Y.AbstractType)) return null
    up = item.parent
  }
  return up === narrative ? type : null
}

/**
 * The update as plain typing into `doc`'s narrative, or null when it needs the full check. `bounds` are what is known
 * of the narrative as it is (TypingLedger); without them it is read.
 */
export function plainTyping(doc: Y.Doc, update: Uint8Array, limits: Limits, bounds: NarrativeBounds | null = null): Typing | null {
  const narrative = doc.share.get(NARRATIVE)
  if (!(narrative instanceof Y.XmlFragment)) return null
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return null
  }
  const { store } = doc
  const next = new Map<number, number>()
  /** Items of this update, by client: their clock ranges and the text node they go into. */
  const fresh = new Map<number, { clock: number; end: number; text: Y.XmlText }[]>()
  const parentOfFresh = (id: Y.ID) => fresh.get(id.client)?.find((range) => range.clock <= id.clock && id.clock < range.end)?.text ?? null
  const targets = new Set<Y.XmlText>()
  let chars = 0
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString) || struct.parentSub !== null) return null
    const { client, clock } = struct.id
    const state = Y.getState(store, client)
    const end = clock + struct.length
    if (end <= state) continue // already there: Yjs skips it
    // A gap (Yjs would park it) or an overlap: the full check sorts it out.
    if (clock !== (next.get(client) ?? state)) return null
    next.set(client, end)
    let text: Y.XmlText | null = null
    if (struct.parent !== null) {
      if (!(struct.parent instanceof Y.ID)) return null // a root: no text directly under a root
      const parent = structAt(store, struct.parent)
      if (!(parent instanceof Y.Item) || !(parent.content instanceof Y.ContentType)) return null
      text = typable(parent.content.type, narrative)
    } else {
      // Yjs takes the parent of the left neighbour, else of the right one.
      const neighbour = struct.origin ?? struct.rightOrigin
      if (!neighbour) return null
      const inUpdate = parentOfFresh(neighbour)
      if (inUpdate) text = inUpdate
      else {
        const at = structAt(store, neighbour)
        if (!(at instanceof Y.Item)) return null
        text = typable(at.parent, narrative)
      }
      // The other neighbour, if any, must be in the same text node (else Yjs would see a conflict we do not model).
      const other = struct.origin && struct.rightOrigin ? struct.rightOrigin : null
      if (text && other) {
        const inUpdateOther = parentOfFresh(other)
        const otherText = inUpdateOther ?? (() => {
          const at = structAt(store, other)
          return at instanceof Y.Item ? at.parent : null
        })()
        if (otherText !== text) return null
      }
    }
    if (!text) return null
    let ranges = fresh.get(client)
    if (!ranges) fresh.set(client, (ranges = []))
    ranges.push({ clock, end, text })
    targets.add(text)
    chars += struct.length
  }

  for (const [client, deletions] of decoded.ds.clients) {
    for (const { clock, len } of deletions) {
      for (let at = clock; at < clock + len; ) {
        const own = fresh.get(client)?.find((range) => range.clock <= at && at < range.end)
        if (own) {
          at = own.end
          continue
        }
        const struct = structAt(store, Y.createID(client, at))
        // Only characters may go; a node, a mark, a map value takes the full check.
        if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString || struct.content instanceof Y.ContentDeleted)) return null
        at = struct.id.clock + struct.length
      }
    }
  }

  // What the reasoning above takes for granted: the narrative as it is breaks no rule.
  const now = bounds ?? boundsOf(narrative)
  if (!now) return null
  // The limits, from above: the narrative as it is plus what this update brings.
  const added = [...targets].filter((text) => text.length === 0).length
  if (now.nodes + added > limits.maxNarrativeNodes || now.charsAtMost + chars > limits.maxNarrativeChars) return null
  return { chars, nodes: added }
}

/** The narrative's bounds, read; null when it breaks a rule. */
function boundsOf(narrative: Y.XmlFragment): NarrativeBounds | null {
  const read = narrativeOf(narrative)
  if (read?.problem) return null
  return { nodes: read?.nodes ?? 1, charsAtMost: read?.charsAtMost ?? 0 }
}

type Ledger = NarrativeBounds & { expected: unknown; typing: Typing | null }

/**
 * Plain typing without reading the narrative on every keystroke. After one reading of a document's narrative
 * (breaking no rule), its bounds are kept and moved by each plain-typing update as the live document applies it:
 * characters and nodes only grow (a deletion leaves them as they were, so they stay upper bounds; at a limit the full
 * check takes over and reads the narrative again). Any other change of the document (an update that took the full
 * check, a server-side edit, a load) drops them. Admission says which connection's update it admitted as typing
 * (`admit`) and when that message is handled (`settle`); the document's 'update' event carries the connection in its
 * origin, so the admitted update is told apart from any other.
 */
export class TypingLedger {
  private readonly ledgers = new WeakMap<Y.Doc, Ledger>()
  private readonly followed = new WeakSet<Y.Doc>()

  admit(doc: Y.Doc, update: Uint8Array, limits: Limits, connection: unknown): Typing | null {
    this.follow(doc)
    let ledger = this.ledgers.get(doc)
    if (!ledger) {
      const narrative = doc.share.get(NARRATIVE)
      const bounds = narrative instanceof Y.XmlFragment ? boundsOf(narrative) : null
      if (!bounds) return null
      ledger = { ...bounds, expected: null, typing: null }
      this.ledgers.set(doc, ledger)
    }
    const typing = plainTyping(doc, update, limits, ledger)
    ledger.expected = typing && connection !== null ? connection : null
    ledger.typing = typing
    return typing
  }

  /** The message is handled, applied or not: nothing more is expected of it. */
  settle(doc: Y.Doc): void {
    const ledger = this.ledgers.get(doc)
    if (ledger) {
      ledger.expected = null
      ledger.typing = null
    }
  }

  private follow(doc: Y.Doc) {
    if (this.followed.has(doc)) return
    this.followed.add(doc)
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      const ledger = this.ledgers.get(doc)
      if (!ledger) return
      const connection = (origin as { connection?: unknown } | null)?.connection
      if (ledger.typing && ledger.expected !== null && connection === ledger.expected) {
        ledger.nodes += ledger.typing.nodes
        ledger.charsAtMost += ledger.typing.chars
        ledger.expected = null
        ledger.typing = null
        return
      }
      this.ledgers.delete(doc)
    })
  }
}
