import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Figure } from '~/shared/monitoring'
import type { IndicatorUnit, ReferenceKind } from '~/shared/vocabulary'
import { useFormat } from '~/ui/use-format'
import { type T } from '~/shared/i18n'

/**
 * How the monitoring's pages print figures: in the page's language, with the unit, and protected figures as
 * "< 3", "zurückgehalten", "keine Angabe". The server has already taken protected numbers out; this only words them.
 */
export function useFigures(threshold: number) {
  const { t } = useTranslation()
  const format = useFormat()
  const number = (value: number, unit: IndicatorUnit) =>
    format.number(value, unit === 'count' ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 0, maximumFractionDigits: 1 })
  const withUnit = (value: number, unit: IndicatorUnit) => t(`monitoring:unitValue.${unit}`, { value: number(value, unit) })
  const value = (figure: Figure, unit: IndicatorUnit): string => {
    switch (figure.state) {
      case 'shown':
        return figure.value === null ? t('monitoring:figure.missing') : withUnit(figure.value, unit)
      case 'suppressed':
        return t('monitoring:figure.suppressed', { threshold })
      case 'withheld':
        return t('monitoring:figure.withheld')
      case 'gap':
        return t('monitoring:figure.gap')
      default:
        return t('monitoring:figure.missing')
    }
  }
  /** The absolute number beside a share: "1.519 Personen", "< 3 Personen", or null when there is none. */
  const count = (figure: Figure): string | null => {
    if (figure.countSuppressed) return t('monitoring:figure.fewPersons', { threshold })
    if (figure.count === null) return null
    return t('monitoring:figure.persons', { count: figure.count, formatted: format.number(figure.count) })
  }
  /** Value and, for a share, its absolute number: "3,7 % (492 Personen)". */
  const full = (figure: Figure, unit: IndicatorUnit) => {
    const c = unit === 'count' ? null : count(figure)
    return c ? `${value(figure, unit)} (${c})` : value(figure, unit)
  }
  const referenceDate = (date: string, kind: ReferenceKind) =>
    kind === 'year' ? t('monitoring:credits.year', { year: date.slice(0, 4) }) : t('monitoring:credits.date', { date: format.date(date) })
  return { value, count, full, number, withUnit, referenceDate, chartValue: (figure: Figure) => (figure.state === 'shown' ? figure.value : null) }
}

/** The label every page with demo values carries. */
export function DemoBanner({ demo }: { demo: boolean }) {
  const { t } = useTranslation()
  if (!demo) return null
  return (
    <p role="note" className="rounded-md border-2 border-dashed border-amber-700 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="demo-banner">
      <strong>{t('monitoring:demo.banner')}</strong> – {t('monitoring:demo.bannerText')}
    </p>
  )
}

/** The credits under a chart: data source and presentation as printed (German data), and the reference date. */
export function credits(t: T, source: string, presentation: string, date: string) {
  return [
    source ? (
      <>
        {t('monitoring:credits.sourceLabel')} <span lang="de">{source}</span>
      </>
    ) : null,
    presentation ? (
      <>
        {t('monitoring:credits.presentationLabel')} <span lang="de">{presentation}</span>
      </>
    ) : null,
    date,
  ].filter((c) => c !== null)
}

export function MonitoringCrumbs({ here }: { here?: string }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('monitoring:nav.breadcrumb')} className="text-sm">
      <Link to="/monitoring">{t('monitoring:nav.overview')}</Link>
      {here ? <> › {here}</> : null}
    </nav>
  )
}
