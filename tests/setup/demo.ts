import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../db/client'
import { goals, measureUnits, measures, rounds, units } from '../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME } from '../../db/seed/catalogue'
import { DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from '../../server/cli/demo'
import { loginOverHttp, startServer, type RunningServer, type StartOptions } from './server'

/**
 * The built server with the demo data (server/cli/demo.ts) and the ways tests reach into it: its database file
 * beside the running server, and the demo accounts' session cookies over HTTP.
 */

/** One demo account of each role, the ones route × role tests act as. */
export const ROLE_ACCOUNTS = {
  commissioner: `beauftragte@${DEMO_DOMAIN}`,
  coordinator: `koordination@${DEMO_DOMAIN}`,
  editor: `ordnung@${DEMO_DOMAIN}`,
  participant: `forum@${DEMO_DOMAIN}`,
  viewer: `lesen@${DEMO_DOMAIN}`,
  statistics: `statistik@${DEMO_DOMAIN}`,
} as const
export type Role = keyof typeof ROLE_ACCOUNTS

/** The server's own database file, opened beside the running server (WAL allows it); the caller closes it. */
export function openServerDatabase(server: Pick<RunningServer, 'dataDir'>): Db {
  return openDatabase(path.join(server.dataDir, 'zielwerk.sqlite'))
}

/** The server's own database file for a short look or change, closed again when `use` returns. */
export function withServerDb<T>(server: Pick<RunningServer, 'dataDir'>, use: (db: Db) => T): T {
  const db = openServerDatabase(server)
  try {
    return use(db)
  } finally {
    db.$client.close()
  }
}

/** The built server (startServer) with the demo units, accounts and rounds seeded into its database. */
export async function startDemoServer(options: Omit<StartOptions, 'dataDir'> = {}): Promise<RunningServer> {
  const server = await startServer(options)
  try {
    const db = openServerDatabase(server)
    try {
      await seedDemo(db)
    } finally {
      db.$client.close()
    }
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

/** The ids of the demo's open round and of its historical (closed) round. */
export function demoRoundIds(db: Db): { open: number; historical: number } {
  const roundId = (name: string) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, name)).get()!.id
  return { open: roundId(FIRST_OPEN_ROUND_NAME), historical: roundId(HISTORICAL_ROUND_NAME) }
}

/** The measures a unit (by short name, e.g. 'FD Ordnung') is assigned, in page order: by goal number, then position. */
export function unitMeasures(db: Db, unitShortName: string): { id: number; title: string; goalNumber: number }[] {
  return db
    .select({ id: measures.id, title: measures.title, goalNumber: goals.number })
    .from(measureUnits)
    .innerJoin(units, eq(units.id, measureUnits.unitId))
    .innerJoin(measures, eq(measures.id, measureUnits.measureId))
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(eq(units.shortName, unitShortName))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
}

/** Logs the accounts in over HTTP with the demo password, one after the other; their session cookies by key. */
export async function loginDemoAccounts<K extends string>(baseUrl: string, emails: Record<K, string>): Promise<Record<K, string>> {
  const cookies = {} as Record<K, string>
  for (const key of Object.keys(emails) as K[]) cookies[key] = await loginOverHttp(baseUrl, { email: emails[key], password: DEMO_PASSWORD })
  return cookies
}

/** Logs in the demo account named by the part before the @ (e.g. 'ordnung'); its session cookie. */
export function loginDemoUser(baseUrl: string, name: string): Promise<string> {
  return loginOverHttp(baseUrl, { email: `${name}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })
}

/** loginDemoUser for each name, one after the other; the session cookies by name. */
export async function loginDemoUsers<K extends string>(baseUrl: string, names: readonly K[]): Promise<Record<K, string>> {
  const cookies = {} as Record<K, string>
  for (const name of names) cookies[name] = await loginDemoUser(baseUrl, name)
  return cookies
}

/** The administrator's session cookie and that of each ROLE_ACCOUNTS account, by role. */
export async function loginEveryRole(server: RunningServer): Promise<Record<'admin' | Role, string>> {
  const admin = await loginOverHttp(server.url, server.admin)
  return { admin, ...(await loginDemoAccounts(server.url, ROLE_ACCOUNTS)) }
}
