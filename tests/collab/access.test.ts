import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { memberships } from '../../db/schema'
import { invalidateUserSessions } from '../../server/auth/session'
import { CLOSE } from '../../app/shared/live/close-codes'
import { agreedDocumentName, goalDocumentName, measureDocumentName } from '../../app/shared/live/names'
import {
  assign,
  createUserWithSession,
  firstMeasures,
  logRows,
  openClient,
  RawClient,
  sleep,
  startCollabServer,
  unitIds,
  updateFrom,
  waitFor,
  whenSaved,
  type Client,
  type TestServer,
} from './harness'

let server: TestServer
let unitA: number
let unitB: number
let measureA: { id: number; goalNumber: number }
let measureB: { id: number; goalNumber: number }
let editorA: { id: number; name: string; token: string }
let viewer: { id: number; token: string }
let coordinator: { id: number; token: string }
const clients: Client[] = []
const raws: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer({ maxDocumentsPerConnection: 5 })
  ;[unitA, unitB] = unitIds(server.db) as [number, number]
  const measures = firstMeasures(server.db, 30)
  measureA = measures[0]!
  // a measure of another goal, so that goal A holds no measure of unit B
  measureB = measures.find((m) => m.goalNumber !== measureA.goalNumber)!
  assign(server.db, measureA.id, unitA)
  assign(server.db, measureB.id, unitB)
  editorA = await createUserWithSession(server.db, 'editor', unitA)
  viewer = await createUserWithSession(server.db, 'viewer')
  coordinator = await createUserWithSession(server.db, 'coordinator')
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const r of raws) r.close()
  await server.close()
})

function client(name: string, token: string, doc?: Y.Doc) {
  const c = openClient(server.url, name, token, doc)
  clients.push(c)
  return c
}

async function raw(headers: Record<string, string> = {}) {
  const r = await RawClient.connect(server.url, headers)
  raws.push(r)
  return r
}

const measureDoc = (m: { id: number }, round = server.openRoundId) => measureDocumentName(round, m.id)

describe('who may write which document', () => {
  test('a unit editor writes the measures of his own unit', async () => {
    const r = await raw()
    expect(await r.open(measureDoc(measureA), editorA.token)).toEqual({ type: 'authenticated', scope: 'read-write' })
  })

  test('a unit editor only reads another unit’s measure, and an update he sends anyway changes nothing', async () => {
    const name = measureDoc(measureB)
    const r = await raw()
    expect(await r.open(name, editorA.token)).toEqual({ type: 'authenticated', scope: 'readonly' })
    const before = logRows(server.db, name).length
    r.syncStep1(name)
    r.update(name, updateFrom(null, (doc) => doc.getMap('status').set('attainment', 'high')))
    await waitFor(() => r.messages.some((m) => m.type === 'syncStatus'), 'Antwort auf das Update')
    expect(r.messages.find((m) => m.type === 'syncStatus')).toEqual({ type: 'syncStatus', applied: false })
    expect(logRows(server.db, name)).toHaveLength(before)
    const reader = client(name, coordinator.token)
    await whenSaved(reader)
    expect(reader.doc.getMap('status').get('attainment')).toBeUndefined()
  })

  test('a unit editor writes the narrative of a goal that holds a measure of his unit, not of other goals', async () => {
    const own = await raw()
    expect(await own.open(goalDocumentName(server.openRoundId, measureA.goalNumber), editorA.token)).toMatchObject({ scope: 'read-write' })
    expect(await own.open(goalDocumentName(server.openRoundId, measureB.goalNumber), editorA.token)).toMatchObject({ scope: 'readonly' })
  })

  test('only who may agree writes the agreed rating: the unit editor reads it, the coordinator writes it', async () => {
    const name = agreedDocumentName(server.openRoundId, measureA.id)
    const r = await raw()
    expect(await r.open(name, editorA.token)).toMatchObject({ scope: 'readonly' })
    const c = await raw()
    expect(await c.open(name, coordinator.token)).toMatchObject({ scope: 'read-write' })
  })

  test('no document of a closed round is writable, not even for the coordinator', async () => {
    const r = await raw()
    for (const name of [
      measureDoc(measureA, server.closedRoundId),
      goalDocumentName(server.closedRoundId, measureA.goalNumber),
      agreedDocumentName(server.closedRoundId, measureA.id),
    ]) {
      expect(await r.open(name, coordinator.token), name).toMatchObject({ scope: 'readonly' })
    }
    const e = await raw()
    expect(await e.open(measureDoc(measureA, server.closedRoundId), editorA.token)).toMatchObject({ scope: 'readonly' })
  })

  test('a closed round’s document shows its stored marks and stays unwritten in the database', async () => {
    const name = measureDoc(measureA, server.closedRoundId)
    const reader = client(name, viewer.token)
    await waitFor(() => reader.provider.isSynced, 'synchronisiert')
    const row = server.db.$client
      .prepare('select proposal_mandatory as m, proposal_routine as r from measure_status where round_id = ? and measure_id = ?')
      .get(server.closedRoundId, measureA.id) as { m: number; r: number }
    expect(reader.doc.getMap('status').get('mandatory') ?? false).toBe(row.m === 1)
    expect(reader.doc.getMap('status').get('routine') ?? false).toBe(row.r === 1)
    expect(logRows(server.db, name)).toHaveLength(0)
  })

  test('a viewer’s provider edits stay local: other clients and the database never see them', async () => {
    const name = measureDoc(measureA)
    const writer = client(name, editorA.token)
    await whenSaved(writer)
    const rowsBefore = logRows(server.db, name).length
    const reader = client(name, viewer.token)
    await waitFor(() => reader.provider.isSynced, 'Betrachter synchronisiert')
    reader.doc.getMap('status').set('attainment', 'low')
    await sleep(300)
    expect(writer.doc.getMap('status').get('attainment')).not.toBe('low')
    expect(logRows(server.db, name)).toHaveLength(rowsBefore)
    expect(reader.provider.hasUnsyncedChanges).toBe(true)
  })
})

describe('names, sessions and origins', () => {
  test('a document name outside the scheme is refused with its reason', async () => {
    const r = await raw()
    for (const name of ['round/1/measure/abc', 'round/01/measure/1', 'round/2/measure/1/x', '../../etc/passwd', 'round/2/report/1', '']) {
      expect(await r.open(name, editorA.token), JSON.stringify(name)).toEqual({ type: 'denied', reason: CLOSE.badName.reason })
    }
    const provider = client('round/2/anything/1', editorA.token)
    await waitFor(() => provider.denied.length > 0, 'Ablehnung beim Provider')
    expect(provider.denied[0]).toBe(CLOSE.badName.reason)
  })

  test('a name in the scheme whose measure does not exist is refused as unknown', async () => {
    const r = await raw()
    expect(await r.open(measureDocumentName(server.openRoundId, 999_999), editorA.token)).toEqual({ type: 'denied', reason: CLOSE.notFound.reason })
    expect(await r.open(measureDocumentName(999, measureA.id), editorA.token)).toEqual({ type: 'denied', reason: CLOSE.notFound.reason })
  })

  test('without a valid session every document is refused', async () => {
    const r = await raw()
    expect(await r.open(measureDoc(measureA), 'abcdefghijklmnopqrstuvwxyz234567')).toEqual({ type: 'denied', reason: CLOSE.unauthenticated.reason })
    expect(await r.open(measureDoc(measureA), '')).toEqual({ type: 'denied', reason: CLOSE.unauthenticated.reason })
  })

  test('the session cookie of the upgrade authenticates a browser without a token', async () => {
    const r = await raw({ Cookie: `zw_session=${editorA.token}` })
    expect(await r.open(measureDoc(measureA), 'cookie')).toMatchObject({ type: 'authenticated', scope: 'read-write' })
  })

  test('an upgrade from a foreign Origin is refused with 403 before any WebSocket exists', async () => {
    await expect(RawClient.connect(server.url, { Origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 })
    await expect(RawClient.connect(server.url, { Origin: 'null' })).rejects.toMatchObject({ status: 403 })
    const own = await raw({ Origin: `http://127.0.0.1:${server.port}` })
    expect(own.closed).toBeNull()
  })

  test('a WebSocket on another path than /collab is not accepted', async () => {
    await expect(RawClient.connect(server.url.replace('/collab', '/other'))).rejects.toBeTruthy()
  })

  test('a frame above the size limit closes the socket', async () => {
    const r = await raw()
    await r.open(measureDoc(measureA), editorA.token)
    r.sendBytes(new Uint8Array(2 * 1024 * 1024 + 1))
    await waitFor(() => r.closed !== null, 'Socket geschlossen')
    expect(r.closed!.code).toBe(1009)
  })

  test('more documents on one connection than the limit are refused', async () => {
    const r = await raw()
    const measures = firstMeasures(server.db, 6)
    const answers = []
    for (const m of measures) answers.push(await r.open(measureDoc(m), viewer.token))
    expect(answers.slice(0, 5).every((a) => a.type === 'authenticated')).toBe(true)
    expect(answers[5]).toEqual({ type: 'denied', reason: CLOSE.tooManyDocuments.reason })
  })
})

describe('what read-only connections may still send', () => {
  test('a read-only connection’s awareness reaches nobody, a writer’s does', async () => {
    const name = measureDoc(measureA)
    const writer = client(name, editorA.token)
    await whenSaved(writer)
    const r = await raw()
    await r.open(name, viewer.token)
    const ghost = new Awareness(new Y.Doc())
    ghost.setLocalState({ user: { name: 'Gespenst', unit: 'x', color: '#000' } })
    r.awareness(name, encodeAwarenessUpdate(ghost, [ghost.clientID]))
    writer.provider.setAwarenessField('user', { name: 'Falscher Name', unit: 'A', color: '#111' })
    const second = client(name, coordinator.token)
    await waitFor(() => second.provider.awareness!.getStates().size >= 2, 'Awareness des Schreibenden')
    await sleep(200)
    const seen = [...second.provider.awareness!.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name)
    expect(seen).not.toContain('Gespenst')
    // the writer's claimed name is replaced by his account's name
    expect(seen).toContain(editorA.name)
    expect(seen).not.toContain('Falscher Name')
  })
})

describe('when access changes', () => {
  test('ending the session closes the user’s open connections with 4401', async () => {
    const user = await createUserWithSession(server.db, 'editor', unitA)
    const c = client(measureDoc(measureA), user.token)
    await whenSaved(c)
    invalidateUserSessions(server.db, user.id)
    server.services.onAccessChanged(user.id)
    await waitFor(() => c.closes.some((e) => e.code === CLOSE.unauthenticated.code), 'Schließen mit 4401')
    await waitFor(() => c.denied.includes(CLOSE.unauthenticated.reason), 'Neuverbindung wird abgelehnt')
  })

  test('a new membership reconnects the user’s connections, which then get the new rights', async () => {
    const user = await createUserWithSession(server.db, 'viewer')
    const name = measureDoc(measureA)
    const c = client(name, user.token)
    await waitFor(() => c.provider.isSynced && c.provider.authorizedScope === 'readonly', 'nur lesend')
    server.db.update(memberships).set({ role: 'coordinator' }).where(eq(memberships.userId, user.id)).run()
    expect(server.collab.closeConnectionsOf(user.id)).toBe(1)
    await waitFor(() => c.closes.some((e) => e.code === CLOSE.accessChanged.code), 'Schließen mit 4410')
    await waitFor(() => c.provider.authorizedScope === 'read-write' && c.provider.isSynced, 'schreibend nach Neuverbindung')
    c.doc.getMap('status').set('continue', true)
    await whenSaved(c)
  })

  test('an unchanged user keeps his connections when access is re-checked', async () => {
    const c = client(measureDoc(measureA), editorA.token)
    await whenSaved(c)
    expect(server.collab.closeConnectionsOf(editorA.id)).toBe(0)
  })
})
