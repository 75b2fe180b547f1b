import type Database from 'better-sqlite3'
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rounds } from '../../db/schema'

/**
 * Whether a round is open, asked on every keystroke of plain typing (persistence.ts) without a query per
 * keystroke: every SQLite statement takes the WAL's read lock, which cost more than the keystroke's own work.
 *
 * The answer is remembered per round and forgotten
 * - at once when this connection changes or deletes any round (a temporary trigger calls back into JS inside
 *   the statement, whichever service or route made the change; a rolled-back change only costs a re-read), and
 * - within `pollMs` when another connection or process committed anything (`PRAGMA data_version`, once per
 *   interval, not per keystroke).
 * So a round closed through Zielwerk refuses the very next keystroke, as the query in the store did.
 */
export class RoundStates {
  private readonly states = new Map<number, string | null>()
  private readonly stateOf: (roundId: number) => string | undefined
  private readonly dataVersion: () => number
  private version: number
  private readonly timer: NodeJS.Timeout

  private readonly sqlite: Database.Database

  constructor(db: Db, pollMs = 1_000) {
    const sqlite: Database.Database = db.$client
    this.sqlite = sqlite
    const query = db.select({ state: rounds.state }).from(rounds).where(eq(rounds.id, sql.placeholder('roundId'))).toSQL().sql
    const statement = sqlite.prepare(query).pluck()
    this.stateOf = (roundId) => statement.get(roundId) as string | undefined
    const version = sqlite.prepare('PRAGMA data_version').pluck()
    this.dataVersion = () => version.get() as number
    this.version = this.dataVersion()
    listenersOf(sqlite).add(this.states)
    this.timer = setInterval(() => this.poll(), pollMs)
    this.timer.unref()
  }

  isOpen(roundId: number): boolean {
    let state = this.states.get(roundId)
    if (state === undefined) {
      state = this.stateOf(roundId) ?? null
      this.states.set(roundId, state)
    }
    return state === 'open'
  }

  /** Another connection committed something: what is remembered may be old. */
  poll(): void {
    try {
      const now = this.dataVersion()
      if (now !== this.version) this.states.clear()
      this.version = now
    } catch {
      // the connection is closing
      this.states.clear()
    }
  }

  stop(): void {
    clearInterval(this.timer)
    listeners.get(this.sqlite)?.delete(this.states)
  }
}

/** Per connection, the caches its trigger clears (one SQL function per connection, however many caches). */
const listeners = new WeakMap<Database.Database, Set<Map<number, string | null>>>()

function listenersOf(sqlite: Database.Database): Set<Map<number, string | null>> {
  let caches = listeners.get(sqlite)
  if (caches) return caches
  const created = new Set<Map<number, string | null>>()
  sqlite.function('zielwerk_rounds_changed', { deterministic: false }, () => {
    for (const cache of created) cache.clear()
    return null
  })
  for (const [event, when] of [
    ['update', 'AFTER UPDATE OF state ON'],
    ['delete', 'AFTER DELETE ON'],
  ] as const) {
    sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS zielwerk_rounds_${event} ${when} main.rounds BEGIN SELECT zielwerk_rounds_changed(); END`)
  }
  listeners.set(sqlite, created)
  caches = created
  return caches
}
