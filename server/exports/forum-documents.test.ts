import { eq } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { forumFiles } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { formatCode } from '../services/forums/codes'
import { forumDocumentation, type ForumDocumentation } from '../services/forums/documentation'
import { createForum } from '../services/forums/forums'
import { listFormats } from '../services/forums/lists'
import { printSheet } from '../services/forums/print'
import { docxRows, docxXml, pdfInfo, pdfStructure, pdfText, runText } from './exports-test-helpers'
import { flat, pdfAltTexts, structElements } from './forum-test-helpers'
import { pollChartPngs } from './forum-charts'
import { forumDocumentationDocx } from './forum-documentation-docx'
import { forumDocumentationPdf } from './forum-documentation-pdf'
import { FIXTURE, finishedConference, type ForumFixture } from './forum-fixture'
import { forumPrintPdf } from './forum-print-pdf'
import { closePdfBrowser } from './pdf'

// The forum's documents against a finished Integrationskonferenz (forum-fixture.ts): the print sheet and the
// documentation read back as a person's tools would (poppler for the PDF's text, structure, alt texts and images;
// the DOCX's XML), and every card, count and share compared with what the database holds.

const ORIGIN = 'https://zielwerk.lkos.de'
let db: Db
let fixture: ForumFixture
let doc: ForumDocumentation

beforeAll(async () => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  fixture = await finishedConference(db)
  doc = forumDocumentation(db, fixture.forumId)
})

afterAll(async () => {
  db?.$client.close()
  await closePdfBrowser()
})

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1
const visibleTexts = () => doc.cards.map((c) => c.text)
const tableOf = (card: (typeof doc.cards)[number]) => {
  const table = doc.tables.find((t) => t.id === card.tableId)
  return table ? `Tisch ${table.number}: ${table.name}` : 'Ohne Tisch (von der Moderation eingetragen)'
}
const categoryOf = (card: (typeof doc.cards)[number]) => {
  const category = doc.phases.flatMap((p) => p.categories).find((c) => c.id === card.categoryId)!
  return { praise: 'Lob', veto: 'Veto', need: 'Notwendig für die Zielerreichung', idea: 'Idee', networks: 'Erforderliche Netzwerke und (neue) Strukturen' }[category.preset as string] ?? category.label
}
const LANGUAGE_NAMES: Record<string, string> = { de: 'Deutsch', ar: 'Arabisch', uk: 'Ukrainisch', tr: 'Türkisch', ru: 'Russisch' }

describe('the print sheet as PDF', () => {
  it('is tagged, has a figure with alt text naming code and address for every QR code, and prints every seat code as text', async () => {
    const sheet = printSheet(db, fixture.forumId, ORIGIN)
    const bytes = await forumPrintPdf(sheet, 'de')
    expect(pdfInfo(bytes)).toMatch(/Tagged:\s+yes/)
    const figures = structElements(bytes).filter((e) => e.tag === 'Figure')
    // The invitation's QR code and one per seat (3 tables × 8 seats); each <figure> holds its tagged <svg>.
    expect(figures.length).toBeGreaterThanOrEqual(1 + 24)
    const alts = pdfAltTexts(bytes).map(flat)
    expect(alts).toHaveLength(1 + 24)
    // Personal codes: the invitation leads to the start page, the forum's code would not admit there.
    expect(alts).toContain(`QR-Code; er öffnet ${ORIGIN}/mitmachen`)
    const text = flat(pdfText(bytes))
    expect(fixture.seatCodes).toHaveLength(24)
    for (const code of fixture.seatCodes) {
      expect(alts, code).toContain(`QR-Code mit dem Code ${formatCode(code)}; er öffnet ${ORIGIN}/mitmachen?code=${code}`)
      expect(occurrences(text, formatCode(code)), code).toBe(1)
    }
    expect(text).toContain(`Einladung: ${FIXTURE.title}`)
    expect(text).toContain('Tisch 3 · Platz 8')
    expect(text).toMatch(/Seite 5 von 5/)
  })

  it('has one card per table with the forum’s one code in open mode', async () => {
    const forumId = createForum(
      db,
      { title: 'Dialogforum Bürger*innen', formatId: listFormats(db)[0]!.id, date: '2027-05-04', time: null, place: 'Bramsche', invitedBy: 'Stadt Bramsche', moderators: '', languages: ['en'], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] },
      null,
    )
    const sheet = printSheet(db, forumId, ORIGIN)
    const bytes = await forumPrintPdf(sheet, 'en')
    expect(pdfInfo(bytes)).toMatch(/Tagged:\s+yes/)
    const code = sheet.invitation.code!
    const alts = pdfAltTexts(bytes).map(flat)
    expect(alts).toHaveLength(1 + 9)
    expect(new Set(alts)).toEqual(new Set([`QR code with the code ${code}; it opens ${sheet.invitation.link}`]))
    expect(occurrences(pdfText(bytes), code)).toBe(1 + 9)
  })
})

describe('the forum documentation as PDF', () => {
  it('is tagged, states the forum’s data, lists every visible card once under its table and category in its language, leaves hidden ones out', async () => {
    const bytes = await forumDocumentationPdf(doc, 'de')
    expect(pdfInfo(bytes)).toMatch(/Tagged:\s+yes/)
    const text = flat(pdfText(bytes))
    for (const value of [FIXTURE.title, 'Integrationskonferenz', '10. März 2027', '09:30', 'Kreishaus Osnabrück', 'Landkreis Osnabrück', 'Frauke Barske, Werner Hülsmann', 'Arabisch, Farsi, Tigrinya', 'persönliche Codes (einer je Platz)', 'Migrant*innen', 'Deutsch, Arabisch, Ukrainisch, Türkisch, Russisch, Englisch', 'Sachstand 2026']) {
      expect(text, value).toContain(value)
    }
    for (const card of visibleTexts()) expect(occurrences(text, card), card).toBe(1)
    expect(text).not.toContain(FIXTURE.cards.hidden)
    expect(text).not.toContain(FIXTURE.cards.duplicate)
    expect(text).toContain('zusammengefasst mit 1 gleichen Karte')
    expect(text).toContain('1 Karte hat die Moderation ausgeblendet')

    // Structure: each card (a list item; its second paragraph names language and target) under its table (H4) and
    // category (H5).
    const found: string[] = []
    let section = ''
    let table = ''
    let category = ''
    const elements = structElements(bytes)
    elements.forEach((e, i) => {
      if (e.tag === 'H2') section = e.text
      if (e.tag === 'H4') table = e.text
      if (e.tag === 'H5') category = e.text
      if (e.tag === 'LI' && section === 'Beiträge') found.push(`${table} | ${category} | ${elements.filter((x, j) => j > i && x.tag === 'P').at(1)!.text}`)
    })
    const expected = doc.cards.map((card) => {
      const target = card.target === 'concept' ? 'Konzept insgesamt' : card.target === 'field' ? `Handlungsfeld ${card.fieldNumber}` : `Ziel ${card.goalNumber}`
      return `${tableOf(card)} | ${categoryOf(card)} | Sprache: ${LANGUAGE_NAMES[card.language]} · Bezug: ${target}${card.merged ? ` · zusammengefasst mit ${card.merged} gleichen Karte` : ''}`
    })
    expect(found.sort()).toEqual(expected.sort())
    expect(text).toContain('Ergebnis: + aufgenommen am 01.04.2027. Begründung: Abendkurse ab Herbst in Bramsche und Melle.')
  })

  it('shows the vote counts and shares as chart and table, never a single vote, and embeds the poster photo with its alt text', async () => {
    const bytes = await forumDocumentationPdf(doc, 'de')
    const text = flat(pdfText(bytes))
    expect(text).toContain(`Frage 1: ${FIXTURE.question}`)
    expect(text).toContain('7 Personen haben abgestimmt')
    expect(text).toMatch(/Sprache\s+4\s+57,1 %/)
    expect(text).toMatch(/Arbeit\s+2\s+28,6 %/)
    expect(text).toMatch(/Wohnen\s+1\s+14,3 %/)
    expect(text).toContain('Mittelwert: 4,0')
    expect(text).not.toContain('Nie gestellt')
    const structure = pdfStructure(bytes)
    for (const tag of ['H1', 'H2', 'H3', 'H4', 'H5', 'L', 'LI', 'Table', 'TH', 'TD', 'Figure', 'Caption']) expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'))
    const alts = pdfAltTexts(bytes).map(flat)
    expect(alts).toContain(`Balkendiagramm zur Frage „${FIXTURE.question}“: 7 Personen haben abgestimmt; Sprache 4 (57,1 %); Arbeit 2 (28,6 %); Wohnen 1 (14,3 %)`)
    expect(alts).toContain('Foto des Plakats: Tisch 1 (Ankommen & Aufenthalt), Arbeitsphase 1: Feedback zum Konzeptentwurf')
    expect(text).toContain('Plakat: Tisch 1 (Ankommen & Aufenthalt), Arbeitsphase 1: Feedback zum Konzeptentwurf. Datei Plakat Tisch 1.jpg')
    // The stored (re-encoded) JPEG itself is in the file.
    const stored = db.select({ bytes: forumFiles.bytes }).from(forumFiles).where(eq(forumFiles.forumId, fixture.forumId)).get()!.bytes
    expect(Buffer.from(bytes).indexOf(stored)).toBeGreaterThan(0)
  })

  it('speaks English for an English requester, the cards as written', async () => {
    const text = flat(pdfText(await forumDocumentationPdf(doc, 'en')))
    expect(text).toContain(`Forum documentation: ${FIXTURE.title}`)
    expect(text).toContain('Language: Arabic · On: Goal 12')
    expect(text).toContain('7 people voted')
    expect(text).toMatch(/Sprache\s+4\s+57\.1%/)
    for (const card of visibleTexts()) expect(occurrences(text, card), card).toBe(1)
  })
})

describe('the forum documentation as DOCX', () => {
  it('has the forum’s data, every visible card once under its table and category, right-to-left where written so, no hidden card', async () => {
    const bytes = await forumDocumentationDocx(doc, 'de', await pollChartPngs(doc, 'de'))
    const xml = docxXml(bytes)
    const text = flat(runText(xml))
    for (const value of [FIXTURE.title, '10. März 2027', 'Kreishaus Osnabrück', 'Frauke Barske, Werner Hülsmann', 'persönliche Codes (einer je Platz)', 'Arbeitsphase 1: Feedback zum Konzeptentwurf']) expect(text, value).toContain(value)
    for (const card of visibleTexts()) expect(occurrences(text, card), card).toBe(1)
    expect(text).not.toContain(FIXTURE.cards.hidden)
    expect(text).not.toContain(FIXTURE.cards.duplicate)

    const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => ({ style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? '', text: flat(runText(m[0])), xml: m[0] }))
    let table = ''
    let category = ''
    const found: string[] = []
    for (const p of paragraphs) {
      if (p.style === 'Heading4') table = p.text
      else if (p.style === 'Heading5') category = p.text
      else if (visibleTexts().includes(p.text)) found.push(`${table} | ${category} | ${p.text}`)
    }
    expect(found.sort()).toEqual(doc.cards.map((card) => `${tableOf(card)} | ${categoryOf(card)} | ${card.text}`).sort())
    const arabic = paragraphs.find((p) => p.text === FIXTURE.cards.arabic)!
    expect(arabic.xml).toContain('<w:bidi/>')
    expect(arabic.xml).toContain('<w:rtl/>')
    expect(arabic.xml).toMatch(/<w:lang w:val="ar" w:bidi="ar"\/>/)
    expect(paragraphs.find((p) => p.text === FIXTURE.cards.russian)!.xml).toMatch(/<w:lang w:val="ru"\/>/)
    expect(paragraphs.find((p) => p.text === FIXTURE.cards.russian)!.xml).not.toContain('<w:rtl/>')
  })

  it('has the vote counts and shares in a table with a repeated header, the charts with alt text, and the photo as stored', async () => {
    const bytes = await forumDocumentationDocx(doc, 'de', await pollChartPngs(doc, 'de'))
    const xml = docxXml(bytes)
    const rows = docxRows(xml).map((r) => ({ header: r.header, cells: r.cells.map((c) => flat(c.text)) }))
    expect(rows).toContainEqual({ header: true, cells: ['Antwort', 'Stimmen', 'Anteil'] })
    expect(rows).toContainEqual({ header: false, cells: ['Sprache', '4', '57,1 %'] })
    expect(rows).toContainEqual({ header: false, cells: ['Arbeit', '2', '28,6 %'] })
    expect(rows).toContainEqual({ header: false, cells: ['Wohnen', '1', '14,3 %'] })
    expect(flat(runText(xml))).toContain('7 Personen haben abgestimmt')
    expect(flat(xml)).toContain(`descr="Balkendiagramm zur Frage „${FIXTURE.question}“: 7 Personen haben abgestimmt; Sprache 4 (57,1 %); Arbeit 2 (28,6 %); Wohnen 1 (14,3 %)"`)
    expect(xml).toContain('descr="Foto des Plakats: Tisch 1 (Ankommen &amp; Aufenthalt), Arbeitsphase 1: Feedback zum Konzeptentwurf"')
    const files = unzipSync(bytes)
    const stored = db.select({ bytes: forumFiles.bytes }).from(forumFiles).where(eq(forumFiles.forumId, fixture.forumId)).get()!.bytes
    const jpegs = Object.entries(files).filter(([name]) => /^word\/media\/.*\.jpe?g$/.test(name))
    expect(jpegs).toHaveLength(1)
    expect(Buffer.from(jpegs[0]![1]).equals(stored)).toBe(true)
    expect(Object.keys(files).filter((name) => /^word\/media\/.*\.png$/.test(name))).toHaveLength(2)
    expect(strFromU8(files['word/header1.xml']!)).toContain('Forumsdokumentation')
  })
})
