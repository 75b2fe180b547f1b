import { z } from 'zod'
import { label, msg } from '../../app/shared/forms'
import type { UnitRoleOnMeasure } from '../../app/shared/vocabulary'
import { columnCountError, LineError, lineError, readCsv, writeCsv, type Failed } from './csv'
import { nameKey, type UnitMatcher } from './names'

/**
 * The assignment CSV (which unit leads or contributes to which measure): one line per measure and unit, in the
 * county's German column names. This module reads and checks it against the catalogue and the units it is given;
 * writing the result is the service's (server/services/admin/assignments.ts), in one transaction.
 */

const ASSIGNMENT_HEADER = ['massnahme_id', 'ziel', 'massnahme', 'einheit', 'rolle'] as const
/** The file's words for the roles (German in every UI language: the file is the county's); the database keeps the glossary's English. */
const CSV_ROLES = { lead: 'federführend', contributing: 'beteiligt' } as const satisfies Record<UnitRoleOnMeasure, string>

export type AssignmentLookup = {
  measures: Map<number, { goalNumber: number; title: string }>
  /** Every unit, deactivated ones too (so that the import can say so), by its name or short name. */
  units: UnitMatcher
}

export type AssignmentRow = { line: number; measureId: number; unitId: number; role: UnitRoleOnMeasure }
/** How the file named a unit, and which unit that is (for every spelling that is not the unit's name itself). */
export type UnitMatch = { written: string; unitName: string }
export type AssignmentRead = { ok: true; rows: AssignmentRow[]; measureIds: number[]; matches: UnitMatch[] } | Failed

const number = (name: 'admin:field.measureId' | 'admin:field.goalNumber') =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, { error: (issue) => msg('admin:import.notANumber', { label: label(name), value: String(issue.input) }) })
    .transform(Number)

const LineSchema = z.object({
  massnahme_id: number('admin:field.measureId'),
  ziel: number('admin:field.goalNumber'),
  massnahme: z.string().max(2000, msg('admin:import.titleTooLong', { max: 2000 })),
  einheit: z.string().trim().max(200, msg('admin:import.unitTooLong', { max: 200 })),
  rolle: z
    .string()
    .transform(nameKey)
    .pipe(z.enum(['', CSV_ROLES.lead, CSV_ROLES.contributing], { error: (issue) => msg('admin:import.unknownRole', { value: String(issue.input) }) })),
})

/**
 * Reads and checks every line of an assignment CSV and reports every problem at once, each naming its line.
 * Lines with neither unit nor role (as in the template) name no measure and are skipped.
 */
export function readAssignmentCsv(input: string, lookup: AssignmentLookup): AssignmentRead {
  const read = readCsv(input, ASSIGNMENT_HEADER)
  if (!read.ok) return read
  if (read.records.length === 0) return { ok: false, errors: [lineError(2, 'admin:import.onlyHeader')] }

  const errors: LineError[] = []
  const rows: AssignmentRow[] = []
  const seen = new Map<string, number>()
  const leadLine = new Map<number, number>()
  const matches = new Map<string, string>()
  for (const record of read.records) {
    const { line } = record
    const fail = (key: Parameters<typeof lineError>[1], values?: Parameters<typeof lineError>[2]) => errors.push(lineError(line, key, values))
    const columns = columnCountError(record, ASSIGNMENT_HEADER.length, read.delimiter)
    if (columns) {
      errors.push(columns)
      continue
    }
    const parsed = LineSchema.safeParse(Object.fromEntries(ASSIGNMENT_HEADER.map((key, i) => [key, record.cells[i]!])))
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(new LineError(line, issue.message))
      continue
    }
    const { massnahme_id: measureId, ziel, massnahme, einheit, rolle } = parsed.data
    const measure = lookup.measures.get(measureId)
    if (!measure) fail('admin:import.unknownMeasure', { id: measureId })
    else if (measure.goalNumber !== ziel) fail('admin:import.wrongGoal', { id: measureId, goal: measure.goalNumber, given: ziel })
    if (measure && nameKey(massnahme) !== '' && nameKey(massnahme) !== nameKey(measure.title)) {
      fail('admin:import.wrongTitle', { id: measureId, title: measure.title })
    }
    if (einheit === '' && rolle === '') continue
    if (einheit === '') fail('admin:import.unitMissing')
    if (rolle === '') fail('admin:import.roleMissing')
    const unit = einheit === '' ? undefined : lookup.units.find(einheit)
    if (einheit !== '' && !unit) {
      const suggestion = lookup.units.suggest(einheit)
      if (suggestion) fail('admin:import.unknownUnitSuggest', { value: einheit, suggestion })
      else fail('admin:import.unknownUnit', { value: einheit })
    }
    if (unit && einheit !== unit.name && !matches.has(einheit)) matches.set(einheit, unit.name)
    if (unit && !unit.active) fail('admin:import.unitInactive', { name: unit.name })
    if (!measure || !unit || rolle === '') continue

    const key = `${measureId}/${unit.id}`
    const earlier = seen.get(key)
    if (earlier !== undefined) fail('admin:import.duplicate', { id: measureId, unit: unit.name, earlier })
    else seen.set(key, line)
    const role: UnitRoleOnMeasure = rolle === CSV_ROLES.lead ? 'lead' : 'contributing'
    if (role === 'lead') {
      const otherLead = leadLine.get(measureId)
      if (otherLead !== undefined) fail('admin:import.twoLeads', { id: measureId, earlier: otherLead })
      else leadLine.set(measureId, line)
    }
    if (earlier === undefined) rows.push({ line, measureId, unitId: unit.id, role })
  }
  if (errors.length > 0) return { ok: false, errors }
  if (rows.length === 0) return { ok: false, errors: [lineError(null, 'admin:import.nothing')] }
  return {
    ok: true,
    rows,
    measureIds: [...new Set(rows.map((r) => r.measureId))],
    matches: [...matches].map(([written, unitName]) => ({ written, unitName })),
  }
}

export type MeasureWithUnits = { id: number; goalNumber: number; title: string; units: { shortName: string; role: UnitRoleOnMeasure }[] }

/**
 * The template: the current assignments, one line per measure and unit (a measure without units gets one line
 * with unit and role empty), in the order given. Read back unchanged, it changes nothing (a round trip through
 * Excel); the units are written by their short names, which the import recognises like their names.
 */
export function writeAssignmentCsv(measures: readonly MeasureWithUnits[]): string {
  const rows = measures.flatMap((m) =>
    m.units.length === 0 ? [[m.id, m.goalNumber, m.title, '', '']] : m.units.map((u) => [m.id, m.goalNumber, m.title, u.shortName, CSV_ROLES[u.role]]),
  )
  return writeCsv(ASSIGNMENT_HEADER, rows)
}
