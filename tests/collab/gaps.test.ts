import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CLOSE } from '../../app/shared/live/close-codes'
import { documentUpdates, documents } from '../../db/schema'
import { measureDocumentName } from '../../app/shared/live/names'
import { assign, createUserWithSession, firstMeasures, logRows, openClient, RawClient, startCollabServer, unitIds, waitFor, whenSaved, type Client, type TestServer } from './harness'

/**
 * Updates that arrive ahead of an earlier update they depend on. Yjs would park such an update ("pending")
 * until the gap is filled, unchecked, and hand it to every client in each sync step 2 from then on; so the
 * server refuses it (4422 with its own reason: the client reconnects, and the sync protocol's step 2 brings everything, gap-free).
 */

let server: TestServer
let editor: { token: string }
let names: string[]
const raws: RawClient[] = []
/** One provider per document keeps it loaded, so its log is not compacted away while a test counts rows. */
const keepers: Client[] = []

beforeAll(async () => {
  server = await startCollabServer()
  const unit = unitIds(server.db)[0]!
  const measures = firstMeasures(server.db, 5)
  for (const m of measures) assign(server.db, m.id, unit)
  editor = await createUserWithSession(server.db, 'editor', unit)
  names = measures.map((m) => measureDocumentName(server.openRoundId, m.id))
  for (const name of names.slice(0, 4)) keepers.push(openClient(server.url, name, editor.token))
  for (const keeper of keepers) await whenSaved(keeper)
})

afterAll(async () => {
  for (const k of keepers) k.destroy()
  for (const r of raws) r.close()
  await server.close()
})

/** The server's document as a fresh client receives it (its sync step 2), applied to `doc`. */
async function serverState(name: string, doc = new Y.Doc()): Promise<Y.Doc> {
  const r = await RawClient.connect(server.url)
  raws.push(r)
  expect(await r.open(name, editor.token)).toMatchObject({ type: 'authenticated' })
  r.syncStep1(name)
  await waitFor(() => r.messages.some((m) => m.type === 'sync' && m.step === 1), 'Sync-Schritt 2 des Servers')
  const step2 = r.messages.find((m) => m.type === 'sync' && m.step === 1) as { payload: Uint8Array }
  Y.applyUpdate(doc, step2.payload)
  r.close()
  return doc
}

/** A client copy of the server's document and two consecutive edits on it: `first`, then `second` (which needs `first`). */
async function twoEdits(name: string, first: (doc: Y.Doc) => void, second: (doc: Y.Doc) => void) {
  const client = await serverState(name)
  const sv0 = Y.encodeStateVector(client)
  first(client)
  const firstUpdate = Y.encodeStateAsUpdate(client, sv0)
  const sv1 = Y.encodeStateVector(client)
  second(client)
  return { first: firstUpdate, second: Y.encodeStateAsUpdate(client, sv1) }
}

async function send(name: string, update: Uint8Array) {
  const r = await RawClient.connect(server.url)
  raws.push(r)
  expect(await r.open(name, editor.token)).toMatchObject({ scope: 'read-write' })
  r.update(name, update)
  await waitFor(() => r.closed !== null || r.messages.some((m) => m.type === 'syncStatus'), 'Antwort auf das Update')
  const acked = r.messages.some((m) => m.type === 'syncStatus' && m.applied)
  if (!acked) await waitFor(() => r.closed !== null, 'Socket geschlossen', 2_000)
  return { acked, closed: r.closed, r }
}

describe('an update with a gap before it', () => {
  test('is refused with 4422, never stored and never handed to other clients, not even once the gap is filled elsewhere', async () => {
    const name = names[0]!
    const { first, second } = await twoEdits(
      name,
      (doc) => doc.getMap('status').set('routine', true),
      (doc) => doc.getMap('status').set('attainment', 'purple'), // never checked if it were parked
    )
    const rows = logRows(server.db, name).length
    const sent = await send(name, second)
    expect(sent.acked).toBe(false)
    expect(sent.closed?.code).toBe(CLOSE.unknownState.code)
    expect(logRows(server.db, name)).toHaveLength(rows)
    // The missing first edit arrives: only it is there, the refused second one is not waiting anywhere.
    expect((await send(name, first)).acked).toBe(true)
    const fresh = await serverState(name)
    expect(fresh.store.pendingStructs).toBeNull()
    expect(fresh.getMap('status').get('routine')).toBe(true)
    expect(fresh.getMap('status').get('attainment')).not.toBe('purple')
  })

  test('a deletion of something the server does not have yet is refused the same way', async () => {
    const name = names[1]!
    const { second } = await twoEdits(
      name,
      (doc) => doc.getMap('status').set('continue', true),
      (doc) => doc.getMap('status').delete('continue'),
    )
    const rows = logRows(server.db, name).length
    const sent = await send(name, second)
    expect(sent.acked).toBe(false)
    expect(sent.closed?.code).toBe(CLOSE.unknownState.code)
    expect(logRows(server.db, name)).toHaveLength(rows)
    const fresh = await serverState(name)
    expect(fresh.store.pendingDs).toBeNull()
  })

  test('the same two edits in order are both accepted and stored', async () => {
    const name = names[2]!
    const { first, second } = await twoEdits(
      name,
      (doc) => doc.getMap('status').set('routine', true),
      (doc) => doc.getMap('status').set('attainment', 'low'),
    )
    const rows = logRows(server.db, name).length
    expect((await send(name, first)).acked).toBe(true)
    expect((await send(name, second)).acked).toBe(true)
    expect(logRows(server.db, name)).toHaveLength(rows + 2)
    expect((await serverState(name)).getMap('status').toJSON()).toMatchObject({ routine: true, attainment: 'low' })
  })

  test('a provider whose socket was closed for a gap reconnects, and its sync brings the missing edit along', async () => {
    const name = names[3]!
    const c = openClient(server.url, name, editor.token)
    try {
      await whenSaved(c)
      // The server refuses a gap: here the provider's own update after one the server never received.
      const sv0 = Y.encodeStateVector(c.doc)
      const hidden = new Y.Doc()
      Y.applyUpdate(hidden, Y.encodeStateAsUpdate(c.doc))
      hidden.clientID = c.doc.clientID + 1
      hidden.getMap('status').set('routine', true)
      const sv1 = Y.encodeStateVector(hidden)
      hidden.getMap('status').set('continue', true)
      const gap = Y.encodeStateAsUpdate(hidden, sv1)
      expect(sv0).not.toEqual(sv1)
      const sent = await send(name, gap)
      expect(sent.closed?.code).toBe(CLOSE.unknownState.code)
      // An honest provider that holds both edits syncs them gap-free (sync step 2 against the server's state).
      Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(hidden))
      await whenSaved(c)
      expect((await serverState(name)).getMap('status').toJSON()).toMatchObject({ routine: true, continue: true })
    } finally {
      c.destroy()
    }
  })

  test('one that an older version stored while it waited is dropped on load and folded away, never handed out', async () => {
    const name = names[4]!
    const { first, second } = await twoEdits(
      name,
      (doc) => doc.getMap('status').set('routine', true),
      (doc) => doc.getMap('status').set('attainment', 'purple'),
    )
    await waitFor(() => !server.collab.hocuspocus.documents.has(name), 'Dokument entladen')
    // What persistPending used to append:
    server.db.insert(documentUpdates).values({ name, update: Buffer.from(second), userId: null }).run()
    const error = console.error
    console.error = () => {}
    try {
      const fresh = await serverState(name)
      expect(fresh.store.pendingStructs).toBeNull()
      Y.applyUpdate(fresh, first)
      expect(fresh.getMap('status').get('attainment')).not.toBe('purple')
      // An edit, then the last client leaves: compaction folds the log into a snapshot.
      const c = openClient(server.url, name, editor.token)
      await whenSaved(c)
      c.doc.getMap('status').set('continue', true)
      await whenSaved(c)
      c.destroy()
      await waitFor(() => !server.collab.hocuspocus.documents.has(name), 'Dokument wieder entladen')
    } finally {
      console.error = error
    }
    expect(logRows(server.db, name)).toHaveLength(0)
    const snapshot = new Y.Doc()
    Y.applyUpdate(snapshot, server.db.select().from(documents).where(eq(documents.name, name)).get()!.state!)
    expect(snapshot.store.pendingStructs).toBeNull()
    expect(snapshot.getMap('status').get('continue')).toBe(true)
  })
})
