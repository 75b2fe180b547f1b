import { Form, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { SelectField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/completeness'
import { loadCompleteness } from './completeness.server'
import { DemoBanner, MonitoringCrumbs } from './figures'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadCompleteness(context, request)
}

const SYMBOL = { value: '✓', gap: '○', missing: '✗' } as const

/** Lörrach's lesson: show where data are missing, per indicator, territory (alphabetically) and year. */
export default function Completeness() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <MonitoringCrumbs here={data.title} />
      <h1 className="text-2xl font-bold">{data.title}</h1>
      <DemoBanner demo={data.demo} />
      <p className="max-w-3xl">{t('monitoring:completeness.intro')}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <SelectField label={t('monitoring:completeness.indicator')} name="kennzahl" defaultValue={data.selected ?? ''} className="min-w-72">
          <option value="">{t('monitoring:completeness.all')}</option>
          {data.options.map((o) => (
            <option key={o.id} value={o.id} lang="de">
              {o.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn">
          {t('monitoring:completeness.show')}
        </button>
      </Form>
      <p className="text-sm">{t('monitoring:completeness.legend')}</p>
      {data.years.length === 0 ? <p className="italic">{t('monitoring:completeness.noYears')}</p> : null}
      {data.years.length > 0
        ? data.indicators.map((i) => (
            <section key={i.id} aria-labelledby={`c-${i.id}`} className="card space-y-2" data-testid="completeness-indicator">
              <h2 id={`c-${i.id}`} className="text-lg font-semibold" lang="de">
                {i.name}
              </h2>
              <p className="text-sm">{t('monitoring:completeness.summary', { filled: i.filled, possible: i.possible, gaps: i.gaps, missing: i.missing })}</p>
              <div className="overflow-x-auto">
                <table className="table">
                  <caption className="sr-only">{i.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring:completeness.territory')}</th>
                      {data.years.map((y) => (
                        <th key={y} scope="col" className="text-center">
                          {y}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.territories.map((territory, row) => (
                      <tr key={territory.id}>
                        <th scope="row" className="bg-white font-normal" lang="de">
                          {territory.name}
                        </th>
                        {i.cells[row]!.map((cell, col) => (
                          <td key={col} className={`text-center ${cell.state === 'missing' ? 'bg-red-50' : cell.state === 'gap' ? 'bg-amber-50' : ''}`}>
                            <span aria-hidden="true">{SYMBOL[cell.state]}</span>
                            {cell.demo ? <span aria-hidden="true"> D</span> : null}
                            <span className="sr-only">{t(`monitoring:completeness.${cell.state}`)}</span>
                            {cell.note ? (
                              <span className="block max-w-56 text-left text-xs" lang="de">
                                {cell.note}
                              </span>
                            ) : null}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))
        : null}
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
