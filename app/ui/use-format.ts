import { useTranslation } from 'react-i18next'
import { formatDate, formatDateTime, formatLongDate, formatNumber } from '~/shared/dates'
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '~/shared/i18n/languages'

/** Date and number formatting in the page's language (app/shared/dates.ts). */
export function useFormat() {
  const { i18n } = useTranslation()
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  return {
    language,
    date: (value: string | null) => formatDate(value, language),
    longDate: (value: string) => formatLongDate(value, language),
    dateTime: (ms: number) => formatDateTime(ms, language),
    number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, language, options),
  }
}
