import type ExcelJS from 'exceljs'
import { Readable } from 'node:stream'
import { checkHeader, IMPORT_COLUMNS, MAX_IMPORT_BYTES, type Cell, type ImportColumn, type ImportProblem, type RawRow, type ReadResult } from './indicator-values'

/**
 * Indicator values from an Excel workbook (its first worksheet, header in row 1), through exceljs. Numbers stay
 * numbers (no decimal separator to guess), formulas give their cached result, dates become JJJJ-MM-TT.
 */

function cellText(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return value
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return String(value.error)
  }
  return String(value)
}

export async function readIndicatorValuesXlsx(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, problems: [{ line: 1, column: null, key: 'monitoring:import.problem.tooLarge', values: { max: 20 } }] }
  const workbook = new (await import('exceljs')).default.Workbook()
  try {
    // read() from a stream: exceljs' own Buffer typing does not accept Node's Buffer under this TypeScript.
    await workbook.xlsx.read(Readable.from([Buffer.from(bytes)]))
  } catch {
    return { ok: false, problems: [{ line: 1, column: null, key: 'monitoring:import.problem.badXlsx' }] }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet || sheet.rowCount === 0) return { ok: false, problems: [{ line: 1, column: null, key: 'monitoring:import.problem.empty' }] }
  const header = sheet.getRow(1)
  const headerCells: string[] = []
  for (let c = 1; c <= Math.max(header.cellCount, IMPORT_COLUMNS.length); c++) headerCells.push(String(cellText(header.getCell(c).value)))
  const headerProblems = checkHeader(headerCells)
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems }
  const problems: ImportProblem[] = []
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return
    const cells = IMPORT_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value))
    if (cells.every((c) => String(c).trim() === '')) return
    for (let c = IMPORT_COLUMNS.length + 1; c <= row.cellCount; c++) {
      if (String(cellText(row.getCell(c).value)).trim() !== '') problems.push({ line, column: c, key: 'monitoring:import.problem.extraCell' })
    }
    rows.push({ line, cells: Object.fromEntries(IMPORT_COLUMNS.map((col, i) => [col, cells[i]!])) as Record<ImportColumn, Cell> })
  })
  if (problems.length > 0) return { ok: false, problems }
  if (rows.length === 0) return { ok: false, problems: [{ line: 2, column: null, key: 'monitoring:import.problem.noRows' }] }
  return { ok: true, rows }
}

/** The template as a workbook: the lines to fill in, and a second sheet that explains every column. */
export async function indicatorValuesTemplateXlsx(lines: (string | number)[][], explanation: [string, string][]): Promise<Uint8Array> {
  const workbook = new (await import('exceljs')).default.Workbook()
  workbook.creator = 'Zielwerk'
  const sheet = workbook.addWorksheet('Werte')
  sheet.addRow([...IMPORT_COLUMNS])
  sheet.getRow(1).font = { bold: true }
  for (const line of lines) sheet.addRow(line)
  sheet.columns.forEach((column, i) => {
    column.width = i < 3 ? 28 : 16
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  const help = workbook.addWorksheet('Erläuterung')
  help.addRow(['Spalte', 'Inhalt'])
  help.getRow(1).font = { bold: true }
  for (const row of explanation) help.addRow(row)
  help.getColumn(1).width = 18
  help.getColumn(2).width = 110
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
