import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useMemo } from 'react'
import { creditLines, figureFormat, type Credit } from '~/shared/monitoring-figures'
import { useFormat } from '~/ui/use-format'
import { type T } from '~/shared/i18n'

/**
 * How the monitoring's pages print figures: in the page's language, with the unit, and protected figures as
 * "< 3", "zurückgehalten", "keine Angabe" (figureFormat, which the exports use too). The server has already taken
 * protected numbers out; this only words them.
 */
export function useFigures(threshold: number) {
  const { t } = useTranslation()
  const { language } = useFormat()
  return useMemo(() => figureFormat(t, language, threshold), [t, language, threshold])
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
  return creditNodes(creditLines(t, source, presentation, date))
}

/** Credit lines as nodes: the German data in its own language. */
export function creditNodes(lines: Credit[]) {
  return lines.map((c) =>
    c.label ? (
      <>
        {c.label} <span lang={c.lang ?? undefined}>{c.text}</span>
      </>
    ) : (
      c.text
    ),
  )
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
