import { useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/privacy'
import { ParticipantErrorPage } from './error-page'
import { loadPrivacy } from './static.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context }: Route.LoaderArgs) {
  return loadPrivacy(context)
}

/** What is kept about a participant, for how long, and who sees it. */
export default function Privacy() {
  const { t } = useTranslation()
  const { days } = useLoaderData<typeof loader>()
  const sections = [
    ['what', 'whatText'],
    ['cookie', 'cookieText'],
    ['howLong', 'howLongText'],
    ['who', 'whoText'],
    ['rights', 'rightsText'],
  ] as const
  return (
    <article aria-labelledby="privacy-title" className="space-y-4">
      <h1 id="privacy-title" className="text-2xl font-bold">
        {t('participant:privacy.title')}
      </h1>
      {sections.map(([heading, text]) => (
        <section key={heading} aria-labelledby={`privacy-${heading}`}>
          <h2 id={`privacy-${heading}`} className="text-lg font-semibold">
            {t(`participant:privacy.${heading}`)}
          </h2>
          <p>{t(`participant:privacy.${text}`, { days })}</p>
        </section>
      ))}
    </article>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
