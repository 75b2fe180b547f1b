/**
 * German is the language of Zielwerk; English is offered where it is cheap: the chrome, labels and ratings.
 * Texts from the catalogue stay German. The language comes from the `zw_lang` cookie (set on /sprache).
 */
export type Locale = 'de' | 'en'
export const LANG_COOKIE = 'zw_lang'

const de = {
  appName: 'Zielwerk',
  skipToContent: 'Zum Inhalt springen',
  overview: 'Übersicht',
  admin: 'Verwaltung',
  rounds: 'Berichtsrunden',
  account: 'Mein Konto',
  logout: 'Abmelden',
  login: 'Anmelden',
  email: 'E-Mail',
  password: 'Passwort',
  language: 'Sprache',
  switchLanguage: 'English',
  mainNav: 'Hauptnavigation',
  field: 'Handlungsfeld',
  fields: 'Handlungsfelder',
  challenge: 'Herausforderung',
  goal: 'Ziel',
  goals: 'Ziele',
  measure: 'Maßnahme',
  measures: 'Maßnahmen',
  unit: 'Organisationseinheit',
  units: 'Organisationseinheiten',
  attainment: 'Bewertung',
  mark: 'Merkmal',
  search: 'Suche',
  filter: 'Filtern',
  resetFilters: 'Filter zurücksetzen',
  all: 'Alle',
  round: 'Berichtsrunde',
  notRated: 'noch nicht bewertet',
  high: 'hoch',
  medium: 'mittel',
  low: 'gering',
  unclear: 'unklar',
  mandatory: 'Pflichtaufgabe',
  routine: 'Routine',
  continue: 'Weiterführungsbedarf',
  responsibilityQuestionable: 'Zuständigkeit bzw. Einflussmöglichkeit fraglich',
  changedConditions: 'Veränderte Rahmenbedingungen',
  proposal: 'Vorschlag',
  agreed: 'abgestimmt',
  lead: 'federführend',
  contributing: 'beteiligt',
  noUnit: 'keine Einheit zugeordnet',
  history: 'Bewertungsverlauf',
  legend: 'Legende',
  results: 'Treffer',
} as const

export type MessageKey = keyof typeof de

const en: Record<MessageKey, string> = {
  appName: 'Zielwerk',
  skipToContent: 'Skip to content',
  overview: 'Overview',
  admin: 'Administration',
  rounds: 'Reporting rounds',
  account: 'My account',
  logout: 'Log out',
  login: 'Log in',
  email: 'E-mail',
  password: 'Password',
  language: 'Language',
  switchLanguage: 'Deutsch',
  mainNav: 'Main navigation',
  field: 'Field of action',
  fields: 'Fields of action',
  challenge: 'Challenge',
  goal: 'Goal',
  goals: 'Goals',
  measure: 'Measure',
  measures: 'Measures',
  unit: 'Organisational unit',
  units: 'Organisational units',
  attainment: 'Rating',
  mark: 'Mark',
  search: 'Search',
  filter: 'Filter',
  resetFilters: 'Reset filters',
  all: 'All',
  round: 'Reporting round',
  notRated: 'not rated yet',
  high: 'high',
  medium: 'medium',
  low: 'low',
  unclear: 'unclear',
  mandatory: 'Mandatory task',
  routine: 'Routine',
  continue: 'Needs continuation',
  responsibilityQuestionable: 'Responsibility or influence questionable',
  changedConditions: 'Changed conditions',
  proposal: 'Proposal',
  agreed: 'agreed',
  lead: 'lead',
  contributing: 'contributing',
  noUnit: 'no unit assigned',
  history: 'Rating history',
  legend: 'Legend',
  results: 'results',
}

const dictionaries: Record<Locale, Record<MessageKey, string>> = { de, en }

export function translator(locale: Locale) {
  const dict = dictionaries[locale] ?? de
  return (key: MessageKey) => dict[key]
}

export function localeFromCookie(cookieHeader: string | null): Locale {
  const match = cookieHeader?.match(/(?:^|;\s*)zw_lang=(de|en)/)
  return (match?.[1] as Locale | undefined) ?? 'de'
}
