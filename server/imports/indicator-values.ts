import { parse } from 'csv-parse/sync'
import type { MessageValues } from '../../app/shared/i18n'

/**
 * Reading indicator values from a file: CSV here, XLSX in indicator-values-xlsx.ts. Both give the same cells, each
 * with its line and column, so one check (server/services/monitoring/import.ts) says for every problem where it is.
 * Nothing here knows the database; problems are message keys of the `monitoring` namespace, translated per request.
 */

/** The columns of an import file, in this order (the template has them too). */
export const IMPORT_COLUMNS = [
  'kennzahl',
  'gebiet',
  'stichtag',
  'merkmal',
  'auspraegung',
  'geschlecht',
  'wert',
  'anzahl',
  'bezugsgroesse',
  'quelle',
  'hinweis',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** ~50,000 values are about 4 MB of CSV; the limit leaves room for long notes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

/** One problem of a file: where (line 1 is the header; column 1-based, null for the whole line) and what. */
export type ImportProblem = { line: number; column: number | null; key: string; values?: MessageValues }

/** A cell as read: its text (numbers from XLSX as the number itself, so no decimal separator is guessed). */
export type Cell = string | number
export type RawRow = { line: number; cells: Record<ImportColumn, Cell> }
export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; problems: ImportProblem[] }

/** Spreadsheet programs change case, spacing and Unicode composition; "ausprägung" and "auspraegung" are one. */
export const normalizeWord = (value: string) =>
  value
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')

/** Checks the header row: every column in its place, else one problem per wrong column. */
export function checkHeader(cells: string[], line = 1): ImportProblem[] {
  const problems: ImportProblem[] = []
  const found = cells.map((c) => normalizeWord(String(c)))
  // Trailing empty cells (Excel leaves them) are not columns.
  while (found.length > IMPORT_COLUMNS.length && found[found.length - 1] === '') found.pop()
  IMPORT_COLUMNS.forEach((expected, i) => {
    const got = found[i]
    if (got === undefined || got === '') problems.push({ line, column: i + 1, key: 'monitoring:import.problem.headerMissing', values: { expected } })
    else if (got !== expected) problems.push({ line, column: i + 1, key: 'monitoring:import.problem.headerWrong', values: { expected, found: String(cells[i]).trim() } })
  })
  for (let i = IMPORT_COLUMNS.length; i < found.length; i++) {
    problems.push({ line, column: i + 1, key: 'monitoring:import.problem.headerExtra', values: { found: String(cells[i]).trim() } })
  }
  return problems
}

/**
 * Bytes → text. Excel's "CSV (Trennzeichen-getrennt)" writes Windows-1252: refused, naming the line and column of the
 * first byte that is not UTF-8, and which character it would be in Windows-1252 (so the person sees it is their "ü").
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problems: ImportProblem[] } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    const offset = firstInvalidUtf8(bytes)
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
    const lines = before.split(/\r\n|\n|\r/)
    const current = lines[lines.length - 1] ?? ''
    const delimiter = (lines[0] ?? '').includes(';') || !(lines[0] ?? '').includes(',') ? ';' : ','
    const column = current.split(delimiter).length
    const byte = bytes[offset] ?? 0
    const char = new TextDecoder('windows-1252').decode(Uint8Array.of(byte))
    return {
      ok: false,
      problems: [
        {
          line: lines.length,
          column,
          key: 'monitoring:import.problem.notUtf8',
          values: { byte: `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`, char },
        },
      ],
    }
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need < 0) return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return i
}

type InfoRecord = { info: { lines: number }; record: string[] }
function isInfoRecord(value: unknown): value is InfoRecord {
  if (typeof value !== 'object' || value === null || !('info' in value) || !('record' in value)) return false
  const { info, record } = value
  return typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number' && Array.isArray(record)
}

/** Reads a CSV file (semicolon or comma, UTF-8 with or without BOM). */
export function readIndicatorValuesCsv(bytes: Uint8Array): ReadResult {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, problems: [{ line: 1, column: null, key: 'monitoring:import.problem.tooLarge', values: { max: 20 } }] }
  const decoded = decodeUtf8(bytes)
  if (!decoded.ok) return decoded
  const text = decoded.text.replace(/^\uFEFF/, '').normalize('NFC')
  if (text.trim() === '') return { ok: false, problems: [{ line: 1, column: null, key: 'monitoring:import.problem.empty' }] }
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const delimiter = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ','
  let records: InfoRecord[]
  try {
    // With `info`, csv-parse gives { info, record } per line; its typings say string[][], so the shape is checked.
    const parsed: unknown = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, bom: true })
    records = Array.isArray(parsed) ? parsed.filter(isInfoRecord) : []
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? Number(error.lines) : 0
    return { ok: false, problems: [{ line: line || 1, column: null, key: 'monitoring:import.problem.badCsv' }] }
  }
  records = records.filter((r) => r.record.some((cell) => cell.trim() !== ''))
  const [header, ...body] = records
  const headerProblems = checkHeader(header?.record ?? [], header?.info.lines ?? 1)
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems }
  if (body.length === 0) return { ok: false, problems: [{ line: 2, column: null, key: 'monitoring:import.problem.noRows' }] }
  const problems: ImportProblem[] = []
  const rows: RawRow[] = []
  for (const { info, record } of body) {
    const cells = [...record]
    while (cells.length > IMPORT_COLUMNS.length && cells[cells.length - 1]!.trim() === '') cells.pop()
    if (cells.length !== IMPORT_COLUMNS.length) {
      problems.push({ line: info.lines, column: null, key: 'monitoring:import.problem.columnCount', values: { count: cells.length, expected: IMPORT_COLUMNS.length, delimiter } })
      continue
    }
    rows.push({ line: info.lines, cells: Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c, cells[i]!])) as Record<ImportColumn, Cell> })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows }
}

const csvCell = (value: string | number) => {
  const text = String(value)
  return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A CSV file from lines of cells: BOM and CRLF so that Excel opens it as UTF-8. */
export function toCsv(lines: (string | number)[][]): string {
  return `\uFEFF${[IMPORT_COLUMNS as readonly string[], ...lines].map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`
}
