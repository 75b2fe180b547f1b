import { parseCookie, stringifySetCookie } from 'cookie'
import { DEFAULT_LANGUAGE, isLocale, type Locale } from '../../app/shared/i18n'

/** The cookie that keeps a staff user's language choice (set on /sprache). */
export const LANGUAGE_COOKIE = 'zw_lang'

/** The staff pages' language of a request: the cookie's, else German (the county's language). */
export function requestLocale(cookieHeader: string | null | undefined): Locale {
  const value = cookieHeader ? parseCookie(cookieHeader)[LANGUAGE_COOKIE] : undefined
  return isLocale(value) ? value : (DEFAULT_LANGUAGE as Locale)
}

/** Set-Cookie for a language choice, kept for a year. */
export function languageCookie(locale: Locale, secure: boolean): string {
  return stringifySetCookie({ name: LANGUAGE_COOKIE, value: locale, path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, secure })
}
