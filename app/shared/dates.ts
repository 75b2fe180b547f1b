import { DEFAULT_LANGUAGE, intlLocale, type Language } from './i18n/languages'
import type { T } from './i18n'

/**
 * Dates and numbers as pages and documents show them: through Intl in the active language, always in Berlin time
 * (the county's). Calendar dates are stored as JJJJ-MM-TT, moments as Unix milliseconds. Formatters are made once
 * per language and style.
 */

const TIME_ZONE = 'Europe/Berlin'
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(language: Language, style: 'date' | 'longDate' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${language}:${style}`
  let format = formatters.get(key)
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'medium' } : style === 'longDate' ? { dateStyle: 'long' } : { dateStyle: 'medium', timeStyle: 'short' }
    formatters.set(key, (format = new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone: TIME_ZONE })))
  }
  return format
}

/** A calendar date (JJJJ-MM-TT) as "31.03.2027" / "31 Mar 2027"; null as a dash. */
export function formatDate(value: string | null, language: Language = DEFAULT_LANGUAGE): string {
  return value === null ? '–' : formatter(language, 'date').format(new Date(`${value}T12:00:00Z`))
}

/** A calendar date written out: "31. März 2027". */
export function formatLongDate(value: string, language: Language = DEFAULT_LANGUAGE): string {
  return formatter(language, 'longDate').format(new Date(`${value}T12:00:00Z`))
}

/** A moment (Unix milliseconds) as "22.11.2026, 10:15", Berlin time. */
export function formatDateTime(ms: number, language: Language = DEFAULT_LANGUAGE): string {
  return formatter(language, 'dateTime').format(ms)
}

/** A number in the language's digits and separators ("1.234,5"). */
export function formatNumber(value: number, language: Language = DEFAULT_LANGUAGE, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(language), options).format(value)
}

/** Today in Berlin as JJJJ-MM-TT. */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** Whole days from `today` to `due` (both JJJJ-MM-TT); negative when overdue. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

/** "noch 3 Tage", "heute fällig", "seit 1 Tag überfällig" (plurals from the message files). */
export function dueText(days: number, t: T): string {
  if (days === 0) return t('common:due.today')
  return days > 0 ? t('common:due.left', { count: days }) : t('common:due.overdue', { count: -days })
}
