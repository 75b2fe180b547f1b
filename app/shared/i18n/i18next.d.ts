import 'i18next'
import type { NAMESPACES } from './index'
import type de from './locales/de'

// Typed keys: t('vocabulary:attainment.high') is checked against the German message files at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    // Every namespace is reachable as 'ns:key' from any t; unprefixed keys are the first's ('common').
    defaultNS: typeof NAMESPACES
    resources: typeof de
    returnNull: false
  }
}
