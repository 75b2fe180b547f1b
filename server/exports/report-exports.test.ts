import { asc } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { rounds } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { reportData, type ReportData, type ReportNode } from '../services/report/report'
import { docxXml, pdfInfo, pdfStructure, pdfText, runText } from './exports-test-helpers'
import { closePdfBrowser } from './pdf'
import { reportDocx } from './report-docx'
import { reportPdf } from './report-pdf'

// The whole report from chapter texts this test writes (ProseMirror JSON of the narrative schema): structure,
// contents with page numbers, the legend in chapter 2, the annex outside the numbering, "Entwurf" only while open.

let db: Db
let openRound: number
let closedRound: number
const p = (text: string, marks?: ReportNode['marks']): ReportNode => ({ type: 'paragraph', content: [{ type: 'text', text, marks }] })
const long = (label: string, n: number): ReportNode => ({ type: 'doc', content: Array.from({ length: n }, (_, i) => p(`${label} ${i + 1}: Die Umsetzung zeigt Fortschritte bei Beratung, Sprache und Arbeit; weitere Schritte sind vereinbart und werden im Jour fixe begleitet.`)) })
const introduction: ReportNode = {
  type: 'doc',
  content: [
    p('Das Konzept „Migration und Integration“ enthält 89 Teilziele in neun Handlungsfeldern.'),
    { type: 'paragraph', content: [{ type: 'text', text: 'Wichtig', marks: [{ type: 'bold' }] }, { type: 'text', text: ' und ' }, { type: 'text', text: 'betont', marks: [{ type: 'italic' }] }, { type: 'hardBreak' }, { type: 'text', text: 'Selbstevaluation', marks: [{ type: 'link', attrs: { href: 'https://www.socialnet.de/lexikon/Selbstevaluation' } }] }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [p('Corona-Pandemie')] }, { type: 'listItem', content: [p('Ukraine-Krieg')] }] },
    { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [p('Erstens')] }, { type: 'listItem', content: [p('Zweitens')] }] },
  ],
}

function data(roundId: number, statistics = false): ReportData {
  const chapters: Record<string, ReportNode> = { introduction, method: long('Methode', 6), conclusion: long('Fazit', 10) }
  for (let f = 1; f <= 9; f++) if (f !== 5) chapters[`field-${f}`] = long(`Feld ${f}`, 5)
  return reportData(db, roundId, { values: 'agreed', filters: {}, statistics }, { authors: [{ name: 'Frauke Barske', unit: 'Referat für Strategische Planung' }, { name: 'Werner Hülsmann', unit: 'Integrationsbeauftragter, Fachdienst Ordnung' }], chapters })
}

beforeAll(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  const all = db.select({ id: rounds.id, state: rounds.state }).from(rounds).orderBy(asc(rounds.id)).all()
  openRound = all.find((r) => r.state === 'open')!.id
  closedRound = all.find((r) => r.state === 'closed')!.id
})

afterAll(async () => {
  db?.$client.close()
  await closePdfBrowser()
})

const CHAPTERS = ['1 Einleitung', '2 Prozessansatz und Evaluationsmethodik', '3 Evaluationsergebnisse', '3.1 Ankommen & Aufenthalt', '3.9 Migrations- & Integrationsmanagement', '4 Fazit']

describe('report DOCX', () => {
  it('has the cover, a Word TOC field over the heading styles, chapters 1–4 with 3.1–3.9, the legend, the annex and its tables', async () => {
    const bytes = await reportDocx(data(openRound, true), 'de')
    const xml = docxXml(bytes)
    const text = runText(xml)
    expect(text).toContain('Evaluation – Konzept Migration und Integration im Landkreis Osnabrück – 2018 bis 2022')
    expect(text).toContain('Frauke Barske, Referat für Strategische Planung')
    expect(text).toContain('Werner Hülsmann, Integrationsbeauftragter, Fachdienst Ordnung')
    expect(text).toMatch(/Stand: \d\d\.\d\d\.\d{4}/)
    // A real TOC field over Heading 1–2, filled in by Word when it opens the file (dirty, updateFields).
    expect(xml).toMatch(/<w:fldChar w:fldCharType="begin" w:dirty="true"\/><w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/)
    expect(docxXml(bytes, 'word/settings.xml')).toMatch(/<w:updateFields(?: w:val="true")?\/>/)
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading([12])"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => runText(m[0]))
    for (const chapter of CHAPTERS) expect(headings).toContain(chapter)
    expect(headings.filter((h) => /^3\.\d /.test(h))).toHaveLength(9)
    expect(headings.at(-1)).toBe('Anlage: Übersicht – Bewertung der inhaltlichen Zielerreichung der Maßnahmen')
    expect(text).toContain('Wichtig')
    expect(text).toContain('Corona-Pandemie')
    expect(xml).toContain('<w:numPr>')
    expect(text).toContain('(Dieses Kapitel ist noch nicht geschrieben.)') // field 5 has no text
    expect(text).toContain('Automatisch erzeugt: Bewertungen im Handlungsfeld „Ankommen & Aufenthalt“')
    expect(text).toContain('Zuständigkeit bzw. kommunale Einflussmöglichkeit fraglich')
    expect(text.match(/Handlungsfeld „/g)!.length).toBeGreaterThanOrEqual(9)
    expect(runText(docxXml(bytes, 'word/header1.xml'))).toContain('ENTWURF')
    expect(runText(docxXml(await reportDocx(data(closedRound), 'de'), 'word/header1.xml'))).not.toContain('ENTWURF')
  })
})

describe('report PDF', () => {
  it('is tagged, with a contents page whose page numbers match where the chapters are, and Entwurf on every page of an open round', async () => {
    const bytes = await reportPdf(data(openRound, true), 'de')
    expect(pdfInfo(bytes)).toMatch(/Tagged:\s+yes/)
    const structure = pdfStructure(bytes)
    for (const tag of ['H1', 'H2', 'Table', 'TH', 'TD', 'L', 'LI', 'Link']) expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'))
    const pages = pdfText(bytes).split('\f')
    const toc = pages.find((page) => /^\s*Inhalt\s*$/m.test(page))!
    expect(toc).toBeDefined()
    for (const chapter of [...CHAPTERS, 'Anlage: Übersicht – Bewertung der inhaltlichen Zielerreichung der Maßnahmen']) {
      const number = new RegExp(`${chapter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)`).exec(toc)?.[1]
      expect(number, chapter).toBeDefined()
      // The chapter's heading is on the page the contents name (its own line there).
      expect(pages[Number(number) - 1], chapter).toMatch(new RegExp(`^${chapter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'))
    }
    const nonEmpty = pages.filter((page) => page.trim())
    expect(nonEmpty.every((page) => page.includes('ENTWURF'))).toBe(true)
    expect(nonEmpty.every((page) => /Seite \d+ von \d+/.test(page))).toBe(true)
    const closed = pdfText(await reportPdf(data(closedRound), 'de'))
    expect(closed).not.toContain('ENTWURF')
    expect(closed).toContain('Stand: 31.05.2023')
  })
})
