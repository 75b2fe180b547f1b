import { and, desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { indicatorValues } from '../../../db/schema'
import { tFor } from '../../../app/shared/i18n/resources'
import { REFERENCE_LIMITS, type IndicatorReferenceAttrs, type ReferenceChoices, type ReferenceValue } from '../../../app/shared/live/indicator-reference'
import { figureFormat } from '../../../app/shared/monitoring-figures'
import { indicatorById, listIndicators, listTerritories, MonitoringError, smallNumberThreshold } from './common'
import { protect } from './protect'

/**
 * What an author may quote of the monitoring in a report chapter (the indicatorReference node,
 * app/shared/live/indicator-reference.ts): an indicator's total for one territory and reference date, after
 * small-number protection. A figure that is suppressed ("< 3"), withheld, a gap or missing is listed with what the
 * pages print for it, but has no reference: it cannot be inserted as a value. The snapshot's texts are German data,
 * worded as the data sheets word them (figureFormat in German).
 */

export function referenceChoices(db: DbOrTx): ReferenceChoices {
  return {
    indicators: listIndicators(db, { activeOnly: true }).map((i) => ({ id: i.id, name: i.name, unit: i.unit })),
    territories: listTerritories(db).map((t) => ({ id: t.id, name: t.name })),
  }
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/** Every reference date of the indicator's total for the territory, newest first, each with what may be quoted. */
export function referenceValues(db: DbOrTx, indicatorId: number, territoryId: number): ReferenceValue[] {
  const indicator = indicatorById(db, indicatorId)
  if (!indicator) throw new MonitoringError('monitoring:refusal.indicatorUnknown', { field: 'indicator' })
  const territory = listTerritories(db).find((t) => t.id === territoryId)
  if (!territory) throw new MonitoringError('monitoring:refusal.territoryUnknown', { field: 'territory' })
  const threshold = smallNumberThreshold(db)
  const f = figureFormat(tFor('de'), 'de', threshold)
  const rows = db
    .select({ referenceDate: indicatorValues.referenceDate, value: indicatorValues.value, count: indicatorValues.count, base: indicatorValues.base, source: indicatorValues.source, note: indicatorValues.note, demo: indicatorValues.demo })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.territoryId, territoryId), eq(indicatorValues.dimension, 'total'), eq(indicatorValues.category, ''), eq(indicatorValues.sex, 'all')))
    .orderBy(desc(indicatorValues.referenceDate))
    .all()
  return rows.map((row) => {
    const figure = protect(row, indicator.unit, threshold)
    const shown = f.value(figure, indicator.unit)
    const reference: IndicatorReferenceAttrs | null =
      figure.state === 'shown' && figure.value !== null
        ? {
            indicatorId,
            territoryId,
            referenceDate: row.referenceDate,
            value: shown,
            unit: indicator.unit,
            indicatorName: clip(indicator.name, REFERENCE_LIMITS.indicatorName),
            territoryName: clip(territory.name, REFERENCE_LIMITS.territoryName),
            source: clip(indicator.dataSource || figure.source, REFERENCE_LIMITS.source),
            demo: figure.demo,
          }
        : null
    return { referenceDate: row.referenceDate, state: figure.state, shown, reference }
  })
}
