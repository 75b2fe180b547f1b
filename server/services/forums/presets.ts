import type { FeedbackCategory, ForumFormat } from '../../../app/shared/vocabulary'

/**
 * What a new forum starts with, by preset format (seed 002). Everything stays editable; a format of the county's own
 * starts like a Dialogforum. Phase titles are German (staff enter them; participants see them with lang="de").
 *
 * - Integrationskonferenz: phase 1 „Lob/Veto bezogen auf Ziele und Maßnahmen, Notwendiges für Zielerreichung“,
 *   phase 2 „erforderliche Netzwerke und (neue) Strukturen, Einbindung von Gesellschaft“; tables per field.
 * - Mitarbeitendenforum: phase 1 at mixed tables (getting to know each other, a shared understanding of successful
 *   integration), phase 2 the Praxischeck per field: „ausdrücklich loben“, „Veränderungen … notwendig“,
 *   „erforderlich“ for success.
 * - Dialogforum: two phases at field tables. The seed names the assessment (Stärken, Schwächen, Herausforderungen)
 *   and the proposals derived from it (Zielvorschläge, Indikatoren) without saying which phase did which; the
 *   split below follows "abgeleitete" and is a starting point to edit.
 * - Dialogrunde: one phase (the quarterly digital rounds with the local integration management).
 * "Idee" is offered in every phase.
 */
export type PhasePreset = { title: string; categories: FeedbackCategory[] }

export const PHASE_PRESETS: Record<ForumFormat, PhasePreset[]> = {
  conference: [
    { title: 'Arbeitsphase 1: Feedback zum Konzeptentwurf', categories: ['praise', 'veto', 'need', 'idea'] },
    { title: 'Arbeitsphase 2: Umsetzung', categories: ['networks', 'society', 'idea'] },
  ],
  staffForum: [
    { title: 'Arbeitsphase 1: Verständnis gelungener Integration', categories: ['idea'] },
    { title: 'Arbeitsphase 2: Praxischeck', categories: ['explicitPraise', 'changeNeeded', 'requiredForSuccess', 'idea'] },
  ],
  dialogForum: [
    { title: 'Arbeitsphase 1: Situation im Handlungsfeld', categories: ['strength', 'weakness', 'challenge', 'idea'] },
    { title: 'Arbeitsphase 2: Zielvorschläge und Indikatoren', categories: ['goalProposal', 'indicatorProposal', 'idea'] },
  ],
  dialogRound: [{ title: 'Austausch', categories: ['praise', 'need', 'idea'] }],
}

/** Tables per field of action by default; the staff forum's first phase sits mixed, which seating per phase covers. */
export const DEFAULT_TABLE_CAPACITY = 8

/** Who may invite: the county or one of its 21 member municipalities (db/seed/municipalities.json). */
export const COUNTY = 'Landkreis Osnabrück'
