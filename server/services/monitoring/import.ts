import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { indicatorImports, indicatorValueChanges, indicatorValues, users } from '../../../db/schema'
import { MonitoringError, valuesVersion } from './common'
import { keyOf, type ImportRow } from './import-rows'

/**
 * Importing values, all or nothing. A file is read (server/imports/) and its lines checked (import-rows.ts), and the
 * result compared with what is stored: the change set is shown first and kept as a pending import; "Übernehmen"
 * applies it in one transaction, with an audit row per new or changed value naming the person. A preview made before
 * someone else changed values is refused rather than applied over their change.
 */

// ── Change set ────────────────────────────────────────────────────────────────────────────────────────────────────

type Stored = { id: number; value: number | null; count: number | null; base: number | null; source: string; note: string; demo: boolean }
export type Change = { row: ImportRow; before: Stored | null }

function storedFor(db: DbOrTx, rows: ImportRow[]): Map<string, Stored> {
  const pairs = new Map<string, { indicatorId: number; referenceDate: string }>()
  for (const r of rows) pairs.set(`${r.indicatorId}|${r.referenceDate}`, { indicatorId: r.indicatorId, referenceDate: r.referenceDate })
  const out = new Map<string, Stored>()
  const byIndicator = new Map<number, string[]>()
  for (const p of pairs.values()) byIndicator.set(p.indicatorId, [...(byIndicator.get(p.indicatorId) ?? []), p.referenceDate])
  for (const [indicatorId, dates] of byIndicator) {
    const stored = db
      .select({
        id: indicatorValues.id,
        indicatorId: indicatorValues.indicatorId,
        territoryId: indicatorValues.territoryId,
        referenceDate: indicatorValues.referenceDate,
        dimension: indicatorValues.dimension,
        category: indicatorValues.category,
        sex: indicatorValues.sex,
        value: indicatorValues.value,
        count: indicatorValues.count,
        base: indicatorValues.base,
        source: indicatorValues.source,
        note: indicatorValues.note,
        demo: indicatorValues.demo,
      })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, indicatorId), inArray(indicatorValues.referenceDate, dates)))
      .all()
    for (const s of stored) out.set(keyOf(s), s)
  }
  return out
}

const same = (row: ImportRow, s: Stored) =>
  row.value === s.value && row.count === s.count && row.base === s.base && row.source === s.source && row.note === s.note && !s.demo

export type ChangeSet = { added: Change[]; changed: Change[]; unchanged: number }

export function changeSet(db: DbOrTx, rows: ImportRow[]): ChangeSet {
  const stored = storedFor(db, rows)
  const set: ChangeSet = { added: [], changed: [], unchanged: 0 }
  for (const row of rows) {
    const before = stored.get(keyOf(row)) ?? null
    if (!before) set.added.push({ row, before: null })
    else if (same(row, before)) set.unchanged++
    else set.changed.push({ row, before })
  }
  return set
}

// ── Pending imports ───────────────────────────────────────────────────────────────────────────────────────────────

export type ImportSummary = { added: number; changed: number; unchanged: number; rows: number }

/** Keeps checked rows as a pending import and returns its id with the change set to show. */
export function prepareImport(db: DbOrTx, input: { userId: number | null; fileName: string; rows: ImportRow[] }): { importId: number; changes: ChangeSet } {
  return db.transaction((tx) => {
    const changes = changeSet(tx, input.rows)
    const summary: ImportSummary = { added: changes.added.length, changed: changes.changed.length, unchanged: changes.unchanged, rows: input.rows.length }
    // Pending previews of the same person are replaced: one open preview per person.
    if (input.userId !== null) {
      tx.update(indicatorImports)
        .set({ state: 'discarded', rows: '[]' })
        .where(and(eq(indicatorImports.userId, input.userId), eq(indicatorImports.state, 'pending')))
        .run()
    }
    const row = tx
      .insert(indicatorImports)
      .values({ userId: input.userId, fileName: input.fileName.slice(0, 200), rows: JSON.stringify(input.rows), summary: JSON.stringify(summary), baseVersion: valuesVersion(tx) })
      .returning({ id: indicatorImports.id })
      .get()
    return { importId: row.id, changes }
  })
}

function pendingImport(db: DbOrTx, importId: number, userId: number | null) {
  const found = db
    .select({ id: indicatorImports.id, userId: indicatorImports.userId, state: indicatorImports.state, rows: indicatorImports.rows, baseVersion: indicatorImports.baseVersion, fileName: indicatorImports.fileName })
    .from(indicatorImports)
    .where(eq(indicatorImports.id, importId))
    .get()
  if (!found || found.userId !== userId) throw new MonitoringError('monitoring:refusal.importUnknown')
  if (found.state !== 'pending') throw new MonitoringError('monitoring:refusal.importDone')
  return found
}

/** The change set of a pending import (for the preview page after a reload). */
export function pendingChangeSet(db: DbOrTx, importId: number, userId: number | null): { fileName: string; changes: ChangeSet } {
  const found = pendingImport(db, importId, userId)
  return { fileName: found.fileName, changes: changeSet(db, JSON.parse(found.rows) as ImportRow[]) }
}

/**
 * The two writes of an applied value, as statements prepared once per import: tens of thousands of values go in per
 * file, and building drizzle's multi-row SQL for each chunk cost more than the writes themselves.
 */
function writeStatements(tx: DbOrTx, importId: number, userId: number | null, now: number) {
  const p = (name: string) => sql.placeholder(name)
  const value = tx
    .insert(indicatorValues)
    .values({
      indicatorId: p('indicatorId'),
      territoryId: p('territoryId'),
      referenceDate: p('referenceDate'),
      dimension: p('dimension'),
      category: p('category'),
      sex: p('sex'),
      value: p('value'),
      count: p('count'),
      base: p('base'),
      source: p('source'),
      note: p('note'),
      demo: false,
      importId,
      updatedBy: userId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [indicatorValues.indicatorId, indicatorValues.territoryId, indicatorValues.referenceDate, indicatorValues.dimension, indicatorValues.category, indicatorValues.sex],
      set: {
        value: sql`excluded.value`,
        count: sql`excluded.count`,
        base: sql`excluded.base`,
        source: sql`excluded.source`,
        note: sql`excluded.note`,
        demo: false,
        importId,
        updatedBy: userId,
        updatedAt: now,
      },
    })
    .prepare()
  const change = tx
    .insert(indicatorValueChanges)
    .values({
      importId,
      userId,
      at: now,
      indicatorId: p('indicatorId'),
      territoryId: p('territoryId'),
      referenceDate: p('referenceDate'),
      dimension: p('dimension'),
      category: p('category'),
      sex: p('sex'),
      change: p('change'),
      oldValue: p('oldValue'),
      newValue: p('value'),
      oldCount: p('oldCount'),
      newCount: p('count'),
      oldNote: p('oldNote'),
      newNote: p('note'),
    })
    .prepare()
  return { value, change }
}

/** Applies a pending import in one transaction, with an audit row per new or changed value. */
export function applyImport(db: DbOrTx, importId: number, userId: number | null): ImportSummary {
  return db.transaction((tx) => {
    const found = pendingImport(tx, importId, userId)
    if (valuesVersion(tx) !== found.baseVersion) throw new MonitoringError('monitoring:refusal.importStale')
    const rows = JSON.parse(found.rows) as ImportRow[]
    const changes = changeSet(tx, rows)
    const now = Date.now()
    const write = writeStatements(tx, importId, userId, now)
    for (const { row, before } of [...changes.added, ...changes.changed]) {
      const values = {
        indicatorId: row.indicatorId,
        territoryId: row.territoryId,
        referenceDate: row.referenceDate,
        dimension: row.dimension,
        category: row.category,
        sex: row.sex,
        value: row.value,
        count: row.count,
        base: row.base,
        source: row.source,
        note: row.note,
      }
      write.value.run(values)
      write.change.run({ ...values, change: before ? 'update' : 'insert', oldValue: before?.value ?? null, oldCount: before?.count ?? null, oldNote: before?.note ?? null })
    }
    const summary: ImportSummary = { added: changes.added.length, changed: changes.changed.length, unchanged: changes.unchanged, rows: rows.length }
    tx.update(indicatorImports).set({ state: 'applied', appliedAt: now, rows: '[]', summary: JSON.stringify(summary) }).where(eq(indicatorImports.id, importId)).run()
    return summary
  })
}

export function discardImport(db: DbOrTx, importId: number, userId: number | null): void {
  pendingImport(db, importId, userId)
  db.update(indicatorImports).set({ state: 'discarded', rows: '[]' }).where(eq(indicatorImports.id, importId)).run()
}

/** The latest imports, for the import page: file, person, when, counts. */
export function recentImports(db: DbOrTx, limit = 10) {
  return db
    .select({
      id: indicatorImports.id,
      fileName: indicatorImports.fileName,
      state: indicatorImports.state,
      summary: indicatorImports.summary,
      createdAt: indicatorImports.createdAt,
      appliedAt: indicatorImports.appliedAt,
      userName: users.name,
    })
    .from(indicatorImports)
    .leftJoin(users, eq(users.id, indicatorImports.userId))
    .orderBy(desc(indicatorImports.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, summary: JSON.parse(r.summary) as Partial<ImportSummary> }))
}

/** The latest value changes (the audit), for the import page. */
export function recentValueChanges(db: DbOrTx, limit = 30) {
  return db
    .select({
      id: indicatorValueChanges.id,
      at: indicatorValueChanges.at,
      change: indicatorValueChanges.change,
      indicatorId: indicatorValueChanges.indicatorId,
      territoryId: indicatorValueChanges.territoryId,
      referenceDate: indicatorValueChanges.referenceDate,
      dimension: indicatorValueChanges.dimension,
      category: indicatorValueChanges.category,
      sex: indicatorValueChanges.sex,
      oldValue: indicatorValueChanges.oldValue,
      newValue: indicatorValueChanges.newValue,
      oldCount: indicatorValueChanges.oldCount,
      newCount: indicatorValueChanges.newCount,
      userName: users.name,
    })
    .from(indicatorValueChanges)
    .leftJoin(users, eq(users.id, indicatorValueChanges.userId))
    .orderBy(desc(indicatorValueChanges.id))
    .limit(limit)
    .all()
}
