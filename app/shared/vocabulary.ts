/** Ratings and marks as the UI names them; keys are the glossary's (DESIGN.md). */
export const ATTAINMENT_KEYS = ['high', 'medium', 'low', 'unclear'] as const
export type AttainmentKey = (typeof ATTAINMENT_KEYS)[number]

export const FLAG_KEYS = ['mandatory', 'routine', 'continue', 'responsibilityQuestionable', 'changedConditions'] as const
export type FlagKey = (typeof FLAG_KEYS)[number]

export type Flags = Record<FlagKey, boolean>

/** The symbol each mark has in the printed evaluation (P, R, arrow) and ours for the two that have none. */
export const FLAG_SYMBOL: Record<FlagKey, string> = {
  mandatory: 'P',
  routine: 'R',
  continue: '➜',
  responsibilityQuestionable: '?',
  changedConditions: 'Δ',
}

export function isAttainment(value: unknown): value is AttainmentKey {
  return typeof value === 'string' && (ATTAINMENT_KEYS as readonly string[]).includes(value)
}
