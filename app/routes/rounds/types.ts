/** What the round pages and their server modules share without importing each other. */

/** The comparison's filters as they appear in its address (?nur=). */
export const COMPARISON_FILTERS = ['alle', 'geaendert', 'verbessert', 'verschlechtert'] as const
export type ComparisonFilter = (typeof COMPARISON_FILTERS)[number]

export const COMPARISON_FILTER_LABELS = {
  alle: 'rounds:comparison.filter.all',
  geaendert: 'rounds:comparison.filter.changed',
  verbessert: 'rounds:comparison.filter.better',
  verschlechtert: 'rounds:comparison.filter.worse',
} as const satisfies Record<ComparisonFilter, string>
