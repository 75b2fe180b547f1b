import { Form, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useMemo } from 'react'
import { quarterlyView, type QuarterlySectionView } from '~/shared/monitoring-figures'
import { SelectField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/quarterly'
import { ExportLinks, quarterlyFiles } from './export-links'
import { creditNodes, DemoBanner, MonitoringCrumbs, useFigures } from './figures'
import { SheetChart } from './sheet-view'
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
  const f = useFigures(report.threshold)
  const view = useMemo(() => quarterlyView(report, t, f), [report, t, f])
  return (
    <article className="space-y-6" aria-labelledby="report-title" data-testid="quarterly-report">
      <header>
        <h2 id="report-title" className="text-xl font-semibold">
          {view.title}
        </h2>
        <p className="text-sm text-slate-700">{view.subtitle}</p>
        <p className="text-sm">{view.sources}</p>
        <p className="text-xs text-slate-700">{view.protection}</p>
        <ExportLinks files={quarterlyFiles(report.year, report.quarter)} />
      </header>
      <DemoBanner demo={report.demo} />
      {view.sections.map((s) => (
        <section key={s.section} aria-labelledby={`section-${s.section}`} className="card space-y-4" data-testid={`section-${s.section}`}>
          <h3 id={`section-${s.section}`} className="text-lg font-semibold">
            {s.heading}
          </h3>
          {s.empty ? <p className="italic">{s.empty}</p> : null}
          {s.single ? <p>{s.single}</p> : null}
          {s.charts.map((c, i) => (
            <div key={c.chart.id} className="space-y-1">
              {i === s.overviewFrom && s.overviewHeading ? <h4 className="font-semibold">{s.overviewHeading}</h4> : null}
              <SheetChart chart={c.chart} />
              {c.note ? <p className="text-xs">{c.note}</p> : null}
            </div>
          ))}
          {s.benefits ? <BenefitsTable table={s.benefits} /> : null}
        </section>
      ))}
      <section aria-labelledby="section-4" className="card space-y-3" data-testid="section-4">
        <h3 id="section-4" className="text-lg font-semibold">
          {view.quota.heading}
        </h3>
        <p className="text-sm">{view.quota.intro}</p>
        <div className="overflow-x-auto">
          <table className="table" data-testid="quota-table">
            <caption className="sr-only">{view.quota.caption}</caption>
            <thead>
              <tr>
                {view.quota.header.map((h, i) => (
                  <th key={h} scope="col" className={i > 0 ? 'text-right' : undefined} lang={i > 0 ? 'de' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.quota.rows.map((r) => (
                <tr key={r.territory}>
                  <th scope="row" className={r.county ? 'bg-white font-semibold' : 'bg-white font-normal'} lang="de">
                    {r.territory}
                  </th>
                  {r.cells.map((c, i) => (
                    <td key={i} className={r.county ? 'text-right font-semibold tabular-nums' : 'text-right tabular-nums'}>
                      {c.text}
                      {c.note ? <span className="sr-only" lang="de"> ({c.note})</span> : null}
                      {c.note ? <span aria-hidden="true"> *</span> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-700">
          {creditNodes(view.quota.credits).map((c, i) => (
            <span key={i}>
              {i > 0 ? ' · ' : null}
              {c}
            </span>
          ))}
        </p>
        {view.quota.notes.length > 0 ? (
          <ul className="list-disc pl-5 text-xs" lang="de">
            {view.quota.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </section>
    </article>
  )
}

function BenefitsTable({ table }: { table: NonNullable<QuarterlySectionView['benefits']> }) {
  return (
    <div className="space-y-1">
      <h4 className="font-semibold">
        {table.heading}: <span lang="de">{table.name}</span>
      </h4>
      <div className="overflow-x-auto">
        <table className="table">
          <caption className="sr-only">{table.caption}</caption>
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'text-right' : undefined} lang={i > 0 ? 'de' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r[0]}>
                <th scope="row" className="bg-white font-normal">
                  {r[0]}
                </th>
                {r.slice(1).map((c, i) => (
                  <td key={i} className="text-right tabular-nums">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-700">
        {creditNodes(table.credits)}
      </p>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
