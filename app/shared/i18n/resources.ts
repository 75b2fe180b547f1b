import ar from './locales/ar'
import de from './locales/de'
import en from './locales/en'
import ru from './locales/ru'
import tr from './locales/tr'
import uk from './locales/uk'
import { createI18n, type Language, type LanguageResources, type Locale, type ParticipantResources, type T } from './index'
import { rememberTranslations } from './memo'

/**
 * Every language's messages, for the server (and tests); the browser loads only its page's language. The staff
 * languages have every namespace; the participant-only languages have the participant pages' messages, and fall
 * back to German for anything else (which no participant page shows).
 */
export const RESOURCES: Record<Locale, LanguageResources> & Record<Exclude<Language, Locale>, ParticipantResources> = { de, en, ar, uk, tr, ru }

const instances = new Map<Language, ReturnType<typeof createI18n>>()

/** The shared i18next instance of a language (its resources are loaded once per process; translations remembered, see memo.ts). */
export function i18nFor(language: Language) {
  let instance = instances.get(language)
  if (!instance) instances.set(language, (instance = rememberTranslations(createI18n(language, RESOURCES))))
  return instance
}

/** t in one language, e.g. for documents and for the German message of a refusal. */
export const tFor = (language: Language): T => i18nFor(language).t
