import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { HydratedRouter } from 'react-router/dom'
import { createI18n, DEFAULT_LANGUAGE, isLanguage, type Language, type LanguageResources, type ParticipantResources } from './shared/i18n'

/** Each language's messages are a chunk of their own: a page loads only those of its language. */
const load: Record<Language, () => Promise<{ default: LanguageResources | ParticipantResources }>> = {
  de: () => import('./shared/i18n/locales/de'),
  en: () => import('./shared/i18n/locales/en'),
  ar: () => import('./shared/i18n/locales/ar'),
  uk: () => import('./shared/i18n/locales/uk'),
  tr: () => import('./shared/i18n/locales/tr'),
  ru: () => import('./shared/i18n/locales/ru'),
}

// The server rendered the page in <html lang>; hydrate in the same language, with its messages loaded first.
const lang = document.documentElement.lang
const language: Language = isLanguage(lang) ? lang : DEFAULT_LANGUAGE
const { default: resources } = await load[language]()
const i18n = createI18n(language, { [language]: resources })

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <HydratedRouter />
      </StrictMode>
    </I18nextProvider>,
  )
})
