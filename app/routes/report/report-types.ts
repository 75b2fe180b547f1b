import type { PresenceRole } from '~/collab/use-live'
import type { ChapterSlug } from '~/shared/live/names'
import type { Attainment, Flags } from '~/shared/vocabulary'

/** The shapes the report page's components share with its loader (a leaf module: no route module, no server code). */

export type ChapterView = {
  slug: ChapterSlug
  /** Field chapters (3.1–3.9): the field's number and title. */
  field: number | null
  fieldTitle: string | null
  documentName: string
  /** As stored (report_chapters): what the page shows before the live document, and for a closed round. */
  text: string
  statistics: boolean
  updatedAt: number | null
  updatedBy: string | null
}

export type PanelMeasure = {
  id: number
  number: string
  title: string
  /** The agreed rating, else the proposal (`kind` says which). */
  shown: Attainment | null
  kind: 'agreed' | 'proposal'
  flags: Flags
  proposal: Attainment | null
  narrative: string
}

export type FieldPanel = {
  number: number
  title: string
  /** Visible forum feedback in the field (null: the user may not read forum feedback). */
  feedback: number | null
  goals: { number: number; description: string; measures: PanelMeasure[] }[]
}

export type ReportPageUser = { id: number; name: string; unit: string; role?: PresenceRole }

export type LiveChaptersProps = {
  me: ReportPageUser
  chapters: ChapterView[]
  canWrite: boolean
  goalNumbers: number[]
  /** What belongs under a chapter's text (the legend in chapter 2). */
  renderAfter: (chapter: ChapterView) => React.ReactNode
  /** What stands beside it (a field chapter's goals and measures). */
  renderPanel: (chapter: ChapterView) => React.ReactNode
  chapterTitle: (chapter: ChapterView) => React.ReactNode
}

/** Rows of the cover form: the authors so far and a few empty ones (a form without JavaScript cannot add rows). */
export const EMPTY_AUTHOR_ROWS = 3
