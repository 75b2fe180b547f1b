import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goals, indicatorGoals, indicators, indicatorValues } from '../../../db/schema'
import { INDICATOR_AREAS } from '../../../app/shared/vocabulary'
import type { IndicatorDescription, IndicatorTargets } from '../../../app/shared/monitoring'
import { listIndicators, MonitoringError, type IndicatorInfo } from './common'

/**
 * Indicator definitions: the few, justified indicators (Difu, Lörrach) the administration keeps. The monitoring page
 * counts those in use and warns where one lacks what a reader needs to trust it: a definition, a source, a rationale.
 */

export type IndicatorWarning = 'definition' | 'source' | 'rationale'

export function warningsOf(i: Pick<IndicatorInfo, 'definition' | 'dataSource' | 'numeratorSource' | 'rationale'>): IndicatorWarning[] {
  const out: IndicatorWarning[] = []
  if (i.definition.trim() === '') out.push('definition')
  if (i.dataSource.trim() === '' && i.numeratorSource.trim() === '') out.push('source')
  if (i.rationale.trim() === '') out.push('rationale')
  return out
}

/** The monitoring page's list: every indicator with its goals, warnings and how many values it has. */
export function indicatorOverview(db: DbOrTx) {
  const list = listIndicators(db)
  const goalRows = db
    .select({ indicatorId: indicatorGoals.indicatorId, number: goals.number })
    .from(indicatorGoals)
    .innerJoin(goals, eq(goals.id, indicatorGoals.goalId))
    .orderBy(asc(goals.number))
    .all()
  const valueCounts = new Map(
    db
      .select({ indicatorId: indicatorValues.indicatorId, n: count() })
      .from(indicatorValues)
      .groupBy(indicatorValues.indicatorId)
      .all()
      .map((r) => [r.indicatorId, r.n]),
  )
  const rows = list.map((i) => ({
    ...i,
    goalNumbers: goalRows.filter((g) => g.indicatorId === i.id).map((g) => g.number),
    warnings: warningsOf(i),
    values: valueCounts.get(i.id) ?? 0,
  }))
  const active = rows.filter((r) => r.active)
  return {
    indicators: rows,
    inUse: active.length,
    withWarnings: active.filter((r) => r.warnings.length > 0).length,
    areasWithout: INDICATOR_AREAS.filter((area) => !active.some((r) => r.area === area)),
  }
}

export type IndicatorInput = IndicatorDescription & IndicatorTargets & { goalNumbers: number[]; active: boolean }

function goalIds(db: DbOrTx, numbers: number[]): number[] {
  if (numbers.length === 0) return []
  const found = db.select({ id: goals.id, number: goals.number }).from(goals).where(inArray(goals.number, numbers)).all()
  const missing = numbers.filter((n) => !found.some((g) => g.number === n))
  if (missing.length > 0) throw new MonitoringError('monitoring:refusal.goalUnknown', { values: { numbers: missing.join(', ') }, field: 'goals' })
  return found.map((g) => g.id)
}

function checkUnique(db: DbOrTx, input: IndicatorInput, id: number | null) {
  const others = (column: typeof indicators.key | typeof indicators.name, value: string) =>
    db
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(sql`lower(${column}) = lower(${value})`, id === null ? undefined : ne(indicators.id, id)))
      .get()
  if (others(indicators.key, input.key)) throw new MonitoringError('monitoring:refusal.keyTaken', { values: { key: input.key }, field: 'key' })
  if (others(indicators.name, input.name)) throw new MonitoringError('monitoring:refusal.nameTaken', { values: { name: input.name }, field: 'name' })
}

export function createIndicator(db: DbOrTx, input: IndicatorInput): number {
  return db.transaction((tx) => {
    checkUnique(tx, input, null)
    const ids = goalIds(tx, input.goalNumbers)
    const { goalNumbers: _, breakdowns, ...columns } = input
    const row = tx
      .insert(indicators)
      .values({ ...columns, breakdowns: JSON.stringify(breakdowns) })
      .returning({ id: indicators.id })
      .get()
    for (const goalId of ids) tx.insert(indicatorGoals).values({ indicatorId: row.id, goalId }).run()
    return row.id
  })
}

export function updateIndicator(db: DbOrTx, id: number, input: IndicatorInput): void {
  db.transaction((tx) => {
    if (!tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.id, id)).get()) throw new MonitoringError('monitoring:refusal.indicatorUnknown')
    checkUnique(tx, input, id)
    const ids = goalIds(tx, input.goalNumbers)
    const { goalNumbers: _, breakdowns, ...columns } = input
    tx.update(indicators)
      .set({ ...columns, breakdowns: JSON.stringify(breakdowns), updatedAt: Date.now() })
      .where(eq(indicators.id, id))
      .run()
    tx.delete(indicatorGoals).where(eq(indicatorGoals.indicatorId, id)).run()
    for (const goalId of ids) tx.insert(indicatorGoals).values({ indicatorId: id, goalId }).run()
  })
}

export function goalNumbersOf(db: DbOrTx, indicatorId: number): number[] {
  return db
    .select({ number: goals.number })
    .from(indicatorGoals)
    .innerJoin(goals, eq(goals.id, indicatorGoals.goalId))
    .where(eq(indicatorGoals.indicatorId, indicatorId))
    .orderBy(asc(goals.number))
    .all()
    .map((g) => g.number)
}

/** Removes every demo value in one step (`npm run seed:demo` put them there); real values stay. */
export function removeDemoValues(db: DbOrTx): number {
  return db.delete(indicatorValues).where(eq(indicatorValues.demo, true)).run().changes
}
