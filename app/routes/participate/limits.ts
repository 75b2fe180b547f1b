/** Limits and choices of the participant forms, shared by the pages and their server code. */
export const NAME_MAX = 80
export const ORGANISATION_MAX = 120
/** Languages a card's text can be marked with: the pages' six and those the county's forums hear most. */
export const TEXT_LANGUAGES = ['de', 'en', 'ar', 'uk', 'tr', 'ru', 'fa', 'ps', 'ku', 'ti', 'so', 'pl', 'ro', 'bg', 'sq', 'fr', 'es', 'it'] as const
