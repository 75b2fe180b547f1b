import { useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/privacy'
import { SiteTextPage } from './site-text-page'
import { loadSiteText } from './text.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context }: Route.LoaderArgs) {
  return loadSiteText(context, 'privacy')
}

/** /datenschutz: readable without login, linked in every page's footer. */
export default function SiteText() {
  const { body } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return <SiteTextPage title={t('site:privacy.title')} body={body} />
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
