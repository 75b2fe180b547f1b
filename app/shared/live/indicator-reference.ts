import type { FigureState } from '../monitoring'
import { INDICATOR_UNITS, type IndicatorUnit } from '../vocabulary'

/**
 * An indicator value quoted in a narrative (a report chapter): the inline atom node `indicatorReference`.
 *
 * The node carries a snapshot of what is printed (value as shown, unit, indicator and territory names, reference date,
 * source), not a live link to the data: a chapter says what the author quoted, and a closed round's documents are
 * frozen, so what the round closed with stays as it was even when the data are re-imported later. The server builds
 * the snapshot (server/services/monitoring/references.ts) from a figure that has passed small-number protection; a
 * suppressed or withheld figure is never offered. The text is German data (like the catalogue): the browser chip,
 * the plain-text projection and both exports print the same words, marked lang="de".
 *
 * Admission (server/collab/narrative.ts) refuses a node whose attributes break the checks below: only these
 * attribute names (the schema has no others), each of its type and length. It cannot know the configured
 * small-number threshold, but refuses what no protected figure ever looks like ("< 3", a value without a digit).
 */

export const INDICATOR_REFERENCE = 'indicatorReference'

export type IndicatorReferenceAttrs = {
  indicatorId: number
  territoryId: number
  /** JJJJ-MM-TT. */
  referenceDate: string
  /** The value as shown, in German, with its unit: "56 %", "1.519", "12,4 je 1.000". */
  value: string
  unit: IndicatorUnit
  indicatorName: string
  territoryName: string
  /** The indicator's credits ("Datenquelle: …") or, without them, the value's own source; may be empty. */
  source: string
  /** Synthetic values of `npm run seed:demo`: printed with "Demo-Daten, keine echten Zahlen". */
  demo: boolean
}

export const REFERENCE_LIMITS = { value: 40, indicatorName: 200, territoryName: 120, source: 600 } as const

const isId = (v: unknown) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 2 ** 31
const isText = (max: number, required: boolean) => (v: unknown) => typeof v === 'string' && v.length <= max && (!required || v.trim().length > 0)
const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v)
/** A printed value: a number with its unit, never a suppressed "< n" or a word ("zurückgehalten"). */
const isShownValue = (v: unknown) => isText(REFERENCE_LIMITS.value, true)(v) && /^-?\d/.test(v as string)

/** Each attribute's check; the node's schema holds exactly these names. */
export const REFERENCE_CHECKS: Record<keyof IndicatorReferenceAttrs, (value: unknown) => boolean> = {
  indicatorId: isId,
  territoryId: isId,
  referenceDate: isDate,
  value: isShownValue,
  unit: (v) => typeof v === 'string' && (INDICATOR_UNITS as readonly string[]).includes(v),
  indicatorName: isText(REFERENCE_LIMITS.indicatorName, true),
  territoryName: isText(REFERENCE_LIMITS.territoryName, true),
  source: isText(REFERENCE_LIMITS.source, false),
  demo: (v) => typeof v === 'boolean',
}

export const REFERENCE_ATTRIBUTES = Object.keys(REFERENCE_CHECKS) as (keyof IndicatorReferenceAttrs)[]

/** The attributes as a reference, or null when any is missing or breaks its check. */
export function asIndicatorReference(attrs: Record<string, unknown> | undefined | null): IndicatorReferenceAttrs | null {
  if (!attrs) return null
  for (const name of REFERENCE_ATTRIBUTES) if (!REFERENCE_CHECKS[name](attrs[name])) return null
  return attrs as IndicatorReferenceAttrs
}

/** 2024-12-31 → 31.12.2024 (German data text, whatever the page's language). */
export const referenceDateText = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`

/** The source as printed after the value: "Quelle: …" (and the demo label), or '' without one. */
export function referenceSourceText(r: IndicatorReferenceAttrs): string {
  const parts = [r.source.trim() ? `Quelle: ${r.source.trim().replace(/^(Daten)?quelle:\s*/i, '')}` : '', r.demo ? 'Demo-Daten, keine echten Zahlen' : ''].filter(Boolean)
  return parts.join('; ')
}

/**
 * The whole reference as one line of German text, as chip, plain text and exports print it:
 * "56 % (Anteil …, Stadt Bramsche, 31.12.2024; Quelle: Landesamt für Statistik Niedersachsen)".
 */
export function indicatorReferenceText(r: IndicatorReferenceAttrs): string {
  const source = referenceSourceText(r)
  return `${r.value} (${r.indicatorName}, ${r.territoryName}, ${referenceDateText(r.referenceDate)}${source ? `; ${source}` : ''})`
}

/** The printed text of a node's attributes, or a placeholder for a damaged one (never shown: admission refuses it). */
export const referenceTextOf = (attrs: Record<string, unknown> | undefined | null) => {
  const r = asIndicatorReference(attrs)
  return r ? indicatorReferenceText(r) : '[Kennzahl]'
}

// ── What /monitoring/referenz answers (server/services/monitoring/references.ts builds it) ───────────────────────

export type ReferenceChoices = {
  indicators: { id: number; name: string; unit: IndicatorUnit }[]
  /** The county first, then the municipalities alphabetically (never by a value). */
  territories: { id: number; name: string }[]
}

export type ReferenceValue = {
  referenceDate: string
  state: FigureState
  /** The figure as the pages print it ("56 %", "< 3", "zurückgehalten"), German. */
  shown: string
  /** The node's attributes, or null when the figure may not be quoted as a value. */
  reference: IndicatorReferenceAttrs | null
}
