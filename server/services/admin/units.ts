import { asc, count, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { measureUnits, memberships, units } from '../../../db/schema'
import { nameKey } from '../../imports/names'
import { Refusal } from '../refusal'

/** This service's refusals (message key, form field): see Refusal. */
export class UnitError extends Refusal {
  override name = 'UnitError'
}

export function listUnits(db: DbOrTx) {
  const rows = db
    .select({ id: units.id, name: units.name, shortName: units.shortName, active: units.active })
    .from(units)
    .orderBy(asc(units.name))
    .all()
  const measureCounts = new Map(
    db
      .select({ unitId: measureUnits.unitId, n: count() })
      .from(measureUnits)
      .groupBy(measureUnits.unitId)
      .all()
      .map((r) => [r.unitId, r.n]),
  )
  const memberCounts = new Map(
    db
      .select({ unitId: memberships.unitId, n: sql<number>`count(distinct ${memberships.userId})` })
      .from(memberships)
      .groupBy(memberships.unitId)
      .all()
      .map((r) => [r.unitId, r.n]),
  )
  return rows.map((u) => ({ ...u, measureCount: measureCounts.get(u.id) ?? 0, memberCount: memberCounts.get(u.id) ?? 0 }))
}

export type UnitChoice = { id: number; name: string; shortName: string }

/** The units offered for new memberships and assignments: the active ones, by name (the one query for every form). */
export function listActiveUnits(db: DbOrTx): UnitChoice[] {
  return db
    .select({ id: units.id, name: units.name, shortName: units.shortName })
    .from(units)
    .where(eq(units.active, true))
    .orderBy(asc(units.name))
    .all()
}

/** One unit's name and whether it is active: memberships and assignments take active units only. */
export function findUnit(db: DbOrTx, unitId: number): { name: string; active: boolean } | undefined {
  return db.select({ name: units.name, active: units.active }).from(units).where(eq(units.id, unitId)).get()
}

/** Every unit with both names, deactivated ones too (the CSV import says that a named unit is deactivated). */
export function listUnitNames(db: DbOrTx): { id: number; name: string; shortName: string; active: boolean }[] {
  return db.select({ id: units.id, name: units.name, shortName: units.shortName, active: units.active }).from(units).all()
}

/**
 * Names and short names are unique across both columns under the import's key (case, spacing, NFC/NFD: see
 * nameKey): the CSV import finds a unit by either, so "VHS" must never mean two units.
 */
function assertNamesFree(db: DbOrTx, name: string, shortName: string, exceptId?: number) {
  const others = listUnitNames(db).filter((u) => u.id !== exceptId)
  const clash = (value: string) => others.find((u) => nameKey(u.name) === nameKey(value) || nameKey(u.shortName) === nameKey(value))
  const byName = clash(name)
  if (byName) throw new UnitError('admin:units.errors.nameTaken', { values: { value: name, unit: byName.name }, field: 'name' })
  const byShort = clash(shortName)
  if (byShort) throw new UnitError('admin:units.errors.nameTaken', { values: { value: shortName, unit: byShort.name }, field: 'shortName' })
}

export function createUnit(db: DbOrTx, input: { name: string; shortName: string }): number {
  const name = input.name.trim()
  const shortName = input.shortName.trim()
  return db.transaction((tx) => {
    assertNamesFree(tx, name, shortName)
    return tx.insert(units).values({ name, shortName }).returning({ id: units.id }).get().id
  })
}

export function renameUnit(db: DbOrTx, unitId: number, input: { name: string; shortName: string }): void {
  const name = input.name.trim()
  const shortName = input.shortName.trim()
  db.transaction((tx) => {
    if (!tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get()) throw new UnitError('admin:units.errors.notFound')
    assertNamesFree(tx, name, shortName, unitId)
    tx.update(units).set({ name, shortName }).where(eq(units.id, unitId)).run()
  })
}

/** Deactivated units keep their members and assignments (the history refers to them); they are no longer offered. */
export function setUnitActive(db: DbOrTx, unitId: number, active: boolean): void {
  const result = db.update(units).set({ active }).where(eq(units.id, unitId)).run()
  if (result.changes === 0) throw new UnitError('admin:units.errors.notFound')
}

/** The members of these units, whose rights on measures change when the units' assignments change. */
export function userIdsOfUnits(db: DbOrTx, unitIds: number[]): number[] {
  if (unitIds.length === 0) return []
  const rows = db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(inArray(memberships.unitId, unitIds))
    .all()
  return rows.map((r) => r.userId)
}
