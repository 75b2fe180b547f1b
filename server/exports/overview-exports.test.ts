import ExcelJS from 'exceljs'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { goals, measureStatus, measures, meetings, rounds, users } from '../../db/schema'
import catalogue from '../../db/seed/catalogue.json' with { type: 'json' }
import { seedCatalogue } from '../../db/seed/catalogue'
import { overviewData, type OverviewData } from '../services/report/overview'
import { docxRows, docxXml, parseCsv, pdfInfo, pdfStructure, pdfText, runText } from './exports-test-helpers'
import { overviewCsv } from './overview-csv'
import { overviewDocx } from './overview-docx'
import { overviewPdf } from './overview-pdf'
import { overviewXlsx } from './overview-xlsx'
import { closePdfBrowser } from './pdf'

// Every format of the overview against the real seeded catalogue (9 fields, 41 challenges, 89 goals, 134 measures),
// with ratings this test sets in its own database: what is set appears, nothing else does.

type CatalogueJson = { fields: { title: string; challenges: { title: string; goals: { number: number; measures: { title: string }[] }[] }[] }[] }
const source = catalogue as CatalogueJson
const measureTitles = source.fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures.map((m) => m.title))))
const challengeTitles = source.fields.flatMap((f) => f.challenges.map((c) => c.title))

let db: Db
let openRound: number
let closedRound: number
/** The measures this test rates: [id, goal number]. */
const rated: { agreedHigh: number; proposalLow: number; injected: number; umlaut: number } = { agreedHigh: 0, proposalLow: 0, injected: 0, umlaut: 0 }

function measureOf(goalNumber: number, position = 1) {
  return db
    .select({ id: measures.id })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(and(eq(goals.number, goalNumber), eq(measures.position, position)))
    .get()!.id
}

beforeAll(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  const all = db.select({ id: rounds.id, state: rounds.state }).from(rounds).orderBy(asc(rounds.id)).all()
  openRound = all.find((r) => r.state === 'open')!.id
  closedRound = all.find((r) => r.state === 'closed')!.id
  const userId = db.insert(users).values({ email: 'jf@test.zielwerk', name: 'Jörg Übermann' }).returning({ id: users.id }).get().id
  const meetingId = db.insert(meetings).values({ roundId: openRound, title: 'Jour fixe März', date: '2027-03-04' }).returning({ id: meetings.id }).get().id
  rated.agreedHigh = measureOf(2)
  rated.proposalLow = measureOf(3, 1)
  rated.injected = measureOf(9)
  rated.umlaut = measureOf(11)
  const where = (measureId: number) => and(eq(measureStatus.roundId, openRound), eq(measureStatus.measureId, measureId))
  // Agreed "hoch" with two marks (several marks in one cell), over a proposal "mittel".
  db.update(measureStatus)
    .set({
      proposalAttainment: 'medium',
      agreedAttainment: 'high',
      agreedMandatory: true,
      agreedRoutine: false,
      agreedContinue: true,
      agreedResponsibilityQuestionable: false,
      agreedChangedConditions: false,
      agreedAt: Date.UTC(2027, 2, 4, 10),
      agreedBy: userId,
      agreedInMeeting: meetingId,
    })
    .where(where(rated.agreedHigh))
    .run()
  db.update(measureStatus).set({ proposalAttainment: 'low', proposalChangedConditions: true }).where(where(rated.proposalLow)).run()
  db.update(measureStatus).set({ narrativeText: '=HYPERLINK("http://evil.example","klick")\n+1;-2 "zitiert"\n@SUM(A1)' }).where(where(rated.injected)).run()
  db.update(measureStatus).set({ narrativeText: 'Größere Übergänge für Ärztinnen: Maßarbeit' }).where(where(rated.umlaut)).run()
})

afterAll(async () => {
  db?.$client.close()
  await closePdfBrowser()
})

const data = (values: 'agreed' | 'proposals' = 'agreed', round = () => openRound): OverviewData => overviewData(db, round(), values, {})

describe('the overview read', () => {
  it('holds 9 fields, 41 challenges, 89 goals and 134 measures in catalogue order', () => {
    const d = data()
    expect(d.fields).toHaveLength(9)
    expect(d.fields.flatMap((f) => f.challenges.map((c) => c.title))).toEqual(challengeTitles)
    const goalNumbers = d.fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.map((g) => g.number)))
    expect(goalNumbers).toEqual(Array.from({ length: 89 }, (_, i) => i + 1))
    expect(d.fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures.map((m) => m.title))))).toEqual(measureTitles)
  })

  it('shows the agreed rating where there is one, else the proposal marked as such; proposals only when asked', () => {
    const find = (d: OverviewData, id: number) => d.fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures))).find((m) => m.id === id)!
    expect(find(data(), rated.agreedHigh)).toMatchObject({ attainment: 'high', kind: 'agreed', agreedBy: 'Jörg Übermann', meeting: { title: 'Jour fixe März' } })
    expect(find(data(), rated.agreedHigh).flags).toMatchObject({ mandatory: true, continue: true, routine: false })
    expect(find(data(), rated.proposalLow)).toMatchObject({ attainment: 'low', kind: 'proposal' })
    expect(find(data('proposals'), rated.agreedHigh)).toMatchObject({ attainment: 'medium', kind: 'proposal' })
  })

  it('invents no attainment for the historical round: its agreed P/R marks only', () => {
    const measuresOf = (d: OverviewData) => d.fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures)))
    const historical = measuresOf(data('agreed', () => closedRound))
    expect(historical.every((m) => m.attainment === null && m.kind === 'agreed')).toBe(true)
    expect(historical.filter((m) => m.flags.routine).length).toBeGreaterThan(0)
    expect(data('agreed', () => closedRound).stand).toBe('2023-05-31')
  })
})

describe('DOCX', () => {
  it('has the title, legend, 9 field sections with repeated header rows, 41 challenge rows, each goal once and 134 measure rows', async () => {
    const xml = docxXml(await overviewDocx(data(), 'de'))
    const text = runText(xml)
    expect(text).toContain('Evaluationsergebnisse Konzept Migration und Integration 2018-2022')
    expect(text).toContain('Übersicht: Bewertung der inhaltlichen Zielerreichung der Maßnahmen')
    for (const label of ['Bewertungsschema', 'Zielerreichungsgrad hoch', 'Zielerreichungsgrad unklar', 'noch nicht bewertet', 'Pflichtaufgabe', 'Weiterführungsbedarf', 'Zuständigkeit bzw. kommunale Einflussmöglichkeit fraglich', 'Veränderte Rahmenbedingungen']) {
      expect(text).toContain(label)
    }
    expect(text.match(/Handlungsfeld „/g)).toHaveLength(9)
    expect(text).toContain('Handlungsfeld „Ankommen & Aufenthalt“')
    // The legend is a 4-column table of 5 rows first; the overview's tables follow.
    const rows = docxRows(xml).filter((r) => r.cells.length === 4 || r.cells[0]?.span === 4).slice(5)
    const headers = rows.filter((r) => r.header)
    expect(headers).toHaveLength(9)
    expect(headers[0]!.cells.map((c) => c.text)).toEqual(['Ziel', 'Herausforderung & Zielbeschreibung', 'Maßnahmen', 'Bewertung'])
    expect(rows.filter((r) => !r.header && r.cells.length === 1).map((r) => r.cells[0]!.text)).toEqual(challengeTitles)
    const measureRows = rows.filter((r) => !r.header && r.cells.length === 4)
    expect(measureRows).toHaveLength(134)
    // The goal number once per goal, the following rows of the goal merged into it.
    const numbers = measureRows.map((r) => r.cells[0]!.text).filter((t) => t !== '')
    expect(numbers).toEqual(Array.from({ length: 89 }, (_, i) => String(i + 1)))
    expect(measureRows.filter((r) => r.cells[0]!.continued).length).toBe(134 - 89)
    expect(measureRows.map((r) => r.cells[2]!.text.startsWith(measureTitles[measureRows.indexOf(r)]!))).not.toContain(false)
    expect(/<w:pgSz [^>]*w:orient="landscape"/.test(xml)).toBe(true)
    const header = docxXml(await overviewDocx(data(), 'de'), 'word/header1.xml')
    expect(runText(header)).toContain('Evaluation')
    expect(runText(header)).toContain('ENTWURF')
  })

  it('puts the rating on the measure only: word, shape and marks; "Vorschlag" where a proposal is shown', async () => {
    const rows = docxRows(docxXml(await overviewDocx(data(), 'de'))).filter((r) => r.cells.length === 4 && !r.header).slice(5)
    const ratings = rows.map((r) => r.cells[3]!.text)
    expect(ratings[measureTitles.indexOf('Erstgespräch und Orientierung')]).toMatch(/^● hoch\s*P\s+➜$/)
    expect(ratings.filter((r) => r.includes('hoch'))).toHaveLength(1)
    expect(ratings.filter((r) => r.includes('gering (Vorschlag)'))).toHaveLength(1)
    expect(ratings.filter((r) => /mittel|unklar/.test(r))).toHaveLength(0)
    const proposals = docxRows(docxXml(await overviewDocx(data('proposals'), 'de'))).filter((r) => r.cells.length === 4 && !r.header).slice(5).map((r) => r.cells[3]!.text)
    expect(proposals.filter((r) => r.includes('mittel (Vorschlag)'))).toHaveLength(1)
    expect(proposals.filter((r) => r.includes('hoch'))).toHaveLength(0)
  })

  it('colours only what is rated and has no header "Entwurf" for a closed round', async () => {
    const bytes = await overviewDocx(data('agreed', () => closedRound), 'de')
    const cells = docxRows(docxXml(bytes)).filter((r) => r.cells.length === 4 && !r.header).map((r) => r.cells[3]!)
    expect(cells).toHaveLength(134 + 5) // the measures and the legend's five rows
    expect(cells.slice(5).filter((c) => c.fill !== null)).toEqual([])
    const open = docxRows(docxXml(await overviewDocx(data(), 'de'))).filter((r) => r.cells.length === 4 && !r.header).slice(5)
    expect(open.filter((r) => r.cells[3]!.fill !== null).map((r) => r.cells[3]!.fill)).toEqual(['E3F4E6', 'FDE4E4'])
    expect(runText(docxXml(bytes, 'word/header1.xml'))).not.toContain('ENTWURF')
  })
})

describe('XLSX', () => {
  it('has one row per measure with the columns, a frozen header, an auto-filter, coloured attainments and defused formulas', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(await overviewXlsx(data(), 'de')).buffer)
    const sheet = workbook.worksheets[0]!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual([
      'Handlungsfeld Nr.', 'Handlungsfeld', 'Herausforderung', 'Ziel Nr.', 'Zielbeschreibung', 'Maßnahme Nr.', 'Maßnahme', 'Zuständige Organisationseinheiten',
      'Bewertung', 'Art der Bewertung', 'Pflichtaufgabe', 'Routine', 'Weiterführungsbedarf', 'Zuständigkeit bzw. kommunale Einflussmöglichkeit fraglich',
      'Veränderte Rahmenbedingungen', 'Sachstand', 'abgestimmt von', 'abgestimmt am', 'Sitzung',
    ])
    expect(sheet.rowCount).toBe(135)
    const rows = Array.from({ length: 134 }, (_, i) => sheet.getRow(i + 2))
    expect(rows.map((r) => r.getCell(7).text)).toEqual(measureTitles)
    expect(new Set(rows.map((r) => r.getCell(4).value)).size).toBe(89)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    const agreed = rows[measureTitles.indexOf('Erstgespräch und Orientierung')]!
    expect([agreed.getCell(9).text, agreed.getCell(10).text, agreed.getCell(11).text, agreed.getCell(12).text, agreed.getCell(13).text]).toEqual(['hoch', 'abgestimmt', 'ja', 'nein', 'ja'])
    expect(agreed.getCell(9).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFE3F4E6' } })
    expect([agreed.getCell(17).text, agreed.getCell(18).text, agreed.getCell(19).text]).toEqual(['Jörg Übermann', '04.03.2027', 'Jour fixe März (04.03.2027)'])
    const unrated = rows[0]!
    expect(unrated.getCell(9).text).toBe('noch nicht bewertet')
    expect(unrated.getCell(9).fill ?? { pattern: 'none' }).toMatchObject({ pattern: 'none' })
    const injected = rows.find((r) => r.getCell(16).text.includes('HYPERLINK'))!
    expect(injected.getCell(16).value).toBe(`'=HYPERLINK("http://evil.example","klick")\n+1;-2 "zitiert"\n@SUM(A1)`)
    expect(injected.getCell(16).type).toBe(ExcelJS.ValueType.String)
    expect(rows.map((r) => r.getCell(16).text)).toContain('Größere Übergänge für Ärztinnen: Maßarbeit')
  })
})

describe('CSV', () => {
  it('opens as German Excel reads it: BOM, semicolons, CRLF, quoted line breaks, the same columns, defused formulas', () => {
    const bytes = overviewCsv(data(), 'de')
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false)
    const rows = parseCsv(text)
    expect(rows).toHaveLength(135)
    expect(rows[0]).toHaveLength(19)
    expect(rows[0]![0]).toBe('Handlungsfeld Nr.')
    expect(rows.slice(1).map((r) => r[6])).toEqual(measureTitles)
    expect(rows.every((r) => r.length === 19)).toBe(true)
    const injected = rows.find((r) => r[15]!.includes('HYPERLINK'))!
    expect(injected[15]).toBe(`'=HYPERLINK("http://evil.example","klick")\r\n+1;-2 "zitiert"\r\n@SUM(A1)`)
    expect(rows.some((r) => r[15] === 'Größere Übergänge für Ärztinnen: Maßarbeit')).toBe(true)
    const agreed = rows[1 + measureTitles.indexOf('Erstgespräch und Orientierung')]!
    expect(agreed.slice(8, 15)).toEqual(['hoch', 'abgestimmt', 'ja', 'nein', 'ja', 'nein', 'nein'])
    // No cell of any row starts like a formula.
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([])
  })

  it('writes the English export in English, the catalogue stays German', () => {
    const rows = parseCsv(new TextDecoder().decode(overviewCsv(data(), 'en')))
    expect(rows[0]![0]).toBe('Field no.')
    expect(rows[1]![1]).toBe('Ankommen & Aufenthalt')
    expect(rows[1]![8]).toBe('not rated yet')
  })
})

describe('PDF', () => {
  it('is tagged, with headings and tables whose header cells have scopes, and says what the DOCX says', async () => {
    const bytes = await overviewPdf(data(), 'de')
    const info = pdfInfo(bytes)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)/)
    const structure = pdfStructure(bytes)
    for (const tag of ['H1', 'H2', 'Table', 'TR', 'TH', 'TD', 'L', 'LI']) expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'))
    expect(structure.match(/^\s*Table\b/gm)).toHaveLength(9)
    // Challenge rows span the table; goal numbers are row headers, one per goal.
    expect(structure.match(/\/ColSpan 4/g)).toHaveLength(41)
    const goalHeaders = [...structure.matchAll(/\/Scope \/Row\n(?:\s+\/\w+ [^\n]*\n)*\s+""\n\s+NonStruct\n\s+"(\d+)"/g)].map((m) => Number(m[1]))
    expect(goalHeaders).toEqual(Array.from({ length: 89 }, (_, i) => i + 1))
    const text = pdfText(bytes)
    expect(text).toContain('Evaluationsergebnisse Konzept Migration und Integration 2018-2022')
    expect(text).toContain('Bewertungsschema')
    expect(text.match(/Handlungsfeld „/g)).toHaveLength(9)
    expect(text).toMatch(/Seite 1 von \d+/)
    expect(text).toContain('ENTWURF')
    expect(text).toContain('gering (Vorschlag)')
    expect(text.match(/\bhoch\b/g)?.length).toBe(2) // the legend's "Zielerreichungsgrad hoch" and the one rated measure
    // pdftotext joins a word wrapped at its hyphen ("migrations-|und" → "migrationsund"): compare without either.
    const squash = (s: string) => s.replace(/[\s-]+/g, '')
    const squashed = squash(text)
    let from = 0
    for (const title of measureTitles) {
      const at = squashed.indexOf(squash(title), from)
      expect(at, title).toBeGreaterThanOrEqual(from)
      from = at + 1
    }
  })
})
