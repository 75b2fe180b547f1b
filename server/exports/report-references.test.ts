import { asc } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { rounds } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import type { IndicatorReferenceAttrs } from '../../app/shared/live/indicator-reference'
import { INDICATOR_REFERENCES } from '../services/report/references'
import { NO_REFERENCES, reportData, type ReportNode, type ReportReferences } from '../services/report/report'
import { docxXml, pdfText, runText } from './exports-test-helpers'
import { closePdfBrowser } from './pdf'
import { reportDocxOffThread, reportPdfOffThread } from './export-process'

// Indicator references in the report's chapters: the exports print the snapshot with its source, by default (the
// resolver the export route passes), also when the document is built in the export process.

const REFERENCE: IndicatorReferenceAttrs = {
  indicatorId: 3,
  territoryId: 7,
  referenceDate: '2024-12-31',
  value: '56 %',
  unit: 'percent',
  indicatorName: 'Anteil ausländischer Staatsangehöriger',
  territoryName: 'Stadt Bramsche',
  source: 'Datenquelle: Landesamt für Statistik Niedersachsen',
  demo: false,
}
const PRINTED = '56 % (Anteil ausländischer Staatsangehöriger, Stadt Bramsche, 31.12.2024; Quelle: Landesamt für Statistik Niedersachsen)'

let db: Db
let roundId: number

const introduction: ReportNode = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Der Anteil lag zuletzt bei ' }, { type: 'indicatorReference', attrs: { ...REFERENCE } }, { type: 'text', text: ' und steigt.' }] }],
}
const data = (references: ReportReferences) => reportData(db, roundId, { values: 'agreed', filters: {}, statistics: false }, { chapters: { introduction } }, references)
const flat = (text: string) => text.replace(/\s+/g, ' ')

beforeAll(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  roundId = db.select({ id: rounds.id }).from(rounds).orderBy(asc(rounds.id)).all()[0]!.id
})

afterAll(async () => {
  db?.$client.close()
  await closePdfBrowser()
})

describe('the indicator references resolver', () => {
  it('prints the snapshot with its source, and nothing for a damaged node or another type', () => {
    expect(INDICATOR_REFERENCES.resolve({ type: 'indicatorReference', attrs: { ...REFERENCE } })).toEqual({ text: PRINTED, lang: 'de' })
    expect(INDICATOR_REFERENCES.resolve({ type: 'indicatorReference', attrs: { ...REFERENCE, value: '< 3' } })).toEqual({ text: '', lang: 'de' })
    expect(INDICATOR_REFERENCES.resolve({ type: 'hardBreak' })).toBeNull()
  })
})

describe('indicator references in the report', () => {
  it('the DOCX prints value, unit, territory, date and source inline, marked German', async () => {
    const xml = docxXml(await reportDocxOffThread(data(INDICATOR_REFERENCES), 'en'))
    expect(runText(xml)).toContain(`Der Anteil lag zuletzt bei ${PRINTED} und steigt.`)
    expect(xml).toMatch(new RegExp(`<w:lang w:val="de-DE"/>(?:(?!</w:r>).)*<w:t[^>]*>56 %`, 's'))
    // Without the resolver the node has no text of its own: the source would be lost.
    expect(runText(docxXml(await reportDocxOffThread(data(NO_REFERENCES), 'de')))).not.toContain('Landesamt für Statistik')
  })

  it('the PDF prints value and source', async () => {
    const text = flat(pdfText(await reportPdfOffThread(data(INDICATOR_REFERENCES), 'de')))
    expect(text).toContain(`Der Anteil lag zuletzt bei ${PRINTED} und steigt.`)
  })
})
