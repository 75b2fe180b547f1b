import type { PresenceRole } from '~/collab/use-live'
import type { Attainment, Flag } from '~/shared/vocabulary'

/**
 * The shapes the catalogue's components share with their loaders, in a leaf module (no route module, no server
 * code), so that components, the overview's markup renderer and the loaders take them from one place.
 */

// ── The overview ──────────────────────────────────────────────────────────────────────────────────────────────────

/** Cards (goals with their measure tables) or one dense table per field: `?ansicht=tabelle`. */
export const OVERVIEW_VIEWS = ['karten', 'tabelle'] as const
export type OverviewView = (typeof OVERVIEW_VIEWS)[number]

/** How many measures of a field (as the filters narrow it) have each shown rating, and each mark. */
export type FieldCounts = Record<Attainment | 'none', number>
export type MarkCounts = Record<Flag, number>

export type OverviewMeasure = {
  id: number
  title: string
  /** The responsible units' short names, comma-separated. */
  units: string
  proposal: Attainment | null
  agreed: Attainment | null
  /** The set marks only: most measures have none. */
  marks: Flag[]
}

export type OverviewGoal = { id: number; number: number; description: string; measures: OverviewMeasure[] }

export type OverviewField = {
  number: number
  title: string
  /** Collapsed (`?zu=`): only the heading and the summary; its goals are not sent. */
  collapsed: boolean
  challenges: { id: number; title: string; goals: OverviewGoal[] }[]
  goalCount: number
  measureCount: number
  counts: FieldCounts
  marks: MarkCounts
}

/**
 * Everything the catalogue part of the overview is rendered from (its markup is shared between requests and
 * users with exactly this input, see overview-catalogue.server.tsx): the fields, the view, and the page's address
 * without `zu` and `ansicht`, from which the links that collapse a field or switch the view are made.
 */
export type OverviewCatalogueData = {
  fields: OverviewField[]
  view: OverviewView
  /** The field numbers that are collapsed. */
  collapsed: number[]
  /** The filters' query string (`runde=…&feld=…`), without `zu` and `ansicht`; '' without filters. */
  query: string
}

/**
 * The catalogue as the overview's loader sends it: `ref` names its content (a hash of its JSON text). A document
 * response carries the text and the markup in the page itself (the script CATALOGUE_SCRIPT_ID before the markup),
 * so its loader data has only the reference; a data request (a navigation in the browser) gets the text.
 */
export type OverviewCatalogueText = { ref: string; text?: string }

/** The id of the script element that carries the catalogue's JSON text in a document response. */
export const CATALOGUE_SCRIPT_ID = 'katalog-daten'

// ── The goal page ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The user as the page's presence shows them to the others. */
export type GoalPageUser = { id: number; name: string; unit: string; role?: PresenceRole }

export type LiveGoalProps = {
  me: GoalPageUser
  goal: { documentName: string; canEdit: boolean; narrativeText: string }
  measures: { id: number; title: string; documentName: string; canEdit: boolean }[]
  /** Renders what belongs under each measure's live controls (history, change log). */
  renderMeasureFooter: (measureId: number) => React.ReactNode
}
