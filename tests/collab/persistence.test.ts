import { eq } from 'drizzle-orm'
import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { documentUpdates, documents, measureStatus } from '../../db/schema'
import { Journal } from '../../server/collab/journal'
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
  waitFor,
  whenSaved,
  type Client,
  type TestServer,
} from './harness'

let server: TestServer
let unit: number
let editor: { id: number; token: string }
let measures: { id: number; goalNumber: number }[]
const clients: Client[] = []

beforeAll(async () => {
  server = await startCollabServer({ compactAfter: 1_000_000 })
  unit = unitIds(server.db)[0]!
  measures = firstMeasures(server.db, 8)
  for (const m of measures) assign(server.db, m.id, unit)
  editor = await createUserWithSession(server.db, 'editor', unit)
})

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

afterAll(async () => {
  await server.close()
})

function client(name: string, token = editor.token, doc?: Y.Doc) {
  const c = openClient(server.url, name, token, doc)
  clients.push(c)
  return c
}

function typeParagraph(doc: Y.Doc, text: string) {
  const fragment = doc.getXmlFragment('narrative')
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  fragment.insert(fragment.length, [p])
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1

/** The document's rows in document_updates as they are, without moving the live log first (logRows does). */
const tableRows = (name: string) => server.db.select().from(documentUpdates).where(eq(documentUpdates.name, name)).all().length

/** Watches the server's own sends: at each "synced" acknowledgement for `name`, `count()` right then. */
function watchAcks(name: string, count: () => number): { seen: number[]; restore(): void } {
  const seen: number[] = []
  const original = WebSocket.prototype.send
  WebSocket.prototype.send = function (this: WebSocket, data: unknown, ...rest: unknown[]) {
    if (data instanceof Uint8Array) {
      const decoder = decoding.createDecoder(data)
      if (decoding.readVarString(decoder) === name && decoding.readVarUint(decoder) === 8 && decoding.readVarInt(decoder) === 1) seen.push(count())
    }
    return (original as (...args: unknown[]) => void).call(this, data, ...rest)
  } as typeof WebSocket.prototype.send
  return { seen, restore: () => void (WebSocket.prototype.send = original) }
}

describe('durability', () => {
  test('every edit is in document_updates at the moment the server acknowledges it as synced', async () => {
    const name = measureDocumentName(server.openRoundId, measures[0]!.id)
    const c = client(name)
    await whenSaved(c)
    // At each "synced" acknowledgement, count what the table holds right then (no move of the live log asked for:
    // a rating is committed in the store transaction).
    const acks = watchAcks(name, () => tableRows(name))
    try {
      const base = tableRows(name)
      const edits = 5
      for (let i = 0; i < edits; i++) {
        c.doc.getMap('status').set('attainment', i % 2 ? 'high' : 'low')
        await whenSaved(c)
      }
      expect(acks.seen.length).toBeGreaterThanOrEqual(edits)
      acks.seen.slice(-edits).forEach((rows, i) => expect(rows, `Bestätigung ${i + 1}`).toBeGreaterThanOrEqual(base + i + 1))
    } finally {
      acks.restore()
    }
  })

  test('plain typing is in the journal file (or already in the log) at the moment of each acknowledgement, and in the log after a flush', async () => {
    const name = measureDocumentName(server.openRoundId, measures[2]!.id)
    const journalFile = path.join(server.dataDir, 'zielwerk.sqlite.live-log')
    const c = client(name)
    await whenSaved(c)
    typeParagraph(c.doc, 'Absatz')
    await whenSaved(c)
    const journaled = () => Journal.read(journalFile).filter((entry) => entry.name === name).length
    const acks = watchAcks(name, () => tableRows(name) + journaled())
    try {
      const base = tableRows(name) + journaled()
      const text = c.doc.getXmlFragment('narrative').get(0) as Y.XmlElement
      const edits = 5
      for (let i = 0; i < edits; i++) {
        ;(text.get(0) as Y.XmlText).insert(0, String(i))
        await whenSaved(c)
      }
      const seen = acks.seen.slice(-edits)
      expect(seen).toHaveLength(edits)
      seen.forEach((count, i) => expect(count, `Bestätigung ${i + 1}`).toBeGreaterThanOrEqual(base + i + 1))
      // Typing went through the journal, not through a transaction per keystroke.
      expect(journaled()).toBeGreaterThan(0)
    } finally {
      acks.restore()
    }
    server.collab.flush()
    expect(journaled()).toBe(0)
    const replay = new Y.Doc()
    for (const row of logRows(server.db, name)) Y.applyUpdate(replay, row.update)
    expect(replay.getXmlFragment('narrative').toString()).toContain('43210Absatz')
  })

  test('when the live log cannot be opened, the server says so and stores typing in the database directly', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-collab-'))
    fs.mkdirSync(path.join(dataDir, 'zielwerk.sqlite.live-log'))
    const errors: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')))
    const other = await startCollabServer({ dataDir, compactAfter: 1_000_000 })
    spy.mockRestore()
    try {
      expect(errors.some((line) => line.includes('Live-Protokoll') && line.includes('direkt in der Datenbank'))).toBe(true)
      const otherUnit = unitIds(other.db)[0]!
      const [measure] = firstMeasures(other.db, 1)
      assign(other.db, measure!.id, otherUnit)
      const writer = await createUserWithSession(other.db, 'editor', otherUnit)
      const name = measureDocumentName(other.openRoundId, measure!.id)
      const c = openClient(other.url, name, writer.token)
      try {
        await whenSaved(c)
        const before = other.db.select().from(documentUpdates).where(eq(documentUpdates.name, name)).all().length
        typeParagraph(c.doc, 'Direkt gespeichert')
        await whenSaved(c)
        // No flush asked for: the row is there at the acknowledgement.
        expect(other.db.select().from(documentUpdates).where(eq(documentUpdates.name, name)).all().length).toBeGreaterThan(before)
      } finally {
        c.destroy()
      }
    } finally {
      await other.close(false)
    }
  })

  test('a reconnecting client’s offline edits arrive exactly once', async () => {
    const name = measureDocumentName(server.openRoundId, measures[1]!.id)
    const a = client(name)
    const b = client(name)
    await whenSaved(a)
    await whenSaved(b)
    for (let round = 1; round <= 3; round++) {
      a.provider.configuration.websocketProvider.disconnect()
      await waitFor(() => !a.provider.isSynced, 'getrennt')
      typeParagraph(a.doc, `Offline ${round}`)
      await a.provider.configuration.websocketProvider.connect()
      await whenSaved(a, `wieder verbunden ${round}`)
      await waitFor(() => b.doc.getXmlFragment('narrative').toString().includes(`Offline ${round}`), 'B sieht die Offline-Zeile')
    }
    const text = b.doc.getXmlFragment('narrative').toString()
    for (let round = 1; round <= 3; round++) expect(occurrences(text, `Offline ${round}<`)).toBe(1)
    const replay = new Y.Doc()
    for (const row of logRows(server.db, name)) Y.applyUpdate(replay, row.update)
    expect(replay.getXmlFragment('narrative').toString()).toBe(text)
    server.collab.flush()
    const status = server.db.select({ text: measureStatus.narrativeText }).from(measureStatus).where(eq(measureStatus.measureId, measures[1]!.id)).all()
    expect(status.some((s) => occurrences(s.text, 'Offline 2') === 1)).toBe(true)
  })

  test('a document is rebuilt from snapshot plus log after compaction, and the log is folded', async () => {
    const name = measureDocumentName(server.openRoundId, measures[2]!.id)
    const c = client(name)
    await whenSaved(c)
    for (let i = 0; i < 12; i++) {
      typeParagraph(c.doc, `Absatz ${i}`)
      await whenSaved(c)
    }
    const expected = c.doc.getXmlFragment('narrative').toString()
    expect(logRows(server.db, name).length).toBeGreaterThanOrEqual(12)
    c.destroy()
    await waitFor(() => !server.collab.hocuspocus.documents.has(name), 'Dokument entladen')
    // The last client left: the store hook compacted.
    expect(logRows(server.db, name)).toHaveLength(0)
    const snapshot = server.db.select().from(documents).where(eq(documents.name, name)).get()
    expect(snapshot?.state?.byteLength).toBeGreaterThan(0)
    const again = client(name)
    await whenSaved(again)
    expect(again.doc.getXmlFragment('narrative').toString()).toBe(expected)
    typeParagraph(again.doc, 'Nach dem Verdichten')
    await whenSaved(again)
    expect(logRows(server.db, name).length).toBeGreaterThan(0)
  })

  test('the background sweep compacts long logs of documents that are not loaded', async () => {
    const small = await startCollabServer({ compactAfter: 5 })
    try {
      assign(small.db, measures[3]!.id, unitIds(small.db)[0]!)
      const user = await createUserWithSession(small.db, 'editor', unitIds(small.db)[0]!)
      const name = measureDocumentName(small.openRoundId, measures[3]!.id)
      const c = openClient(small.url, name, user.token)
      await whenSaved(c)
      for (let i = 0; i < 8; i++) {
        c.doc.getMap('status').set('attainment', i % 2 ? 'high' : 'unclear')
        await whenSaved(c)
      }
      expect(logRows(small.db, name).length).toBeGreaterThanOrEqual(5)
      expect(small.collab.compact()).toBe(1)
      expect(logRows(small.db, name)).toHaveLength(0)
      c.doc.getMap('status').set('attainment', 'low')
      await whenSaved(c)
      c.destroy()
      const d = openClient(small.url, name, user.token)
      await whenSaved(d)
      expect(d.doc.getMap('status').get('attainment')).toBe('low')
      d.destroy()
    } finally {
      await small.close()
    }
  })

  test('after a restart on the same database every acknowledged edit is there', async () => {
    const first = await startCollabServer()
    const dir = first.dataDir
    const name = measureDocumentName(first.openRoundId, measures[4]!.id)
    assign(first.db, measures[4]!.id, unitIds(first.db)[0]!)
    const user = await createUserWithSession(first.db, 'editor', unitIds(first.db)[0]!)
    const c = openClient(first.url, name, user.token)
    await whenSaved(c)
    c.doc.getMap('status').set('changedConditions', true)
    typeParagraph(c.doc, 'Vor dem Neustart')
    await whenSaved(c)
    const expected = c.doc.getXmlFragment('narrative').toString()
    c.destroy()
    await first.close(true)
    const second = await startCollabServer({ dataDir: dir })
    try {
      const d = openClient(second.url, name, user.token)
      await whenSaved(d)
      expect(d.doc.getMap('status').get('changedConditions')).toBe(true)
      expect(d.doc.getXmlFragment('narrative').toString()).toBe(expected)
      d.destroy()
    } finally {
      await second.close(false)
    }
  })
})

describe('shutting down', () => {
  test('destroy closes every socket with 1001, folds the logs into snapshots and refuses new upgrades', async () => {
    const own = await startCollabServer({ compactAfter: 1_000_000 })
    const unitId = unitIds(own.db)[0]!
    assign(own.db, measures[0]!.id, unitId)
    const user = await createUserWithSession(own.db, 'editor', unitId)
    const name = measureDocumentName(own.openRoundId, measures[0]!.id)
    const c = openClient(own.url, name, user.token)
    await whenSaved(c)
    c.doc.getMap('status').set('attainment', 'unclear')
    await whenSaved(c)
    expect(logRows(own.db, name).length).toBeGreaterThan(0)
    const closing = own.collab.destroy()
    await waitFor(() => c.closes.some((e) => e.code === 1001), 'Schließen mit 1001')
    await closing
    c.destroy()
    expect(logRows(own.db, name)).toHaveLength(0)
    expect(own.db.select().from(documents).where(eq(documents.name, name)).get()?.state?.byteLength).toBeGreaterThan(0)
    await expect(RawClient.connect(own.url)).rejects.toMatchObject({ status: 503 })
    await own.close(false)
  })
})

describe('loading never replaces stored content', () => {
  test('when the database cannot be read, the document is refused and nothing is written', async () => {
    const name = measureDocumentName(server.openRoundId, measures[5]!.id)
    const c = client(name)
    await whenSaved(c)
    typeParagraph(c.doc, 'Wichtiger Inhalt')
    await whenSaved(c)
    c.destroy()
    await waitFor(() => !server.collab.hocuspocus.documents.has(name), 'Dokument entladen')
    const before = { log: logRows(server.db, name), snapshot: server.db.select().from(documents).where(eq(documents.name, name)).get() }
    server.db.$client.exec('alter table document_updates rename to document_updates_away')
    try {
      const d = client(name)
      await waitFor(() => d.denied.length > 0, 'Ablehnung')
      expect(d.denied[0]).toBe(CLOSE.loadFailed.reason)
      expect(d.doc.getXmlFragment('narrative').length).toBe(0)
    } finally {
      server.db.$client.exec('alter table document_updates_away rename to document_updates')
    }
    expect(logRows(server.db, name)).toEqual(before.log)
    expect(server.db.select().from(documents).where(eq(documents.name, name)).get()).toEqual(before.snapshot)
    const e = client(name)
    await whenSaved(e)
    expect(e.doc.getXmlFragment('narrative').toString()).toContain('Wichtiger Inhalt')
  })

  test('a damaged snapshot refuses the document instead of serving it empty', async () => {
    const name = measureDocumentName(server.openRoundId, measures[6]!.id)
    server.db.insert(documents).values({ name, state: Buffer.from([1, 2, 3, 250, 250, 250]), compactedThrough: 0, updatedAt: Date.now() }).run()
    const d = client(name)
    await waitFor(() => d.denied.length > 0, 'Ablehnung')
    expect(d.denied[0]).toBe(CLOSE.loadFailed.reason)
    expect(server.db.select().from(documents).where(eq(documents.name, name)).get()?.state).toEqual(Buffer.from([1, 2, 3, 250, 250, 250]))
    expect(logRows(server.db, name)).toHaveLength(0)
  })

  test('a measure nobody has written yet starts from the round’s relational status, stored once', async () => {
    const m = measures[7]!
    server.db
      .update(measureStatus)
      .set({ proposalAttainment: 'unclear', proposalContinue: true })
      .where(eq(measureStatus.measureId, m.id))
      .run()
    const name = measureDocumentName(server.openRoundId, m.id)
    const c = client(name)
    await whenSaved(c)
    expect(c.doc.getMap('status').get('attainment')).toBe('unclear')
    expect(c.doc.getMap('status').get('continue')).toBe(true)
    expect(logRows(server.db, name)).toHaveLength(1)
    const d = client(name)
    await whenSaved(d)
    expect(logRows(server.db, name)).toHaveLength(1)
    expect(d.doc.getMap('status').toJSON()).toEqual(c.doc.getMap('status').toJSON())
  })
})
