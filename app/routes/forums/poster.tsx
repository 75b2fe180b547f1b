import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { COLLAB_PATH } from '~/collab/connection'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/poster'
import { PosterBoard } from './poster-board'
import { loadStaffPoster } from './poster.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadStaffPoster(context, request, params)
}

/** A table's live poster on the Tischpate's or moderator's tablet: the cards as they come, a card for the table. */
export default function StaffPoster() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <header className="space-y-1">
        <p>
          <Link to={`/foren/${page.forum.id}`} lang="de">
            {page.forum.title}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {t('forums:poster.heading', { number: page.table.number })}: <span lang="de">{page.table.name}</span>
        </h1>
        <p>
          <span lang="de">{page.phase.title}</span>
          {page.table.host ? (
            <>
              {' · '}
              {t('forums:poster.host')}: <span lang="de">{page.table.host}</span>
            </>
          ) : null}
        </p>
        <p className="flex flex-wrap gap-x-4">
          <Link to={`/foren/${page.forum.id}/karten?phase=${page.phase.id}&tisch=${page.table.id}`}>{t('forums:poster.moderate')}</Link>
          <Link to={`/foren/${page.forum.id}/plenum/${page.phase.id}`}>{t('forums:poster.plenary')}</Link>
        </p>
      </header>
      <PosterBoard
        documentName={page.documentName}
        path={COLLAB_PATH}
        canWrite={page.canWrite}
        presenceName={page.me}
        categories={page.categories}
        fields={page.fields}
        tableField={page.tableField}
        numbers={page.numbers}
        textMax={page.textMax}
        defaultAuthor=""
        textLanguages={page.textLanguages}
        initial={page.initial}
      />
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
