import type { RouterContextProvider } from 'react-router'
import { getI18n, getServices, getT } from '../../../server/auth/require'
import { siteText } from '../../../server/services/site/texts'
import { isLocale, type Locale } from '~/shared/i18n'
import type { SiteTextKey } from '~/shared/vocabulary'

/** A site text for everybody, logged in or not (the footer links it on every page), in the reader's language. */
export function loadSiteText(context: Readonly<RouterContextProvider>, key: SiteTextKey) {
  const language = getI18n(context).language
  const text = siteText(getServices(context).db, key, isLocale(language) ? language : ('de' as Locale))
  return { title: getT(context)(`site:${key}.title`), key, body: text.body }
}
