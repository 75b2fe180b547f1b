import { asc, count, eq, max } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { indicators, indicatorValueChanges, indicatorValues, monitoringSettings, territories } from '../../../db/schema'
import { DEFAULT_SMALL_NUMBER_THRESHOLD } from '../../../db/seed/monitoring'
import { BREAKDOWNS, type Breakdown, type TerritoryKind } from '../../../app/shared/vocabulary'
import type { IndicatorDescription, IndicatorTargets } from '../../../app/shared/monitoring'
import { Refusal } from '../refusal'

/** This service's refusals (message key of the `monitoring` namespace, form field): see Refusal. */
export class MonitoringError extends Refusal {
  override name = 'MonitoringError'
}

/** German alphabetical order ("Bad Essen" … "Wallenhorst"): the only order in which municipalities are ever listed. */
export const ALPHABETICAL = new Intl.Collator('de', { sensitivity: 'base', numeric: true })

export type Territory = { id: number; slug: string; name: string; shortName: string | null; kind: TerritoryKind; municipalityKind: string | null }

/** The county first, then the municipalities in alphabetical order – never by any value. */
export function listTerritories(db: DbOrTx): Territory[] {
  const rows = db
    .select({
      id: territories.id,
      slug: territories.slug,
      name: territories.name,
      shortName: territories.shortName,
      kind: territories.kind,
      municipalityKind: territories.municipalityKind,
    })
    .from(territories)
    .all()
  return rows.sort((a, b) => (a.kind === b.kind ? ALPHABETICAL.compare(a.name, b.name) : a.kind === 'county' ? -1 : 1))
}

export type IndicatorInfo = { id: number } & IndicatorDescription & IndicatorTargets & { seedPassage: string | null; active: boolean }

export function parseBreakdowns(json: string): Breakdown[] {
  try {
    const list: unknown = JSON.parse(json)
    return Array.isArray(list) ? BREAKDOWNS.filter((b) => list.includes(b)) : []
  } catch {
    return []
  }
}

const INDICATOR_COLUMNS = {
  id: indicators.id,
  key: indicators.key,
  name: indicators.name,
  area: indicators.area,
  definition: indicators.definition,
  unit: indicators.unit,
  numerator: indicators.numerator,
  numeratorSource: indicators.numeratorSource,
  denominator: indicators.denominator,
  denominatorSource: indicators.denominatorSource,
  dataSource: indicators.dataSource,
  presentation: indicators.presentation,
  referenceKind: indicators.referenceKind,
  breakdowns: indicators.breakdowns,
  rationale: indicators.rationale,
  comparableFrom: indicators.comparableFrom,
  targetValue: indicators.targetValue,
  targetYear: indicators.targetYear,
  thresholdValue: indicators.thresholdValue,
  thresholdYear: indicators.thresholdYear,
  seedPassage: indicators.seedPassage,
  active: indicators.active,
}

/** Every indicator (or only those in use), by area in the report's order, then by name. */
export function listIndicators(db: DbOrTx, options: { activeOnly?: boolean } = {}): IndicatorInfo[] {
  const query = db.select(INDICATOR_COLUMNS).from(indicators)
  const rows = (options.activeOnly ? query.where(eq(indicators.active, true)) : query).orderBy(asc(indicators.id)).all()
  return rows.map((r) => ({ ...r, breakdowns: parseBreakdowns(r.breakdowns) }))
}

export function indicatorById(db: DbOrTx, id: number): IndicatorInfo | undefined {
  const row = db.select(INDICATOR_COLUMNS).from(indicators).where(eq(indicators.id, id)).get()
  return row ? { ...row, breakdowns: parseBreakdowns(row.breakdowns) } : undefined
}

export function smallNumberThreshold(db: DbOrTx): number {
  return db.select({ t: monitoringSettings.smallNumberThreshold }).from(monitoringSettings).where(eq(monitoringSettings.id, 1)).get()?.t ?? DEFAULT_SMALL_NUMBER_THRESHOLD
}

export function setSmallNumberThreshold(db: DbOrTx, threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > 20) {
    throw new MonitoringError('monitoring:refusal.thresholdRange', { values: { min: 2, max: 20 }, field: 'threshold' })
  }
  db.insert(monitoringSettings)
    .values({ id: 1, smallNumberThreshold: threshold })
    .onConflictDoUpdate({ target: monitoringSettings.id, set: { smallNumberThreshold: threshold } })
    .run()
}

/**
 * The values' version: it changes with every insert, update and delete of a value (each is audited, and deletions
 * lower the count). A preview made at one version is applied only at the same one.
 */
export function valuesVersion(db: DbOrTx): string {
  const values = db.select({ n: count(), at: max(indicatorValues.updatedAt) }).from(indicatorValues).get()
  const audit = db.select({ id: max(indicatorValueChanges.id) }).from(indicatorValueChanges).get()
  return `${values?.n ?? 0}.${values?.at ?? 0}.${audit?.id ?? 0}`
}

/** Whether any demo values are stored (every page that shows them says so). */
export function hasDemoValues(db: DbOrTx): boolean {
  return !!db.select({ id: indicatorValues.id }).from(indicatorValues).where(eq(indicatorValues.demo, true)).limit(1).get()
}

export const yearOf = (date: string) => Number(date.slice(0, 4))
