import { redirect, type RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { languageCookie } from '../../../server/http/language'
import { isLocale } from '~/shared/i18n'

/** Stores the chosen language in its cookie and goes back to the page the form was on (same host only). */
export async function languageFor(context: Readonly<RouterContextProvider>, request: Request) {
  const form = await request.formData()
  const lang = form.get('lang')
  const locale = isLocale(lang) ? lang : 'de'
  const referer = request.headers.get('referer')
  let back = '/'
  if (referer && URL.canParse(referer)) {
    const url = new URL(referer)
    if (url.host === new URL(request.url).host) back = url.pathname + url.search
  }
  return redirect(back, { headers: { 'Set-Cookie': languageCookie(locale, getServices(context).env.secureCookies) } })
}
