import { Connection, Document, type WebSocketLike } from '@hocuspocus/server'
import { eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { measureUnits, measures, rounds, units } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { createSession, generateSessionToken } from '../../auth/session'
import { createUser } from '../../services/admin/users'
import type { Role } from '../../../app/shared/vocabulary'

/** An in-memory database with the catalogue, one measure assigned to the first unit. */
export function testDb() {
  const db = openDatabase(':memory:')
  seedCatalogue(db)
  const openRound = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'open')).get()!.id
  const closedRound = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'closed')).get()!.id
  const [unitA, unitB] = db.select({ id: units.id }).from(units).all().map((u) => u.id) as [number, number]
  const [measureA, measureB] = db.select({ id: measures.id }).from(measures).limit(2).all().map((m) => m.id) as [number, number]
  db.insert(measureUnits).values({ measureId: measureA, unitId: unitA, role: 'lead' }).run()
  db.insert(measureUnits).values({ measureId: measureB, unitId: unitB, role: 'lead' }).run()
  return { db, openRound, closedRound, unitA, unitB, measureA, measureB }
}

let n = 0
export async function userWithToken(db: Db, role: Role, unitId: number | null = null) {
  n++
  const id = await createUser(db, { email: `fake-${n}@test.zielwerk`, name: `Person ${n}`, password: 'ein-langes-testpasswort', role, unitId })
  const token = generateSessionToken()
  createSession(db, token, id)
  return { id, token, name: `Person ${n}` }
}

/**
 * A real Hocuspocus Connection on a fake socket: what the server sends is collected in `sent`, what closes it in
 * `closed`. It belongs to `document` (a document of its own when none is given), as a connection on the server does;
 * `fireClose` is the connection going away (its onClose callbacks run, as when the client leaves).
 */
export function fakeConnection(options: { readOnly?: boolean; context?: unknown; document?: Document } = {}) {
  const closed: { code?: number; reason?: string }[] = []
  const sent: Uint8Array[] = []
  const socket: WebSocketLike = {
    readyState: 1,
    send(message) {
      if (message instanceof Uint8Array) sent.push(message)
    },
    close(code, reason) {
      closed.push({ code, reason })
      socket.readyState = 2
    },
  }
  const document = options.document ?? new Document('fake')
  const connection = new Connection(socket, new Request('http://zielwerk.test/collab'), document, 'fake', options.context ?? {}, options.readOnly ?? false)
  return { connection, closed, sent, fireClose: () => connection.callbacks.onClose.forEach((callback) => callback(document)) }
}
