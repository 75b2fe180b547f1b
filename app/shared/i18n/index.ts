import { createInstance, type i18n, type InitOptions, type ParseKeys, type TFunction } from 'i18next'
import type de from './locales/de'
import { DEFAULT_LANGUAGE, type Language } from './languages'

/**
 * Internationalisation with i18next: message files per language and namespace under ./locales/<lng>/, plurals
 * (`_one`/`_other`, and what each language's Intl.PluralRules asks for) and interpolation (`{{name}}`) from the
 * library, dates and numbers through Intl in the active language (./format.ts). German is the source language
 * and the fallback; catalogue texts (fields, goals, measures) are the county's and stay German everywhere.
 *
 * Both sides run this module: the server builds one instance per request language from every language's
 * resources (./resources.ts), the browser builds one from the resources of its page's language (app/entry.client.tsx).
 */

export * from './languages'

/** The resources of one language: namespace → messages. German's shape is the shape of every language. */
export type LanguageResources = typeof de
export type Namespace = keyof LanguageResources
/** The resources of a participant-only language (ar, uk, tr, ru): what PARTICIPANT_MESSAGES names, nothing else. */
export type ParticipantResources = {
  participant: LanguageResources['participant']
  vocabulary: Pick<LanguageResources['vocabulary'], 'forum'>
  common: Pick<LanguageResources['common'], 'appName' | 'skipToContent'>
  site: Pick<LanguageResources['site'], 'footer'>
}
export const NAMESPACES = ['common', 'vocabulary', 'policy', 'validation', 'errors', 'account', 'catalogue', 'rounds', 'meetings', 'admin', 'report', 'forums', 'participant', 'monitoring', 'site'] as const satisfies readonly Namespace[]

export type T = TFunction
/** Any message key, 'namespace:path' (or a 'common' path). */
export type MessageKey = ParseKeys
/** Interpolation values of a message. */
export type MessageValues = Record<string, string | number>

/** t for a key known only at run time (a stored refusal, a validation message): the typed t checks keys in code. */
export function translateKey(t: T, key: string, values: MessageValues = {}): string {
  return String(t(key as never, values as never))
}

/** An i18next instance for one language, initialised synchronously (the resources are in memory); `options` add to the defaults. */
export function createI18n(language: Language, resources: Partial<Record<Language, LanguageResources | ParticipantResources>>, options: InitOptions = {}): i18n {
  const instance = createInstance()
  void instance.init({
    ...options,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: Object.keys(resources),
    resources,
    ns: NAMESPACES,
    defaultNS: 'common',
    // React escapes; so do the document builders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  })
  return instance
}
