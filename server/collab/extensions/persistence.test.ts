import { Document } from '@hocuspocus/server'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import * as Y from 'yjs'
import { documentUpdates, documents, rounds } from '../../../db/schema'
import { CLOSE } from '../../../app/shared/live/close-codes'
import { resolveDocument } from '../documents'
import { goalDocumentName, measureDocumentName, parseDocumentName } from '../../../app/shared/live/names'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Journal } from '../journal'
import { Persistence } from './persistence'
import type { Projector } from './projection'
import { fakeConnection, testDb } from './test-fakes'

let world: ReturnType<typeof testDb>

beforeAll(() => {
  world = testDb()
})

const log = (name: string) => world.db.select().from(documentUpdates).where(eq(documentUpdates.name, name)).all()

async function loaded(name: string, projectors: Projector[] = [], journal: Journal | null = null) {
  const persistence = new Persistence({ db: world.db, projectors, compactAfter: 1_000, sweepEvery: 0, journal })
  const meta = resolveDocument(world.db, parseDocumentName(name)!)!
  const document = new Document(name)
  const context = { socketKey: 's', userId: 42, userName: 'x', sessionId: 'y', doc: meta, access: 'write' }
  await persistence.onLoadDocument({ document, documentName: name, context } as never)
  await persistence.afterLoadDocument({ document, documentName: name, context } as never)
  const fake = fakeConnection({ context, document })
  const edit = (change: (doc: Y.Doc) => void) => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(document))
    const sv = Y.encodeStateVector(copy)
    change(copy)
    Y.applyUpdate(document, Y.encodeStateAsUpdate(copy, sv), { source: 'connection', connection: fake.connection })
  }
  return { persistence, document, edit, ...fake }
}

describe('storing', () => {
  test('an update is appended with its user and projected inside the same transaction, synchronously', async () => {
    const name = measureDocumentName(world.openRound, world.measureA)
    const seen: boolean[] = []
    const projector: Projector = {
      writes: () => true,
      project: ({ tx, userId }) => {
        // inside the transaction the appended row is already visible
        seen.push(tx.select().from(documentUpdates).where(eq(documentUpdates.name, name)).all().some((r) => r.userId === userId))
      },
    }
    const { edit, sent } = await loaded(name, [projector])
    const before = log(name).length
    edit((d) => d.getMap('status').set('attainment', 'low'))
    // no await: it is stored when the apply returns
    expect(log(name)).toHaveLength(before + 1)
    expect(log(name).at(-1)?.userId).toBe(42)
    expect(seen).toEqual([true])
    await new Promise((resolve) => setImmediate(resolve))
    expect(sent.length).toBe(1) // and then broadcast
  })

  test('when the store transaction fails nothing is written, the document’s sockets close with 4500 and it accepts nothing more', async () => {
    const name = measureDocumentName(world.openRound, world.measureB)
    const failing: Projector = { writes: () => true, project: () => { throw new Error('Platte voll') } }
    const { persistence, document, edit, closed, sent } = await loaded(name, [failing])
    const before = log(name).length
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    edit((d) => d.getMap('status').set('attainment', 'high'))
    error.mockRestore()
    expect(log(name)).toHaveLength(before)
    expect(closed).toEqual([{ code: CLOSE.storeFailed.code, reason: CLOSE.storeFailed.reason }])
    expect(persistence.isPoisoned(document)).toBe(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(sent).toEqual([]) // the unsaved update was broadcast to nobody
    await persistence.onStoreDocument({ document, documentName: name } as never)
    expect(world.db.select().from(documents).where(eq(documents.name, name)).get()).toBeUndefined()
  })

  test('a closed round’s document is seeded in memory and never written, not even by a server-side change', async () => {
    const name = goalDocumentName(world.closedRound, 1)
    const { document, edit, closed } = await loaded(name)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    edit((d) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('darf nicht')])
      d.getXmlFragment('narrative').insert(0, [p])
    })
    error.mockRestore()
    expect(log(name)).toHaveLength(0)
    expect(closed[0]?.code).toBe(CLOSE.roundClosed.code)
    expect(document.getXmlFragment('narrative').length).toBe(1)
  })

  test('a round closed while its document is loaded: the next edit is written nowhere and every socket closes with 4423', async () => {
    const name = measureDocumentName(world.openRound, world.measureA)
    const { edit, closed } = await loaded(name)
    const before = log(name).length
    world.db.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, world.openRound)).run()
    try {
      edit((d) => d.getMap('status').set('routine', true))
    } finally {
      world.db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, world.openRound)).run()
    }
    expect(log(name)).toHaveLength(before)
    expect(closed).toEqual([{ code: CLOSE.roundClosed.code, reason: CLOSE.roundClosed.reason }])
  })
})

describe('plain typing through the journal', () => {
  const typing = (text: string) => (d: Y.Doc) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    d.getXmlFragment('narrative').insert(0, [p])
  }
  const journalFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-journal-')), 'live-log')
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const statusOf = (document: Y.Doc) => document.getMap('status') as Y.AbstractType<any>
  const ratingWrites: Projector['writes'] = ({ transaction, document }) => transaction === null || transaction.changedParentTypes.has(statusOf(document))

  test('an update no projector writes for goes to the journal, outside a transaction, and into the log when flushed; a rating goes into the log at once', async () => {
    const name = measureDocumentName(world.openRound, world.measureB)
    const file = journalFile()
    const journal = new Journal(file, 60_000)
    const inTransaction: boolean[] = []
    const projector: Projector = { writes: ratingWrites, project: ({ tx }) => void inTransaction.push(tx.$client.inTransaction) }
    const { persistence, edit, closed } = await loaded(name, [projector], journal)
    const before = log(name).length
    edit(typing('getippt'))
    expect(log(name)).toHaveLength(before)
    expect(Journal.read(file).map((entry) => [entry.name, entry.userId])).toEqual([[name, 42]])
    edit((d) => d.getMap('status').set('attainment', 'medium'))
    expect(inTransaction).toEqual([false, true])
    expect(log(name)).toHaveLength(before + 1)
    persistence.flushJournal()
    expect(log(name)).toHaveLength(before + 2)
    expect(log(name).at(-1)?.userId).toBe(42)
    expect(Journal.read(file)).toEqual([])
    expect(closed).toEqual([])
    persistence.stop([])
    journal.close()
  })

  test('a round closed while its document is loaded refuses plain typing too: nothing in the journal, every socket closes with 4423', async () => {
    const name = measureDocumentName(world.openRound, world.measureB)
    const file = journalFile()
    const journal = new Journal(file, 60_000)
    const { persistence, edit, closed } = await loaded(name, [{ writes: () => false, project: () => {} }], journal)
    edit(typing('noch offen'))
    world.db.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, world.openRound)).run()
    try {
      edit(typing('zu spät'))
    } finally {
      world.db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, world.openRound)).run()
    }
    expect(Journal.read(file)).toHaveLength(1)
    expect(closed).toEqual([{ code: CLOSE.roundClosed.code, reason: CLOSE.roundClosed.reason }])
    persistence.stop([])
    journal.close()
  })

  test('when the journal cannot be written, the document’s sockets close with 4500 and nothing is broadcast', async () => {
    const name = measureDocumentName(world.openRound, world.measureA)
    const journal = new Journal(journalFile(), 60_000)
    journal.close()
    const { persistence, document, edit, closed, sent } = await loaded(name, [{ writes: () => false, project: () => {} }], journal)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    edit(typing('Platte voll'))
    error.mockRestore()
    expect(closed).toEqual([{ code: CLOSE.storeFailed.code, reason: CLOSE.storeFailed.reason }])
    expect(persistence.isPoisoned(document)).toBe(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(sent).toEqual([])
    persistence.stop([])
  })

  test('when moving into the log fails, the entries stay in the journal and move with the next flush', async () => {
    const name = measureDocumentName(world.openRound, world.measureB)
    const file = journalFile()
    const journal = new Journal(file, 60_000)
    const { persistence, edit } = await loaded(name, [{ writes: () => false, project: () => {} }], journal)
    const before = log(name).length
    edit(typing('bleibt'))
    world.db.$client.exec('alter table document_updates rename to document_updates_away')
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      persistence.flushJournal()
    } finally {
      error.mockRestore()
      world.db.$client.exec('alter table document_updates_away rename to document_updates')
    }
    expect(journal.size).toBe(1)
    expect(Journal.read(file)).toHaveLength(1)
    persistence.flushJournal()
    expect(log(name)).toHaveLength(before + 1)
    expect(Journal.read(file)).toEqual([])
    persistence.stop([])
    journal.close()
  })
})

describe('loading and compaction', () => {
  test('snapshot plus log give the document back, and compaction keeps it identical', async () => {
    const name = measureDocumentName(world.openRound, world.measureA)
    const { persistence, document, edit } = await loaded(name)
    for (const attainment of ['high', 'medium', 'unclear'] as const) edit((d) => d.getMap('status').set('attainment', attainment))
    edit((d) => d.getMap('status').set('routine', true))
    const expected = document.getMap('status').toJSON()
    expect(persistence.compact(name)).toBe(true)
    expect(log(name)).toHaveLength(0)
    edit((d) => d.getMap('status').set('continue', true))
    const again = await loaded(name)
    expect(again.document.getMap('status').toJSON()).toEqual({ ...expected, continue: true })
  })

  test('a log row whose id is below the snapshot mark is still loaded (SQLite may reuse ids)', async () => {
    const name = goalDocumentName(world.openRound, 5)
    const { persistence, edit } = await loaded(name)
    edit((d) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('eins')])
      d.getXmlFragment('narrative').insert(0, [p])
    })
    persistence.compact(name)
    world.db.update(documents).set({ compactedThrough: 1_000_000 }).where(eq(documents.name, name)).run()
    edit((d) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('zwei')])
      d.getXmlFragment('narrative').insert(1, [p])
    })
    const again = await loaded(name)
    expect(again.document.getXmlFragment('narrative').toString()).toContain('zwei')
  })

  test('a loaded document is compacted from memory; a log row written by another connection makes it replay the log instead', async () => {
    const name = measureDocumentName(world.openRound, world.measureB)
    const { persistence, document, edit } = await loaded(name)
    edit((d) => d.getMap('status').set('attainment', 'low'))
    expect(persistence.compact(name)).toBe(true)
    expect(log(name)).toHaveLength(0)
    expect((await loaded(name)).document.getMap('status').get('attainment')).toBe('low')

    edit((d) => d.getMap('status').set('routine', true))
    // Another connection appends an update memory never saw.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(document))
    const sv = Y.encodeStateVector(other)
    other.getMap('status').set('continue', true)
    world.db.insert(documentUpdates).values({ name, update: Buffer.from(Y.encodeStateAsUpdate(other, sv)), userId: null }).run()
    expect(persistence.compact(name)).toBe(true)
    expect(log(name)).toHaveLength(0)
    const again = await loaded(name)
    expect(again.document.getMap('status').toJSON()).toMatchObject({ attainment: 'low', routine: true, continue: true })
  })
})
