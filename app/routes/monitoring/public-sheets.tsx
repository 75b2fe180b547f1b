import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/public-sheets'
import { loadPublished } from './public.server'
import { ExportLinks, reportFiles } from './export-links'
import { SheetList } from './sheet-list'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** /veroeffentlicht/datenblaetter[/:year]: the published sheets, without login and without JavaScript. */
export function loader({ context, params }: Route.LoaderArgs) {
  return loadPublished(context, params.year)
}

export default function PublicSheets() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{data.title}</h1>
      <p className="max-w-3xl">{t('monitoring:public.intro')}</p>
      <p className="max-w-3xl text-sm">{t('monitoring:sheet.noRanking')}</p>
      {data.year === null ? (
        <p className="italic">{t('monitoring:public.none')}</p>
      ) : (
        <>
          {data.years.length > 1 ? (
            <nav aria-label={t('monitoring:sheets.year')}>
              <ul className="flex flex-wrap gap-3">
                {data.years.map((y) => (
                  <li key={y}>
                    <Link to={`/veroeffentlicht/datenblaetter/${y}`} aria-current={y === data.year ? 'page' : undefined}>
                      {y}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <section aria-labelledby="public-year" className="card space-y-3">
            <h2 id="public-year" className="text-lg font-semibold">
              {t('monitoring:public.year', { year: data.year })}
            </h2>
            <ExportLinks files={reportFiles(data.year, 'public')} />
            <SheetList territories={data.territories} href={(slug) => `/veroeffentlicht/datenblaetter/${data.year}/${slug}`} />
          </section>
        </>
      )}
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
