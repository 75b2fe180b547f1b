import { INDICATOR_REFERENCE, asIndicatorReference, indicatorReferenceText } from '../../../app/shared/live/indicator-reference'
import { NO_REFERENCES, type ReportNode, type ReportReferences } from './report'

/**
 * The report's resolver for indicator references (the `indicatorReference` node of the narrative schema): the
 * snapshot the author inserted, printed inline as one German phrase with its source, as the editor's chip shows it:
 * "56 % (Anteil ausländischer Staatsangehöriger, Stadt Bramsche, 31.12.2024; Quelle: …)". Inline rather than as
 * endnotes: a quoted figure is never read without its source and reference date, also when a paragraph is copied
 * out of the report. It needs nothing but the node (the snapshot is fixed: no database read, the same text in
 * every export and after the round has closed), so the export worker can use it too (PORTABLE_REFERENCES).
 */
export const INDICATOR_REFERENCES: ReportReferences = {
  resolve(node: ReportNode) {
    if (node.type !== INDICATOR_REFERENCE) return null
    const reference = asIndicatorReference(node.attrs)
    // A damaged node (admission refuses those) prints as nothing rather than as a figure without its source.
    return { text: reference ? indicatorReferenceText(reference) : '', lang: 'de' }
  },
}

/** Resolvers that need nothing but the node, by name: they reach the export worker by their name. */
export const PORTABLE_REFERENCES = { none: NO_REFERENCES, indicators: INDICATOR_REFERENCES } as const satisfies Record<string, ReportReferences>
export type PortableReferences = keyof typeof PORTABLE_REFERENCES

/** The name of a portable resolver, or null for one that must run where it was made (it may hold a database). */
export function portableName(references: ReportReferences): PortableReferences | null {
  for (const [name, value] of Object.entries(PORTABLE_REFERENCES)) if (value === references) return name as PortableReferences
  return null
}
