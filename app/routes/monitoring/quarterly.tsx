import { Form, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Figure } from '~/shared/monitoring'
import { dimensionLabel, sexLabel } from '~/shared/vocabulary'
import { BarChart, LineChart } from '~/ui/charts/charts'
import { SelectField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import type { Route } from './+types/quarterly'
import { credits, DemoBanner, MonitoringCrumbs, useFigures } from './figures'
import { loadQuarterly } from './quarterly.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadQuarterly(context, request)
}

type Report = NonNullable<Awaited<ReturnType<typeof loader>>['report']>

/** The Ausländerbehörde's "Statistischer Quartalsbericht" from its template: sections 1–4 for a chosen quarter. */
export default function Quarterly() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const report = data.report
  return (
    <div className="space-y-6">
      <MonitoringCrumbs here={data.title} />
      <h1 className="text-2xl font-bold">{data.title}</h1>
      {data.quarters.length === 0 ? <p className="italic">{t('monitoring:quarterly.noQuarters')}</p> : null}
      {data.quarters.length > 0 ? (
        <Form method="get" className="card flex flex-wrap items-end gap-3">
          <SelectField label={t('monitoring:quarterly.quarter')} name="quartal" defaultValue={report ? `${report.year}-${report.quarter}` : ''} className="w-56">
            {data.quarters.map((q) => {
              const [year, quarter] = q.split('-')
              return (
                <option key={q} value={q}>
                  {t('monitoring:quarterly.quarterOption', { year, quarter })}
                </option>
              )
            })}
          </SelectField>
          <button type="submit" className="btn">
            {t('monitoring:quarterly.show')}
          </button>
        </Form>
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </div>
  )
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation()
  const format = useFormat()
  const f = useFigures(report.threshold)
  const dateText = t('monitoring:credits.quarter', { date: format.date(report.date), quarter: report.quarter, year: report.year })
  const quarterLabel = (date: string) => t('monitoring:quarterly.quarterOption', { year: date.slice(0, 4), quarter: Math.ceil(Number(date.slice(5, 7)) / 3) })
  const summaryOf = (parts: { label: string; figure: Figure }[]) => {
    const largest = parts.reduce<(typeof parts)[number] | null>((a, p) => (p.figure.value !== null && (!a || p.figure.value > (a.figure.value ?? 0)) ? p : a), null)
    return largest
      ? t('monitoring:sheet.breakdownSummary', { count: parts.length, largest: largest.label, value: f.value(largest.figure, 'count') })
      : t('monitoring:sheet.breakdownSummaryNone', { count: parts.length })
  }
  const bars = (parts: { label: string; figure: Figure }[]) => parts.map((p) => ({ label: p.label, value: f.chartValue(p.figure), display: f.value(p.figure, 'count') }))
  return (
    <article className="space-y-6" aria-labelledby="report-title" data-testid="quarterly-report">
      <header>
        <h2 id="report-title" className="text-xl font-semibold">
          {t('monitoring:quarterly.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('monitoring:quarterly.subtitle', { quarter: report.quarter, year: report.year })}</p>
        <p className="text-sm">{t('monitoring:quarterly.sources')}</p>
        <p className="text-xs text-slate-700">{t('monitoring:figure.protectionNote', { threshold: report.threshold, below: report.threshold - 1 })}</p>
        <p className="text-xs text-slate-700">{t('monitoring:quarterly.exports')}</p>
      </header>
      <DemoBanner demo={report.demo} />
      {report.sections.map((s) => {
        const heading = t(`monitoring:quarterly.section${s.section as 1 | 2 | 3}`)
        const texts = (title: string, summary: string, source = s.indicator?.dataSource ?? '') => ({
          title,
          summary,
          credits: credits(t, source, s.indicator?.presentation ?? '', dateText),
          tableCaption: title,
          dataLang: 'de',
          formatTick: (n: number) => f.number(n, 'count'),
        })
        const first = s.development[0]
        const last = s.development.at(-1)
        return (
          <section key={s.section} aria-labelledby={`section-${s.section}`} className="card space-y-4" data-testid={`section-${s.section}`}>
            <h3 id={`section-${s.section}`} className="text-lg font-semibold">
              {heading}
            </h3>
            {!s.indicator ? <p className="italic">{t('monitoring:quarterly.noIndicator')}</p> : null}
            {s.indicator && s.total.state === 'missing' ? <p className="italic">{t('monitoring:quarterly.noValues')}</p> : null}
            {first && last && s.development.length < 2 ? (
              <p>
                {s.section}.1 {t('monitoring:quarterly.development')}: {quarterLabel(first.date)} {f.value(first.figure, 'count')}
              </p>
            ) : null}
            {first && last && s.development.length >= 2 ? (
              <LineChart
                texts={texts(`${s.section}.1 ${t('monitoring:quarterly.development')}`, t('monitoring:quarterly.developmentSummary', { from: quarterLabel(first.date), first: f.value(first.figure, 'count'), to: quarterLabel(last.date), last: f.value(last.figure, 'count') }))}
                xLabel={t('monitoring:quarterly.date')}
                series={[{ name: s.indicator?.name ?? '', points: s.development.map((d) => ({ x: quarterLabel(d.date), y: f.chartValue(d.figure), display: f.value(d.figure, 'count') })) }]}
              />
            ) : null}
            {s.sexes.length > 0 || s.breakdowns.length > 0 ? <h4 className="font-semibold">{`${s.section}.${first ? 2 : 1} ${t('monitoring:quarterly.overview')}`}</h4> : null}
            {s.sexes.length > 0 ? (
              <BarChart
                texts={texts(t('vocabulary:monitoring.breakdown.sex'), `${s.indicator?.name ?? ''}: ${f.value(s.total, 'count')}`)}
                header={[t('vocabulary:monitoring.breakdown.sex'), t('monitoring:sheet.value')]}
                bars={bars(s.sexes.map((x) => ({ label: t(sexLabel(x.sex)), figure: x.figure })))}
              />
            ) : null}
            {s.breakdowns.map((b) => (
              <div key={b.dimension} className="space-y-1">
                <BarChart
                  texts={texts(t(dimensionLabel(b.dimension)), summaryOf(b.parts))}
                  header={[t(dimensionLabel(b.dimension)), t('monitoring:sheet.value')]}
                  bars={bars(b.parts)}
                />
                {s.section === 2 && b.dimension === 'nationality' ? <p className="text-xs">{t('monitoring:quarterly.minorGrouped')}</p> : null}
              </div>
            ))}
            {s.benefits.indicator && s.benefits.development.length > 0 ? (
              <BenefitsTable name={s.benefits.indicator.name} source={s.benefits.indicator.dataSource} rows={s.benefits.development} quarterLabel={quarterLabel} value={(x) => f.value(x, 'count')} />
            ) : null}
          </section>
        )
      })}
      <section aria-labelledby="section-4" className="card space-y-3" data-testid="section-4">
        <h3 id="section-4" className="text-lg font-semibold">
          {t('monitoring:quarterly.section4')}
        </h3>
        <p className="text-sm">{t('monitoring:quarterly.quotaIntro', { date: format.date(report.date) })}</p>
        <div className="overflow-x-auto">
          <table className="table" data-testid="quota-table">
            <caption className="sr-only">{t('monitoring:quarterly.quotaCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring:quarterly.municipality')}</th>
                {report.allocation.columns.map((c) => (
                  <th key={c} scope="col" className="text-right" lang="de">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.allocation.rows.map((r) => (
                <tr key={r.territory}>
                  <th scope="row" className="bg-white font-normal" lang="de">
                    {r.territory}
                  </th>
                  {r.cells.map((c, i) => (
                    <td key={i} className="text-right tabular-nums">
                      {f.value(c, 'count')}
                      {c.note ? <span className="sr-only" lang="de"> ({c.note})</span> : null}
                      {c.note ? <span aria-hidden="true"> *</span> : null}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row" className="bg-white font-semibold" lang="de">
                  {t('monitoring:quarterly.countyRow')}
                </th>
                {report.allocation.county.map((c, i) => (
                  <td key={i} className="text-right font-semibold tabular-nums">
                    {f.value(c, 'count')}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-700">
          {t('monitoring:credits.sourceLabel')} <span lang="de">{report.allocation.sources.join('; ') || report.allocation.indicator?.dataSource || '–'}</span> · {dateText}
        </p>
        {report.allocation.rows.some((r) => r.cells.some((c) => c.note)) ? (
          <ul className="list-disc pl-5 text-xs" lang="de">
            {report.allocation.rows.flatMap((r) => r.cells.filter((c) => c.note).map((c, i) => <li key={`${r.territory}-${i}`}>{`${r.territory}: ${c.note}`}</li>))}
          </ul>
        ) : null}
      </section>
    </article>
  )
}

function BenefitsTable({
  name,
  source,
  rows,
  quarterLabel,
  value,
}: {
  name: string
  source: string
  rows: { date: string; parts: { label: string; figure: Figure }[] }[]
  quarterLabel: (date: string) => string
  value: (figure: Figure) => string
}) {
  const { t } = useTranslation()
  const labels = [...new Set(rows.flatMap((r) => r.parts.map((p) => p.label)))]
  return (
    <div className="space-y-1">
      <h4 className="font-semibold">
        {t('monitoring:quarterly.benefits')}: <span lang="de">{name}</span>
      </h4>
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="sr-only">{name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('monitoring:quarterly.date')}</th>
              {labels.map((l) => (
                <th key={l} scope="col" className="text-right" lang="de">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.date}>
                <th scope="row" className="bg-white font-normal">
                  {quarterLabel(r.date)}
                </th>
                {labels.map((l) => {
                  const part = r.parts.find((p) => p.label === l)
                  return (
                    <td key={l} className="text-right tabular-nums">
                      {part ? value(part.figure) : '–'}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-700">
        {t('monitoring:credits.sourceLabel')} <span lang="de">{source}</span>
      </p>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
