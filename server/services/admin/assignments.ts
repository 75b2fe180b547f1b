import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { challenges, fields, goals, measureUnits, measures, units } from '../../../db/schema'
import type { T } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import type { UnitRoleOnMeasure } from '../../../app/shared/vocabulary'
import { ASSIGNMENT_HEADER, readAssignmentCsv, type AssignmentLookup, type UnitMatch } from '../../imports/assignments'
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

export type ImportCounts = { assignments: number; measures: number }
export type ImportResult = ({ ok: true; message: string; unitIds: number[]; matches: UnitMatch[] } & ImportCounts) | { ok: false; errors: LineError[] }

/** "3 Zuordnungen für 2 Maßnahmen übernommen." in the language of t. */
export function importSummary(t: T, counts: ImportCounts): string {
  return t('admin:import.imported', {
    assignments: t('admin:import.assignmentCount', { count: counts.assignments }),
    measures: t('admin:import.measureCount', { count: counts.measures }),
  })
}

/**
 * All or nothing: replaces the assignments of every measure the file names, in one transaction; measures the
 * file does not name keep theirs. `unitIds` are the units whose measures changed (before or after); `matches` say
 * which unit each spelling of the file meant; `message` is the German summary (importSummary gives it in others).
 */
export function importAssignments(db: DbOrTx, text: string): ImportResult {
  return db.transaction((tx) => {
    const parsed = readAssignmentCsv(text, loadAssignmentLookup(tx))
    if (!parsed.ok) return parsed
    const before = tx.select({ unitId: measureUnits.unitId }).from(measureUnits).where(inArray(measureUnits.measureId, parsed.measureIds)).all()
    tx.delete(measureUnits).where(inArray(measureUnits.measureId, parsed.measureIds)).run()
    for (const row of parsed.rows) tx.insert(measureUnits).values({ measureId: row.measureId, unitId: row.unitId, role: row.role }).run()
    const unitIds = [...new Set([...before.map((b) => b.unitId), ...parsed.rows.map((r) => r.unitId)])]
    const counts = { assignments: parsed.rows.length, measures: parsed.measureIds.length }
    return { ok: true, ...counts, message: importSummary(tFor('de'), counts), unitIds, matches: parsed.matches }
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
    if (current.some((c) => c.unitId === input.unitId)) throw new AssignmentError('admin:assignments.errors.alreadyAssigned', { values: { name: unit.name }, field: 'unitId' })
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
export function listMeasureAssignments(db: DbOrTx) {
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

export type MeasureAssignment = ReturnType<typeof listMeasureAssignments>[number]

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

const csvCell = (value: string | number) => {
  const text = String(value)
  return /[;"\n\r,]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The template: one line per measure, unit and role empty. BOM and CRLF so that Excel opens it as UTF-8. */
export function assignmentTemplateCsv(db: DbOrTx): string {
  const lines = [ASSIGNMENT_HEADER.join(';')]
  for (const m of listMeasureAssignments(db)) lines.push([m.id, m.goalNumber, m.title, '', ''].map(csvCell).join(';'))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
