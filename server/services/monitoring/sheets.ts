import { createHash } from 'node:crypto'
import { and, asc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../../db/client'
import { indicatorValues, sheetInterpretations, sheetPublications, territories, users } from '../../../db/schema'
import { MISSING, isShown, sheetToJson, type BreakdownTable, type Range, type Sheet, type SheetIndicator } from '../../../app/shared/monitoring'
import { INDICATOR_AREAS, type Dimension, type Sex } from '../../../app/shared/vocabulary'
import { ReadCache } from '../read-cache'
import { listIndicators, listTerritories, MonitoringError, smallNumberThreshold, type Territory } from './common'
import { protect, protectParts, type StoredValue } from './protect'

/**
 * The data sheets: one template, 22 sheets a year (the county and each municipality). Per indicator the territory's
 * figure (with the absolute number beside a share), the county's, and the range of the municipal figures – minimum
 * and maximum as bare numbers, never with the municipality that holds them (the data report: "keine direkte
 * Gegenüberstellung (Ranking)"). The development over the years starts where today's definition starts. Every
 * figure has passed small-number protection; the range is taken over printable figures only.
 */

const REST = /^(übrige|sonstige|andere)/i

const VALUE_COLUMNS = {
  id: indicatorValues.id,
  indicatorId: indicatorValues.indicatorId,
  territoryId: indicatorValues.territoryId,
  referenceDate: indicatorValues.referenceDate,
  dimension: indicatorValues.dimension,
  category: indicatorValues.category,
  sex: indicatorValues.sex,
  value: indicatorValues.value,
  count: indicatorValues.count,
  base: indicatorValues.base,
  source: indicatorValues.source,
  note: indicatorValues.note,
  demo: indicatorValues.demo,
}
type Row = StoredValue & { id: number; indicatorId: number; territoryId: number; referenceDate: string; dimension: Dimension; category: string; sex: Sex }

export const yearEnd = (year: number) => `${year}-12-31`

/**
 * One territory by its address (a unique index: a sheet request should not read and sort all 22). Read on every
 * sheet request, so prepared once per database: drizzle's one-time query builds and prepares its SQL each time.
 */
export function territoryBySlug(db: DbOrTx, slug: string): Territory | undefined {
  return prepared(db).territory.get({ slug })
}

export function isPublished(db: DbOrTx, year: number): boolean {
  return !!prepared(db).published.get({ year })
}

const statements = new WeakMap<DbOrTx, ReturnType<typeof prepare>>()
const prepared = (db: DbOrTx) => {
  let found = statements.get(db)
  if (!found) statements.set(db, (found = prepare(db)))
  return found
}
const prepare = (db: DbOrTx) => ({
  territory: db
    .select({
      id: territories.id,
      slug: territories.slug,
      name: territories.name,
      shortName: territories.shortName,
      kind: territories.kind,
      municipalityKind: territories.municipalityKind,
    })
    .from(territories)
    .where(eq(territories.slug, sql.placeholder('slug')))
    .prepare(),
  published: db
    .select({ year: sheetPublications.year })
    .from(sheetPublications)
    .where(eq(sheetPublications.year, sql.placeholder('year')))
    .prepare(),
})

export function publishedYears(db: DbOrTx): number[] {
  return db
    .select({ year: sheetPublications.year })
    .from(sheetPublications)
    .orderBy(asc(sheetPublications.year))
    .all()
    .map((r) => r.year)
}

/** Years with at least one value at the year's end (31.12.), newest first: the years a sheet can be made for. */
export function sheetYears(db: DbOrTx): number[] {
  return db
    .selectDistinct({ date: indicatorValues.referenceDate })
    .from(indicatorValues)
    .where(sql`substr(${indicatorValues.referenceDate}, 6) = '12-31'`)
    .all()
    .map((r) => Number(r.date.slice(0, 4)))
    .sort((a, b) => b - a)
}

export type SheetWithJson = { sheet: Sheet; json: string; version: string }
const cache = new ReadCache<SheetWithJson>(64)

/**
 * One sheet, its compact JSON (sheetToJson: what the body's markup and the export worker are made from) and a short
 * hash of that JSON (its version: the page names the body's markup by it), cached until the next write to the
 * database.
 */
export function dataSheetWithJson(db: Db, territory: Territory, year: number): SheetWithJson {
  return cache.get(db, `${territory.id}/${year}`, () => {
    const sheet = buildSheet(db, territory, year)
    const json = sheetToJson(sheet)
    // The body's version leaves the interpretation out: the page shows it beside the body, not in it.
    const version = createHash('sha256').update(sheetToJson({ ...sheet, interpretation: null })).digest('base64url').slice(0, 16)
    return { sheet, json, version }
  })
}

export function dataSheet(db: Db, territory: Territory, year: number): Sheet {
  return dataSheetWithJson(db, territory, year).sheet
}

function buildSheet(db: DbOrTx, territory: Territory, year: number): Sheet {
  const referenceDate = yearEnd(year)
  const threshold = smallNumberThreshold(db)
  const all = listTerritories(db)
  const county = all.find((t) => t.kind === 'county')!
  const municipalities = all.filter((t) => t.kind === 'municipality')
  const list = listIndicators(db, { activeOnly: true })

  const totals = db
    .select(VALUE_COLUMNS)
    .from(indicatorValues)
    .where(
      and(
        inArray(indicatorValues.territoryId, [...new Set([territory.id, county.id])]),
        eq(indicatorValues.dimension, 'total'),
        eq(indicatorValues.sex, 'all'),
        lte(indicatorValues.referenceDate, referenceDate),
        sql`substr(${indicatorValues.referenceDate}, 6) = '12-31'`,
      ),
    )
    .all() as Row[]
  const parts = db
    .select(VALUE_COLUMNS)
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.territoryId, territory.id),
        eq(indicatorValues.referenceDate, referenceDate),
        or(ne(indicatorValues.dimension, 'total'), ne(indicatorValues.sex, 'all')),
      ),
    )
    .all() as Row[]
  const municipal = db
    .select(VALUE_COLUMNS)
    .from(indicatorValues)
    .innerJoin(territories, eq(territories.id, indicatorValues.territoryId))
    .where(
      and(
        eq(territories.kind, 'municipality'),
        eq(indicatorValues.referenceDate, referenceDate),
        eq(indicatorValues.dimension, 'total'),
        eq(indicatorValues.sex, 'all'),
      ),
    )
    .all() as Row[]

  let demo = false
  const sheetIndicators: SheetIndicator[] = list.map((indicator) => {
    const p = (row: Row | undefined) => {
      if (row?.demo) demo = true
      return protect(row, indicator.unit, threshold)
    }
    const mine = totals.filter((r) => r.indicatorId === indicator.id)
    const at = (territoryId: number, date: string) => mine.find((r) => r.territoryId === territoryId && r.referenceDate === date)
    const own = p(at(territory.id, referenceDate))
    const countyFigure = p(at(county.id, referenceDate))
    const shown = municipal
      .filter((r) => r.indicatorId === indicator.id)
      .map((r) => protect(r, indicator.unit, threshold))
      .filter(isShown)
      .map((f) => f.value)
    const range: Range | null = shown.length > 0 ? { min: Math.min(...shown), max: Math.max(...shown), municipalities: shown.length, of: municipalities.length } : null
    const from = indicator.comparableFrom ?? 0
    const years = [...new Set(mine.map((r) => Number(r.referenceDate.slice(0, 4))))].filter((y) => y >= from).sort((a, b) => a - b)
    const series = years.map((y) => ({ year: y, own: p(at(territory.id, yearEnd(y))), county: p(at(county.id, yearEnd(y))) }))
    const myParts = parts.filter((r) => r.indicatorId === indicator.id)
    const breakdowns: BreakdownTable[] = []
    for (const dimension of new Set(myParts.filter((r) => r.dimension !== 'total' && r.sex === 'all').map((r) => r.dimension))) {
      const rows = myParts.filter((r) => r.dimension === dimension && r.sex === 'all')
      const figures = rows.map((r) => ({ label: r.category, figure: p(r), raw: r.value ?? 0, id: r.id }))
      // Nationalities largest first, the others in the order delivered (age groups, lengths of stay run in their own
      // order), the rest ("übrige") last: the order of a breakdown's parts, never of municipalities.
      figures.sort((a, b) => Number(REST.test(a.label)) - Number(REST.test(b.label)) || (dimension === 'nationality' ? b.raw - a.raw : a.id - b.id))
      const protectedParts = dimension === 'benefits' || dimension === 'allocation' ? figures.map((f) => f.figure) : protectParts(own, figures.map((f) => f.figure))
      breakdowns.push({ dimension, total: own, parts: figures.map((f, i) => ({ label: f.label, figure: protectedParts[i]! })) })
    }
    const sexRows = myParts.filter((r) => r.dimension === 'total' && r.sex !== 'all')
    const sexOrder: Sex[] = ['male', 'female', 'diverse']
    const sexFigures = sexOrder.flatMap((sex) => {
      const row = sexRows.find((r) => r.sex === sex)
      return row ? [{ sex, figure: p(row) }] : []
    })
    const sexProtected = protectParts(own, sexFigures.map((s) => s.figure))
    const sexes = sexFigures.length > 0 ? { total: own, parts: sexFigures.map((s, i) => ({ sex: s.sex, figure: sexProtected[i]! })) } : null
    return {
      id: indicator.id,
      key: indicator.key,
      name: indicator.name,
      area: indicator.area,
      unit: indicator.unit,
      definition: indicator.definition,
      numerator: indicator.numerator,
      denominator: indicator.denominator,
      dataSource: indicator.dataSource,
      presentation: indicator.presentation,
      referenceKind: indicator.referenceKind,
      comparableFrom: indicator.comparableFrom,
      own,
      county: countyFigure,
      range,
      series,
      breakdowns,
      sexes,
    }
  })
  const interpretation =
    db
      .select({ text: sheetInterpretations.text, updatedAt: sheetInterpretations.updatedAt, updatedBy: users.name })
      .from(sheetInterpretations)
      .leftJoin(users, eq(users.id, sheetInterpretations.updatedBy))
      .where(and(eq(sheetInterpretations.territoryId, territory.id), eq(sheetInterpretations.year, year)))
      .get() ?? null
  return {
    territory,
    year,
    referenceDate,
    threshold,
    areas: INDICATOR_AREAS.map((area) => ({ area, indicators: sheetIndicators.filter((i) => i.area === area) })).filter((a) => a.indicators.length > 0),
    demo,
    published: isPublished(db, year),
    interpretation,
  }
}

/** The local interpretation of a sheet; an empty text removes it. */
export function saveInterpretation(db: DbOrTx, input: { territoryId: number; year: number; text: string; userId: number }): void {
  const text = input.text.trim()
  if (text.length > 5000) throw new MonitoringError('monitoring:refusal.interpretationTooLong', { values: { max: 5000 }, field: 'text' })
  if (text === '') {
    db.delete(sheetInterpretations).where(and(eq(sheetInterpretations.territoryId, input.territoryId), eq(sheetInterpretations.year, input.year))).run()
    return
  }
  db.insert(sheetInterpretations)
    .values({ territoryId: input.territoryId, year: input.year, text, updatedBy: input.userId, updatedAt: Date.now() })
    .onConflictDoUpdate({ target: [sheetInterpretations.territoryId, sheetInterpretations.year], set: { text, updatedBy: input.userId, updatedAt: Date.now() } })
    .run()
}

/** Publishes a year's 22 sheets (readable without login from then on), or takes them back. */
export function setPublished(db: DbOrTx, input: { year: number; published: boolean; userId: number }): void {
  if (input.published) {
    if (!sheetYears(db).includes(input.year)) throw new MonitoringError('monitoring:refusal.publishNoData', { values: { year: input.year }, field: 'year' })
    db.insert(sheetPublications).values({ year: input.year, publishedBy: input.userId }).onConflictDoNothing().run()
  } else {
    db.delete(sheetPublications).where(eq(sheetPublications.year, input.year)).run()
  }
}

export { MISSING }
