import { parse } from 'csv-parse/sync'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../../../db/client'
import { challenges, fields, goals, measureUnits, measures, units } from '../../../db/schema'
import type { UnitRoleOnMeasure } from '../../../app/shared/vocabulary'
import { Refusal } from '../refusal'
import { findUnit, listUnitNames } from './units'

export const CSV_HEADER = ['massnahme_id', 'ziel', 'massnahme', 'einheit', 'rolle'] as const
export const MAX_CSV_BYTES = 1024 * 1024

/** This service's refusals (German message, form field): see Refusal. */
export class AssignmentError extends Refusal {
  override name = 'AssignmentError'
}

// ── CSV import ───────────────────────────────────────────────────────────────────────────────────────────

export type AssignmentLookup = {
  measures: Map<number, { goalNumber: number; title: string }>
  /** Keyed by the lower-cased name and the lower-cased short name. */
  units: Map<string, { id: number; name: string; active: boolean }>
}

export type AssignmentRow = { line: number; measureId: number; unitId: number; role: UnitRoleOnMeasure }
export type ParseResult = { ok: true; rows: AssignmentRow[]; measureIds: number[] } | { ok: false; errors: string[] }

export function loadAssignmentLookup(db: DbOrTx): AssignmentLookup {
  const measureRows = db
    .select({ id: measures.id, title: measures.title, goalNumber: goals.number })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .all()
  const unitMap = new Map<string, { id: number; name: string; active: boolean }>()
  for (const u of listUnitNames(db)) {
    const entry = { id: u.id, name: u.name, active: u.active }
    unitMap.set(normalize(u.name), entry)
    unitMap.set(normalize(u.shortName), entry)
  }
  return { measures: new Map(measureRows.map((m) => [m.id, { goalNumber: m.goalNumber, title: m.title }])), units: unitMap }
}

/** Spreadsheet programs change case, spacing and Unicode composition (macOS writes "ü" as u + ¨). */
const normalize = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('de')

const number = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, { error: (issue) => `${label} „${String(issue.input)}“ ist keine ganze Zahl.` })
    .transform(Number)

const LineSchema = z.object({
  massnahme_id: number('Die Maßnahmen-ID'),
  ziel: number('Die Zielnummer'),
  massnahme: z.string().max(2000, 'Der Maßnahmentitel ist zu lang (höchstens 2000 Zeichen).'),
  einheit: z.string().trim().max(200, 'Der Name der Organisationseinheit ist zu lang (höchstens 200 Zeichen).'),
  rolle: z
    .string()
    .transform(normalize)
    .pipe(z.enum(['', 'federführend', 'beteiligt'], { error: (issue) => `Die Rolle „${String(issue.input)}“ gibt es nicht; erlaubt sind „federführend“ und „beteiligt“.` })),
})

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * Reads and checks every line of an assignment CSV and reports every problem at once, each naming its line.
 * Lines with neither unit nor role (as in the template) name no measure and are skipped.
 */
export function parseAssignmentCsv(input: string, lookup: AssignmentLookup): ParseResult {
  if (Buffer.byteLength(input, 'utf8') > MAX_CSV_BYTES) return { ok: false, errors: [tooLarge(Buffer.byteLength(input, 'utf8'))] }
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC')
  const expected = CSV_HEADER.join(';')
  if (text.trim() === '') return { ok: false, errors: [`Zeile 1: Die Datei ist leer; erwartet wird die Kopfzeile „${expected}“.`] }

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
  const delimiter = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ','
  let records: { info: { lines: number }; record: string[] }[]
  try {
    // on_record sees each record with the line it ends on; the parser's own types then stay string[][].
    const lines: number[] = []
    const cells = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lines.push(context.lines)
        return record
      },
    })
    records = cells.map((record, i) => ({ info: { lines: lines[i]! }, record }))
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? Number(error.lines) : 0
    return { ok: false, errors: [`Zeile ${line || '?'}: Die Datei ist kein gültiges CSV (ein Anführungszeichen ist falsch gesetzt oder nicht geschlossen).`] }
  }
  records = records.filter((r) => r.record.some((cell) => cell.trim() !== ''))

  const [header, ...body] = records
  const headerCells = header?.record.map((cell) => cell.trim()) ?? []
  if (headerCells.join(';') !== expected) {
    return { ok: false, errors: [`Zeile ${header?.info.lines ?? 1}: Die Kopfzeile muss „${expected}“ lauten, gefunden: „${headerCells.join(delimiter)}“.`] }
  }
  if (body.length === 0) return { ok: false, errors: ['Zeile 2: Die Datei enthält nur die Kopfzeile, aber keine Zuordnungen.'] }

  const errors: string[] = []
  const rows: AssignmentRow[] = []
  const seen = new Map<string, number>()
  const leadLine = new Map<number, number>()
  for (const { info, record } of body) {
    const line = info.lines
    const fail = (message: string) => errors.push(`Zeile ${line}: ${message}`)
    if (record.length !== CSV_HEADER.length) {
      fail(`${plural(record.length, 'Spalte', 'Spalten')} statt ${CSV_HEADER.length} (Trennzeichen „${delimiter}“).`)
      continue
    }
    const parsed = LineSchema.safeParse(Object.fromEntries(CSV_HEADER.map((key, i) => [key, record[i]!])))
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(issue.message)
      continue
    }
    const { massnahme_id: measureId, ziel, massnahme, einheit, rolle } = parsed.data
    const measure = lookup.measures.get(measureId)
    if (!measure) fail(`Maßnahme ${measureId} gibt es nicht.`)
    else if (measure.goalNumber !== ziel) fail(`Maßnahme ${measureId} gehört zu Ziel ${measure.goalNumber}, nicht zu Ziel ${ziel}.`)
    if (measure && normalize(massnahme) !== '' && normalize(massnahme) !== normalize(measure.title)) {
      fail(`Der Titel passt nicht zu Maßnahme ${measureId} („${measure.title}“).`)
    }
    if (einheit === '' && rolle === '') continue
    if (einheit === '') fail('Die Organisationseinheit fehlt.')
    if (rolle === '') fail('Die Rolle fehlt; erlaubt sind „federführend“ und „beteiligt“.')
    const unit = einheit === '' ? undefined : lookup.units.get(normalize(einheit))
    if (einheit !== '' && !unit) fail(`Die Organisationseinheit „${einheit}“ gibt es nicht (Name oder Kurzbezeichnung angeben).`)
    if (unit && !unit.active) fail(`Die Organisationseinheit „${unit.name}“ ist deaktiviert.`)
    if (!measure || !unit || rolle === '') continue

    const key = `${measureId}/${unit.id}`
    const earlier = seen.get(key)
    if (earlier !== undefined) fail(`Maßnahme ${measureId} ist „${unit.name}“ schon in Zeile ${earlier} zugeordnet.`)
    else seen.set(key, line)
    const role: UnitRoleOnMeasure = rolle === 'federführend' ? 'lead' : 'contributing'
    if (role === 'lead') {
      const otherLead = leadLine.get(measureId)
      if (otherLead !== undefined) fail(`Maßnahme ${measureId} hat schon in Zeile ${otherLead} eine federführende Einheit; erlaubt ist eine.`)
      else leadLine.set(measureId, line)
    }
    if (earlier === undefined) rows.push({ line, measureId, unitId: unit.id, role })
  }
  if (errors.length > 0) return { ok: false, errors }
  if (rows.length === 0) return { ok: false, errors: ['Die Datei enthält keine Zuordnungen: in keiner Zeile sind Einheit und Rolle ausgefüllt.'] }
  return { ok: true, rows, measureIds: [...new Set(rows.map((r) => r.measureId))] }
}

const tooLarge = (bytes: number) =>
  `Die Datei ist zu groß (${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB); erlaubt ist höchstens 1 MB.`

/** Bytes of an upload → text; Excel's "CSV (Trennzeichen-getrennt)" writes Windows-1252, which is refused by name. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: string[] } {
  if (bytes.byteLength > MAX_CSV_BYTES) return { ok: false, errors: [tooLarge(bytes.byteLength)] }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    return { ok: false, errors: ['Die Datei ist nicht in UTF-8 gespeichert. Bitte in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern.'] }
  }
}

export type ImportResult =
  | { ok: true; assignments: number; measures: number; message: string; unitIds: number[] }
  | { ok: false; errors: string[] }

/**
 * All or nothing: replaces the assignments of every measure the file names, in one transaction; measures the
 * file does not name keep theirs. `unitIds` are the units whose measures changed (before or after).
 */
export function importAssignments(db: DbOrTx, text: string): ImportResult {
  return db.transaction((tx) => {
    const txDb = tx
    const parsed = parseAssignmentCsv(text, loadAssignmentLookup(txDb))
    if (!parsed.ok) return parsed
    const before = tx.select({ unitId: measureUnits.unitId }).from(measureUnits).where(inArray(measureUnits.measureId, parsed.measureIds)).all()
    tx.delete(measureUnits).where(inArray(measureUnits.measureId, parsed.measureIds)).run()
    for (const row of parsed.rows) tx.insert(measureUnits).values({ measureId: row.measureId, unitId: row.unitId, role: row.role }).run()
    const unitIds = [...new Set([...before.map((b) => b.unitId), ...parsed.rows.map((r) => r.unitId)])]
    const message = `${plural(parsed.rows.length, 'Zuordnung', 'Zuordnungen')} für ${plural(parsed.measureIds.length, 'Maßnahme', 'Maßnahmen')} übernommen.`
    return { ok: true, assignments: parsed.rows.length, measures: parsed.measureIds.length, message, unitIds }
  })
}

// ── By hand ──────────────────────────────────────────────────────────────────────────────────────────────

export function addAssignment(db: DbOrTx, input: { measureId: number; unitId: number; role: UnitRoleOnMeasure }): void {
  db.transaction((tx) => {
    if (!tx.select({ id: measures.id }).from(measures).where(eq(measures.id, input.measureId)).get()) {
      throw new AssignmentError(`Maßnahme ${input.measureId} gibt es nicht.`)
    }
    const unit = findUnit(tx, input.unitId)
    if (!unit) throw new AssignmentError('Diese Organisationseinheit gibt es nicht.', 'unitId')
    if (!unit.active) throw new AssignmentError(`Die Organisationseinheit „${unit.name}“ ist deaktiviert.`, 'unitId')
    const current = tx
      .select({ unitId: measureUnits.unitId, role: measureUnits.role, name: units.name })
      .from(measureUnits)
      .innerJoin(units, eq(units.id, measureUnits.unitId))
      .where(eq(measureUnits.measureId, input.measureId))
      .all()
    if (current.some((c) => c.unitId === input.unitId)) throw new AssignmentError(`„${unit.name}“ ist dieser Maßnahme schon zugeordnet.`, 'unitId')
    const lead = current.find((c) => c.role === 'lead')
    if (input.role === 'lead' && lead) {
      throw new AssignmentError(`Federführend ist schon „${lead.name}“; je Maßnahme ist nur eine federführende Einheit erlaubt.`, 'role')
    }
    tx.insert(measureUnits).values(input).run()
  })
}

export function removeAssignment(db: DbOrTx, input: { measureId: number; unitId: number }): void {
  const result = db
    .delete(measureUnits)
    .where(and(eq(measureUnits.measureId, input.measureId), eq(measureUnits.unitId, input.unitId)))
    .run()
  if (result.changes === 0) throw new AssignmentError('Diese Zuordnung gibt es nicht (mehr).')
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
  const lines = [CSV_HEADER.join(';')]
  for (const m of listMeasureAssignments(db)) lines.push([m.id, m.goalNumber, m.title, '', ''].map(csvCell).join(';'))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
