import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/easy'
import { EASY_GERMAN } from './easy-german'
import { ParticipantErrorPage } from './error-page'
import { loadEasy } from './static.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context }: Route.LoaderArgs) {
  return loadEasy(context)
}

/** What a forum is and what happens with the input, in Leichte Sprache (German whatever the page language). */
export default function Easy() {
  const { t } = useTranslation()
  return (
    <article aria-labelledby="easy-title" className="space-y-5">
      <div lang="de" className="space-y-5 text-lg leading-relaxed">
        <h1 id="easy-title" className="text-2xl font-bold">
          Leichte Sprache
        </h1>
        {EASY_GERMAN.map((part, index) => (
          <section key={part.heading} aria-labelledby={`easy-${index}`}>
            <h2 id={`easy-${index}`} className="text-xl font-semibold">
              {part.heading}
            </h2>
            {part.sentences.map((sentence) => (
              <p key={sentence}>{sentence}</p>
            ))}
          </section>
        ))}
      </div>
      <p>
        <Link to="/mitmachen">{t('participant:easy.back')}</Link>
      </p>
    </article>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
