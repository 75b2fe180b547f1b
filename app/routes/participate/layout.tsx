import { Link, Outlet } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, PARTICIPANT_LANGUAGES } from '~/shared/i18n/languages'
import type { Route } from './+types/layout'
import { setParticipantLanguage } from './participant.server'
import { ParticipantErrorPage } from './error-page'

/**
 * The participant pages' frame (phone first): a bar with the start page and the language choice, the page, and
 * links to the privacy notice, Leichte Sprache and the Rückmeldung. Logical properties only (ms/me, ps/pe,
 * start/end), so the Arabic pages mirror by <html dir="rtl"> alone.
 */

export const middleware: Route.MiddlewareFunction[] = [
  ({ context, request }, next) => {
    setParticipantLanguage(context, request)
    return next()
  },
]


export default function ParticipantLayout() {
  const { t, i18n } = useTranslation()
  return (
    // German texts (the catalogue, the forum's own words) keep their direction on a right-to-left page and do not
    // reorder the sentence around them.
    <div className="mx-auto max-w-2xl space-y-5 text-base [&_[lang=de]]:[unicode-bidi:isolate] [&_[lang=de]]:[direction:ltr]" data-participant>
      <nav aria-label={t('participant:nav.label')} className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-300 pb-3">
        <Link to="/mitmachen" className="text-lg font-semibold">
          {t('participant:nav.start')}
        </Link>
        {/* A plain form: the page reloads in the new language (the browser's i18next is made for one language). */}
        <form method="post" action="/mitmachen/sprache" className="flex items-end gap-2">
          <div>
            <label htmlFor="participant-language" className="label">
              {t('participant:nav.language')}
            </label>
            <select id="participant-language" name="lang" defaultValue={i18n.language} className="input min-h-11">
              {PARTICIPANT_LANGUAGES.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {LANGUAGES[lng].name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary min-h-11">
            {t('participant:nav.chooseLanguage')}
          </button>
        </form>
      </nav>
      <Outlet />
      <footer className="flex flex-wrap gap-x-5 gap-y-2 border-t border-slate-300 pt-3 text-sm">
        <Link to="/mitmachen/datenschutz">{t('participant:nav.privacy')}</Link>
        <Link to="/mitmachen/leichte-sprache" lang="de">
          {t('participant:nav.easy')}
        </Link>
        <Link to="/mitmachen/rueckmeldung">{t('participant:nav.feedback')}</Link>
      </footer>
    </div>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
