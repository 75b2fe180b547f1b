import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { useTranslation } from 'react-i18next'

/**
 * The error page of every route (each route module exports it as its ErrorBoundary, the root too): 404, 403 and
 * every other failure in the user's language, inside the app's layout (header and navigation stay). A message the
 * server sent with the response (already in the user's language, e.g. the policy's reason) is shown; React Router's
 * own texts ("No route matches URL …") and stack traces never are.
 */
export function ErrorPage() {
  const error = useRouteError()
  const { t } = useTranslation()
  let title = t('errors:errorTitle')
  let detail = t('errors:errorText')
  if (isRouteErrorResponse(error)) {
    // React Router's own 404 carries "Error: No route matches URL …" (marked internal on the server only).
    const sent = typeof error.data === 'string' && error.data && !error.data.startsWith('Error: ') ? error.data : null
    if (error.status === 404) {
      title = t('errors:notFoundTitle')
      detail = sent ?? t('errors:notFoundText')
    } else if (error.status === 403) {
      title = t('errors:forbiddenTitle')
      detail = sent ?? t('errors:forbiddenText')
    } else {
      title = t('errors:statusTitle', { status: error.status })
      detail = sent ?? detail
    }
  }
  return (
    <section className="card max-w-2xl" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title" className="text-xl font-bold">
        {title}
      </h1>
      <p className="mt-2">{detail}</p>
      <p className="mt-4">
        <Link to="/">{t('errors:toOverview')}</Link>
      </p>
    </section>
  )
}
