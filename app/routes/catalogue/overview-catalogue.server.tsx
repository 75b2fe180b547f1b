import { LRUCache } from 'lru-cache'
import { renderToString } from 'react-dom/server'
import { MemoryRouter } from 'react-router'
import type { LiveStatus } from '~/collab/use-status-stream'
import { STAFF_LOCALES, type Locale } from '~/shared/i18n'
import { tFor } from '~/shared/i18n/resources'
import { OverviewCatalogue, parseCatalogue } from './overview-catalogue'

/**
 * The overview's catalogue markup, rendered once per content and language and shared by every request that
 * shows the same (~20 ms of rendering otherwise, per request, on the one event loop).
 *
 * Why this is safe: OverviewCatalogue is a pure function of the catalogue data, the live updates, `t` and the
 * language. The server renders it without live updates (as it did inline), and the key is the language and the
 * catalogue's JSON text itself – equal text, equal markup. That text holds everything the markup shows: the
 * filtered fields, the view (`?ansicht=`), the collapsed fields (`?zu=`) and the filters' query string from which
 * the collapse links are made; nothing per user or per response (the CSP nonce). The markup is what React renders
 * for the same elements inline (renderToString, with the text separators hydration needs); the browser hydrates
 * its own render of OverviewCatalogue against it. tests/e2e/overview-markup.test.ts checks both claims.
 */
export function catalogueMarkup(catalogue: string, locale: Locale): Buffer {
  const byText = cached[locale]
  let markup = byText.get(catalogue)
  if (!markup) {
    markup = Buffer.from(renderCatalogue(catalogue, locale))
    byText.set(catalogue, markup)
  }
  return markup
}

export function renderCatalogue(catalogue: string, locale: Locale): string {
  return renderToString(
    <MemoryRouter>
      <OverviewCatalogue catalogue={parseCatalogue(catalogue)} live={NO_UPDATES} t={tFor(locale)} language={locale} />
    </MemoryRouter>,
  )
}

const NO_UPDATES: ReadonlyMap<number, LiveStatus> = new Map()
/** Up to ~200 kB each: the filter combinations in use and the latest states of the catalogue. */
const MAX_PER_LOCALE = 16
/**
 * By language, then by the catalogue text (the same string instance as the cached loader data: hashed once), the
 * least recently used dropped first.
 */
const cached = Object.fromEntries(STAFF_LOCALES.map((locale) => [locale, new LRUCache<string, Buffer>({ max: MAX_PER_LOCALE })])) as Record<
  Locale,
  LRUCache<string, Buffer>
>
