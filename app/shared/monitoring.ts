/**
 * What the monitoring's pages receive of a value: the figure after small-number protection (server/services/
 * monitoring/protect.ts), never the raw number of a protected one. Shared by the server that builds it and the
 * pages (and later the exports) that print it.
 */

import type { Breakdown, Dimension, IndicatorArea, IndicatorUnit, ReferenceKind, Sex, TerritoryKind } from './vocabulary'

/** What describes an indicator, the same where it is seeded, stored, entered and read. */
export type IndicatorDescription = {
  key: string
  name: string
  area: IndicatorArea
  definition: string
  unit: IndicatorUnit
  numerator: string
  numeratorSource: string
  denominator: string
  denominatorSource: string
  dataSource: string
  presentation: string
  referenceKind: ReferenceKind
  breakdowns: Breakdown[]
  rationale: string
}

/** From when an indicator compares, and the target and threshold it is measured against (each with its year). */
export type IndicatorTargets = {
  comparableFrom: number | null
  targetValue: number | null
  targetYear: number | null
  thresholdValue: number | null
  thresholdYear: number | null
}

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

// ── A data sheet (server/services/monitoring/sheets.ts builds it) ──────────────────────────────────────────────────

export type Part = { label: string; figure: Figure }
export type BreakdownTable = { dimension: Dimension; total: Figure; parts: Part[] }
export type SexTable = { total: Figure; parts: { sex: Sex; figure: Figure }[] }
/** The municipal range: bare numbers, never who holds them. */
export type Range = { min: number; max: number; municipalities: number; of: number }
export type SeriesPoint = { year: number; own: Figure; county: Figure }

export type SheetIndicator = {
  id: number
  key: string
  name: string
  area: IndicatorArea
  unit: IndicatorUnit
  definition: string
  numerator: string
  denominator: string
  dataSource: string
  presentation: string
  referenceKind: ReferenceKind
  comparableFrom: number | null
  own: Figure
  county: Figure
  range: Range | null
  series: SeriesPoint[]
  breakdowns: BreakdownTable[]
  sexes: SexTable | null
}

export type SheetTerritory = { id: number; slug: string; name: string; shortName: string | null; kind: TerritoryKind; municipalityKind: string | null }

export type Sheet = {
  territory: SheetTerritory
  year: number
  referenceDate: string
  threshold: number
  areas: { area: IndicatorArea; indicators: SheetIndicator[] }[]
  demo: boolean
  published: boolean
  interpretation: { text: string; updatedAt: number; updatedBy: string | null } | null
}

// ── A sheet as the page's loader data ────────────────────────────────────────────────────────────────────────────

type PackedFigure = { $f: FigureState; v?: number; c?: number; cs?: 1; n?: string; d?: 1 }
const isFigure = (value: unknown): value is Figure => typeof value === 'object' && value !== null && 'state' in value && 'countSuppressed' in value
const isPacked = (value: unknown): value is PackedFigure => typeof value === 'object' && value !== null && '$f' in value

/**
 * A sheet as one compact JSON string: a sheet holds hundreds of figures, and each is sent without its default fields
 * (and without its source, which the sheet prints per indicator). sheetFromJson restores them exactly.
 */
export function sheetToJson(sheet: Sheet): string {
  return JSON.stringify(sheet, (_key, value: unknown) => {
    if (!isFigure(value)) return value
    const packed: PackedFigure = { $f: value.state }
    if (value.value !== null) packed.v = value.value
    if (value.count !== null) packed.c = value.count
    if (value.countSuppressed) packed.cs = 1
    if (value.note) packed.n = value.note
    if (value.demo) packed.d = 1
    return packed
  })
}

export function sheetFromJson(json: string): Sheet {
  return JSON.parse(json, (_key, value: unknown) =>
    isPacked(value)
      ? { state: value.$f, value: value.v ?? null, count: value.c ?? null, countSuppressed: value.cs === 1, note: value.n ?? '', source: '', demo: value.d === 1 }
      : value,
  ) as Sheet
}

// ── The quarterly report (server/services/monitoring/reports.ts builds it) ──────────────────────────────────────

export type QuarterlyParts = { label: string; figure: Figure }[]
export type QuarterlySection = {
  section: number
  indicator: { id: number; name: string; unit: IndicatorUnit; dataSource: string; presentation: string; definition: string } | null
  development: { date: string; figure: Figure }[]
  total: Figure
  sexes: { sex: Sex; figure: Figure }[]
  breakdowns: { dimension: Dimension; parts: QuarterlyParts }[]
  benefits: { indicator: { id: number; name: string; dataSource: string } | null; development: { date: string; parts: QuarterlyParts }[] }
}
export type QuarterlyReport = {
  year: number
  quarter: number
  date: string
  threshold: number
  demo: boolean
  sections: QuarterlySection[]
  allocation: {
    indicator: { name: string; dataSource: string } | null
    columns: string[]
    /** The municipalities in alphabetical order: the data of an allocation, never a ranking. */
    rows: { territory: string; cells: Figure[] }[]
    county: Figure[]
    sources: string[]
  }
}
