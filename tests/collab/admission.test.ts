import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { documents, measureStatus, rounds, statusChanges } from '../../db/schema'
import { CLOSE } from '../../app/shared/live/close-codes'
import { measureDocumentName } from '../../app/shared/live/names'
import {
  assign,
  createUserWithSession,
  firstMeasures,
  logRows,
  openClient,
  RawClient,
  startCollabServer,
  unitIds,
  updateFrom,
  waitFor,
  whenSaved,
  type Client,
  type TestServer,
} from './harness'

let server: TestServer
let editor: { id: number; token: string }
let name: string
let measureId: number
const clients: Client[] = []
const raws: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer({ limits: { maxUpdateBytes: 64 * 1024, maxNarrativeChars: 5_000 } })
  const [unit] = unitIds(server.db)
  const measures = firstMeasures(server.db, 3)
  for (const m of measures) assign(server.db, m.id, unit!)
  measureId = measures[0]!.id
  editor = await createUserWithSession(server.db, 'editor', unit!)
  name = measureDocumentName(server.openRoundId, measureId)
  // An honest first state: a rating, a mark and a paragraph.
  const c = openClient(server.url, name, editor.token)
  await whenSaved(c)
  c.doc.transact(() => {
    c.doc.getMap('status').set('attainment', 'medium')
    c.doc.getMap('status').set('routine', true)
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Bestehender Sachstand')])
    c.doc.getXmlFragment('narrative').insert(0, [p])
  })
  await whenSaved(c)
  c.destroy()
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const r of raws) r.close()
  await server.close()
})

/** Everything that must stay exactly as it was after a rejected update: the stored document (snapshot + log,
 * which compaction may reshape meanwhile), the projection and the audit trail. */
function storedState() {
  // The tables as they are once the narratives that follow the keystrokes by a moment are written.
  server.collab.flush()
  const stored = new Y.Doc()
  const snapshot = server.db.select().from(documents).where(eq(documents.name, name)).get()
  if (snapshot?.state) Y.applyUpdate(stored, snapshot.state)
  for (const row of logRows(server.db, name)) Y.applyUpdate(stored, row.update)
  return {
    document: { status: stored.getMap('status').toJSON(), narrative: stored.getXmlFragment('narrative').toString(), roots: [...stored.share.keys()].sort() },
    status: server.db
      .select()
      .from(measureStatus)
      .where(and(eq(measureStatus.roundId, server.openRoundId), eq(measureStatus.measureId, measureId)))
      .get(),
    changes: server.db.select().from(statusChanges).all().length,
  }
}

/** The document as the server has it now, through a fresh client. */
async function serverDocument(): Promise<Y.Doc> {
  const reader = openClient(server.url, name, editor.token)
  clients.push(reader)
  await whenSaved(reader)
  return reader.doc
}

/** Sends `change` (made on a copy of the server's document) through a raw client; returns how the socket closed. */
async function sendRaw(change: (doc: Y.Doc) => void, docName = name) {
  const base = await serverDocument()
  const r = await RawClient.connect(server.url)
  raws.push(r)
  expect(await r.open(docName, editor.token)).toMatchObject({ scope: 'read-write' })
  r.update(docName, updateFrom(base, change))
  await waitFor(() => r.closed !== null || r.messages.some((m) => m.type === 'syncStatus'), 'Antwort')
  const acked = r.messages.some((m) => m.type === 'syncStatus' && m.applied)
  if (!acked) await waitFor(() => r.closed !== null, 'Socket geschlossen', 2_000)
  return { closed: r.closed, acked }
}

async function expectRejected(change: (doc: Y.Doc) => void, code: number) {
  const before = storedState()
  const { closed, acked } = await sendRaw(change)
  expect(acked).toBe(false)
  expect(closed?.code).toBe(code)
  expect(storedState()).toEqual(before)
  const doc = await serverDocument()
  expect(doc.getMap('status').toJSON()).toEqual({ attainment: 'medium', routine: true })
  expect(doc.getXmlFragment('narrative').toString()).toBe('<paragraph>Bestehender Sachstand</paragraph>')
}

const link = (href: string) => (doc: Y.Doc) => {
  const p = doc.getXmlFragment('narrative').get(0) as Y.XmlElement
  ;(p.get(0) as Y.XmlText).format(0, 4, { link: { href } })
}

describe('admission keeps bad updates out of the document', () => {
  test('an invalid attainment closes the connection with 4422 and leaves document and status as they were', async () => {
    await expectRejected((doc) => doc.getMap('status').set('attainment', 'purple'), CLOSE.rejected.code)
  })

  test('a javascript: link in the narrative is rejected with 4422', async () => {
    await expectRejected(link('javascript:alert(1)'), CLOSE.rejected.code)
  })

  test('links with data:, relative or disguised targets are rejected too', async () => {
    await expectRejected(link('data:text/html,<script>alert(1)</script>'), CLOSE.rejected.code)
    await expectRejected(link('/admin'), CLOSE.rejected.code)
    await expectRejected(link(' javascript:alert(1)'), CLOSE.rejected.code)
  })

  test('a mark that is not yes/no, an unknown key and an unknown root are rejected', async () => {
    await expectRejected((doc) => doc.getMap('status').set('routine', 'ja'), CLOSE.rejected.code)
    await expectRejected((doc) => doc.getMap('status').set('colour', 'green'), CLOSE.rejected.code)
    await expectRejected((doc) => doc.getMap('status').set('mandatory', new Y.Map()), CLOSE.rejected.code)
    await expectRejected((doc) => doc.getArray('extra').insert(0, [1]), CLOSE.rejected.code)
    await expectRejected((doc) => doc.getMap('agreed').set('attainment', 'high'), CLOSE.rejected.code)
  })

  test('node and mark types the editor does not have are rejected', async () => {
    await expectRejected((doc) => {
      const h = new Y.XmlElement('heading')
      h.insert(0, [new Y.XmlText('Überschrift')])
      doc.getXmlFragment('narrative').insert(1, [h])
    }, CLOSE.rejected.code)
    await expectRejected((doc) => {
      const img = new Y.XmlElement('image')
      img.setAttribute('src', 'https://example.org/x.png')
      doc.getXmlFragment('narrative').insert(1, [img])
    }, CLOSE.rejected.code)
    await expectRejected((doc) => {
      ;((doc.getXmlFragment('narrative').get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, { code: {} })
    }, CLOSE.rejected.code)
    await expectRejected((doc) => {
      doc.getXmlFragment('narrative').insert(1, [new Y.XmlText('Text ohne Absatz')])
    }, CLOSE.rejected.code)
  })

  test('bytes that are no Yjs update are rejected', async () => {
    const before = storedState()
    const r = await RawClient.connect(server.url)
    raws.push(r)
    await r.open(name, editor.token)
    r.update(name, new Uint8Array([0, 5, 200, 200, 200, 1, 2, 3]))
    await waitFor(() => r.closed !== null, 'Socket geschlossen')
    expect(r.closed!.code).toBe(CLOSE.rejected.code)
    expect(storedState()).toEqual(before)
  })

  test('an update above the size limit is rejected with 4413', async () => {
    await expectRejected((doc) => doc.getMap('status').set('attainment', 'x'.repeat(70 * 1024)), CLOSE.tooLarge.code)
  })

  test('a narrative longer than the limit is rejected with 4413', async () => {
    await expectRejected((doc) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('a'.repeat(6_000))])
      doc.getXmlFragment('narrative').insert(1, [p])
    }, CLOSE.tooLarge.code)
  })

  test('typing up to the limit: the keystroke that would pass it is refused with 4413, though each alone is plain typing', async () => {
    const other = measureDocumentName(server.openRoundId, firstMeasures(server.db, 3)[1]!.id)
    const c = openClient(server.url, other, editor.token)
    clients.push(c)
    await whenSaved(c)
    const text = new Y.XmlText()
    c.doc.transact(() => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [text])
      c.doc.getXmlFragment('narrative').insert(0, [p])
    })
    await whenSaved(c)
    // Ten keystrokes of 500 characters reach the limit of 5,000 exactly: each is taken as plain typing.
    for (let i = 0; i < 10; i++) {
      text.insert(text.length, 'a'.repeat(500))
      await whenSaved(c)
    }
    expect(c.closes).toEqual([])
    text.insert(text.length, 'b')
    await waitFor(() => c.closes.some((e) => e.code === CLOSE.tooLarge.code), 'Schließen mit 4413')
    server.collab.flush()
    const stored = server.db.select({ text: measureStatus.narrativeText }).from(measureStatus).where(and(eq(measureStatus.roundId, server.openRoundId), eq(measureStatus.measureId, firstMeasures(server.db, 3)[1]!.id))).get()
    expect(stored?.text).toBe('a'.repeat(5_000))
  })

  test('the provider of a client that sends a bad update sees its socket closed with the code', async () => {
    const c = openClient(server.url, name, editor.token)
    clients.push(c)
    await whenSaved(c)
    const before = storedState()
    c.doc.getMap('status').set('attainment', 'purple')
    await waitFor(() => c.closes.some((e) => e.code === CLOSE.rejected.code), 'Schließen mit 4422')
    c.destroy()
    expect(storedState()).toEqual(before)
  })

  test('a good update after all these is accepted and stored', async () => {
    const { closed, acked } = await sendRaw((doc) => doc.getMap('status').set('attainment', 'high'))
    expect(acked).toBe(true)
    expect(closed).toBeNull()
    expect((await serverDocument()).getMap('status').get('attainment')).toBe('high')
  })

  test('once the round is closed, a connection that could write is closed with 4423 on its next update', async () => {
    const c = openClient(server.url, name, editor.token)
    clients.push(c)
    await whenSaved(c)
    server.db.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, server.openRoundId)).run()
    try {
      const before = storedState()
      c.doc.getMap('status').set('attainment', 'low')
      await waitFor(() => c.closes.some((e) => e.code === CLOSE.roundClosed.code), 'Schließen mit 4423')
      expect(storedState()).toEqual(before)
    } finally {
      server.db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, server.openRoundId)).run()
    }
  })
})
