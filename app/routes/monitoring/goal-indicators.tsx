import { useTranslation } from 'react-i18next'
import { LineChart } from '~/shared/charts/charts'
import { useFormat } from '~/ui/use-format'
import { credits, DemoBanner, useFigures } from './figures'
import type { GoalIndicatorsData } from './goal-indicators.server'

/**
 * The goal page's part of the monitoring: each linked indicator with the county's latest value and its reference
 * date, a small trend chart with its table, target and threshold values and the distance to the target in words,
 * and the caveat that an indicator shows a development, not the effect of a measure.
 *
 * On the goal page: `monitoring: loadGoalIndicators(context, number)` in the loader, `<GoalIndicators data={data.monitoring} />` in the component.
 */
export function GoalIndicators({ data }: { data: GoalIndicatorsData }) {
  const { t } = useTranslation()
  const format = useFormat()
  const f = useFigures(data.threshold)
  if (data.indicators.length === 0) return null
  return (
    <section aria-labelledby="goal-indicators" className="card space-y-4" data-testid="goal-indicators">
      <h2 id="goal-indicators" className="text-lg font-semibold">
        {t('monitoring:goal.title')}
      </h2>
      <DemoBanner demo={data.demo} />
      <p className="text-sm" role="note">
        {t('monitoring:goal.caveat')}
      </p>
      {data.indicators.map((i) => {
        const latest = i.latest
        const current = latest ? f.value(latest.figure, i.unit) : null
        const targetText = i.target ? (i.target.year ? t('monitoring:goal.target', { value: f.withUnit(i.target.value, i.unit), year: i.target.year }) : t('monitoring:goal.targetNoYear', { value: f.withUnit(i.target.value, i.unit) })) : null
        const distanceAmount =
          i.distance === null ? '' : i.unit === 'percent' ? t('monitoring:goal.pointsDistance', { count: Math.abs(i.distance), formatted: f.number(Math.abs(i.distance), 'percentagePoints') }) : f.withUnit(Math.abs(i.distance), i.unit)
        const distanceText =
          targetText && current && i.distance !== null
            ? i.distance < 0
              ? t('monitoring:goal.distanceBelow', { target: targetText, current, distance: distanceAmount })
              : i.distance > 0
                ? t('monitoring:goal.distanceAbove', { target: targetText, current, distance: distanceAmount })
                : t('monitoring:goal.distanceReached', { target: targetText, current })
            : targetText
        const dateText = latest ? f.referenceDate(latest.referenceDate, i.referenceKind) : ''
        const first = i.series[0]
        const last = i.series.at(-1)
        return (
          <div key={i.id} className="space-y-2" data-testid="goal-indicator">
            <h3 className="font-semibold" lang="de">
              {i.name}
            </h3>
            <p data-testid="goal-indicator-latest">{latest ? t('monitoring:goal.latest', { value: f.full(latest.figure, i.unit), date: dateText }) : t('monitoring:goal.noLatest')}</p>
            {distanceText ? <p data-testid="goal-indicator-target">{distanceText}</p> : null}
            {i.threshold ? (
              <p>{i.threshold.year ? t('monitoring:goal.thresholdYear', { value: f.withUnit(i.threshold.value, i.unit), year: i.threshold.year }) : t('monitoring:goal.threshold', { value: f.withUnit(i.threshold.value, i.unit) })}</p>
            ) : null}
            {first && last && i.series.length >= 2 ? (
              <LineChart
                texts={{
                  title: t('monitoring:goal.trendTitle', { name: i.name }),
                  summary: t('monitoring:goal.trendSummary', { from: first.year, first: f.full(first.figure, i.unit), to: last.year, last: f.full(last.figure, i.unit) }),
                  credits: credits(t, i.dataSource, '', dateText || format.date(null)),
                  tableCaption: t('monitoring:goal.trendTitle', { name: i.name }),
                  dataLang: 'de',
                  formatTick: (n: number) => f.number(n, i.unit),
                }}
                xLabel={t('monitoring:sheet.year')}
                series={[{ name: t('monitoring:sheet.county'), points: i.series.map((p) => ({ x: String(p.year), y: f.chartValue(p.figure), display: f.full(p.figure, i.unit) })) }]}
              />
            ) : null}
          </div>
        )
      })}
    </section>
  )
}
