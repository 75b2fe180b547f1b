/**
 * The languages Zielwerk speaks. Staff pages are German with English complete; participant pages (forums) add
 * more, one of them right-to-left. `dir` goes onto <html dir>, so a right-to-left language works the day its
 * message files are added.
 */
export const LANGUAGES = {
  de: { name: 'Deutsch', dir: 'ltr', intl: 'de-DE' },
  en: { name: 'English', dir: 'ltr', intl: 'en-GB' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; intl: string }>

export type Language = keyof typeof LANGUAGES
/** The languages of the staff pages (and of a user account's setting). */
export const STAFF_LOCALES = ['de', 'en'] as const satisfies readonly Language[]
export type Locale = (typeof STAFF_LOCALES)[number]
export const DEFAULT_LANGUAGE: Language = 'de'

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && Object.hasOwn(LANGUAGES, value)
export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (STAFF_LOCALES as readonly string[]).includes(value)
export const dirOf = (language: Language) => LANGUAGES[language].dir
/** The BCP 47 tag for Intl formatting (dates, numbers) in a language. */
export const intlLocale = (language: Language) => LANGUAGES[language].intl
