import type Database from 'better-sqlite3'
import { LRUCache } from 'lru-cache'
import type { Db } from '../../db/client'

/**
 * The database's version: it changes with every write. `total_changes()` counts each row this connection
 * inserted, updated or deleted since it opened (trigger writes included, rolled-back ones not taken back);
 * `data_version` changes when another connection commits (a second process, a script, a benchmark writing the
 * same file). Two reads with the same version saw the same data, unless a transaction was open in between –
 * see ReadCache.
 */
export function dataVersion(db: Db): string {
  const row = versionStatement(db.$client).get() as { changes: number; version: number }
  return `${row.changes}.${row.version}`
}

const statements = new WeakMap<Database.Database, Database.Statement>()
function versionStatement(client: Database.Database): Database.Statement {
  let statement = statements.get(client)
  if (!statement) {
    statement = client.prepare('select total_changes() as changes, data_version as version from pragma_data_version')
    statements.set(client, statement)
  }
  return statement
}

/**
 * Results of a read that depends on nothing but the database content and `key`, kept until the next write
 * anywhere in that database (dataVersion): any write empties it, so a cached result is never stale, at the price
 * of misses after unrelated writes (sessions, live-document logs). Nothing is cached or served while a
 * transaction is open (what it wrote may yet be rolled back). The newest `maxEntries` keys are kept per database.
 *
 * Callers share the returned value between requests: it is frozen, and must not be changed.
 */
export class ReadCache<T extends object> {
  private readonly byDatabase = new WeakMap<Database.Database, { version: string; entries: LRUCache<string, T> }>()

  constructor(private readonly maxEntries = 32) {}

  get(db: Db, key: string, read: () => T): T {
    const client = db.$client
    if (client.inTransaction) return read()
    const version = dataVersion(db)
    let state = this.byDatabase.get(client)
    if (!state || state.version !== version) {
      state = { version, entries: new LRUCache<string, T>({ max: this.maxEntries }) }
      this.byDatabase.set(client, state)
    }
    const hit = state.entries.get(key)
    if (hit) return hit
    const value = deepFreeze(read())
    // The read itself may not write; if it did, the version it was read at is already gone.
    if (dataVersion(db) !== version) return value
    state.entries.set(key, value)
    return value
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
