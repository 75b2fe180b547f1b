import { Form, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/sheets'
import { DemoBanner, MonitoringCrumbs } from './figures'
import { ExportLinks, reportFiles } from './export-links'
import { SheetList } from './sheet-list'
import { changeSheets, loadSheets } from './sheets.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadSheets(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeSheets(context, request)
}

export default function Sheets() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const result = useActionResult('publish')
  const year = data.year
  const published = year !== null && data.published.includes(year)
  return (
    <div className="space-y-6">
      <MonitoringCrumbs here={data.title} />
      <h1 className="text-2xl font-bold">{data.title}</h1>
      <DemoBanner demo={data.demo} />
      <p className="max-w-3xl">{t('monitoring:sheets.intro')}</p>
      {year === null ? (
        <p className="italic">{t('monitoring:sheets.noYears')}</p>
      ) : (
        <>
          <Form method="get" className="card flex flex-wrap items-end gap-3">
            <SelectField label={t('monitoring:sheets.year')} name="jahr" defaultValue={year} className="w-40">
              {data.years.map((y) => (
                <option key={y} value={y}>
                  {y} – {data.published.includes(y) ? t('monitoring:sheets.published') : t('monitoring:sheets.notPublished')}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="btn">
              {t('monitoring:sheets.show')}
            </button>
          </Form>
          <section aria-labelledby="list-title" className="card space-y-3">
            <h2 id="list-title" className="text-lg font-semibold">
              {t('monitoring:sheets.list', { year })} ({published ? t('monitoring:sheets.published') : t('monitoring:sheets.notPublished')})
            </h2>
            <ExportLinks files={reportFiles(year, 'staff')} />
            <FormMessage success={result.success} error={result.errors.form ?? result.errors.year} />
            {data.canPublish ? (
              <Form method="post">
                <input type="hidden" name="intent" value={published ? 'unpublish' : 'publish'} />
                <input type="hidden" name="year" value={year} />
                <button type="submit" className={published ? 'btn-secondary' : 'btn'} disabled={busy}>
                  {published ? t('monitoring:sheets.unpublish', { year }) : t('monitoring:sheets.publish', { year })}
                </button>
              </Form>
            ) : null}
            {published ? (
              <p>
                <a href={`/veroeffentlicht/datenblaetter/${year}`}>{t('monitoring:sheets.publicLink')}</a>
              </p>
            ) : null}
            <SheetList territories={data.territories} href={(slug) => `/monitoring/datenblaetter/${slug}/${year}`} />
          </section>
        </>
      )}
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
