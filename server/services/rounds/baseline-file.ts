import { parse } from 'csv-parse/sync'
import { ATTAINMENTS, attainmentLabel, type Attainment } from '../../../app/shared/vocabulary'
import { tFor } from '../../../app/shared/i18n/resources'
import type { BaselineMeasure, BaselineValue, LineError } from './baseline'

/**
 * The file side of entering a round's historical attainment: the template (CSV or XLSX, one line per measure in
 * catalogue order, the rating column empty) and the reader of a filled-in copy, which checks every line and
 * reports every problem at once, each with its line. Lines whose rating is empty stay "not rated".
 */

export const BASELINE_HEADER = ['massnahme_id', 'handlungsfeld', 'ziel', 'massnahme', 'bewertung'] as const
export const MAX_BASELINE_BYTES = 1024 * 1024
export type BaselineFormat = 'csv' | 'xlsx'

/** The ratings as the file may spell them: the German words of the template, the English ones, or the codes. */
const RATINGS = new Map<string, Attainment>(
  ATTAINMENTS.flatMap((a) => [a, tFor('de')(attainmentLabel(a)), tFor('en')(attainmentLabel(a))].map((word): [string, Attainment] => [normalize(word), a])),
)
const GERMAN_RATINGS = ATTAINMENTS.map((a) => tFor('de')(attainmentLabel(a)))

/** Spreadsheet programs change case, spacing and Unicode composition (macOS writes "ü" as u + ¨). */
function normalize(value: string) {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('de')
}

type Line = { line: number; cells: string[] }
export type BaselineParse = { ok: true; values: BaselineValue[] } | { ok: false; errors: LineError[] }

/** Which reader a file needs, by its name; undefined: neither. */
export function baselineFormatOf(fileName: string): BaselineFormat | undefined {
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : /\.(csv|txt)$/i.test(fileName) ? 'csv' : undefined
}

/** Reads a filled-in template (CSV or XLSX) and checks it against the catalogue. */
export async function readBaselineFile(bytes: Uint8Array, format: BaselineFormat, catalogue: BaselineMeasure[]): Promise<BaselineParse> {
  if (bytes.byteLength > MAX_BASELINE_BYTES) return { ok: false, errors: [{ key: 'rounds:baseline.upload.tooLarge', values: { max: '1 MB' } }] }
  const lines = format === 'xlsx' ? await xlsxLines(bytes) : csvLines(bytes)
  return lines.ok ? checkLines(lines.lines, catalogue) : lines
}

function csvLines(bytes: Uint8Array): { ok: true; lines: Line[] } | { ok: false; errors: LineError[] } {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, errors: [{ key: 'rounds:baseline.upload.notUtf8' }] }
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC')
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
  const delimiter = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ','
  try {
    // With `info`, each record comes with the line it ends on (csv-parse's types do not say so).
    const records: unknown[] = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true })
    return { ok: true, lines: records.filter(isRecordWithInfo).map((r) => ({ line: r.info.lines, cells: r.record })) }
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? Number(error.lines) : undefined
    return { ok: false, errors: [{ line: line || undefined, key: 'rounds:baseline.upload.badCsv' }] }
  }
}

function isRecordWithInfo(value: unknown): value is { info: { lines: number }; record: string[] } {
  return typeof value === 'object' && value !== null && 'info' in value && 'record' in value && Array.isArray(value.record)
}

async function xlsxLines(bytes: Uint8Array): Promise<{ ok: true; lines: Line[] } | { ok: false; errors: LineError[] }> {
  const workbook = new (await import('exceljs')).default.Workbook()
  try {
    // exceljs declares its "Buffer" as an ArrayBuffer: hand it a copy of exactly these bytes.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer)
  } catch {
    return { ok: false, errors: [{ key: 'rounds:baseline.upload.badXlsx' }] }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { ok: false, errors: [{ key: 'rounds:baseline.upload.badXlsx' }] }
  const lines: Line[] = []
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = []
    for (let i = 1; i <= Math.max(row.cellCount, BASELINE_HEADER.length); i++) cells.push(row.getCell(i).text ?? '')
    // Trailing empty cells are formatting, not columns.
    while (cells.length > BASELINE_HEADER.length && cells.at(-1)!.trim() === '') cells.pop()
    lines.push({ line, cells })
  })
  return { ok: true, lines }
}

function checkLines(all: Line[], catalogue: BaselineMeasure[]): BaselineParse {
  const expected = BASELINE_HEADER.join(';')
  const lines = all.filter((l) => l.cells.some((c) => c.trim() !== ''))
  const [header, ...body] = lines
  if (!header) return { ok: false, errors: [{ line: 1, key: 'rounds:baseline.upload.empty', values: { expected } }] }
  const found = header.cells.map((c) => normalize(c))
  if (found.join(';') !== expected) {
    return { ok: false, errors: [{ line: header.line, key: 'rounds:baseline.upload.badHeader', values: { expected, found: header.cells.map((c) => c.trim()).join(';') } }] }
  }
  if (body.length === 0) return { ok: false, errors: [{ line: header.line + 1, key: 'rounds:baseline.upload.onlyHeader' }] }

  const byId = new Map(catalogue.map((m) => [m.id, m]))
  const errors: LineError[] = []
  const values: BaselineValue[] = []
  const seen = new Map<number, number>()
  for (const { line, cells } of body) {
    const fail = (key: LineError['key'], values: LineError['values'] = {}) => errors.push({ line, key, values })
    if (cells.length !== BASELINE_HEADER.length) {
      fail('rounds:baseline.upload.columns', { count: cells.length, expected: BASELINE_HEADER.length })
      continue
    }
    const [idCell, fieldCell, goalCell, titleCell, ratingCell] = cells.map((c) => c.trim()) as [string, string, string, string, string]
    if (!/^\d{1,9}$/.test(idCell)) {
      fail('rounds:baseline.upload.badId', { value: idCell })
      continue
    }
    const measure = byId.get(Number(idCell))
    if (!measure) {
      fail('rounds:baseline.upload.unknownMeasure', { id: idCell })
      continue
    }
    if (fieldCell !== '' && fieldCell !== String(measure.fieldNumber)) fail('rounds:baseline.upload.wrongField', { id: measure.id, field: measure.fieldNumber, value: fieldCell })
    if (goalCell !== '' && goalCell !== String(measure.goalNumber)) fail('rounds:baseline.upload.wrongGoal', { id: measure.id, goal: measure.goalNumber, value: goalCell })
    if (titleCell !== '' && normalize(titleCell) !== normalize(measure.title)) fail('rounds:baseline.upload.wrongTitle', { id: measure.id, title: measure.title })
    const earlier = seen.get(measure.id)
    if (earlier !== undefined) fail('rounds:baseline.upload.twice', { id: measure.id, earlier })
    else seen.set(measure.id, line)
    if (ratingCell === '') continue
    const attainment = RATINGS.get(normalize(ratingCell))
    if (!attainment) fail('rounds:baseline.upload.badRating', { value: ratingCell, allowed: GERMAN_RATINGS.join(', ') })
    else if (earlier === undefined) values.push({ measureId: measure.id, attainment })
  }
  if (errors.length > 0) return { ok: false, errors }
  if (values.length === 0) return { ok: false, errors: [{ key: 'rounds:baseline.upload.noRating' }] }
  return { ok: true, values }
}

const templateRows = (catalogue: BaselineMeasure[]) => catalogue.map((m) => [String(m.id), String(m.fieldNumber), String(m.goalNumber), m.title, ''])

const csvCell = (value: string) => (/[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** The CSV template: BOM and CRLF so that Excel opens it as UTF-8, semicolons as German Excel expects. */
export function baselineTemplateCsv(catalogue: BaselineMeasure[]): string {
  const lines = [BASELINE_HEADER.join(';'), ...templateRows(catalogue).map((row) => row.map(csvCell).join(';'))]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** The XLSX template: the same columns, the rating column offering the four German words. */
export async function baselineTemplateXlsx(catalogue: BaselineMeasure[], sheetName: string): Promise<Uint8Array> {
  const workbook = new (await import('exceljs')).default.Workbook()
  workbook.creator = 'Zielwerk'
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: BASELINE_HEADER[0], width: 14 },
    { header: BASELINE_HEADER[1], width: 14 },
    { header: BASELINE_HEADER[2], width: 8 },
    { header: BASELINE_HEADER[3], width: 80 },
    { header: BASELINE_HEADER[4], width: 14 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const row of templateRows(catalogue)) sheet.addRow([Number(row[0]), Number(row[1]), Number(row[2]), row[3], ''])
  for (let line = 2; line <= catalogue.length + 1; line++) {
    sheet.getCell(line, 5).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${GERMAN_RATINGS.join(',')}"`] }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
