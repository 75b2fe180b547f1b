import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { checkDocument, DEFAULT_LIMITS } from './schema'
import { plainTyping, TypingLedger } from './typing'
import { cloneDoc, hasPending } from './ydoc'

/**
 * Plain typing is a shortcut of admission, so it must never let through what the full check refuses. Random
 * documents, random candidate updates (keystrokes and deletions, but also formatting, nodes, embeds, gaps,
 * text in odd places); for every candidate the shortcut takes, the full check (scratch copy, no pending
 * content, the document's schema) must accept the same update.
 */

function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function fullCheck(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = cloneDoc(doc)
  try {
    Y.applyUpdate(copy, update)
  } catch {
    return false
  }
  return !hasPending(copy) && checkDocument('measure', copy, DEFAULT_LIMITS) === null
}

function texts(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = []
  const walk = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) found.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(doc.getXmlFragment('narrative'))
  return found
}

/** A server document with some structure, partly formatted, and a client that has all of it. */
function world(next: () => number) {
  const server = new Y.Doc()
  server.transact(() => {
    const fragment = server.getXmlFragment('narrative')
    for (let i = 0; i < 3; i++) {
      const p = new Y.XmlElement('paragraph')
      const t = new Y.XmlText(`Absatz ${i} `)
      if (next() < 0.4) t.insert(t.length, 'fett', { bold: {} })
      p.insert(0, [t])
      fragment.insert(fragment.length, [p])
    }
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Punkt')])
    item.insert(0, [p])
    list.insert(0, [item])
    fragment.insert(fragment.length, [list])
    server.getMap('status').set('attainment', 'medium')
  })
  return server
}

/** One candidate update, made on a client copy: mostly typing, now and then anything else. */
function candidate(server: Y.Doc, next: () => number): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const all = texts(client)
  const pick = <T,>(items: T[]) => items[Math.floor(next() * items.length)]!
  const text = pick(all)
  const roll = next()
  let sv = Y.encodeStateVector(client)
  if (roll < 0.1) {
    // a gap: an edit the server never gets, then the one it gets
    text.insert(0, 'verloren')
    sv = Y.encodeStateVector(client)
  }
  client.transact(() => {
    if (roll < 0.45) text.insert(Math.floor(next() * (text.length + 1)), pick(['a', 'bc', ' ', 'ÄÖü', '\n']))
    else if (roll < 0.6 && text.length > 0) text.delete(Math.floor(next() * text.length), 1)
    else if (roll < 0.65) text.insert(0, 'x', { link: { href: 'javascript:alert(1)' } })
    else if (roll < 0.7) text.insert(0, 'y', { strike: {} })
    else if (roll < 0.74) text.format(0, Math.max(1, text.length), { bold: null })
    else if (roll < 0.78) text.insertEmbed(0, { image: 'x' })
    else if (roll < 0.82) client.getXmlFragment('narrative').insert(0, [new Y.XmlText('lose')])
    else if (roll < 0.86) client.getMap('status').set('attainment', pick(['high', 'purple']))
    else if (roll < 0.9) {
      // an empty text node where text may not go, and text typed into it
      const list = client.getXmlFragment('narrative').toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'bulletList') as Y.XmlElement
      list.insert(0, [new Y.XmlText()])
    } else if (roll < 0.95) client.getXmlFragment('narrative').delete(0, 1)
    else text.insert(text.length, 'z'.repeat(200))
  })
  return Y.encodeStateAsUpdate(client, sv)
}

describe('plain typing', () => {
  test.each([1, 2, 3, 4, 5, 6])('never takes an update the full check refuses (seed %i)', (seed) => {
    const next = random(seed * 104729)
    let taken = 0
    let refused = 0
    for (let round = 0; round < 40; round++) {
      const server = world(next)
      for (let step = 0; step < 15; step++) {
        const update = candidate(server, next)
        const ok = fullCheck(server, update)
        const typing = plainTyping(server, update, { ...DEFAULT_LIMITS, maxNarrativeChars: 400 })
        if (typing) {
          expect(ok, `Schritt ${step}: ${server.getXmlFragment('narrative').toString()}`).toBe(true)
          taken++
        }
        if (!ok) refused++
        // The server moves on with what the full check accepts, as admission would.
        if (ok) Y.applyUpdate(server, update)
      }
    }
    // Both kinds occurred, and the shortcut carried a good part of the typing.
    expect(taken).toBeGreaterThan(100)
    expect(refused).toBeGreaterThan(30)
  })

  test('the shortcut declines what it cannot see through: formatting, nodes, a formatted text node, a gap', () => {
    const server = new Y.Doc()
    const plain = new Y.XmlText('eins')
    const bold = new Y.XmlText()
    server.transact(() => {
      const a = new Y.XmlElement('paragraph')
      a.insert(0, [plain])
      const b = new Y.XmlElement('paragraph')
      b.insert(0, [bold])
      server.getXmlFragment('narrative').insert(0, [a, b])
      bold.insert(0, 'zwei', { bold: {} })
    })
    const edit = (change: (doc: Y.Doc, path: (i: number) => Y.XmlText) => void) => {
      const client = new Y.Doc()
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
      const sv = Y.encodeStateVector(client)
      change(client, (i) => (client.getXmlFragment('narrative').get(i) as Y.XmlElement).get(0) as Y.XmlText)
      return Y.encodeStateAsUpdate(client, sv)
    }
    expect(plainTyping(server, edit((_d, at) => at(0).insert(4, ' drei')), DEFAULT_LIMITS)).toEqual({ chars: 5, nodes: 0 })
    expect(plainTyping(server, edit((_d, at) => at(0).delete(0, 2)), DEFAULT_LIMITS)).toEqual({ chars: 0, nodes: 0 })
    expect(plainTyping(server, edit((_d, at) => at(0).insert(0, 'x', { bold: {} })), DEFAULT_LIMITS)).toBeNull()
    expect(plainTyping(server, edit((_d, at) => at(1).insert(0, 'x')), DEFAULT_LIMITS)).toBeNull()
    expect(plainTyping(server, edit((d) => d.getXmlFragment('narrative').insert(0, [new Y.XmlElement('paragraph')])), DEFAULT_LIMITS)).toBeNull()
    expect(plainTyping(server, edit((d) => d.getMap('status').set('attainment', 'high')), DEFAULT_LIMITS)).toBeNull()
    expect(plainTyping(server, edit((_d, at) => at(0).insert(4, 'x'.repeat(10))), { ...DEFAULT_LIMITS, maxNarrativeChars: 12 })).toBeNull()
    // Deleting more than characters (here a whole paragraph, its node and text) is left to the full check.
    expect(plainTyping(server, edit((d) => d.getXmlFragment('narrative').delete(0, 1)), DEFAULT_LIMITS)).toBeNull()
    const gap = edit((_d, at) => {
      at(0).insert(0, 'a')
    })
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(client, gap)
    const sv = Y.encodeStateVector(client)
    ;((client.getXmlFragment('narrative').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'b')
    expect(plainTyping(server, Y.encodeStateAsUpdate(client, sv), DEFAULT_LIMITS)).toBeNull()
  })

  test('a narrative that breaks a rule already (stored before a rule changed) gets no shortcut at all', () => {
    const server = new Y.Doc()
    const text = new Y.XmlText('eins')
    server.transact(() => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [text])
      const heading = new Y.XmlElement('heading')
      server.getXmlFragment('narrative').insert(0, [p, heading])
    })
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const sv = Y.encodeStateVector(client)
    ;((client.getXmlFragment('narrative').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(4, ' zwei')
    const update = Y.encodeStateAsUpdate(client, sv)
    expect(fullCheck(server, update)).toBe(false)
    expect(plainTyping(server, update, DEFAULT_LIMITS)).toBeNull()
  })
})

describe('the typing ledger', () => {
  const limits = { ...DEFAULT_LIMITS, maxNarrativeChars: 10 }
  function setup() {
    const server = new Y.Doc()
    const text = new Y.XmlText()
    server.transact(() => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [text])
      server.getXmlFragment('narrative').insert(0, [p])
    })
    /** A client of the server's document: each keystroke an update against what the server has. */
    const client = () => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
      return (change: (t: Y.XmlText) => void) => {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)))
        const sv = Y.encodeStateVector(doc)
        change((doc.getXmlFragment('narrative').get(0) as Y.XmlElement).get(0) as Y.XmlText)
        return Y.encodeStateAsUpdate(doc, sv)
      }
    }
    return { server, text, client }
  }
  const connection = { name: 'Verbindung A' }
  /** What admission and Hocuspocus do with one message: admit, apply (typing or after the full check), settle. */
  const handle = (ledger: TypingLedger, server: Y.Doc, update: Uint8Array) => {
    const typing = ledger.admit(server, update, limits, connection)
    Y.applyUpdate(server, update, { connection })
    ledger.settle(server)
    return typing
  }

  test('moves its bounds with each admitted keystroke the document applies, and never below what was typed', () => {
    const { server, client } = setup()
    const ledger = new TypingLedger()
    const keystroke = client()
    expect(handle(ledger, server, keystroke((t) => t.insert(0, 'abcdefgh')))).toEqual({ chars: 8, nodes: 1 })
    expect(handle(ledger, server, keystroke((t) => t.delete(0, 8)))).toEqual({ chars: 0, nodes: 0 })
    // Five characters would fit (the text is empty), but the bounds still count the eight: the full check decides.
    expect(handle(ledger, server, keystroke((t) => t.insert(0, 'abcde')))).toBeNull()
    // That update took the full check: the bounds are read afresh, and the next keystroke fits again.
    expect(handle(ledger, server, keystroke((t) => t.insert(5, 'x')))).toEqual({ chars: 1, nodes: 0 })
  })

  test('drops its bounds on any other change of the document, and reads the narrative again', () => {
    const { server, text, client } = setup()
    const ledger = new TypingLedger()
    const keystroke = client()
    expect(handle(ledger, server, keystroke((t) => t.insert(0, 'abcdefgh')))).not.toBeNull()
    // A server-side edit (another origin) deletes the text: the bounds go, the next keystroke is measured afresh.
    server.transact(() => text.delete(0, 8), { source: 'local' })
    expect(handle(ledger, server, keystroke((t) => t.insert(0, 'abcde')))).toEqual({ chars: 5, nodes: 1 })
  })

  test('an admitted keystroke the document does not apply moves nothing, even when the same connection sends next', () => {
    const { server, client } = setup()
    const ledger = new TypingLedger()
    expect(ledger.admit(server, client()((t) => t.insert(0, 'abcdefgh')), limits, connection)).not.toBeNull()
    ledger.settle(server)
    // The same connection's next message is applied after the full check: not the admitted keystroke, so the bounds
    // are dropped (counting the eight would refuse the seven below, with two characters in the text).
    const other = client()
    Y.applyUpdate(server, other((t) => t.insert(0, 'xy')), { connection })
    expect(handle(ledger, server, other((t) => t.insert(2, 'abcdefg')))).toEqual({ chars: 7, nodes: 0 })
  })
})
