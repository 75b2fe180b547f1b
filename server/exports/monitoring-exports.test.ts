import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { indicators, indicatorValues, users } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { seedMonitoring } from '../../db/seed/monitoring'
import { IMPORT_COLUMNS, readIndicatorValuesCsv } from '../imports/indicator-values'
import { listTerritories, type Territory } from '../services/monitoring/common'
import { applyImport, prepareImport } from '../services/monitoring/import'
import { checkRows } from '../services/monitoring/import-rows'
import { exportDatenreport, exportQuarterly } from '../services/monitoring/exports'
import { dataSheet } from '../services/monitoring/sheets'
import { docxRows, docxXml, pdfInfo, pdfStructure, pdfText, runText } from './exports-test-helpers'
import { datenreportDocx, quarterlyDocx, sheetDocx } from './monitoring-docx'
import { datenreportPdf, quarterlyPdf, sheetPdf } from './monitoring-pdf'
import { closePdfBrowser } from './pdf'

// The monitoring's exports from values this test imports (CSV through the import service, as the statistics office
// does it): a data sheet, the data report of a year and the quarterly report, as tagged PDF and as DOCX. The figures
// are the imported ones, the municipal range is the data's minimum and maximum and names nobody, the municipalities
// stand in alphabetical order, small numbers are protected exactly as on the pages, and "Demo-Daten, keine echten
// Zahlen" is on every page when (and only when) a demo value is shown.

const YEAR = 2024
let db: Db
let places: Territory[]
let municipalities: Territory[]
/** Per municipality (by name) its share of foreigners (value, count, base), as imported. */
const shares = new Map<string, { value: number; count: number; base: number }>()

const de = (n: number, digits = 1) => n.toLocaleString('de-DE', { maximumFractionDigits: digits })

function importLines(lines: string[]) {
  const bytes = new TextEncoder().encode([IMPORT_COLUMNS.join(';'), ...lines].join('\n'))
  const read = readIndicatorValuesCsv(bytes)
  const checked = read.ok ? checkRows(db, read.rows) : read
  if (!checked.ok) throw new Error(`Import abgelehnt: ${JSON.stringify(checked.problems.slice(0, 3))}`)
  const userId = db.select({ id: users.id }).from(users).get()!.id
  const { importId } = prepareImport(db, { userId, fileName: 'test.csv', rows: checked.rows })
  applyImport(db, importId, userId)
}

beforeAll(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  seedMonitoring(db)
  db.insert(users).values({ email: 'statistik@example.org', name: 'Statistik' }).run()
  places = listTerritories(db)
  municipalities = places.filter((p) => p.kind === 'municipality')
  const lines: string[] = []
  for (const year of [YEAR - 1, YEAR]) {
    const date = `31.12.${year}`
    municipalities.forEach((m, i) => {
      // Shares from 3,7 % upwards in steps that the alphabet does not follow (no order by value to be found).
      const value = Math.round((3.7 + ((i * 7) % 21) * 0.73 + (year - YEAR) * 0.2) * 10) / 10
      const base = 10_000 + i * 1_000
      const count = m.name === 'Glandorf' ? 2 : Math.round((value * base) / 100)
      if (year === YEAR) shares.set(m.name, { value, count, base })
      lines.push(`auslaenderanteil;${m.name};${date};gesamt;;gesamt;${de(value)};${count};${base};;`)
      lines.push(`einbuergerungen;${m.name};${date};gesamt;;gesamt;${m.name === 'Glandorf' ? 2 : 10 + i};;;;`)
    })
    lines.push(`auslaenderanteil;Landkreis Osnabrück;${date};gesamt;;gesamt;7,9;28831;364950;;`)
    lines.push(`einbuergerungen;Landkreis Osnabrück;${date};gesamt;;gesamt;288;;;;`)
    // Bad Essen's foreign population with its parts (EU + Drittstaaten; men + women), as in the 2018 table.
    lines.push(
      `auslaender;Bad Essen;${date};gesamt;;gesamt;1174;;;;`,
      `auslaender;Bad Essen;${date};gesamt;;männlich;611;;;;`,
      `auslaender;Bad Essen;${date};gesamt;;weiblich;563;;;;`,
      `auslaender;Bad Essen;${date};Herkunft;EU;gesamt;503;;;;`,
      `auslaender;Bad Essen;${date};Herkunft;Drittstaaten;gesamt;671;;;;`,
    )
  }
  // The allocation quota of the quarterly report (section 4) for two municipalities, one with a small number.
  lines.push('zuweisungsquote;Melle;31.12.2024;Zuweisung;Quote;gesamt;76;;;;', 'zuweisungsquote;Melle;31.12.2024;Zuweisung;Zuweisungen;gesamt;33;;;;', 'zuweisungsquote;Melle;31.12.2024;Zuweisung;noch zu erfüllen;gesamt;43;;;;')
  lines.push('zuweisungsquote;Bad Iburg;31.12.2024;Zuweisung;Quote;gesamt;24;;;;', 'zuweisungsquote;Bad Iburg;31.12.2024;Zuweisung;Zuweisungen;gesamt;2;;;;', 'zuweisungsquote;Bad Iburg;31.12.2024;Zuweisung;noch zu erfüllen;gesamt;22;;;;')
  importLines(lines)
})

afterAll(async () => {
  db?.$client.close()
  await closePdfBrowser()
})

const sheetOf = (name: string) => dataSheet(db, places.find((p) => p.name === name)!, YEAR)
/** Printable municipal shares (count and base not small): the range is taken over these. */
const printableShares = () => [...shares.values()].filter((s) => s.count >= 3).map((s) => s.value)
/** The pages of a PDF's text (pdftotext separates them with form feeds). */
const pagesOf = (text: string) => text.split('\f').filter((p) => p.trim() !== '')
/** Every /Alt of the structure tree (literal or UTF-16BE hex strings). */
function altTexts(pdf: Uint8Array): string[] {
  const source = Buffer.from(pdf).toString('latin1')
  return [...source.matchAll(/\/Alt\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g)].map((m) => {
    const token = m[1]!
    if (token.startsWith('(')) return token.slice(1, -1).replace(/\\(.)/g, '$1')
    const bytes = Buffer.from(token.slice(1, -1).replace(/\s+/g, ''), 'hex')
    let out = ''
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!)
    return out
  })
}
const otherMunicipalities = (own: string) => municipalities.map((m) => m.name).filter((n) => n !== own && !own.includes(n) && !n.includes(own))

describe('a data sheet', () => {
  it('as tagged PDF: the imported figures, the range of the data unattributed, charts as figures with alternative text beside real tables, no demo label', async () => {
    const pdf = await sheetPdf(sheetOf('Bad Essen'), 'de')
    expect(pdfInfo(pdf)).toMatch(/Tagged:\s+yes/)
    const text = pdfText(pdf)
    const own = shares.get('Bad Essen')!
    expect(text).toContain('Datenblatt 2024: Bad Essen')
    expect(text).toContain(`${de(own.value)} % (${de(own.count, 0)} Personen)`)
    expect(text).toContain('7,9 % (28.831 Personen)')
    for (const figure of ['1.174', '503', '671', '611', '563']) expect(text).toContain(figure)
    const range = printableShares()
    expect(text).toContain(`${de(Math.min(...range))} % bis ${de(Math.max(...range))} % (20 von 21 Kommunen)`)
    for (const name of otherMunicipalities('Bad Essen')) expect(text, name).not.toContain(name)
    expect(text).not.toContain('Demo-Daten')
    const structure = pdfStructure(pdf)
    expect(structure).toMatch(/^\s*Figure\b/m)
    expect(structure).toMatch(/^\s*Table\b/m)
    expect(structure).toMatch(/^\s*TH\b/m)
    expect(structure).toMatch(/^\s*Caption\b/m)
    const alts = altTexts(pdf)
    expect(alts.some((a) => a.startsWith('Ausländer*innen-Anteil: Einordnung') && a.includes(`Die Werte der Kommunen reichen von ${de(Math.min(...range))} %`))).toBe(true)
    expect(alts.some((a) => a.startsWith('Ausländer*innen – Bad Essen nach Herkunft'))).toBe(true)
    // Sources and reference dates under every chart.
    expect(text.match(/Datenquelle: Landkreis Osnabrück, Ausländerbehörde/g)!.length).toBeGreaterThanOrEqual(4)
    expect(text).toContain('Stichtag: 31.12.2024')
    expect(text).toContain('Jahr: 2024')
  })

  it('as DOCX: the same figures in tables with header rows, headings as Word heading styles, no demo label in the header', async () => {
    const bytes = await sheetDocx(sheetOf('Bad Essen'), 'de')
    const xml = docxXml(bytes)
    const text = runText(xml)
    const own = shares.get('Bad Essen')!
    expect(text).toContain(`${de(own.value)} % (${de(own.count, 0)} Personen)`)
    for (const figure of ['1.174', '503', '671']) expect(text).toContain(figure)
    const range = printableShares()
    expect(text).toContain(`${de(Math.min(...range))} % bis ${de(Math.max(...range))} % (20 von 21 Kommunen)`)
    for (const name of otherMunicipalities('Bad Essen')) expect(text, name).not.toContain(name)
    const headings = (level: number) => [...xml.matchAll(new RegExp(`<w:p>(?:(?!</w:p>).)*?<w:pStyle w:val="Heading${level}"/>(?:(?!</w:p>).)*</w:p>`, 'gs'))].map((m) => runText(m[0]))
    expect(headings(1)).toEqual(['Datenblatt 2024: Bad Essen'])
    expect(headings(2)).toContain('Bevölkerung')
    expect(headings(3)).toContain('Ausländer*innen-Anteil')
    const rows = docxRows(xml)
    const origin = rows.findIndex((r) => r.header && r.cells[0]!.text === 'Herkunft')
    expect(origin).toBeGreaterThan(-1)
    expect(rows[origin + 1]!.cells.map((c) => c.text)).toEqual(['EU', '503'])
    expect(rows[origin + 2]!.cells.map((c) => c.text)).toEqual(['Drittstaaten', '671'])
    // Every table starts with a header row.
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
    expect(tables.length).toBeGreaterThan(5)
    for (const table of tables) expect(docxRows(table[0])[0]!.header).toBe(true)
    expect(text).toContain('Datenquelle: Landkreis Osnabrück, Ausländerbehörde')
    expect(text).toContain('Die Grafiken stehen im PDF')
    expect(runText(docxXml(bytes, 'word/header1.xml'))).not.toContain('Demo-Daten')
  })

  it('protects small numbers as the page does: a count of 2 is "< 3", the share on it withheld, neither raw number anywhere', async () => {
    const sheet = sheetOf('Glandorf')
    const raw = shares.get('Glandorf')!
    const pdfTextOf = pdfText(await sheetPdf(sheet, 'de'))
    const docxText = runText(docxXml(await sheetDocx(sheet, 'de')))
    // (pdftotext drops the narrow space of "< 3" in a right-aligned cell.)
    for (const text of [pdfTextOf, docxText]) {
      expect(text).toMatch(/Einbürgerungen\s*Anzahl · Kalenderjahr[\s\S]{0,80}?Glandorf\s*<\s?3(?!\d)/) // Einbürgerungen: own value
      expect(text).toMatch(/Glandorf\s*zurückgehalten/) // the share on a count of 2
      expect(text).toContain('< 3 Personen')
      expect(text).not.toContain(`${de(raw.value)} %`)
      expect(text).not.toContain(de(raw.base, 0))
    }
  })
})

describe('the data report', () => {
  it('as tagged PDF: 22 sheets, the county first and the municipalities alphabetically, contents with the pages the sheets start on, the glossary once', async () => {
    const report = await exportDatenreport(db, String(YEAR), 'staff')
    const pdf = await datenreportPdf({ year: report.year, sheets: report.sheets.map((s) => s.sheet) }, 'de')
    expect(pdfInfo(pdf)).toMatch(/Tagged:\s+yes/)
    const pages = pagesOf(pdfText(pdf))
    const starts = new Map<string, number>()
    pages.forEach((page, i) => {
      const m = /^Datenblatt 2024: (.+)$/m.exec(page)
      if (m && !starts.has(m[1]!)) starts.set(m[1]!, i + 1)
    })
    const names = [...starts.keys()]
    expect(names).toHaveLength(22)
    expect(names[0]).toBe('Landkreis Osnabrück')
    const alphabetical = names.slice(1).sort((a, b) => a.localeCompare(b, 'de'))
    expect(names.slice(1)).toEqual(alphabetical)
    expect(names.slice(1)).toEqual(municipalities.map((m) => m.name))
    // The contents' numbers are the pages the sheets start on (the county's, Bad Essen's, Wallenhorst's).
    const contents = pages[1]!
    for (const name of ['Landkreis Osnabrück', 'Bad Essen', 'Glandorf', 'Wallenhorst']) {
      expect(contents, name).toMatch(new RegExp(`${name}\\s+${starts.get(name)}\\s*$`, 'm'))
    }
    expect(pages.filter((p) => /^Glossar$/m.test(p) && !/^Inhalt$/m.test(p))).toHaveLength(1)
    // The Glandorf sheet protects as its own export does; Bad Essen's has its parts.
    const glandorf = pages.slice(starts.get('Glandorf')! - 1, starts.get('Hagen am Teutoburger Wald')! - 1).join('\n')
    expect(glandorf).toMatch(/Glandorf\s*zurückgehalten/)
    expect(pages.join('\n')).toContain('Ausländer*innen – Bad Essen nach Herkunft')
    expect(pages.some((p) => p.includes('Demo-Daten'))).toBe(false)
    const structure = pdfStructure(pdf)
    expect(structure.match(/^\s*Figure\b/gm)!.length).toBeGreaterThan(40)
    expect(structure).toMatch(/^\s*TH\b/m)
  }, 240_000)

  it('printed again after a sheet grew: the contents still name the pages the sheets start on (the numbers of the earlier print are checked, not trusted)', async () => {
    const report = await exportDatenreport(db, String(YEAR), 'staff')
    const sheets = report.sheets.map((s) => s.sheet)
    const startsOf = (pages: string[]) => {
      const starts = new Map<string, number>()
      pages.forEach((page, i) => {
        const m = /^Datenblatt 2024: (.+)$/m.exec(page)
        if (m && !starts.has(m[1]!)) starts.set(m[1]!, i + 1)
      })
      return starts
    }
    const before = startsOf(pagesOf(pdfText(await datenreportPdf({ year: report.year, sheets }, 'de'))))
    // Bad Essen's sheet gets a long local interpretation: every later sheet moves.
    const long = Array.from({ length: 60 }, (_, i) => `Absatz ${i + 1}: Die Entwicklung in Bad Essen wird vor Ort so eingeordnet, wie es die Verwaltung beschreibt.`).join('\n')
    const grown = sheets.map((s) => (s.territory.name === 'Bad Essen' ? { ...s, interpretation: { text: long, updatedAt: 0, updatedBy: null } } : s))
    const pages = pagesOf(pdfText(await datenreportPdf({ year: report.year, sheets: grown }, 'de')))
    const after = startsOf(pages)
    expect(after.get('Glandorf')!).toBeGreaterThan(before.get('Glandorf')!)
    for (const name of ['Landkreis Osnabrück', 'Bad Essen', 'Glandorf', 'Wallenhorst']) {
      expect(pages[1]!, name).toMatch(new RegExp(`${name}\\s+${after.get(name)}\\s*$`, 'm'))
    }
  }, 240_000)

  it('as DOCX: the sheets as Heading 1 in the same order after the structure and the glossary, a contents field, every table with a header row', async () => {
    const report = await exportDatenreport(db, String(YEAR), 'staff')
    const bytes = await datenreportDocx({ year: report.year, sheets: report.sheets.map((s) => s.sheet) }, 'de')
    const xml = docxXml(bytes)
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => runText(m[0]))
    expect(headings.slice(0, 2)).toEqual(['Aufbau', 'Glossar'])
    expect(headings.slice(2)).toEqual(places.map((p) => `Datenblatt 2024: ${p.name}`))
    expect(xml).toMatch(/TOC \\h \\o &quot;1-1&quot;/)
    for (const table of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) expect(docxRows(table[0])[0]!.header).toBe(true)
    expect(runText(docxXml(bytes, 'word/header1.xml'))).not.toContain('Demo-Daten')
  }, 120_000)

  it('says "Demo-Daten, keine echten Zahlen" on every page (PDF header and footer, DOCX header) once a demo value is shown', async () => {
    const melle = places.find((p) => p.name === 'Melle')!.id
    const share = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'auslaenderanteil')).get()!.id
    db.update(indicatorValues)
      .set({ demo: true })
      .where(and(eq(indicatorValues.indicatorId, share), eq(indicatorValues.territoryId, melle), eq(indicatorValues.referenceDate, `${YEAR}-12-31`)))
      .run()
    try {
      const report = await exportDatenreport(db, String(YEAR), 'staff')
      const sheets = report.sheets.map((s) => s.sheet)
      const pdf = await datenreportPdf({ year: report.year, sheets }, 'de')
      const pages = pagesOf(pdfText(pdf))
      expect(pages.length).toBeGreaterThan(22)
      // Header and footer: twice on every page.
      for (const [i, page] of pages.entries()) expect(page.match(/Demo-Daten, keine echten Zahlen/g)?.length ?? 0, `Seite ${i + 1}`).toBeGreaterThanOrEqual(2)
      const docx = await datenreportDocx({ year: report.year, sheets }, 'de')
      expect(runText(docxXml(docx, 'word/header1.xml'))).toContain('Demo-Daten, keine echten Zahlen')
      const melleSheet = sheets.find((s) => s.territory.name === 'Melle')!
      expect(runText(docxXml(await sheetDocx(melleSheet, 'de'), 'word/header1.xml'))).toContain('Demo-Daten, keine echten Zahlen')
      const single = pagesOf(pdfText(await sheetPdf(melleSheet, 'de')))
      for (const page of single) expect(page).toContain('Demo-Daten, keine echten Zahlen')
    } finally {
      db.update(indicatorValues).set({ demo: false }).where(eq(indicatorValues.demo, true)).run()
    }
  }, 240_000)
})

describe('the quarterly report', () => {
  it('as tagged PDF and DOCX: the allocation per municipality alphabetically, a small number as "< 3"', async () => {
    const report = exportQuarterly(db, `${YEAR}-4`)
    const text = pdfText(await quarterlyPdf(report, 'de'))
    const docx = runText(docxXml(await quarterlyDocx(report, 'de')))
    for (const t of [text, docx]) {
      expect(t).toContain('Statistischer Quartalsbericht')
      expect(t).toContain('4. Erfüllung der aktuellen Zuweisungsquote')
      expect(t).toMatch(/Bad Iburg\s*24\s*<\s?3\s*22/)
      expect(t).toMatch(/Melle\s*76\s*33\s*43/)
      const positions = municipalities.map((m) => t.indexOf(m.name, t.indexOf('4. Erfüllung')))
      expect(positions.every((p) => p > 0)).toBe(true)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
    }
  }, 120_000)
})
