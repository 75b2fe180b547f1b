import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { measureStatus, measureUnits, rounds } from '../../db/schema'
import { CLOSE } from '../../app/shared/live/close-codes'
import { goalDocumentName, measureDocumentName } from '../../app/shared/live/names'
import { assign, createUserWithSession, firstMeasures, logRows, openClient, startCollabServer, unitIds, waitFor, whenSaved, type Client, type TestServer } from './harness'

// What open connections learn when their round closes or their rights change under them: the reason, as a close
// code (4423 for a round closed, readers included; 4410 for changed rights), and nothing they sent after the
// server closed their socket is stored with the rights they had before.

let server: TestServer
let unit: number
let measure: { id: number; goalNumber: number }
let editor: { id: number; token: string }
let viewer: { id: number; token: string }
const clients: Client[] = []

beforeAll(async () => {
  server = await startCollabServer()
  unit = unitIds(server.db)[0]!
  measure = firstMeasures(server.db, 1)[0]!
  assign(server.db, measure.id, unit)
  editor = await createUserWithSession(server.db, 'editor', unit)
  viewer = await createUserWithSession(server.db, 'viewer')
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

function client(name: string, token: string) {
  const c = openClient(server.url, name, token)
  clients.push(c)
  return c
}

describe('a change of rights under an open connection', () => {
  test('an update sent after the server closed the socket for changed rights (4410) is not stored', async () => {
    const name = measureDocumentName(server.openRoundId, measure.id)
    const c = client(name, editor.token)
    await whenSaved(c)
    expect(c.provider.authorizedScope).toBe('read-write')
    const logged = logRows(server.db, name)
    server.db.delete(measureUnits).where(and(eq(measureUnits.measureId, measure.id), eq(measureUnits.unitId, unit))).run()
    try {
      expect(server.collab.closeConnectionsOf(editor.id)).toBe(1)
      // Sent before the client can have seen the close frame: it travels with the write access of the old connection.
      c.doc.getMap('status').set('attainment', 'low')
      await waitFor(() => c.closes.some((e) => e.code === CLOSE.accessChanged.code), 'Schließen mit 4410')
      await waitFor(() => c.provider.authorizedScope === 'readonly' && c.provider.isSynced, 'nur lesend nach Neuverbindung')
      expect(logRows(server.db, name)).toEqual(logged)
      const row = server.db
        .select({ attainment: measureStatus.proposalAttainment })
        .from(measureStatus)
        .where(and(eq(measureStatus.roundId, server.openRoundId), eq(measureStatus.measureId, measure.id)))
        .get()
      expect(row?.attainment ?? null).not.toBe('low')
    } finally {
      assign(server.db, measure.id, unit)
    }
  })
})

describe('closing a round', () => {
  test('closes every connection of its documents, readers’ too, with 4423; they come back read-only', async () => {
    for (const c of clients.splice(0)) c.destroy()
    const writer = client(measureDocumentName(server.openRoundId, measure.id), editor.token)
    const reader = client(goalDocumentName(server.openRoundId, measure.goalNumber), viewer.token)
    await whenSaved(writer)
    await whenSaved(reader)
    server.db.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, server.openRoundId)).run()
    try {
      expect(server.collab.closeConnectionsOfRound(server.openRoundId)).toBe(2)
      await waitFor(() => writer.closes.some((e) => e.code === CLOSE.roundClosed.code), 'Schreibende: 4423')
      await waitFor(() => reader.closes.some((e) => e.code === CLOSE.roundClosed.code), 'Lesende: 4423')
      expect([...writer.closes, ...reader.closes].some((e) => e.code === CLOSE.accessChanged.code)).toBe(false)
      await waitFor(() => writer.provider.authorizedScope === 'readonly' && writer.provider.isSynced, 'nur lesend nach Neuverbindung')
      // Re-checked again (the next user's login, say): the new connections opened in the closed round stay.
      expect(server.collab.closeConnectionsOfRound(server.openRoundId)).toBe(0)
    } finally {
      server.db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, server.openRoundId)).run()
    }
  })
})
