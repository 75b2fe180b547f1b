import { beforeEach, describe, expect, it } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { indicatorImports, indicators, indicatorValueChanges, indicatorValues, territories, users } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { COUNTY_NAME, seedMonitoring } from '../../../db/seed/monitoring'
import { STARTER_INDICATORS } from '../../../db/seed/monitoring-indicators'
import { indicatorValuesTemplateXlsx, readIndicatorValuesXlsx } from '../../imports/indicator-values-xlsx'
import { IMPORT_COLUMNS, readIndicatorValuesCsv, type ImportProblem } from '../../imports/indicator-values'
import { listTerritories } from './common'
import { applyImport, prepareImport } from './import'
import { checkRows } from './import-rows'
import { indicatorOverview, removeDemoValues, updateIndicator } from './indicators'
import { protect, protectParts } from './protect'
import { completeness, goalIndicators, quarterlyReport } from './reports'
import { dataSheet, territoryBySlug } from './sheets'
import { tFor } from '../../../app/shared/i18n/resources'
import { translateKey } from '../../../app/shared/i18n'

const HEADER = IMPORT_COLUMNS.join(';')
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join('\n'))

let db: Db
let userId: number

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  seedMonitoring(db)
  userId = db.insert(users).values({ email: 'statistik@example.org', name: 'Statistik' }).returning({ id: users.id }).get().id
})

const valueCount = () => db.select({ n: count() }).from(indicatorValues).get()!.n
const importCount = () => db.select({ n: count() }).from(indicatorImports).get()!.n

/** Reads, checks, previews and applies a CSV as the statistics user; the problems if any step refuses. */
function importCsv(bytes: Uint8Array): { problems: ImportProblem[] } | { importId: number; added: number; changed: number } {
  const read = readIndicatorValuesCsv(bytes)
  const checked = read.ok ? checkRows(db, read.rows) : read
  if (!checked.ok) return { problems: checked.problems }
  const { importId, changes } = prepareImport(db, { userId, fileName: 'test.csv', rows: checked.rows })
  return { importId, added: changes.added.length, changed: changes.changed.length }
}

function problemsOf(bytes: Uint8Array): ImportProblem[] {
  const before = { values: valueCount(), imports: importCount() }
  const result = importCsv(bytes)
  expect('problems' in result, 'the file must be refused').toBe(true)
  // All or nothing: a refused file leaves values and imports as they were.
  expect({ values: valueCount(), imports: importCount() }).toEqual(before)
  return 'problems' in result ? result.problems : []
}

const german = (p: ImportProblem) => translateKey(tFor('de'), p.key, p.values)

describe('the seeded monitoring', () => {
  it('has the county and 21 municipalities, starter indicators each with its seed passage, and only the seeds’ figures', () => {
    const places = listTerritories(db)
    expect(places).toHaveLength(22)
    expect(places[0]!.name).toBe(COUNTY_NAME)
    const names = places.slice(1).map((p) => p.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')))
    const rows = db.select({ key: indicators.key, seedPassage: indicators.seedPassage, rationale: indicators.rationale }).from(indicators).all()
    expect(rows.map((r) => r.key).sort()).toEqual(STARTER_INDICATORS.map((s) => s.key).sort())
    for (const r of rows) {
      expect(r.seedPassage, r.key).toBeTruthy()
      expect(r.rationale.length, r.key).toBeGreaterThan(20)
    }
    const county = territoryBySlug(db, 'landkreis-osnabrueck')!
    const sheet = dataSheet(db, county, 2017)
    const foreign = sheet.areas.flatMap((a) => a.indicators).find((i) => i.key === 'auslaender')!
    expect(foreign.own.value).toBe(28831)
    expect(foreign.breakdowns.find((b) => b.dimension === 'origin')!.parts.map((p) => [p.label, p.figure.value])).toEqual([
      ['EU', 16950],
      ['Drittstaaten', 11872],
    ])
    expect(db.select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.demo, true)).get()!.n).toBe(0)
  })

  it('says how many indicators are in use and warns where one lacks a definition, a source or a rationale', () => {
    const overview = indicatorOverview(db)
    expect(overview.inUse).toBe(STARTER_INDICATORS.length)
    const employment = overview.indicators.find((i) => i.key === 'beschaeftigungsquote-auslaender')!
    expect(employment.warnings).toEqual(['definition', 'source'])
    expect(overview.indicators.find((i) => i.key === 'auslaender')!.warnings).toEqual([])
    expect(overview.areasWithout).toEqual(['language', 'education', 'health'])
  })
})

describe('importing values', () => {
  const good = csv(
    'auslaender;Bad Essen;31.12.2024;gesamt;;gesamt;1.200;;;;',
    'auslaender;Bad Essen;31.12.2024;Herkunft;EU;gesamt;700;;;;',
    'auslaender;Bad Essen;31.12.2024;Herkunft;Drittstaaten;gesamt;500;;;;',
    'auslaender;Bad Essen;31.12.2024;gesamt;;männlich;650;;;;',
    'auslaender;Bad Essen;31.12.2024;gesamt;;weiblich;550;;;;',
    'auslaender;Bohmte;31.12.2024;gesamt;;gesamt;800;;;;',
    'auslaender;Melle;31.12.2024;;;;2;;;;',
    'auslaenderanteil;Bad Essen;2024;gesamt;;gesamt;7,9;1200;15190;;',
    'auslaenderanteil;Bohmte;2024;gesamt;;gesamt;6,2;800;12903;;',
    'auslaenderanteil;Melle;2024;gesamt;;gesamt;0,4;2;47000;;',
    'auslaenderanteil;Landkreis Osnabrück;2024;gesamt;;gesamt;9,1;33000;362637;;',
    'einbuergerungen;Glandorf;2024;;;;;;;;Meldung der Gemeinde fehlt',
  )

  it('takes a good file only after its preview, records who changed what, and the sheet shows exactly the imported figures', () => {
    const before = valueCount()
    const result = importCsv(good)
    if (!('importId' in result)) throw new Error(result.problems.map(german).join('\n'))
    expect(result.added).toBe(12)
    expect(valueCount()).toBe(before)
    const summary = applyImport(db, result.importId, userId)
    expect(summary).toMatchObject({ added: 12, changed: 0 })
    expect(valueCount()).toBe(before + 12)
    const audit = db.select().from(indicatorValueChanges).where(eq(indicatorValueChanges.importId, result.importId)).all()
    expect(audit).toHaveLength(12)
    expect(new Set(audit.map((a) => a.userId))).toEqual(new Set([userId]))

    const sheet = dataSheet(db, territoryBySlug(db, 'bad-essen')!, 2024)
    const all = sheet.areas.flatMap((a) => a.indicators)
    const share = all.find((i) => i.key === 'auslaenderanteil')!
    expect(share.own).toMatchObject({ state: 'shown', value: 7.9, count: 1200 })
    expect(share.county).toMatchObject({ state: 'shown', value: 9.1, count: 33000 })
    // The range is what the data give: Melle's share rests on 2 people and is withheld, so it is not the minimum.
    expect(share.range).toEqual({ min: 6.2, max: 7.9, municipalities: 2, of: 21 })
    const foreign = all.find((i) => i.key === 'auslaender')!
    expect(foreign.own.value).toBe(1200)
    expect(foreign.sexes!.parts.map((p) => p.figure.value)).toEqual([650, 550])
    expect(foreign.range).toMatchObject({ min: 800, max: 1200, municipalities: 2 })
    const melle = dataSheet(db, territoryBySlug(db, 'melle')!, 2024).areas.flatMap((a) => a.indicators)
    expect(melle.find((i) => i.key === 'auslaender')!.own).toMatchObject({ state: 'suppressed', value: null })
    expect(melle.find((i) => i.key === 'auslaenderanteil')!.own).toMatchObject({ state: 'withheld', value: null, count: null, countSuppressed: true })
    const gaps = completeness(db, { indicatorId: all.find((i) => i.key === 'einbuergerungen')!.id })
    const glandorf = gaps.territories.findIndex((t) => t.name === 'Glandorf')
    expect(gaps.indicators[0]!.cells[glandorf]![gaps.years.indexOf(2024)]).toMatchObject({ state: 'gap', note: 'Meldung der Gemeinde fehlt' })
  })

  it('shows the change set of a re-import first and applies only after confirmation', () => {
    const first = importCsv(good)
    if (!('importId' in first)) throw new Error('first import refused')
    applyImport(db, first.importId, userId)
    const again = importCsv(csv('auslaender;Bohmte;31.12.2024;gesamt;;gesamt;810;;;;', 'auslaender;Bad Essen;31.12.2024;gesamt;;gesamt;1.200;;;;'))
    if (!('importId' in again)) throw new Error('re-import refused')
    expect(again).toMatchObject({ added: 0, changed: 1 })
    const bohmte = territoryBySlug(db, 'bohmte')!
    const foreign = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'auslaender')).get()!.id
    const stored = () =>
      db
        .select({ value: indicatorValues.value })
        .from(indicatorValues)
        .where(and(eq(indicatorValues.indicatorId, foreign), eq(indicatorValues.territoryId, bohmte.id), eq(indicatorValues.referenceDate, '2024-12-31'), eq(indicatorValues.dimension, 'total'), eq(indicatorValues.sex, 'all')))
        .all()
        .map((r) => r.value)
    expect(stored()).toEqual([800])
    applyImport(db, again.importId, userId)
    expect(stored()).toEqual([810])
    const change = db.select().from(indicatorValueChanges).where(eq(indicatorValueChanges.importId, again.importId)).all()
    expect(change).toMatchObject([{ change: 'update', oldValue: 800, newValue: 810, userId }])
  })

  it('refuses to apply a preview after the values changed in between, and changes nothing', () => {
    const a = importCsv(csv('auslaender;Bohmte;31.12.2024;gesamt;;gesamt;800;;;;'))
    const b = importCsv(csv('auslaender;Belm;31.12.2024;gesamt;;gesamt;300;;;;'))
    if (!('importId' in a) || !('importId' in b)) throw new Error('refused')
    applyImport(db, b.importId, userId)
    const before = valueCount()
    expect(() => applyImport(db, a.importId, userId)).toThrow(/discarded|verworfen|Vorschau/)
    expect(valueCount()).toBe(before)
  })

  it('refuses an unknown municipality, naming line and column', () => {
    const [p, ...rest] = problemsOf(csv('auslaender;Bad Esen;31.12.2024;gesamt;;gesamt;10;;;;'))
    expect(rest).toEqual([])
    expect(p).toMatchObject({ line: 2, column: 2 })
    expect(german(p!)).toContain('„Bad Esen“')
  })

  it('refuses an unknown indicator, naming line and column', () => {
    const [p] = problemsOf(csv('auslaender;Belm;31.12.2024;gesamt;;gesamt;10;;;;', 'sprachkurse;Belm;31.12.2024;gesamt;;gesamt;10;;;;'))
    expect(p).toMatchObject({ line: 3, column: 1, key: 'monitoring:import.problem.indicatorUnknown' })
  })

  it('refuses a wrong header, naming the column', () => {
    const bytes = new TextEncoder().encode(`${HEADER.replace('stichtag', 'datum')}\nauslaender;Belm;31.12.2024;gesamt;;gesamt;10;;;;`)
    const before = valueCount()
    const read = readIndicatorValuesCsv(bytes)
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.problems).toEqual([{ line: 1, column: 3, key: 'monitoring:import.problem.headerWrong', values: { expected: 'stichtag', found: 'datum' } }])
    expect(valueCount()).toBe(before)
  })

  it('refuses parts that do not add up to their total, for origin and for sex, within the stated tolerance', () => {
    const problems = problemsOf(
      csv(
        'auslaender;Belm;31.12.2024;gesamt;;gesamt;1000;;;;',
        'auslaender;Belm;31.12.2024;Herkunft;EU;gesamt;600;;;;',
        'auslaender;Belm;31.12.2024;Herkunft;Drittstaaten;gesamt;350;;;;',
        'auslaender;Belm;31.12.2024;gesamt;;männlich;500;;;;',
        'auslaender;Belm;31.12.2024;gesamt;;weiblich;499;;;;',
      ),
    )
    // 600 + 350 = 950 ≠ 1000 is refused; 500 + 499 = 999 is within the tolerance of 1.
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 2, column: 7, key: 'monitoring:import.problem.sum.categories' })
    expect(german(problems[0]!)).toContain('Zeilen 3, 4')
    expect(german(problems[0]!)).toContain('ergeben 950')
  })

  it('refuses text in a number column, naming line and column', () => {
    const [p] = problemsOf(csv('auslaender;Belm;31.12.2024;gesamt;;gesamt;ca. 30;;;;'))
    expect(p).toMatchObject({ line: 2, column: 7, key: 'monitoring:import.problem.notANumber' })
    expect(german(p!)).toContain('„ca. 30“')
  })

  it('refuses duplicate rows, naming both lines', () => {
    const [p] = problemsOf(csv('auslaender;Belm;31.12.2024;gesamt;;gesamt;10;;;;', 'auslaender;Belm;2024;;;;12;;;;'))
    expect(p).toMatchObject({ line: 3, column: 1, key: 'monitoring:import.problem.duplicate', values: { first: 2 } })
  })

  it('refuses a file saved in Windows-1252, naming the line and column of the first such byte', () => {
    const text = `${HEADER}\nauslaender;Belm;31.12.2024;gesamt;;gesamt;10;;;;\nauslaender;Fürstenau;31.12.2024;gesamt;;gesamt;10;;;;`
    const bytes = Uint8Array.from([...text].map((c) => (c === 'ü' ? 0xfc : c.charCodeAt(0))))
    const [p] = problemsOf(bytes)
    expect(p).toMatchObject({ line: 3, column: 2, key: 'monitoring:import.problem.notUtf8', values: { byte: '0xFC', char: 'ü' } })
  })

  it('reads an Excel workbook, and names line and column of a bad cell there too', async () => {
    const good = await indicatorValuesTemplateXlsx([['auslaender', 'Belm', '31.12.2024', 'gesamt', '', 'gesamt', 1234, '', '', '', '']], [])
    const read = await readIndicatorValuesXlsx(good)
    expect(read.ok).toBe(true)
    if (read.ok) expect(checkRows(db, read.rows)).toMatchObject({ ok: true, rows: [{ line: 2, value: 1234 }] })
    const bad = await indicatorValuesTemplateXlsx([['auslaender', 'Belm', '31.12.2024', 'gesamt', '', 'gesamt', 'viele', '', '', '', '']], [])
    const badRead = await readIndicatorValuesXlsx(bad)
    if (!badRead.ok) throw new Error('the reader refused a well-formed workbook')
    expect(checkRows(db, badRead.rows)).toMatchObject({ ok: false, problems: [{ line: 2, column: 7, key: 'monitoring:import.problem.notANumber' }] })
  })
})

describe('small-number protection', () => {
  const stored = (value: number | null, extra: Partial<{ count: number; base: number }> = {}) => ({ value, count: extra.count ?? null, base: extra.base ?? null, note: '', source: '', demo: false })

  it('shows counts of 1 and 2 as "< 3" and withholds shares built on them; zero and 3 are shown', () => {
    expect(protect(stored(2), 'count', 3)).toMatchObject({ state: 'suppressed', value: null })
    expect(protect(stored(1), 'count', 3).state).toBe('suppressed')
    expect(protect(stored(0), 'count', 3)).toMatchObject({ state: 'shown', value: 0 })
    expect(protect(stored(3), 'count', 3)).toMatchObject({ state: 'shown', value: 3 })
    expect(protect(stored(50, { count: 1, base: 2 }), 'percent', 3)).toMatchObject({ state: 'withheld', value: null, count: null })
    expect(protect(stored(0.1, { count: 40, base: 40000 }), 'percent', 3)).toMatchObject({ state: 'shown', value: 0.1, count: 40 })
    expect(protect(stored(5), 'count', 10).state).toBe('suppressed')
  })

  it('also hides the smallest other part when one part of a shown total is hidden, so it cannot be worked out', () => {
    const total = protect(stored(100), 'count', 3)
    const parts = [protect(stored(2), 'count', 3), protect(stored(40), 'count', 3), protect(stored(58), 'count', 3)]
    expect(protectParts(total, parts).map((p) => p.state)).toEqual(['suppressed', 'withheld', 'shown'])
  })
})

describe('the goal page’s indicators', () => {
  it('gives the latest county value, the trend and the distance to the target', () => {
    const id = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'beschaeftigungsquote-auslaender')).get()!.id
    const current = db.select().from(indicators).where(eq(indicators.id, id)).get()!
    updateIndicator(db, id, {
      ...current,
      breakdowns: [],
      goalNumbers: [15],
      targetValue: 60,
      targetYear: 2027,
      thresholdValue: 40,
      thresholdYear: null,
    })
    const { indicators: list } = goalIndicators(db, 15)
    const employment = list.find((i) => i.id === id)!
    expect(employment.latest).toMatchObject({ year: 2021, referenceDate: '2021-12-31', figure: { value: 56 } })
    expect(employment.series.map((s) => [s.year, s.figure.value])).toEqual([
      [2013, 37],
      [2021, 56],
    ])
    expect(employment.target).toEqual({ value: 60, year: 2027 })
    expect(employment.distance).toBe(-4)
    expect(goalIndicators(db, 15, { onlyYears: [] }).indicators.find((i) => i.id === id)!.latest).toBeNull()
    expect(goalIndicators(db, 1).indicators).toEqual([])
  })
})

describe('the quarterly report', () => {
  it('lists the allocation per municipality alphabetically, as printed, with the county’s quota', () => {
    const report = quarterlyReport(db, 2021, 4)
    const names = report.allocation.rows.map((r) => r.territory)
    expect(names).toHaveLength(21)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')))
    const melle = report.allocation.rows.find((r) => r.territory === 'Melle')!
    expect(melle.cells.map((c) => c.value)).toEqual([76, 33, 42])
    expect(report.allocation.county[0]!.value).toBe(808)
  })

  it('groups EU nationalities under 4 % as „übrige“', () => {
    const eu = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'eu-angehoerige')).get()!.id
    const county = db.select({ id: territories.id }).from(territories).where(eq(territories.kind, 'county')).get()!.id
    const row = (category: string, value: number) => ({ indicatorId: eu, territoryId: county, referenceDate: '2024-03-31', dimension: 'nationality' as const, category, value })
    db.insert(indicatorValues)
      .values([
        { indicatorId: eu, territoryId: county, referenceDate: '2024-03-31', dimension: 'total', category: '', value: 1000 },
        row('Polen', 600),
        row('Rumänien', 370),
        row('Malta', 20),
        row('übrige', 10),
      ])
      .run()
    const section = quarterlyReport(db, 2024, 1).sections.find((s) => s.section === 2)!
    expect(section.breakdowns[0]!.parts.map((p) => [p.label, p.figure.value])).toEqual([
      ['Polen', 600],
      ['Rumänien', 370],
      ['übrige (unter 4 %)', 30],
    ])
  })
})

describe('demo data', () => {
  it('are removed in one step, and the seeds’ values stay', () => {
    const county = db.select({ id: territories.id }).from(territories).where(eq(territories.kind, 'county')).get()!.id
    const einb = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'einbuergerungen')).get()!.id
    db.insert(indicatorValues).values({ indicatorId: einb, territoryId: county, referenceDate: '2025-12-31', dimension: 'total', value: 1, demo: true }).run()
    const before = valueCount()
    expect(removeDemoValues(db)).toBe(1)
    expect(valueCount()).toBe(before - 1)
    expect(db.select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.indicatorId, einb)).get()!.n).toBe(2)
  })
})

describe('a sheet as loader data', () => {
  it('packs every figure and restores it exactly', async () => {
    const { sheetFromJson, sheetToJson } = await import('../../../app/shared/monitoring')
    const sheet = dataSheet(db, territoryBySlug(db, 'landkreis-osnabrueck')!, 2017)
    const withoutSources = JSON.parse(JSON.stringify(sheet, (key, value: unknown) => (key === 'source' ? '' : value)))
    expect(sheetFromJson(sheetToJson(sheet))).toEqual(withoutSources)
    expect(sheetToJson(sheet).length).toBeLessThan(JSON.stringify(sheet).length)
  })
})

describe('npm run seed:demo', () => {
  it('adds labelled values for every starter indicator, territory and the last five years, never beside a real value of the same date', async () => {
    const { seedDemoMonitoring, DEMO_SOURCE } = await import('../../cli/demo-monitoring')
    await seedDemoMonitoring(db)
    const demo = db.select({ indicatorId: indicatorValues.indicatorId, territoryId: indicatorValues.territoryId, date: indicatorValues.referenceDate, source: indicatorValues.source }).from(indicatorValues).where(eq(indicatorValues.demo, true)).all()
    expect(new Set(demo.map((d) => d.source))).toEqual(new Set([DEMO_SOURCE]))
    const last = new Date().getFullYear() - 1
    for (const key of STARTER_INDICATORS.map((s) => s.key)) {
      const id = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, key)).get()!.id
      const years = new Set(demo.filter((d) => d.indicatorId === id && d.date.endsWith('12-31')).map((d) => Number(d.date.slice(0, 4))))
      const territoriesWith = new Set(demo.filter((d) => d.indicatorId === id).map((d) => d.territoryId))
      expect(territoriesWith.size, key).toBe(22)
      // Years that hold a real figure of the seeds keep it alone (e.g. the employment rate of 2021, the quota of 2021).
      for (let year = last - 4; year <= last; year++) {
        const real = db.select({ n: count() }).from(indicatorValues).where(and(eq(indicatorValues.indicatorId, id), eq(indicatorValues.referenceDate, `${year}-12-31`), eq(indicatorValues.demo, false))).get()!.n
        expect(years.has(year), `${key} ${year}`).toBe(real === 0)
      }
    }
    const again = await seedDemoMonitoring(db)
    expect(again).toMatch(/schon vorhanden/)
  })
})
