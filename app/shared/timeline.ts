import type { Attainment, Flags } from './vocabulary'

/**
 * One round in the path of one measure, as `measureTimeline` (server/services/catalogue/timeline.ts) reads it and
 * `MeasureTimeline` (app/ui/timeline.tsx) draws it. Plain data, so any page can pass it on.
 */
export type TimelineEntry = {
  round: { id: number; name: string; period: string; state: 'draft' | 'open' | 'closed' }
  /** false: the round has no status row for this measure ("keine Angabe"). */
  hasStatus: boolean
  /** null: not agreed (the historical round may have agreed marks without a rating). */
  agreedAttainment: Attainment | null
  agreedMarks: Flags | null
  /** The unit's proposal, only where nothing is agreed yet. */
  proposalAttainment: Attainment | null
  /** Unix milliseconds */
  agreedAt: number | null
  agreedByName: string | null
  meeting: { id: number; title: string; date: string } | null
}

export type Trend = 'better' | 'worse' | 'same' | 'none'

export function isAgreed(entry: TimelineEntry): boolean {
  return entry.agreedAttainment !== null || entry.agreedMarks !== null
}

/** The rating a node shows: the agreed one, else the proposal (marked as such), else none. */
export function shownAttainment(entry: TimelineEntry): Attainment | null {
  return isAgreed(entry) ? entry.agreedAttainment : entry.proposalAttainment
}

const RANK: Record<Attainment, number | undefined> = { high: 3, medium: 2, low: 1, unclear: undefined }

/**
 * The direction from one round's rating to the next. Only high > medium > low are ordered; "unclear" equals
 * only "unclear", and a missing rating on either side is no comparison.
 */
export function trendBetween(before: Attainment | null, after: Attainment | null): Trend {
  if (before === null || after === null) return 'none'
  if (before === after) return 'same'
  const from = RANK[before]
  const to = RANK[after]
  if (from === undefined || to === undefined) return 'none'
  return to > from ? 'better' : 'worse'
}
