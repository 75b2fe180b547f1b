import type { Language } from '../../app/shared/i18n'
import type { OverviewData } from '../services/report/overview'
import { defuse, FLAT_COLUMNS, flatHeader, flatRows, overviewLabels } from './overview-layout'

/**
 * The overview as CSV the way German Excel opens it by double-click: UTF-8 with a byte-order mark (without it Excel
 * reads Windows-1252 and breaks the umlauts), semicolons (Excel's list separator under a German locale), CRLF line
 * ends, and RFC 4180 quoting (a field with a quote, semicolon or line break in quotes, quotes doubled; line breaks
 * inside a narrative stay inside its field). Text that a spreadsheet would take for a formula is defused.
 */
export function overviewCsv(data: OverviewData, language: Language): Uint8Array {
  const labels = overviewLabels(data, language)
  const header = flatHeader(labels)
  const lines = [FLAT_COLUMNS.map((c) => quote(header[c]))]
  for (const row of flatRows(data, labels)) lines.push(FLAT_COLUMNS.map((c) => quote(row.values[c])))
  const text = `\uFEFF${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`
  return new TextEncoder().encode(text)
}

function quote(value: string | number): string {
  if (typeof value === 'number') return String(value)
  // Line breaks inside a field are CRLF too, as Excel writes them.
  const text = defuse(value).replace(/\r?\n/g, '\r\n')
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}
