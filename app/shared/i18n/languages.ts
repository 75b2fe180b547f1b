/**
 * The languages Zielwerk speaks. Staff pages are German with English complete; participant pages (forums) add
 * Arabic (right-to-left), Ukrainian, Turkish and Russian. `dir` goes onto <html dir>. `intl` is the tag for dates
 * and numbers; Arabic keeps Latin digits, because codes, goal numbers and the printed material all use them.
 */
export const LANGUAGES = {
  de: { name: 'Deutsch', dir: 'ltr', intl: 'de-DE' },
  en: { name: 'English', dir: 'ltr', intl: 'en-GB' },
  ar: { name: 'العربية', dir: 'rtl', intl: 'ar-u-nu-latn' },
  uk: { name: 'Українська', dir: 'ltr', intl: 'uk-UA' },
  tr: { name: 'Türkçe', dir: 'ltr', intl: 'tr-TR' },
  ru: { name: 'Русский', dir: 'ltr', intl: 'ru-RU' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; intl: string }>

export type Language = keyof typeof LANGUAGES
/** The languages of the staff pages (and of a user account's setting). */
export const STAFF_LOCALES = ['de', 'en'] as const satisfies readonly Language[]
export type Locale = (typeof STAFF_LOCALES)[number]
export const DEFAULT_LANGUAGE: Language = 'de'
/** The languages of the participant pages, in the order the start page offers them. */
export const PARTICIPANT_LANGUAGES = ['de', 'en', 'ar', 'uk', 'tr', 'ru'] as const satisfies readonly Language[]
export type ParticipantLanguage = (typeof PARTICIPANT_LANGUAGES)[number]
/** Languages that have only the participant pages' messages (PARTICIPANT_MESSAGES), not the staff pages'. */
export const PARTICIPANT_ONLY_LANGUAGES = ['ar', 'uk', 'tr', 'ru'] as const satisfies readonly Language[]

/**
 * What participant pages show, which every participant language has complete (app/shared/i18n/messages.test.ts):
 * the whole `participant` namespace, the forum words of the vocabulary, and what the root layout says on every page.
 */
export const PARTICIPANT_MESSAGES = {
  participant: 'all',
  vocabulary: ['forum'],
  common: ['appName', 'skipToContent'],
  site: ['footer'],
} as const

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && Object.hasOwn(LANGUAGES, value)
export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (STAFF_LOCALES as readonly string[]).includes(value)
export const isParticipantLanguage = (value: unknown): value is ParticipantLanguage =>
  typeof value === 'string' && (PARTICIPANT_LANGUAGES as readonly string[]).includes(value)
export const dirOf = (language: Language) => LANGUAGES[language].dir
/** The BCP 47 tag for Intl formatting (dates, numbers) in a language. */
export const intlLocale = (language: Language) => LANGUAGES[language].intl
