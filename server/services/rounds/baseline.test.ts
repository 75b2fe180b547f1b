import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { measureStatus, rounds, statusChanges, users } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { BaselineError, type BaselineValue, baselineMeasures, baselineRecord, baselineRound, recordBaseline, roundIdsWithAttainment } from './baseline'
import { BASELINE_HEADER, baselineTemplateCsv, baselineTemplateXlsx, readBaselineFile } from './baseline-file'
import { compareRounds } from './compare'

let db: Db
let historicalId: number
let openId: number
let conceptId: number
let commissioner: number

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  const round = (name: string) => db.select({ id: rounds.id, conceptId: rounds.conceptId }).from(rounds).where(eq(rounds.name, name)).get()!
  ;({ id: historicalId, conceptId } = round(HISTORICAL_ROUND_NAME))
  openId = round(FIRST_OPEN_ROUND_NAME).id
  commissioner = db.insert(users).values({ email: 'b@example.org', name: 'Beauftragte' }).returning({ id: users.id }).get().id
})

const agreed = (roundId: number) =>
  db.select({ measureId: measureStatus.measureId, agreed: measureStatus.agreedAttainment }).from(measureStatus).where(eq(measureStatus.roundId, roundId)).all().filter((r) => r.agreed !== null)
const encode = (text: string) => new TextEncoder().encode(text)

describe('recordBaseline', () => {
  it('makes each value the closed round’s agreed attainment, with an audit row naming the source', () => {
    const [a, b] = baselineMeasures(db, conceptId)
    expect(baselineRound(db, historicalId)).toMatchObject({ state: 'closed', hasAttainment: false })
    const result = recordBaseline(db, { roundId: historicalId, values: [{ measureId: a!.id, attainment: 'high' }, { measureId: b!.id, attainment: 'low' }], source: 'Evaluationsbericht 2018–2022', byUserId: commissioner }, 1_700_000_000_000)
    expect(result).toEqual({ count: 2 })
    expect(agreed(historicalId).sort((x, y) => x.measureId - y.measureId)).toEqual([
      { measureId: a!.id, agreed: 'high' },
      { measureId: b!.id, agreed: 'low' },
    ])
    const audit = db.select().from(statusChanges).where(eq(statusChanges.roundId, historicalId)).all()
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ kind: 'agreed', field: 'attainment', oldValue: null, newValue: 'high', userId: commissioner, at: 1_700_000_000_000, source: 'Evaluationsbericht 2018–2022' })
    expect(baselineRecord(db, historicalId)).toEqual({ at: 1_700_000_000_000, byName: 'Beauftragte', source: 'Evaluationsbericht 2018–2022', count: 2 })
    expect(roundIdsWithAttainment(db).has(historicalId)).toBe(true)
    // The marks the source attributes stay as they were.
    const marks = db.select({ mandatory: measureStatus.agreedMandatory }).from(measureStatus).where(and(eq(measureStatus.roundId, historicalId), eq(measureStatus.measureId, a!.id))).get()
    expect(marks?.mandatory).not.toBeNull()
  })

  it('takes values only once, only in a closed round, all or nothing', () => {
    const [a] = baselineMeasures(db, conceptId)
    const value: BaselineValue[] = [{ measureId: a!.id, attainment: 'medium' }]
    const attempt = (roundId: number, values = value) => () => recordBaseline(db, { roundId, values, source: 'Quelle', byUserId: commissioner })
    expect(attempt(openId)).toThrow('Das geht nur in einer abgeschlossenen Berichtsrunde.')
    expect(attempt(historicalId, [...value, { measureId: 999_999, attainment: 'low' }])).toThrow(BaselineError)
    expect(attempt(historicalId, [...value, value[0]!])).toThrow('doppelt')
    expect(attempt(historicalId, [])).toThrow('keine Bewertung eingetragen')
    expect(() => recordBaseline(db, { roundId: historicalId, values: value, source: ' ', byUserId: commissioner })).toThrow('Quelle')
    expect(agreed(historicalId)).toEqual([])
    expect(db.select().from(statusChanges).all()).toEqual([])

    attempt(historicalId)()
    expect(attempt(historicalId)).toThrow('nachtragen lässt sich nur einmal')
    expect(db.select().from(statusChanges).all()).toHaveLength(1)
  })

  it('lets the comparison show what became better or worse since the evaluation', () => {
    const [a, b, c] = baselineMeasures(db, conceptId)
    recordBaseline(db, { roundId: historicalId, values: [{ measureId: a!.id, attainment: 'medium' }, { measureId: b!.id, attainment: 'high' }, { measureId: c!.id, attainment: 'unclear' }], source: 'Bericht', byUserId: commissioner })
    const set = (measureId: number, proposalAttainment: 'high' | 'low') =>
      db.update(measureStatus).set({ proposalAttainment }).where(and(eq(measureStatus.roundId, openId), eq(measureStatus.measureId, measureId))).run()
    set(a!.id, 'high')
    set(b!.id, 'low')
    set(c!.id, 'low')
    const compared = new Map(compareRounds(db, historicalId, openId).map((m) => [m.measureId, m]))
    expect(compared.get(a!.id)).toMatchObject({ better: true, worse: false })
    expect(compared.get(b!.id)).toMatchObject({ better: false, worse: true })
    expect(compared.get(c!.id)).toMatchObject({ better: false, worse: false, changed: true })
  })
})

describe('the template and the file reader', () => {
  it('lists every measure of the concept in catalogue order, rating empty', () => {
    const catalogue = baselineMeasures(db, conceptId)
    expect(catalogue).toHaveLength(134)
    const order = catalogue.map((m) => m.fieldNumber * 1000 + m.goalNumber)
    expect(order).toEqual([...order].sort((x, y) => x - y))
    const csv = baselineTemplateCsv(catalogue).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(csv[0]).toBe(BASELINE_HEADER.join(';'))
    expect(csv).toHaveLength(135)
    expect(csv[1]).toMatch(new RegExp(`^${catalogue[0]!.id};${catalogue[0]!.fieldNumber};${catalogue[0]!.goalNumber};.*;$`))
  })

  it('reads a filled-in CSV template: German words, English ones and codes, empty means not rated', async () => {
    const catalogue = baselineMeasures(db, conceptId)
    const lines = baselineTemplateCsv(catalogue).split('\r\n')
    lines[1] = `${lines[1]}hoch`
    lines[2] = `${lines[2]}Gering`
    lines[3] = `${lines[3]}unclear`
    const read = await readBaselineFile(encode(lines.join('\r\n')), 'csv', catalogue)
    expect(read).toEqual({
      ok: true,
      values: [
        { measureId: catalogue[0]!.id, attainment: 'high' },
        { measureId: catalogue[1]!.id, attainment: 'low' },
        { measureId: catalogue[2]!.id, attainment: 'unclear' },
      ],
    })
  })

  it('reports every bad line at once, each with its line, and takes nothing', async () => {
    const catalogue = baselineMeasures(db, conceptId)
    const [m1, m2] = catalogue
    const text = [
      BASELINE_HEADER.join(';'),
      `${m1!.id};${m1!.fieldNumber};${m1!.goalNumber};;grün`,
      `${m2!.id};${m2!.fieldNumber};${m2!.goalNumber + 1};;hoch`,
      `999999;1;1;;hoch`,
      `${m1!.id};${m1!.fieldNumber};${m1!.goalNumber};;mittel`,
      `abc;1;1;;hoch`,
      `${m2!.id};1;1`,
    ].join('\n')
    const read = await readBaselineFile(encode(text), 'csv', catalogue)
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.errors.map((e) => [e.line, e.key])).toEqual([
      [2, 'rounds:baseline.upload.badRating'],
      [3, 'rounds:baseline.upload.wrongGoal'],
      [4, 'rounds:baseline.upload.unknownMeasure'],
      [5, 'rounds:baseline.upload.twice'],
      [6, 'rounds:baseline.upload.badId'],
      [7, 'rounds:baseline.upload.columns'],
    ])
  })

  it('refuses a wrong header, a file without any rating and a CSV that is not UTF-8', async () => {
    const catalogue = baselineMeasures(db, conceptId)
    expect(await readBaselineFile(encode('id;wert\n1;hoch'), 'csv', catalogue)).toMatchObject({ ok: false, errors: [{ line: 1, key: 'rounds:baseline.upload.badHeader' }] })
    expect(await readBaselineFile(encode(baselineTemplateCsv(catalogue)), 'csv', catalogue)).toMatchObject({ ok: false, errors: [{ key: 'rounds:baseline.upload.noRating' }] })
    expect(await readBaselineFile(new Uint8Array([0x6d, 0xe4, 0x0a]), 'csv', catalogue)).toMatchObject({ ok: false, errors: [{ key: 'rounds:baseline.upload.notUtf8' }] })
    expect(await readBaselineFile(encode('not a zip'), 'xlsx', catalogue)).toMatchObject({ ok: false, errors: [{ key: 'rounds:baseline.upload.badXlsx' }] })
  })

  it('reads a filled-in XLSX template, with line numbers as Excel shows them', async () => {
    const catalogue = baselineMeasures(db, conceptId)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(await baselineTemplateXlsx(catalogue, 'Bewertungen')).buffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.rowCount).toBe(135)
    sheet.getCell(2, 5).value = 'mittel'
    sheet.getCell(4, 5).value = 'blau'
    const withError = new Uint8Array(await workbook.xlsx.writeBuffer())
    expect(await readBaselineFile(withError, 'xlsx', catalogue)).toMatchObject({ ok: false, errors: [{ line: 4, key: 'rounds:baseline.upload.badRating', values: { value: 'blau' } }] })
    sheet.getCell(4, 5).value = 'hoch'
    const good = await readBaselineFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'xlsx', catalogue)
    expect(good).toEqual({
      ok: true,
      values: [
        { measureId: catalogue[0]!.id, attainment: 'medium' },
        { measureId: catalogue[2]!.id, attainment: 'high' },
      ],
    })
  })
})
