import { and, asc, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { forumCategories, forumFeedback, rounds } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { DISPOSITIONS } from '../../app/shared/vocabulary'
import { reportData, type ReportData } from '../services/report/report'
import { docxRows, docxXml, pdfInfo, pdfText, runText } from './exports-test-helpers'
import { flat, pdfTableRows } from './forum-test-helpers'
import { FIXTURE, finishedConference, type ForumFixture } from './forum-fixture'
import { closePdfBrowser } from './pdf'
import { reportDocx } from './report-docx'
import { reportPdf } from './report-pdf'

// The report's participation annex ("Anlage: Beteiligung"): there when asked for and only then, after the overview
// annex and outside the chapters' numbering, with counts that equal the forum's visible cards in the database.

let db: Db
let fixture: ForumFixture
let otherRound: number

beforeAll(async () => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  fixture = await finishedConference(db)
  otherRound = db.select({ id: rounds.id }).from(rounds).orderBy(asc(rounds.id)).all().find((r) => r.id !== fixture.roundId)!.id
})

afterAll(async () => {
  db?.$client.close()
  await closePdfBrowser()
})

const data = (participation: boolean, roundId = () => fixture.roundId): ReportData => reportData(db, roundId(), { values: 'agreed', filters: { field: 1 }, statistics: false, participation })
const CATEGORY = { praise: 'Lob', veto: 'Veto', need: 'Notwendig für die Zielerreichung', idea: 'Idee', networks: 'Erforderliche Netzwerke und (neue) Strukturen' } as Record<string, string>

/** The counts straight from the table: visible cards (not hidden, not merged) per category and disposition. */
function countsFromDatabase(): Map<string, number[]> {
  const rows = db
    .select({ preset: forumCategories.preset, disposition: forumFeedback.disposition })
    .from(forumFeedback)
    .innerJoin(forumCategories, eq(forumCategories.id, forumFeedback.categoryId))
    .where(and(eq(forumFeedback.forumId, fixture.forumId), isNull(forumFeedback.hiddenAt), isNull(forumFeedback.mergedIntoId)))
    .all()
  const keys = [...DISPOSITIONS, null]
  const out = new Map<string, number[]>()
  for (const row of rows) {
    const label = CATEGORY[row.preset!]!
    const counts = out.get(label) ?? [0, 0, 0, 0, 0, 0]
    counts[keys.indexOf(row.disposition)]!++
    counts[5]!++
    out.set(label, counts)
  }
  return out
}

describe('the participation annex in the DOCX report', () => {
  it('comes after the overview annex as a heading of the same level, with counts per category and disposition as the database has them', async () => {
    const xml = docxXml(await reportDocx(data(true), 'de'))
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => runText(m[0]))
    expect(headings.slice(-2)).toEqual(['Anlage: Übersicht – Bewertung der inhaltlichen Zielerreichung der Maßnahmen', 'Anlage: Beteiligung'])
    // Listed in the contents, without a number.
    expect(xml).toMatch(/Anlage: Beteiligung/)
    const text = flat(runText(xml))
    expect(text).toContain(FIXTURE.title)
    expect(text).toContain('10. März 2027 · Integrationskonferenz')
    expect(text).toContain('Zielgruppen: Migrant*innen; (Wohlfahrts-)Verbände, Migrantenselbstorganisationen, Vereine und Stiftungen')
    const rows = docxRows(xml).map((r) => r.cells.map((c) => flat(c.text)))
    expect(rows).toContainEqual(['Kategorie', '✓ bereits im Konzept enthalten', '+ aufgenommen', '± teilweise aufgenommen', '– nicht aufgenommen', 'noch nicht entschieden', 'zusammen'])
    const expected = countsFromDatabase()
    expect(expected.size).toBe(5)
    for (const [label, counts] of expected) expect(rows, label).toContainEqual([label, ...counts.map(String)])
    const total = [...expected.values()].reduce((sum, c) => sum.map((n, i) => n + c[i]!), [0, 0, 0, 0, 0, 0])
    expect(rows).toContainEqual(['Summe', ...total.map(String)])
    expect(total[5]).toBe(7)
    // Taken up: adopted and partly adopted, in their languages; not the rejected, the hidden or the merged duplicate.
    for (const taken of [FIXTURE.cards.arabic, FIXTURE.cards.kept, FIXTURE.cards.russian]) expect(text).toContain(taken)
    for (const not of [FIXTURE.cards.turkish, FIXTURE.cards.hidden, FIXTURE.cards.duplicate, FIXTURE.cards.german]) expect(text).not.toContain(not)
    expect(text).toContain(FIXTURE.reason)
  })

  it('is absent unless asked for, and says so when no forum fed the round', async () => {
    const without = flat(runText(docxXml(await reportDocx(data(false), 'de'))))
    expect(without).not.toContain('Anlage: Beteiligung')
    expect(without).not.toContain(FIXTURE.title)
    const none = flat(runText(docxXml(await reportDocx(data(true, () => otherRound), 'de'))))
    expect(none).toContain('Anlage: Beteiligung')
    expect(none).toContain('Kein Beteiligungsformat hat diese Berichtsrunde gespeist: Externe Stakeholder waren nicht beteiligt.')
  })
})

describe('the participation annex in the PDF report', () => {
  it('is in the contents with the page it starts on, after the overview annex, with the same counts', async () => {
    const bytes = await reportPdf(data(true), 'de')
    expect(pdfInfo(bytes)).toMatch(/Tagged:\s+yes/)
    const pages = pdfText(bytes).split('\f')
    const toc = pages.find((page) => /^\s*Inhalt\s*$/m.test(page))!
    const number = /Anlage: Beteiligung\s+(\d+)/.exec(toc)?.[1]
    expect(number).toBeDefined()
    const page = flat(pages[Number(number) - 1]!)
    expect(page).toMatch(/^.*Anlage: Beteiligung/)
    expect(Number(/Anlage: Übersicht – Bewertung der inhaltlichen Zielerreichung der Maßnahmen\s+(\d+)/.exec(toc)![1])).toBeLessThan(Number(number))
    const annex = flat(pages.slice(Number(number) - 1).join(' '))
    // A wrapped cell's lines come out of the structure without the space between them: compare without spaces.
    const squeeze = (cells: string[]) => cells.map((c) => c.replace(/\s+/g, ''))
    const rows = pdfTableRows(bytes).map(squeeze)
    for (const [label, counts] of countsFromDatabase()) expect(rows, label).toContainEqual(squeeze([label, ...counts.map(String)]))
    expect(annex).toContain(FIXTURE.cards.russian)
    expect(annex).not.toContain(FIXTURE.cards.turkish)
  })

  it('is absent unless asked for', async () => {
    const text = pdfText(await reportPdf(data(false), 'de'))
    expect(text).not.toContain('Anlage: Beteiligung')
    expect(text).not.toContain(FIXTURE.title)
  })
})
