import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/public-sheet'
import { loadPublishedSheet } from './sheet.server'
import { ExportLinks, sheetFiles } from './export-links'
import { SheetDocument } from './sheet-view'
import { CACHED_DOCUMENT } from '~/ui/server-markup'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)
// The sheet is a function of the database, the user, the address and the language: kept rendered (server-markup.tsx).
export const handle = CACHED_DOCUMENT

/** A published data sheet, for everybody: no login, readable without JavaScript. */
export function loader({ context, params }: Route.LoaderArgs) {
  return loadPublishedSheet(context, params.territory, params.year)
}

export default function PublicSheet() {
  const { bodyKey, bodyHref, slug, name, year, interpretation } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/veroeffentlicht/datenblaetter/${year}`}>{t('monitoring:public.year', { year })}</Link>
      </p>
      <ExportLinks files={sheetFiles({ slug, year, name }, 'public')} />
      <SheetDocument bodyKey={bodyKey} bodyHref={bodyHref} slug={slug} interpretation={interpretation} />
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
