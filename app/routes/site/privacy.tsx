import { useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import { SiteTextBody } from '~/ui/site-text'
import type { Route } from './+types/privacy'
import { loadSiteText } from './text.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context }: Route.LoaderArgs) {
  return loadSiteText(context, 'privacy')
}

/** /datenschutz: readable without login, linked in every page's footer. */
export default function SiteText() {
  const { body } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="card max-w-3xl space-y-4" aria-labelledby="site-text-title">
      <h1 id="site-text-title" className="text-2xl font-bold">
        {t('site:privacy.title')}
      </h1>
      <SiteTextBody body={body} />
    </article>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
