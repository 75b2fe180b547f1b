import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { useTranslation } from 'react-i18next'

/**
 * The participant pages' error page: in the participant's language, leading back to the start page (the staff
 * error page leads to the overview, which a participant cannot open). A message the server sent (already in the
 * participant's language) is shown; React Router's own texts never are.
 */
export function ParticipantErrorPage() {
  const error = useRouteError()
  const { t } = useTranslation()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  const sent = isRouteErrorResponse(error) && typeof error.data === 'string' && error.data && !error.data.startsWith('Error: ') ? error.data : null
  return (
    <section className="card" aria-labelledby="participant-error-title" data-testid="error-page">
      <h1 id="participant-error-title" className="text-xl font-bold">
        {notFound ? t('participant:error.notFoundTitle') : t('participant:error.errorTitle')}
      </h1>
      <p className="mt-2">{sent ?? (notFound ? t('participant:error.notFoundText') : t('participant:error.errorText'))}</p>
      <p className="mt-4">
        <Link to="/mitmachen">{t('participant:error.toStart')}</Link>
      </p>
    </section>
  )
}
