import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { challenges, fields, goals, measureUnits, measures, units } from '../../../db/schema'
import type { T } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import type { UnitRoleOnMeasure } from '../../../app/shared/vocabulary'
import { readAssignmentCsv, writeAssignmentCsv, type AssignmentLookup, type UnitMatch } from '../../imports/assignments'
import { unitMatcher } from '../../imports/names'
import type { LineError } from '../../imports/csv'
import { Refusal } from '../refusal'
import { findUnit, listUnitNames } from './units'

/** This service's refusals (message key, form field): see Refusal. */
export class AssignmentError extends Refusal {
  override name = 'AssignmentError'
}

// ── CSV import ───────────────────────────────────────────────────────────────────────────────────────────

/** The catalogue's measures and every unit by both its names, for reading an assignment CSV (server/imports). */
export function loadAssignmentLookup(db: DbOrTx): AssignmentLookup {
  const measureRows = db
    .select({ id: measures.id, title: measures.title, goalNumber: goals.number })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .all()
  return {
    measures: new Map(measureRows.map((m) => [m.id, { goalNumber: m.goalNumber, title: m.title }])),
    units: unitMatcher(listUnitNames(db)),
  }
}

/** What the file held (assignments for measures), and for how many of those measures that was new. */
export type ImportCounts = { assignments: number; measures: number; changed: number }
export type ImportResult = ({ ok: true; message: string; unitIds: number[]; matches: UnitMatch[] } & ImportCounts) | { ok: false; errors: LineError[] }

/** "3 Zuordnungen für 2 Maßnahmen übernommen." (and how many changed, or that nothing did) in the language of t. */
export function importSummary(t: T, counts: ImportCounts): string {
  if (counts.changed === 0) return t('admin:import.unchanged', { count: counts.measures })
  const imported = t('admin:import.imported', {
    assignments: t('admin:import.assignmentCount', { count: counts.assignments }),
    measures: t('admin:import.measureCount', { count: counts.measures }),
  })
  return counts.changed === counts.measures ? imported : `${imported} ${t('admin:import.changedOnly', { count: counts.changed })}`
}

type Link = { unitId: number; role: UnitRoleOnMeasure }
const sameLinks = (a: readonly Link[], b: readonly Link[]) => {
  const key = (links: readonly Link[]) => links.map((l) => `${l.unitId}:${l.role}`).sort().join(',')
  return key(a) === key(b)
}

/**
 * All or nothing: replaces the assignments of every measure the file names, in one transaction; measures the
 * file does not name keep theirs, and so do those it names as they are (the template read back changes nothing).
 * `unitIds` are the units whose measures changed (before or after); `matches` say which unit each spelling of the
 * file meant; `message` is the German summary (importSummary gives it in others).
 */
export function importAssignments(db: DbOrTx, text: string): ImportResult {
  return db.transaction((tx) => {
    const parsed = readAssignmentCsv(text, loadAssignmentLookup(tx))
    if (!parsed.ok) return parsed
    const current = tx
      .select({ measureId: measureUnits.measureId, unitId: measureUnits.unitId, role: measureUnits.role })
      .from(measureUnits)
      .where(inArray(measureUnits.measureId, parsed.measureIds))
      .all()
    const linksOf = (rows: readonly (Link & { measureId: number })[], measureId: number) => rows.filter((r) => r.measureId === measureId)
    const changed = parsed.measureIds.filter((id) => !sameLinks(linksOf(current, id), linksOf(parsed.rows, id)))
    if (changed.length > 0) {
      tx.delete(measureUnits).where(inArray(measureUnits.measureId, changed)).run()
      const rows = parsed.rows.filter((r) => changed.includes(r.measureId))
      tx.insert(measureUnits)
        .values(rows.map((r) => ({ measureId: r.measureId, unitId: r.unitId, role: r.role })))
        .run()
    }
    const touched = [...current, ...parsed.rows].filter((r) => changed.includes(r.measureId))
    const counts = { assignments: parsed.rows.length, measures: parsed.measureIds.length, changed: changed.length }
    return { ok: true, ...counts, message: importSummary(tFor('de'), counts), unitIds: [...new Set(touched.map((r) => r.unitId))], matches: parsed.matches }
  })
}

// ── By hand ──────────────────────────────────────────────────────────────────────────────────────────────

export function addAssignment(db: DbOrTx, input: { measureId: number; unitId: number; role: UnitRoleOnMeasure }): void {
  db.transaction((tx) => {
    if (!tx.select({ id: measures.id }).from(measures).where(eq(measures.id, input.measureId)).get()) {
      throw new AssignmentError('admin:assignments.errors.measureNotFound', { values: { id: input.measureId } })
    }
    const unit = findUnit(tx, input.unitId)
    if (!unit) throw new AssignmentError('admin:assignments.errors.unitNotFound', { field: 'unitId' })
    if (!unit.active) throw new AssignmentError('admin:assignments.errors.unitInactive', { values: { name: unit.name }, field: 'unitId' })
    const current = tx
      .select({ unitId: measureUnits.unitId, role: measureUnits.role, name: units.name })
      .from(measureUnits)
      .innerJoin(units, eq(units.id, measureUnits.unitId))
      .where(eq(measureUnits.measureId, input.measureId))
      .all()
    if (current.some((c) => c.unitId === input.unitId)) {
      throw new AssignmentError('admin:assignments.errors.alreadyAssigned', { values: { name: unit.name }, field: 'unitId' })
    }
    const lead = current.find((c) => c.role === 'lead')
    if (input.role === 'lead' && lead) {
      throw new AssignmentError('admin:assignments.errors.secondLead', { values: { name: lead.name }, field: 'role' })
    }
    tx.insert(measureUnits).values(input).run()
  })
}

export function removeAssignment(db: DbOrTx, input: { measureId: number; unitId: number }): void {
  const result = db
    .delete(measureUnits)
    .where(and(eq(measureUnits.measureId, input.measureId), eq(measureUnits.unitId, input.unitId)))
    .run()
  if (result.changes === 0) throw new AssignmentError('admin:assignments.errors.notAssigned')
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────

/** Every measure in catalogue order with its field, goal and current units. */
function listMeasureAssignments(db: DbOrTx) {
  const rows = db
    .select({ id: measures.id, title: measures.title, position: measures.position, goalNumber: goals.number, fieldNumber: fields.number })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .innerJoin(challenges, eq(challenges.id, goals.challengeId))
    .innerJoin(fields, eq(fields.id, challenges.fieldId))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
  const links = db
    .select({ measureId: measureUnits.measureId, unitId: units.id, name: units.name, shortName: units.shortName, role: measureUnits.role })
    .from(measureUnits)
    .innerJoin(units, eq(units.id, measureUnits.unitId))
    .orderBy(sql`case ${measureUnits.role} when 'lead' then 0 else 1 end`, asc(units.shortName))
    .all()
  const byMeasure = new Map<number, Omit<(typeof links)[number], 'measureId'>[]>()
  for (const { measureId, ...unit } of links) byMeasure.set(measureId, [...(byMeasure.get(measureId) ?? []), unit])
  return rows.map((m) => ({ ...m, units: byMeasure.get(m.id) ?? [] }))
}


/** The assignments page: the measures of one field (or all), optionally only those without a lead unit. */
export function findMeasureAssignments(db: DbOrTx, filters: { field?: number; withoutLead?: boolean }) {
  const all = listMeasureAssignments(db)
  const measures = all.filter(
    (m) => (!filters.field || m.fieldNumber === filters.field) && (!filters.withoutLead || !m.units.some((u) => u.role === 'lead')),
  )
  return { total: all.length, measures }
}

/** The fields of action, for the page's filter. */
export function listFieldChoices(db: DbOrTx): { number: number; title: string }[] {
  return db.select({ number: fields.number, title: fields.title }).from(fields).orderBy(asc(fields.number)).all()
}

/** The CSV template of the import: every measure with its current units (see writeAssignmentCsv). */
export function assignmentTemplateCsv(db: DbOrTx): string {
  return writeAssignmentCsv(listMeasureAssignments(db))
}
