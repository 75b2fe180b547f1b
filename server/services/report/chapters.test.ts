import { and, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { reportChapters, rounds, users } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { CHAPTER_MAP, NARRATIVE } from '../../../app/shared/live/layout'
import { chapterDocumentName, parseDocumentName } from '../../../app/shared/live/names'
import { resolveDocument } from '../../collab/documents'
import { seedUpdate } from '../../collab/seed'
import { seedDemoChapters } from '../../cli/demo-chapters'
import { seedDemoRound } from '../../cli/demo-round'
import { docxXml, runText } from '../../exports/exports-test-helpers'
import { reportDocx } from '../../exports/report-docx'
import { closeRound, createRound, openRound } from '../rounds/rounds'
import { reportCover, saveReportCover, storedChapters, writeStoredChapter, type ReportNode } from './chapters'
import { linkGoalReferences, reportData } from './report'

let db: Db
let roundId: number
let userId: number
const doc = (...texts: string[]): ReportNode => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })
const options = { values: 'agreed' as const, filters: {}, statistics: false }

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  roundId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!.id
  userId = db.insert(users).values({ email: 'beauftragte@example.org', name: 'Beauftragte' }).returning({ id: users.id }).get().id
})

describe('reportData reads the chapters from report_chapters', () => {
  it('prints what the projection holds for each chapter, and "not written" (null) where nothing is', () => {
    writeStoredChapter(db, roundId, 'introduction', doc('Die Einleitung aus der Projektion.'))
    writeStoredChapter(db, roundId, 'field-3', doc('Kapitel 3.3 aus der Projektion.'))
    const data = reportData(db, roundId, options)
    expect(data.introduction?.content?.[0]?.content?.[0]?.text).toBe('Die Einleitung aus der Projektion.')
    expect(data.fields.find((f) => f.number === 3)?.text?.content?.[0]?.content?.[0]?.text).toBe('Kapitel 3.3 aus der Projektion.')
    expect(data.method).toBeNull()
    expect(data.fields.find((f) => f.number === 4)?.text).toBeNull()
  })

  it("adds the generated statistics only to the chapters whose author switched them on (or to all with 'statistik=ja')", () => {
    writeStoredChapter(db, roundId, 'field-2', doc('Mit Statistik.'), { statistics: true })
    const data = reportData(db, roundId, options)
    expect(data.fields.filter((f) => f.statistics !== null).map((f) => f.number)).toEqual([2])
    expect(data.fields.find((f) => f.number === 2)!.statistics!.total).toBeGreaterThan(0)
    expect(reportData(db, roundId, { ...options, statistics: true }).fields.every((f) => f.statistics !== null)).toBe(true)
  })

  it('takes the cover (title, authors, Stand) from report_covers; the export prints them', async () => {
    saveReportCover(db, roundId, { title: 'Eigener Titel des Berichts', authors: [{ name: 'Frauke Barske', unit: 'Strategische Planung' }], standDate: '2026-05-31' }, userId)
    writeStoredChapter(db, roundId, 'conclusion', doc('Das Fazit steht im Export.'))
    const data = reportData(db, roundId, options)
    expect(data.title).toBe('Eigener Titel des Berichts')
    expect(data.authors).toEqual([{ name: 'Frauke Barske', unit: 'Strategische Planung' }])
    expect(data.overview.stand).toBe('2026-05-31')
    const text = runText(docxXml(await reportDocx(data, 'de')))
    expect(text).toContain('Eigener Titel des Berichts')
    expect(text).toContain('Frauke Barske, Strategische Planung')
    expect(text).toContain('Stand: 31.05.2026')
    expect(text).toContain('Das Fazit steht im Export.')
  })

  it('refuses a cover for a round that is not open, and changes nothing', () => {
    const draft = createRound(db, { name: 'Sachstand 2030', period: '2030', dueDate: null })
    expect(() => saveReportCover(db, draft, { title: 'x', authors: [], standDate: null }, userId)).toThrow(/nicht offen/)
    expect(reportCover(db, draft)).toEqual({ title: '', authors: [], standDate: null })
  })
})

describe('"Ziel n" in a chapter', () => {
  it('links a goal the concept has to its page and leaves an unknown number as written, unlinked', () => {
    const linked = linkGoalReferences(doc('Siehe Ziel 12 und Ziel 95.'), new Set([12]), 'https://zielwerk.example')!
    expect(linked.content![0]!.content).toEqual([
      { type: 'text', text: 'Siehe ' },
      { type: 'text', text: 'Ziel 12', marks: [{ type: 'link', attrs: { href: 'https://zielwerk.example/ziele/12' } }] },
      { type: 'text', text: ' und ' },
      { type: 'text', text: 'Ziel 95' },
      { type: 'text', text: '.' },
    ])
  })

  it('is a hyperlink in the exported DOCX when the export knows its address; an unknown goal is not', async () => {
    writeStoredChapter(db, roundId, 'field-1', doc('Wie Ziel 12 zeigt; Ziel 950 gibt es nicht.'))
    const xml = docxXml(await reportDocx(reportData(db, roundId, { ...options, baseUrl: 'https://zielwerk.example' }), 'de'))
    const rels = docxXml(await reportDocx(reportData(db, roundId, { ...options, baseUrl: 'https://zielwerk.example' }), 'de'), 'word/_rels/document.xml.rels')
    expect(rels).toContain('https://zielwerk.example/ziele/12')
    expect(rels).not.toContain('/ziele/950')
    expect(runText(xml)).toContain('Ziel 950 gibt es nicht.')
  })
})

describe('a new round and its report', () => {
  function nextRound(copyChapters?: boolean) {
    writeStoredChapter(db, roundId, 'method', doc('Methodik der vorigen Runde.'), { statistics: false })
    writeStoredChapter(db, roundId, 'field-3', doc('Feld 3 der vorigen Runde.'), { statistics: true })
    saveReportCover(db, roundId, { title: '', authors: [{ name: 'Autorin', unit: 'Einheit' }], standDate: '2026-01-31' }, userId)
    closeRound(db, roundId)
    const next = createRound(db, { name: 'Sachstand 2031', period: '2031', dueDate: null })
    openRound(db, next, Date.now(), copyChapters === undefined ? {} : { copyChapters })
    return next
  }

  it("starts from the previous round's chapters and authors (by default), the Stand date its own", () => {
    const next = nextRound()
    const stored = storedChapters(db, next)
    expect(stored.get('method')?.text).toBe('Methodik der vorigen Runde.')
    expect(stored.get('field-3')).toMatchObject({ text: 'Feld 3 der vorigen Runde.', statistics: true })
    expect(reportCover(db, next)).toEqual({ title: '', authors: [{ name: 'Autorin', unit: 'Einheit' }], standDate: null })
  })

  it('starts empty when the commissioner chooses so', () => {
    const next = nextRound(false)
    expect(storedChapters(db, next).size).toBe(0)
    expect(reportCover(db, next).authors).toEqual([])
    // The previous round keeps its report.
    expect(storedChapters(db, roundId).size).toBe(2)
  })

  it("gives a chapter's live document its first content from the projection (text and statistics switch)", () => {
    writeStoredChapter(db, roundId, 'field-3', doc('Aus der Projektion in das Dokument.'), { statistics: true })
    const meta = resolveDocument(db, parseDocumentName(chapterDocumentName(roundId, 'field-3'))!)!
    const update = seedUpdate(db, meta)!
    const ydoc = new Y.Doc()
    Y.applyUpdate(ydoc, update)
    expect(ydoc.getXmlFragment(NARRATIVE).toString()).toContain('Aus der Projektion in das Dokument.')
    expect(ydoc.getMap(CHAPTER_MAP).get('statistics')).toBe(true)
  })
})

describe('the demo report', () => {
  it('writes clearly labelled example text for every chapter of the demo round, once', () => {
    const demo = seedDemoRound(db).roundId
    expect(seedDemoChapters(db).created).toBe(true)
    expect(seedDemoChapters(db).created).toBe(false)
    const rows = db.select({ slug: reportChapters.slug, text: reportChapters.text }).from(reportChapters).where(eq(reportChapters.roundId, demo)).all()
    expect(rows).toHaveLength(12)
    for (const row of rows) expect(row.text).toMatch(/^Beispieltext \(Demo-Runde, keine echten Angaben\)/)
    // No real round gets any of it.
    expect(db.select().from(reportChapters).where(and(eq(reportChapters.roundId, roundId))).all()).toHaveLength(0)
  })
})
