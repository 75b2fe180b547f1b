import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/public-sheet'
import { loadPublishedSheet } from './sheet.server'
import { SheetView } from './sheet-view'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** A published data sheet, for everybody: no login, readable without JavaScript. */
export function loader({ context, params }: Route.LoaderArgs) {
  return loadPublishedSheet(context, params.territory, params.year)
}

export default function PublicSheet() {
  const { sheet } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/veroeffentlicht/datenblaetter/${sheet.year}`}>{t('monitoring:public.year', { year: sheet.year })}</Link>
      </p>
      <SheetView sheet={sheet} />
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
