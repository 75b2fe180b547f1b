/**
 * What the monitoring's pages receive of a value: the figure after small-number protection (server/services/
 * monitoring/protect.ts), never the raw number of a protected one. Shared by the server that builds it and the
 * pages (and later the exports) that print it.
 */

/**
 * shown: the value (and, for a share, its absolute number) may be printed. suppressed: a count of 1 … threshold−1,
 * printed as "< threshold". withheld: a share or rate built on such a count (or on such a denominator), not printed.
 * gap: the source has no value and a note says why. missing: nothing was delivered.
 */
export type FigureState = 'shown' | 'suppressed' | 'withheld' | 'gap' | 'missing'

export type Figure = {
  state: FigureState
  /** Null unless shown. */
  value: number | null
  /** The absolute number behind a share; null unless it may be printed. */
  count: number | null
  /** True when the absolute number behind a withheld share is itself small (printed "< threshold"). */
  countSuppressed: boolean
  note: string
  source: string
  demo: boolean
}

export const MISSING: Figure = { state: 'missing', value: null, count: null, countSuppressed: false, note: '', source: '', demo: false }

/** Whether a figure may be printed as a number. */
export const isShown = (figure: Figure): figure is Figure & { value: number } => figure.state === 'shown' && figure.value !== null
