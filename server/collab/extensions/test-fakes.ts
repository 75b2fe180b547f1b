import type { Connection } from '@hocuspocus/server'
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

/** The parts of a Hocuspocus Connection the extensions (and a document's broadcast) touch. */
export function fakeConnection(options: { readOnly?: boolean; context?: unknown } = {}) {
  const closed: { code?: number; reason?: string }[] = []
  const sent: Uint8Array[] = []
  const onClose: (() => void)[] = []
  const connection = {
    messageAddress: 'fake',
    // as Connection.send: nothing leaves a socket that is closing
    send(message: Uint8Array) {
      if (connection.webSocket.readyState === 1) sent.push(message)
    },
    readOnly: options.readOnly ?? false,
    context: options.context ?? {},
    webSocket: {
      readyState: 1,
      send() {},
      close(code?: number, reason?: string) {
        closed.push({ code, reason })
        connection.webSocket.readyState = 2
      },
    },
    onClose(callback: () => void) {
      onClose.push(callback)
      return connection
    },
  }
  return { connection: connection as unknown as Connection, closed, sent, fireClose: () => onClose.forEach((c) => c()) }
}
