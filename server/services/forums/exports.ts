import type { PollResult } from './polls'

/**
 * The televoting results of a forum as CSV and XLSX: one row per answer of every question, with counts and shares
 * (aggregates only). The forum documentation (the export machinery's tagged PDF and DOCX) will take the same rows.
 */

export type ResultHeader = { forum: string; date: string; codeMode: string; question: string; kind: string; state: string; voters: string; answer: string; count: string; percent: string }

function rows(forumTitle: string, date: string, codeMode: string, results: PollResult[], kindLabel: (r: PollResult) => string, stateLabel: (r: PollResult) => string) {
  return results.flatMap((result) =>
    result.options.map((option) => [forumTitle, date, codeMode, result.question, kindLabel(result), stateLabel(result), result.voters, option.label, option.count, Math.round(option.percent * 10) / 10] as const),
  )
}

const csvCell = (value: string | number) => {
  const text = String(value)
  // A leading =, +, - or @ would be a formula in a spreadsheet: prefix with an apostrophe (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Semicolon-separated with a BOM, as German Excel opens it. */
export function resultsCsv(header: ResultHeader, forumTitle: string, date: string, codeMode: string, results: PollResult[], kindLabel: (r: PollResult) => string, stateLabel: (r: PollResult) => string): string {
  const head = [header.forum, header.date, header.codeMode, header.question, header.kind, header.state, header.voters, header.answer, header.count, header.percent]
  const lines = [head, ...rows(forumTitle, date, codeMode, results, kindLabel, stateLabel)].map((line) => line.map(csvCell).join(';'))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export async function resultsXlsx(header: ResultHeader, sheetName: string, forumTitle: string, date: string, codeMode: string, results: PollResult[], kindLabel: (r: PollResult) => string, stateLabel: (r: PollResult) => string): Promise<Uint8Array> {
  // Loaded when a workbook is asked for: exceljs is large, and most processes never write one.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Zielwerk'
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
  sheet.columns = [
    { header: header.forum, width: 30 },
    { header: header.date, width: 12 },
    { header: header.codeMode, width: 18 },
    { header: header.question, width: 50 },
    { header: header.kind, width: 16 },
    { header: header.state, width: 14 },
    { header: header.voters, width: 12 },
    { header: header.answer, width: 30 },
    { header: header.count, width: 10 },
    { header: header.percent, width: 10 },
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  for (const row of rows(forumTitle, date, codeMode, results, kindLabel, stateLabel)) sheet.addRow([...row])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
