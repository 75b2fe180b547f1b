import { and, asc, eq, lte, max, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../../../db/client'
import { documentUpdates, documents, forumPhases, forums, rounds } from '../../../db/schema'
import fs from 'node:fs'
import { Journal, type JournalEntry } from '../journal'
import { dropPending } from '../ydoc'

/**
 * A live document as the database holds it: the snapshot (`documents.state`) and the log rows after it
 * (`document_updates`). Reading it for a load, folding the log into a new snapshot, writing a snapshot. Persistence
 * (persistence.ts) decides when; these only know the tables.
 */

/** The statements of every keystroke's store (persistence.ts), prepared once. */
export type StoreStatements = {
  roundState: (roundId: number) => string | undefined
  posterState: (forumId: number, phaseId: number) => [forumState: string, phaseState: string] | undefined
  append: (name: string, update: Uint8Array, userId: number | null) => number
  rowIds: { all(values: { name: string }): { id: number }[] }
}

/** No copy of an update: a Buffer view on the same bytes. */
const bytes = (update: Uint8Array) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)

export function prepareStore(db: Db): StoreStatements {
  // These run on better-sqlite3 directly (the SQL is drizzle's): drizzle's prepared-query wrapper (placeholders
  // filled, rows mapped) cost more per keystroke than the queries.
  const roundState = db.$client.prepare(db.select({ state: rounds.state }).from(rounds).where(eq(rounds.id, sql.placeholder('roundId'))).toSQL().sql).pluck()
  const posterState = db.$client
    .prepare(
      db
        .select({ forumState: forums.state, phaseState: forumPhases.state })
        .from(forumPhases)
        .innerJoin(forums, eq(forums.id, forumPhases.forumId))
        .where(and(eq(forumPhases.id, sql.placeholder('phaseId')), eq(forums.id, sql.placeholder('forumId'))))
        .toSQL().sql,
    )
    .raw()
  const append = db.$client.prepare(
    db
      .insert(documentUpdates)
      .values({ name: sql.placeholder('name'), update: sql.placeholder('update'), userId: sql.placeholder('userId') })
      .toSQL().sql,
  )
  return {
    roundState: (roundId) => roundState.get(roundId) as string | undefined,
    posterState: (forumId, phaseId) => posterState.get(phaseId, forumId) as [string, string] | undefined,
    append: (name, update, userId) => Number(append.run(name, bytes(update), userId).lastInsertRowid),
    rowIds: db.select({ id: documentUpdates.id }).from(documentUpdates).where(eq(documentUpdates.name, sql.placeholder('name'))).orderBy(asc(documentUpdates.id)).prepare(),
  }
}

/** Loading = the snapshot + every log row after it, read in one (deferred) transaction. */
export function readStored(db: Db, name: string): { state: Buffer | null; updates: { id: number; update: Buffer }[] } {
  return db.transaction(
    (tx) => {
      const snapshot = tx.select({ state: documents.state }).from(documents).where(eq(documents.name, name)).get()
      // Every row still in the log is newer than the snapshot: compaction deletes what it folds in the same
      // transaction. (Row ids are not compared with compacted_through: without AUTOINCREMENT SQLite may
      // reuse ids after deletions.)
      const updates = tx
        .select({ id: documentUpdates.id, update: documentUpdates.update })
        .from(documentUpdates)
        .where(eq(documentUpdates.name, name))
        .orderBy(asc(documentUpdates.id))
        .all()
      return { state: snapshot?.state ?? null, updates }
    },
    { behavior: 'deferred' },
  )
}

/** Replays snapshot + log from the database: right whatever memory holds (or whether it holds it at all). */
export function compactFromLog(db: Db, name: string): boolean {
  return db.transaction((tx) => {
    const through = tx.select({ id: max(documentUpdates.id) }).from(documentUpdates).where(eq(documentUpdates.name, name)).get()?.id
    if (!through) return false
    const snapshot = tx.select({ state: documents.state }).from(documents).where(eq(documents.name, name)).get()
    const updates = tx
      .select({ update: documentUpdates.update })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.name, name), lte(documentUpdates.id, through)))
      .orderBy(asc(documentUpdates.id))
      .all()
    const doc = new Y.Doc({ gc: true })
    try {
      // One Yjs transaction for the whole replay (about 3x faster than one per row on a long log).
      Y.transact(doc, () => {
        if (snapshot?.state) Y.applyUpdate(doc, snapshot.state)
        for (const { update } of updates) Y.applyUpdate(doc, update)
      })
      // Pending content (stored by an older version) is folded away: it was never visible nor checked.
      dropPending(doc)
      writeSnapshot(db, name, Buffer.from(Y.encodeStateAsUpdate(doc)), through)
    } finally {
      doc.destroy()
    }
    return true
  })
}

/** Prepared once per connection: a flush appends dozens of entries twice a second. */
const appendStatements = new WeakMap<Db['$client'], (entry: JournalEntry) => number>()

/** Inside a transaction: the journal's entries (journal.ts) appended to the log, with their times; their row ids. */
export function appendEntries(db: Db, entries: JournalEntry[]): number[] {
  let append = appendStatements.get(db.$client)
  if (!append) {
    const statement = db.$client.prepare(
      db
        .insert(documentUpdates)
        .values({ name: sql.placeholder('name'), update: sql.placeholder('update'), userId: sql.placeholder('userId'), createdAt: sql.placeholder('at') })
        .toSQL().sql,
    )
    append = (entry) => Number(statement.run(entry.name, bytes(entry.update), entry.userId, entry.at).lastInsertRowid)
    appendStatements.set(db.$client, append)
  }
  return entries.map(append)
}

/**
 * At start, before the server serves: whatever a crash left in the journal file goes into the log, and the file
 * starts over. Returns how many entries it moved.
 */
export function recoverJournal(db: Db, file: string): number {
  const entries = Journal.read(file)
  if (entries.length > 0) db.$client.transaction(() => void appendEntries(db, entries))()
  if (fs.existsSync(file)) fs.truncateSync(file, 0)
  return entries.length
}

/** Inside a transaction: the new snapshot, and the log rows it folds in removed. */
export function writeSnapshot(db: Db, name: string, state: Buffer, through: number) {
  const now = Date.now()
  db.insert(documents)
    .values({ name, state, compactedThrough: through, updatedAt: now })
    .onConflictDoUpdate({ target: documents.name, set: { state, compactedThrough: through, updatedAt: now } })
    .run()
  db.delete(documentUpdates).where(and(eq(documentUpdates.name, name), lte(documentUpdates.id, through))).run()
}
