import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import type { Locale } from '~/shared/i18n'
import { sheetFromJson } from '~/shared/monitoring'
import { i18nFor } from '~/shared/i18n/resources'
import { SheetBody } from './sheet-view'

/**
 * A data sheet's body, rendered once per sheet and language and shared by every request that shows the same
 * (~250 kB of charts and tables: rendering it took most of a request's time). The overview's pattern
 * (overview-catalogue.server.tsx): SheetBody is a pure function of the sheet and the language, the key is the
 * sheet's JSON text itself and the language, nothing per user or per response is in it; the browser renders
 * SheetBody from the same JSON and hydrates against this markup (tests/e2e/monitoring-markup.test.ts).
 */
export function sheetMarkup(json: string, locale: Locale): Buffer {
  const byText = (cached[locale] ??= new Map())
  let markup = byText.get(json)
  if (markup) byText.delete(json)
  else {
    const sheet = sheetFromJson(json)
    markup = Buffer.from(
      renderToString(
        <I18nextProvider i18n={i18nFor(locale)}>
          <SheetBody sheet={sheet} />
        </I18nextProvider>,
      ),
    )
    if (byText.size >= MAX_PER_LOCALE) byText.delete(byText.keys().next().value!)
  }
  byText.set(json, markup)
  return markup
}

/** The 22 sheets of a few years; each up to ~300 kB. */
const MAX_PER_LOCALE = 48
const cached: Partial<Record<Locale, Map<string, Buffer>>> = {}
