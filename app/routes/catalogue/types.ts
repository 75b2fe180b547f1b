import type { PresenceRole } from '~/collab/use-live'
import type { Attainment, Flag } from '~/shared/vocabulary'

/**
 * The shapes the catalogue's components share with their loaders, in a leaf module (no route module, no server
 * code), so that components, the overview's markup renderer and the loaders take them from one place.
 */

// ── The overview ──────────────────────────────────────────────────────────────────────────────────────────────────

/** How many measures of a field (as the filters narrow it) have each shown rating. */
export type FieldCounts = Record<Attainment | 'none', number>

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
  challenges: { id: number; title: string; goals: OverviewGoal[] }[]
  goalCount: number
  measureCount: number
  counts: FieldCounts
}

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
