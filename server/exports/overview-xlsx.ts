import type { Language } from '../../app/shared/i18n'
import type { OverviewData } from '../services/report/overview'
import { ATTAINMENT_COLOURS, defuse, FLAT_COLUMNS, flatHeader, flatRows, overviewLabels, type FlatColumn } from './overview-layout'

/**
 * The overview as an Excel workbook (exceljs): one row per measure in catalogue order, the columns of the flat table
 * (overview-layout.ts), a frozen header row with an auto-filter, widths that fit the content (capped, long texts
 * wrap), the attainment cell filled with its traffic-light colour and still carrying its word. Every text is stored as
 * a string cell, never a formula; text that looks like one gets an apostrophe (defuse) for when it is copied out.
 * The same file, edited, goes back in as proposals (server/services/report/import.ts).
 */

const MAX_WIDTH: Partial<Record<FlatColumn, number>> = { goalDescription: 60, measure: 45, narrative: 80, challenge: 40, field: 30, meeting: 35 }
const WRAP: FlatColumn[] = ['goalDescription', 'measure', 'narrative', 'challenge']

/** Yields to the event loop every this many rows, so a running Jour fixe is not held up by a large export. */
const ROWS_PER_SLICE = 40

export async function overviewXlsx(data: OverviewData, language: Language): Promise<Uint8Array> {
  const labels = overviewLabels(data, language)
  const header = flatHeader(labels)
  const workbook = new (await import('exceljs')).default.Workbook()
  workbook.creator = 'Zielwerk'
  workbook.title = labels.documentTitle
  workbook.subject = `${labels.title} – ${labels.round} – ${labels.stand}`
  workbook.description = `${labels.valuesLabel}: ${labels.values}. ${labels.filtersLabel}: ${labels.filters.join('; ')}`
  const sheet = workbook.addWorksheet(labels.sheet, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddHeader: `&L${labels.runningHead}${labels.draft ? ` – ${labels.draftMark}` : ''}`, oddFooter: `&C${labels.page} &P ${labels.of} &N` },
  })
  sheet.columns = FLAT_COLUMNS.map((key) => ({ key, header: header[key] }))
  const headerRow = sheet.getRow(1)
  headerRow.font = { bold: true }
  headerRow.alignment = { vertical: 'top', wrapText: true }
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } }

  const widths = FLAT_COLUMNS.map((key) => Math.min(24, header[key].length + 2))
  const rows = flatRows(data, labels)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const values = FLAT_COLUMNS.map((key) => {
      const value = row.values[key]
      return typeof value === 'number' ? value : defuse(value)
    })
    const added = sheet.addRow(values)
    FLAT_COLUMNS.forEach((key, index) => {
      const value = values[index]!
      const longest = String(value)
        .split(/\r?\n/)
        .reduce((n, line) => Math.max(n, line.length), 0)
      widths[index] = Math.max(widths[index]!, Math.min(MAX_WIDTH[key] ?? 30, longest + 2))
      const cell = added.getCell(index + 1)
      if (typeof value === 'string') cell.numFmt = '@'
      if (WRAP.includes(key)) cell.alignment = { vertical: 'top', wrapText: true }
      else cell.alignment = { vertical: 'top' }
    })
    if (row.attainment) {
      const colours = ATTAINMENT_COLOURS[row.attainment]
      const cell = added.getCell(FLAT_COLUMNS.indexOf('attainment') + 1)
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colours.fill}` } }
      cell.font = { color: { argb: `FF${colours.text}` }, bold: true }
    }
    if ((i + 1) % ROWS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  sheet.columns.forEach((column, index) => {
    column.width = widths[index]
  })
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: FLAT_COLUMNS.length } }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
