import { useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import type { Route } from './+types/list'
import { loadPublishedList } from './published.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** /veroeffentlicht: the published rounds, for everybody, without login and without JavaScript. */
export function loader({ context }: Route.LoaderArgs) {
  return loadPublishedList(context)
}

export default function PublishedList() {
  const { title, rounds } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="max-w-3xl">{t('report:published.intro')}</p>
      {rounds.length === 0 ? (
        <p className="italic">{t('report:published.none')}</p>
      ) : (
        <ul className="space-y-3" data-testid="published-rounds">
          {rounds.map((r) => (
            <li key={r.id} className="card space-y-1">
              <h2 className="text-lg font-semibold" lang="de">
                {r.name}
                {r.period ? ` (${r.period})` : ''}
              </h2>
              <p className="text-sm text-slate-700">{t('report:published.publishedOn', { date: format.dateTime(r.publishedAt) })}</p>
              <ul className="flex flex-wrap gap-x-4">
                <li>
                  <a href={`/veroeffentlicht/runden/${r.id}`}>
                    <span aria-hidden="true">{t('report:published.overview')}</span>
                    <span className="sr-only">
                      {t('report:published.overview')}: <span lang="de">{r.name}</span>
                    </span>
                  </a>
                </li>
                <li>
                  <a href={`/veroeffentlicht/runden/${r.id}/bericht`}>
                    <span aria-hidden="true">{t('report:published.report')}</span>
                    <span className="sr-only">
                      {t('report:published.report')}: <span lang="de">{r.name}</span>
                    </span>
                  </a>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm">
        <a href="/veroeffentlicht/datenblaetter">{t('report:published.sheets')}</a>
      </p>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
