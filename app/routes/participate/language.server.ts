import { redirect, type RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { PARTICIPANT_PATH } from '../../../server/auth/forum-session'
import { isParticipantLanguage } from '~/shared/i18n/languages'
import { participantLanguageCookie } from './participant.server'

/** Back to the participant page the form was on (same host and under /mitmachen only), else the start page. */
export async function chooseLanguage(context: Readonly<RouterContextProvider>, request: Request) {
  const form = await request.formData()
  const lang = form.get('lang')
  const language = isParticipantLanguage(lang) ? lang : 'de'
  const referer = request.headers.get('referer')
  let back = PARTICIPANT_PATH
  if (referer && URL.canParse(referer)) {
    const url = new URL(referer)
    if (url.host === new URL(request.url).host && (url.pathname === PARTICIPANT_PATH || url.pathname.startsWith(`${PARTICIPANT_PATH}/`))) back = url.pathname + url.search
  }
  return redirect(back, { headers: { 'Set-Cookie': participantLanguageCookie(language, getServices(context).env.secureCookies) } })
}
