import ExcelJS from 'exceljs'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { goals, measureStatus, measures, rounds } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { translateKey } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import { overviewXlsx } from '../../exports/overview-xlsx'
import { checkPreview, readImport, type ImportReading } from './import'
import { overviewData } from './overview'

// Reading an edited Excel overview back: the changes it makes against the current proposals, or every line error in
// German; nothing here writes (the route applies the changes through the live documents).

let db: Db
let roundId: number

beforeAll(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  roundId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'open')).orderBy(asc(rounds.id)).get()!.id
})

afterAll(() => db?.$client.close())

async function exported(language: 'de' | 'en' = 'de', edit: (sheet: ExcelJS.Worksheet, column: (name: string) => number) => void = () => {}) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await overviewXlsx(overviewData(db, roundId, 'proposals', {}), language)).buffer)
  const sheet = workbook.worksheets[0]!
  const header = (sheet.getRow(1).values as unknown[]).map(String)
  edit(sheet, (name) => header.indexOf(name))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

const rowOf = (sheet: ExcelJS.Worksheet, number: string) => {
  let found: ExcelJS.Row | undefined
  sheet.eachRow((row) => {
    if (row.getCell(6).text === number) found = row
  })
  return found!
}
const messages = (reading: ImportReading) => (reading.ok ? [] : reading.errors.map((e) => translateKey(tFor('de'), e.key, e.values)))

describe('readImport', () => {
  it('finds no change in an unedited export, in German or English', async () => {
    expect(await readImport(db, roundId, await exported('de'), 'a.xlsx')).toEqual({ ok: true, changes: [] })
    expect(await readImport(db, roundId, await exported('en'), 'a.xlsx')).toEqual({ ok: true, changes: [] })
  })

  it('reads an edited attainment and mark as a change from the current proposal', async () => {
    const bytes = await exported('de', (sheet, column) => {
      const row = rowOf(sheet, '1.1')
      row.getCell(column('Bewertung') + 0).value = 'Zielerreichungsgrad mittel'
      row.getCell(column('Veränderte Rahmenbedingungen')).value = 'ja'
    })
    const reading = await readImport(db, roundId, bytes, 'a.xlsx')
    expect(reading.ok).toBe(true)
    if (!reading.ok) return
    expect(reading.changes).toHaveLength(1)
    expect(reading.changes[0]).toMatchObject({ number: '1.1', title: 'Informationspaket', before: { attainment: null }, after: { attainment: 'medium', flags: { changedConditions: true } } })
  })

  it('names every bad line in German and takes nothing', async () => {
    const bytes = await exported('de', (sheet, column) => {
      rowOf(sheet, '1.1').getCell(column('Bewertung')).value = 'super'
      rowOf(sheet, '2.1').getCell(column('Routine')).value = 'vielleicht'
      rowOf(sheet, '3.1').getCell(column('Maßnahme')).value = 'Eine andere Maßnahme'
      rowOf(sheet, '4.1').getCell(column('Maßnahme Nr.')).value = '99.9'
      rowOf(sheet, '5.1').getCell(column('Bewertung')).value = 'hoch'
    })
    const reading = await readImport(db, roundId, bytes, 'a.xlsx')
    expect(reading.ok).toBe(false)
    expect(messages(reading)).toEqual([
      'Zeile 2: „super“ ist keine Bewertung (hoch, mittel, gering, unklar oder leer).',
      'Zeile 3, „Routine“: „vielleicht“ ist weder „ja“ noch „nein“.',
      expect.stringMatching(/^Zeile 4: Maßnahme 3\.1 heißt „.+“, in der Datei steht „Eine andere Maßnahme“\.$/),
      expect.stringMatching(/^Zeile \d+: Eine Maßnahme „99\.9“ gibt es in dieser Runde nicht\.$/),
    ])
  })

  it('refuses a file that is not a workbook, or one without the export’s columns', async () => {
    expect(messages(await readImport(db, roundId, new TextEncoder().encode('Ziel;Maßnahme\n1;x'), 'liste.csv'))).toEqual(['Die Datei „liste.csv“ ist keine lesbare Excel-Datei (XLSX).'])
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Tabelle1').addRow(['Maßnahme Nr.', 'Maßnahme'])
    const reading = await readImport(db, roundId, new Uint8Array(await workbook.xlsx.writeBuffer()), 'x.xlsx')
    expect(messages(reading)).toContain('Zeile 1: Die Spalte „Bewertung“ fehlt.')
    expect(messages(reading)).toContain('Zeile 1: Die Spalte „Pflichtaufgabe“ fehlt.')
  })
})

describe('checkPreview', () => {
  it('accepts the preview as it was and refuses it once the proposal changed meanwhile', async () => {
    const bytes = await exported('de', (sheet, column) => {
      rowOf(sheet, '7.1').getCell(column('Bewertung')).value = 'gering'
    })
    const reading = await readImport(db, roundId, bytes, 'a.xlsx')
    if (!reading.ok) throw new Error('unexpected errors')
    const payload = JSON.stringify(reading.changes)
    expect(checkPreview(db, roundId, payload)).toMatchObject({ ok: true, changes: [{ number: '7.1' }] })
    const measureId = db.select({ id: measures.id }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).where(and(eq(goals.number, 7), eq(measures.position, 1))).get()!.id
    db.update(measureStatus).set({ proposalAttainment: 'high' }).where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId))).run()
    const stale = checkPreview(db, roundId, payload)
    expect(stale.ok).toBe(false)
    expect(messages(stale)).toEqual(['Maßnahme 7.1 wurde seit der Vorschau geändert. Bitte die Datei erneut hochladen.'])
    expect(messages(checkPreview(db, roundId, '{"nicht":"json-array"}'))).toEqual(['Die Vorschau ist ungültig oder abgelaufen. Bitte die Datei erneut hochladen.'])
  })
})
