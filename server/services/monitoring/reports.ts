import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goals, indicatorGoals, indicatorValues } from '../../../db/schema'
import type { QuarterlyReport, QuarterlySection } from '../../../app/shared/monitoring'
import { listIndicators, listTerritories, smallNumberThreshold, yearOf } from './common'
import { protect, protectParts } from './protect'

/**
 * The other reads of the monitoring: the data completeness (Lörrach's lesson: show where data are missing), the
 * quarterly statistical report of the Ausländerbehörde, and the indicators of a goal for the goal page.
 */

// ── Completeness ─────────────────────────────────────────────────────────────────────────────────────────────────

export type CompletenessCell = { state: 'value' | 'gap' | 'missing'; note: string; demo: boolean }

/** indicator × territory (county, then municipalities alphabetically) × year: value, recorded gap with its note, or nothing. */
export function completeness(db: DbOrTx, options: { indicatorId?: number; years?: number } = {}) {
  const all = listIndicators(db, { activeOnly: true })
  const list = options.indicatorId ? all.filter((i) => i.id === options.indicatorId) : all
  const places = listTerritories(db)
  // Any value of the year's end counts (an allocation or benefits indicator has parts but no total); a year with
  // only empty values is a recorded gap, and its notes say why.
  const rows = db
    .select({
      indicatorId: indicatorValues.indicatorId,
      territoryId: indicatorValues.territoryId,
      referenceDate: indicatorValues.referenceDate,
      value: sql<number | null>`max(${indicatorValues.value} is not null)`.mapWith((v: unknown) => (Number(v) ? 1 : null)),
      note: sql<string>`coalesce(group_concat(distinct nullif(${indicatorValues.note}, '')), '')`,
      demo: sql<boolean>`max(${indicatorValues.demo})`.mapWith(Boolean),
    })
    .from(indicatorValues)
    .where(sql`substr(${indicatorValues.referenceDate}, 6) = '12-31'`)
    .groupBy(indicatorValues.indicatorId, indicatorValues.territoryId, indicatorValues.referenceDate)
    .all()
  const allYears = [...new Set(rows.map((r) => yearOf(r.referenceDate)))].sort((a, b) => a - b)
  const years = allYears.slice(-(options.years ?? 10))
  const byKey = new Map(rows.map((r) => [`${r.indicatorId}|${r.territoryId}|${yearOf(r.referenceDate)}`, r]))
  return {
    years,
    territories: places.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
    indicators: list.map((indicator) => {
      let filled = 0
      let gaps = 0
      const cells = places.map((t) =>
        years.map((year): CompletenessCell => {
          const r = byKey.get(`${indicator.id}|${t.id}|${year}`)
          if (!r) return { state: 'missing', note: '', demo: false }
          if (r.value === null) {
            gaps++
            return { state: 'gap', note: r.note, demo: r.demo }
          }
          filled++
          return { state: 'value', note: r.note, demo: r.demo }
        }),
      )
      const possible = places.length * years.length
      return { id: indicator.id, name: indicator.name, cells, filled, gaps, missing: possible - filled - gaps, possible }
    }),
  }
}

// ── Quarterly report ─────────────────────────────────────────────────────────────────────────────────────────────

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31']
export const quarterEnd = (year: number, quarter: number) => `${year}-${QUARTER_END[quarter - 1]}`
export function quarterOf(date: string): { year: number; quarter: number } | null {
  const i = QUARTER_END.indexOf(date.slice(5))
  return i < 0 ? null : { year: yearOf(date), quarter: i + 1 }
}

/** The quarters for which any value of the report's indicators exists, newest first. */
export function reportQuarters(db: DbOrTx): { year: number; quarter: number }[] {
  const dates = db.selectDistinct({ date: indicatorValues.referenceDate }).from(indicatorValues).all()
  return dates
    .flatMap((d) => {
      const q = quarterOf(d.date)
      return q ? [q] : []
    })
    .sort((a, b) => b.year - a.year || b.quarter - a.quarter)
}

/** The indicators of the report's sections by key (the starter definitions); an absent one leaves its section empty. */
export const REPORT_SECTIONS = [
  { section: 1, key: 'auslaender', benefits: null },
  { section: 2, key: 'eu-angehoerige', benefits: 'leistungsbezug-eu' },
  { section: 3, key: 'schutzsuchende', benefits: 'leistungsbezug-schutzsuchende' },
] as const

export type ReportTable = QuarterlySection['breakdowns'][number]
export type ReportSection = QuarterlySection

/** The share below which nationalities are grouped as „übrige“ in section 2 (the seed: „weniger als 4 %“). */
export const MINOR_NATIONALITY_SHARE = 0.04

/** The county's quarterly report for one quarter: sections 1–3 from the values, section 4 the allocation quota. */
export function quarterlyReport(db: DbOrTx, year: number, quarter: number): QuarterlyReport {
  const date = quarterEnd(year, quarter)
  const threshold = smallNumberThreshold(db)
  const places = listTerritories(db)
  const county = places.find((t) => t.kind === 'county')!
  const byKey = new Map(listIndicators(db, { activeOnly: true }).map((i) => [i.key, i]))
  // The development: the last eight quarters up to this one.
  const quarters: string[] = []
  for (let k = 7; k >= 0; k--) {
    const index = year * 4 + (quarter - 1) - k
    quarters.push(quarterEnd(Math.floor(index / 4), (index % 4) + 1))
  }
  const rowsOf = (indicatorId: number, territoryId: number) =>
    db
      .select({
        id: indicatorValues.id,
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
      })
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, indicatorId),
          eq(indicatorValues.territoryId, territoryId),
          inArray(indicatorValues.referenceDate, quarters),
          lte(indicatorValues.referenceDate, date),
        ),
      )
      .all()
  let demo = false
  const sections: ReportSection[] = REPORT_SECTIONS.map(({ section, key, benefits }) => {
    const indicator = byKey.get(key)
    const empty: ReportSection = { section, indicator: null, development: [], total: protect(undefined, 'count', threshold), sexes: [], breakdowns: [], benefits: { indicator: null, development: [] } }
    if (!indicator) return empty
    const rows = rowsOf(indicator.id, county.id)
    if (rows.some((r) => r.demo)) demo = true
    const p = (r: (typeof rows)[number] | undefined) => protect(r, indicator.unit, threshold)
    const current = rows.filter((r) => r.referenceDate === date)
    const total = p(current.find((r) => r.dimension === 'total' && r.sex === 'all'))
    const development = quarters.flatMap((d) => {
      const r = rows.find((x) => x.referenceDate === d && x.dimension === 'total' && x.sex === 'all')
      return r ? [{ date: d, figure: p(r) }] : []
    })
    const sexRows = (['male', 'female', 'diverse'] as const).flatMap((sex) => {
      const r = current.find((x) => x.dimension === 'total' && x.sex === sex)
      return r ? [{ sex, figure: p(r) }] : []
    })
    const sexProtected = protectParts(total, sexRows.map((s) => s.figure))
    const dimensions = [...new Set(current.filter((r) => r.dimension !== 'total' && r.sex === 'all').map((r) => r.dimension))]
    const breakdowns = dimensions.map((dimension) => {
      let parts = current.filter((r) => r.dimension === dimension && r.sex === 'all').map((r) => ({ label: r.category, raw: r.value ?? 0, row: r }))
      // Nationalities by size, other parts in the order delivered (age groups run in their own order), „übrige“ last.
      parts.sort((a, b) => Number(/^übrige/i.test(a.label)) - Number(/^übrige/i.test(b.label)) || (dimension === 'nationality' ? b.raw - a.raw : a.row.id - b.row.id))
      let figures = parts.map((x) => p(x.row))
      // Section 2: nationalities under 4 % of the EU citizens are shown together as „übrige“ (as the seed's report does).
      if (section === 2 && dimension === 'nationality' && total.value !== null) {
        const whole = total.value
        const minor = parts.filter((x) => !/^übrige/i.test(x.label) && x.raw / whole < MINOR_NATIONALITY_SHARE)
        if (minor.length > 0) {
          const rest = parts.filter((x) => /^übrige/i.test(x.label)).reduce((s, x) => s + x.raw, 0) + minor.reduce((s, x) => s + x.raw, 0)
          parts = [...parts.filter((x) => !minor.includes(x) && !/^übrige/i.test(x.label)), { label: 'übrige (unter 4 %)', raw: rest, row: { ...minor[0]!.row, value: rest, note: '' } }]
          figures = parts.map((x) => p(x.row))
        }
      }
      const protectedFigures = protectParts(total, figures)
      return { dimension, parts: parts.map((x, i) => ({ label: x.label, figure: protectedFigures[i]! })) }
    })
    const benefitIndicator = benefits ? byKey.get(benefits) : undefined
    let benefitDevelopment: ReportSection['benefits']['development'] = []
    if (benefitIndicator) {
      const bRows = rowsOf(benefitIndicator.id, county.id)
      if (bRows.some((r) => r.demo)) demo = true
      benefitDevelopment = quarters.flatMap((d) => {
        const at = bRows.filter((r) => r.referenceDate === d && r.dimension === 'benefits' && r.sex === 'all')
        return at.length > 0 ? [{ date: d, parts: at.map((r) => ({ label: r.category, figure: protect(r, benefitIndicator.unit, threshold) })) }] : []
      })
    }
    return {
      section,
      indicator: { id: indicator.id, name: indicator.name, unit: indicator.unit, dataSource: indicator.dataSource, presentation: indicator.presentation, definition: indicator.definition },
      development,
      total,
      sexes: sexRows.map((s, i) => ({ sex: s.sex, figure: sexProtected[i]! })),
      breakdowns,
      benefits: { indicator: benefitIndicator ? { id: benefitIndicator.id, name: benefitIndicator.name, dataSource: benefitIndicator.dataSource } : null, development: benefitDevelopment },
    }
  })
  // Section 4: the allocation of one quarter, per municipality in alphabetical order (the data of an allocation).
  const quota = byKey.get('zuweisungsquote')
  const quotaRows = quota
    ? db
        .select({
          territoryId: indicatorValues.territoryId,
          category: indicatorValues.category,
          value: indicatorValues.value,
          count: indicatorValues.count,
          base: indicatorValues.base,
          source: indicatorValues.source,
          note: indicatorValues.note,
          demo: indicatorValues.demo,
        })
        .from(indicatorValues)
        .where(and(eq(indicatorValues.indicatorId, quota.id), eq(indicatorValues.referenceDate, date), eq(indicatorValues.dimension, 'allocation')))
        .all()
    : []
  if (quotaRows.some((r) => r.demo)) demo = true
  const columns = ['Quote', 'Zuweisungen', 'noch zu erfüllen'] as const
  const allocation = places
    .filter((t) => t.kind === 'municipality')
    .map((t) => ({
      territory: t.name,
      cells: columns.map((c) => protect(quotaRows.find((r) => r.territoryId === t.id && r.category === c), 'count', threshold)),
    }))
  const countyQuota = columns.map((c) => protect(quotaRows.find((r) => r.territoryId === county.id && r.category === c), 'count', threshold))
  return {
    year,
    quarter,
    date,
    threshold,
    demo,
    sections,
    allocation: {
      indicator: quota ? { name: quota.name, dataSource: quota.dataSource } : null,
      columns: [...columns],
      rows: allocation,
      county: countyQuota,
      sources: [...new Set(quotaRows.map((r) => r.source).filter(Boolean))],
    },
  }
}

// ── Goal page ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The indicators linked to a goal, for the goal page: the county's latest value with its reference date, the county's
 * development, and target and threshold values with the distance to the target. An indicator shows a development,
 * not the effect of a measure (Lörrach: "keine Ursachen-Wirkungs-Analyse"); the component says so.
 */
export function goalIndicators(db: DbOrTx, goalNumber: number, options: { onlyYears?: number[] } = {}) {
  const threshold = smallNumberThreshold(db)
  const county = listTerritories(db).find((t) => t.kind === 'county')
  const linked = db
    .select({ indicatorId: indicatorGoals.indicatorId })
    .from(indicatorGoals)
    .innerJoin(goals, eq(goals.id, indicatorGoals.goalId))
    .where(eq(goals.number, goalNumber))
    .all()
    .map((r) => r.indicatorId)
  const list = listIndicators(db, { activeOnly: true }).filter((i) => linked.includes(i.id))
  if (!county || list.length === 0) return { indicators: [], demo: false }
  let demo = false
  const indicators = list.map((indicator) => {
    const rows = db
      .select({
        referenceDate: indicatorValues.referenceDate,
        value: indicatorValues.value,
        count: indicatorValues.count,
        base: indicatorValues.base,
        source: indicatorValues.source,
        note: indicatorValues.note,
        demo: indicatorValues.demo,
      })
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, indicator.id),
          eq(indicatorValues.territoryId, county.id),
          eq(indicatorValues.dimension, 'total'),
          eq(indicatorValues.sex, 'all'),
          sql`substr(${indicatorValues.referenceDate}, 6) = '12-31'`,
        ),
      )
      .orderBy(asc(indicatorValues.referenceDate))
      .all()
      .filter((r) => indicator.comparableFrom === null || yearOf(r.referenceDate) >= indicator.comparableFrom)
      .filter((r) => !options.onlyYears || options.onlyYears.includes(yearOf(r.referenceDate)))
    if (rows.some((r) => r.demo)) demo = true
    const series = rows.map((r) => ({ year: yearOf(r.referenceDate), figure: protect(r, indicator.unit, threshold) }))
    const latest = [...series].reverse().find((s) => s.figure.state === 'shown') ?? null
    const latestRow = latest ? rows.find((r) => yearOf(r.referenceDate) === latest.year) : undefined
    const distance = latest && latest.figure.value !== null && indicator.targetValue !== null ? latest.figure.value - indicator.targetValue : null
    return {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      dataSource: latestRow?.source || indicator.dataSource,
      referenceKind: indicator.referenceKind,
      latest: latest ? { year: latest.year, referenceDate: latestRow!.referenceDate, figure: latest.figure } : null,
      series,
      target: indicator.targetValue !== null ? { value: indicator.targetValue, year: indicator.targetYear } : null,
      threshold: indicator.thresholdValue !== null ? { value: indicator.thresholdValue, year: indicator.thresholdYear } : null,
      distance,
    }
  })
  return { indicators, demo }
}
