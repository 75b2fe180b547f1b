import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FORUM_COLLAB_PATH } from '~/collab/connection'
import { pageTitle } from '~/ui/meta'
import { isolate } from '../forums/labels'
import { PosterBoard } from '../forums/poster-board'
import type { Route } from './+types/poster'
import { ParticipantErrorPage } from './error-page'
import { loadParticipantPoster } from './poster.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadParticipantPoster(context, request)
}

/** The table's live poster on a participant's phone. */
export default function ParticipantPoster() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const poster = page.poster
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <p className="text-sm font-medium text-slate-700" lang="de">
          {page.forumTitle}
        </p>
        <h1 className="text-2xl font-bold">
          {poster ? (
            <>
              {t('participant:poster.title', { number: poster.table.number })}: <span lang="de">{poster.table.name}</span>
            </>
          ) : (
            t('participant:poster.titleNone')
          )}
        </h1>
        {poster ? (
          <p lang="de" data-testid="poster-phase">
            {poster.phase.title}
          </p>
        ) : null}
      </header>
      {poster ? (
        <>
          <p className="text-sm">{t('participant:poster.intro')}</p>
          {page.tables.length > 0 ? (
            <form method="get" className="flex flex-wrap items-end gap-2">
              <div className="min-w-0 flex-1">
                <label htmlFor="poster-table" className="label">
                  {t('participant:poster.otherTable')}
                </label>
                <select id="poster-table" name="tisch" defaultValue={poster.table.id} className="input min-h-11 w-full">
                  {page.tables.map((table) => (
                    <option key={table.id} value={table.id}>
                      {isolate(`${table.number}: ${table.name}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn-secondary min-h-11">
                {t('participant:poster.showTable')}
              </button>
            </form>
          ) : null}
          <PosterBoard
            documentName={poster.documentName}
            path={FORUM_COLLAB_PATH}
            canWrite={poster.canWrite}
            presenceName={page.me}
            categories={poster.categories}
            fields={poster.fields}
            tableField={poster.tableField}
            numbers={poster.numbers}
            textMax={page.textMax ?? 500}
            defaultAuthor={page.me}
            textLanguages={page.textLanguages ?? ['de']}
            initial={poster.initial}
          />
        </>
      ) : (
        <p role="status" className="rounded-md border border-slate-400 bg-white px-3 py-2" data-testid="poster-missing">
          {page.missing === 'forumClosed' ? t('participant:forum.closed') : page.missing === 'noPhase' ? t('participant:forum.noPhase') : t('participant:poster.noTable')}
        </p>
      )}
      <p>
        <Link to="/mitmachen/forum">{t('participant:poster.back')}</Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
