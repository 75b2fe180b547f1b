import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { indicatorAreaLabel, indicatorUnitLabel, referenceKindLabel } from '~/shared/vocabulary'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/monitoring'
import { DemoBanner } from './figures'
import { changeMonitoring, loadMonitoring } from './monitoring.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadMonitoring(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeMonitoring(context, request)
}

export default function Monitoring() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const demo = useActionResult('removeDemo')
  const threshold = useActionResult('threshold')
  const warned = data.indicators.filter((i) => i.active && i.warnings.length > 0)
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('monitoring:title')}</h1>
      <DemoBanner demo={data.demo} />
      <FormMessage success={demo.success} error={demo.errors.form} />
      {data.demo && data.can.removeDemo ? (
        <Form method="post">
          <input type="hidden" name="intent" value="removeDemo" />
          <button type="submit" className="btn-danger" disabled={busy}>
            {t('monitoring:demo.remove')}
          </button>
        </Form>
      ) : null}
      <p className="max-w-3xl">{t('monitoring:overview.intro')}</p>
      <nav aria-label={t('monitoring:overview.links')}>
        <ul className="flex flex-wrap gap-3">
          <li>
            <Link to="/monitoring/datenblaetter" className="btn-secondary">
              {t('monitoring:nav.sheets')}
            </Link>
          </li>
          <li>
            <Link to="/monitoring/vollstaendigkeit" className="btn-secondary">
              {t('monitoring:nav.completeness')}
            </Link>
          </li>
          <li>
            <Link to="/monitoring/quartalsbericht" className="btn-secondary">
              {t('monitoring:nav.quarterly')}
            </Link>
          </li>
          {data.can.import ? (
            <li>
              <Link to="/monitoring/import" className="btn-secondary">
                {t('monitoring:nav.import')}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <section aria-labelledby="health" className="card space-y-2" data-testid="indicator-health">
        <h2 id="health" className="text-lg font-semibold" data-testid="in-use">
          {t('monitoring:overview.inUse', { count: data.inUse })}
        </h2>
        <p className="text-sm text-slate-700">{t('monitoring:overview.inUseOfReport')}</p>
        {warned.length === 0 ? (
          <p>{t('monitoring:overview.noWarnings')}</p>
        ) : (
          <div role="note" className="rounded-md border border-amber-700 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="indicator-warnings">
            <p className="font-medium">⚠ {t('monitoring:overview.warnings', { count: warned.length })}</p>
            <ul className="list-disc pl-5">
              {warned.map((i) => (
                <li key={i.id}>
                  <span lang="de">{i.name}</span>: {i.warnings.map((w) => t(`monitoring:overview.warning.${w}`)).join(', ')}
                </li>
              ))}
            </ul>
          </div>
        )}
        {data.areasWithout.length > 0 ? <p className="text-sm">{t('monitoring:overview.areasWithout', { areas: data.areasWithout.map((a) => t(indicatorAreaLabel(a))).join(', ') })}</p> : null}
      </section>
      <section aria-labelledby="indicators" className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="indicators" className="text-lg font-semibold">
            {t('monitoring:overview.indicators')}
          </h2>
          {data.can.manage ? (
            <Link to="/monitoring/kennzahlen/neu" className="btn">
              {t('monitoring:overview.newIndicator')}
            </Link>
          ) : null}
        </div>
        <div className="card overflow-x-auto">
          <table className="table">
            <caption className="sr-only">{t('monitoring:overview.indicators')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring:overview.colName')}</th>
                <th scope="col">{t('monitoring:overview.colArea')}</th>
                <th scope="col">{t('monitoring:overview.colUnit')}</th>
                <th scope="col">{t('monitoring:overview.colReference')}</th>
                <th scope="col">{t('monitoring:overview.colGoals')}</th>
                <th scope="col" className="text-right">
                  {t('monitoring:overview.colValues')}
                </th>
                <th scope="col">{t('monitoring:overview.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.indicators.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="bg-white font-normal">
                    <span lang="de">{i.name}</span>
                    {data.can.manage ? (
                      <>
                        {' '}
                        <Link to={`/monitoring/kennzahlen/${i.id}`} aria-label={`${t('monitoring:overview.edit')}: ${i.name}`}>
                          {t('monitoring:overview.edit')}
                        </Link>
                      </>
                    ) : null}
                    {i.seedPassage ? (
                      <span className="block text-xs text-slate-700">
                        {t('monitoring:overview.fromSeed')}
                        <span lang="de">{i.seedPassage}</span>
                      </span>
                    ) : null}
                  </th>
                  <td>{t(indicatorAreaLabel(i.area))}</td>
                  <td>{t(indicatorUnitLabel(i.unit))}</td>
                  <td>{t(referenceKindLabel(i.referenceKind))}</td>
                  <td>
                    {i.goalNumbers.map((n, k) => (
                      <span key={n}>
                        {k > 0 ? ', ' : ''}
                        <Link to={`/ziele/${n}`}>{n}</Link>
                      </span>
                    ))}
                  </td>
                  <td className="text-right tabular-nums">{i.values}</td>
                  <td>
                    {!i.active ? t('monitoring:overview.inactive') : i.warnings.length > 0 ? `⚠ ${i.warnings.map((w) => t(`monitoring:overview.warning.${w}`)).join(', ')}` : `✓ ${t('monitoring:overview.ok')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="settings" className="card space-y-2">
        <h2 id="settings" className="text-lg font-semibold">
          {t('monitoring:overview.settings')}
        </h2>
        <p className="text-sm">{t('monitoring:figure.protectionNote', { threshold: data.threshold, below: data.threshold - 1 })}</p>
        <FormMessage success={threshold.success} error={threshold.errors.form} />
        {data.can.manage ? (
          <Form method="post" noValidate className="flex flex-wrap items-start gap-3">
            <input type="hidden" name="intent" value="threshold" />
            <TextField
              label={t('monitoring:overview.threshold')}
              name="threshold"
              type="number"
              min={2}
              max={20}
              defaultValue={data.threshold}
              hint={t('monitoring:overview.thresholdHint')}
              error={threshold.errors.threshold}
              className="w-72"
            />
            <div className="sm:pt-6">
              <button type="submit" className="btn" disabled={busy}>
                {t('monitoring:overview.thresholdSave')}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
