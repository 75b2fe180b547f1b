import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import fs from 'node:fs'
import path from 'node:path'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** The database or a transaction on it: what a service that reads and writes takes, so that it composes inside a
 * caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

/** Finds db/migrations from wherever this module runs: db/ under tsx, build/server/ after the build. */
function migrationsFolder(): string {
  let dir = import.meta.dirname
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'db', 'migrations')
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate
    const sibling = path.join(dir, 'migrations')
    if (fs.existsSync(path.join(sibling, 'meta', '_journal.json'))) return sibling
    dir = path.dirname(dir)
  }
  return path.resolve('db/migrations')
}

/**
 * Opens (and creates) the SQLite file in WAL mode with foreign keys on, and applies the committed migrations.
 * synchronous=NORMAL in WAL keeps every committed transaction across a process crash (kill -9); only a power
 * loss may drop the last transactions, which is the usual trade for a server on one disk.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema }) as Db
  migrate(db, { migrationsFolder: migrationsFolder() })
  return db
}

/**
 * A second, read-only connection to an existing database (the export worker's): no migrations (the server ran them),
 * WAL lets it read while the server writes.
 */
export function openReadOnlyDatabase(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  sqlite.pragma('busy_timeout = 5000')
  return drizzle(sqlite, { schema }) as Db
}

export { schema }
