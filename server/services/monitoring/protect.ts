import { MISSING, type Figure } from '../../../app/shared/monitoring'
import type { IndicatorUnit } from '../../../app/shared/vocabulary'

/**
 * Small-number protection, applied on the server before anything leaves it: a page's loader data, and later the
 * exports, never hold the raw number of a protected value.
 *
 * - A count of 1 … threshold−1 people is shown as "< threshold" (suppressed). Zero describes nobody and is shown.
 * - A share or rate whose absolute number or denominator is such a count is withheld.
 * - In a set of parts that adds up to a shown total (EU + Drittstaaten; men + women), one suppressed part could be
 *   worked out as total minus the others; so the smallest other part is suppressed too (secondary suppression).
 */

export type StoredValue = { value: number | null; count: number | null; base: number | null; note: string; source: string; demo: boolean }

const small = (n: number | null, threshold: number) => n !== null && n > 0 && n < threshold

export function protect(stored: StoredValue | undefined, unit: IndicatorUnit, threshold: number): Figure {
  if (!stored) return MISSING
  const base = { note: stored.note, source: stored.source, demo: stored.demo }
  if (stored.value === null) return { ...base, state: 'gap', value: null, count: null, countSuppressed: false }
  if (unit === 'count') {
    if (small(stored.value, threshold)) return { ...base, state: 'suppressed', value: null, count: null, countSuppressed: true }
    return { ...base, state: 'shown', value: stored.value, count: null, countSuppressed: false }
  }
  if (small(stored.count, threshold) || small(stored.base, threshold)) {
    return { ...base, state: 'withheld', value: null, count: null, countSuppressed: small(stored.count, threshold) }
  }
  return { ...base, state: 'shown', value: stored.value, count: stored.count, countSuppressed: false }
}

/**
 * Secondary suppression in one set of parts of a total (both already protected, in the same unit). With exactly one
 * part hidden while the total is shown, the smallest shown part is hidden as well; returns new figures.
 */
export function protectParts(total: Figure, parts: Figure[]): Figure[] {
  if (total.state !== 'shown') return parts
  const hidden = parts.filter((p) => p.state === 'suppressed' || p.state === 'withheld').length
  if (hidden !== 1) return parts
  let smallest = -1
  parts.forEach((p, i) => {
    if (p.state === 'shown' && p.value !== null && (smallest < 0 || p.value < parts[smallest]!.value!)) smallest = i
  })
  if (smallest < 0) return parts
  // Withheld, not "< threshold": the hidden part is not small itself, it only must not give the small one away.
  return parts.map((p, i) => (i === smallest ? { ...p, state: 'withheld', value: null, count: null, countSuppressed: false } : p))
}
