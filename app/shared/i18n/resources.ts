import de from './locales/de'
import en from './locales/en'
import { createI18n, type Language, type LanguageResources, type T } from './index'
import { rememberTranslations } from './memo'

/** Every language's messages, for the server (and tests); the browser loads only its page's language. */
export const RESOURCES: Record<Language, LanguageResources> = { de, en }

const instances = new Map<Language, ReturnType<typeof createI18n>>()

/** The shared i18next instance of a language (its resources are loaded once per process; translations remembered, see memo.ts). */
export function i18nFor(language: Language) {
  let instance = instances.get(language)
  if (!instance) instances.set(language, (instance = rememberTranslations(createI18n(language, RESOURCES))))
  return instance
}

/** t in one language, e.g. for documents and for the German message of a refusal. */
export const tFor = (language: Language): T => i18nFor(language).t
