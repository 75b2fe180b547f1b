import { parse } from 'csv-parse/sync'
import { msg, translateMessage } from '../../app/shared/forms'
import { translateKey, type MessageKey, type T } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'

/**
 * Reading CSV files that people made in Excel: bytes → text (UTF-8 only, at most 1 MB), text → records with the
 * line each one is on, the header checked. Every problem names its line and is reported with all others at once;
 * the importer that uses these records changes nothing unless the whole file is good (all or nothing).
 */

export const MAX_CSV_BYTES = 1024 * 1024

type MessageValues = Parameters<typeof msg>[1]

/**
 * One problem of an import file: a message key with its values (as validation messages travel, see msg()) and the
 * line it is on (null: the file as a whole). `message` is the German text, for logs and tests; `text(t)` the text
 * in the user's language.
 */
export class LineError {
  readonly message: string
  constructor(
    readonly line: number | null,
    private readonly encoded: string,
  ) {
    this.message = this.text(tFor('de'))
  }

  text(t: T): string {
    const text = translateMessage(t, this.encoded)
    return this.line === null ? text : translateKey(t, 'admin:import.atLine', { line: this.line, text })
  }
}

export const lineError = (line: number | null, key: MessageKey, values?: MessageValues) => new LineError(line, msg(key, values))

export type Failed = { ok: false; errors: LineError[] }
export type CsvRecord = { line: number; cells: string[] }
export type CsvRead = { ok: true; delimiter: ';' | ','; records: CsvRecord[] } | Failed

const tooLarge = (bytes: number) => lineError(null, 'admin:import.tooLarge', { size: bytes / 1024 / 1024 })

/** Bytes of an upload → text. Excel's "CSV (Trennzeichen-getrennt)" writes Windows-1252, which is refused by name. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | Failed {
  if (bytes.byteLength > MAX_CSV_BYTES) return { ok: false, errors: [tooLarge(bytes.byteLength)] }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    return { ok: false, errors: [lineError(null, 'admin:import.notUtf8')] }
  }
}

/**
 * Text → records, each with its line (the line it ends on), after a header that must be exactly `header`. Accepts a
 * byte order mark, Windows line endings, decomposed umlauts (macOS writes "ü" as u + ¨: the text is read as NFC)
 * and ';' or ',' as the delimiter (whichever the header line uses). Lines with nothing but delimiters are skipped;
 * the apostrophe that writeCsv puts before a would-be formula is taken off again, so a written file reads back as it was.
 */
export function readCsv(input: string, header: readonly string[]): CsvRead {
  const bytes = Buffer.byteLength(input, 'utf8')
  if (bytes > MAX_CSV_BYTES) return { ok: false, errors: [tooLarge(bytes)] }
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC')
  const expected = header.join(';')
  if (text.trim() === '') return { ok: false, errors: [lineError(1, 'admin:import.empty', { header: expected })] }

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'))
  const delimiter = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ','
  let records: CsvRecord[]
  try {
    // on_record sees each record with the line it ends on; the parser's own types then stay string[][].
    const lines: number[] = []
    const rows = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        lines.push(context.lines)
        return record
      },
    })
    records = rows.map((cells, i) => ({ line: lines[i]!, cells: cells.map(unprotectCell) }))
  } catch (error) {
    const line = error instanceof Error && 'lines' in error ? Number(error.lines) : 0
    return { ok: false, errors: [lineError(line || null, 'admin:import.invalidCsv')] }
  }
  records = records.filter((r) => r.cells.some((cell) => cell.trim() !== ''))

  const [head, ...body] = records
  const found = head?.cells.map((cell) => cell.trim()) ?? []
  if (found.join(';') !== expected) {
    return { ok: false, errors: [lineError(head?.line ?? 1, 'admin:import.header', { expected, found: found.join(delimiter) })] }
  }
  return { ok: true, delimiter, records: body }
}

/** A body line with the wrong number of cells (null when it has the header's). */
export function columnCountError(record: CsvRecord, expected: number, delimiter: string): LineError | null {
  if (record.cells.length === expected) return null
  return lineError(record.line, 'admin:import.columns', { count: record.cells.length, expected, delimiter })
}

// ── Writing (the templates that come back as imports) ──────────────────────────────────────────────────────────

/** What Excel and LibreOffice would start a formula with (and tab and carriage return, which they strip first). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One cell for a spreadsheet program: a text that would start a formula gets a leading apostrophe (OWASP's advice
 * against CSV injection: "=HYPERLINK(…)" in a unit's name must stay text), and a cell with the delimiter, a quote
 * or a line break is quoted.
 */
export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value
  return /[;",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The apostrophe csvCell added before a would-be formula, taken off when the file comes back. */
function unprotectCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell
}

/**
 * A CSV file as Excel opens it in a German locale without an import dialog: semicolons, UTF-8 with a byte order
 * mark (else Excel reads Windows-1252 and breaks the umlauts), Windows line endings.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header.map(csvCell).join(';'), ...rows.map((row) => row.map(csvCell).join(';'))]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
