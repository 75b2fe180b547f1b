/**
 * Zielwerk's words (DESIGN.md, "Words"), each defined once: the values code, database and live documents use, and
 * the key of its label in the `vocabulary` namespace of the message files (app/shared/i18n/locales/<lng>/). The
 * database schema takes its enums from here, the server its checks, the UI its labels.
 */

/** The traffic light: Zielerreichungsgrad hoch / mittel / gering / unklar; `null` is "not rated yet". */
export const ATTAINMENTS = ['high', 'medium', 'low', 'unclear'] as const
export type Attainment = (typeof ATTAINMENTS)[number]
export const isAttainment = (value: unknown): value is Attainment => includes(ATTAINMENTS, value)
export const attainmentLabel = (value: Attainment | null) => `vocabulary:attainment.${value ?? 'none'}` as const

/** The five marks of the rating scheme. */
export const FLAGS = ['mandatory', 'routine', 'continue', 'responsibilityQuestionable', 'changedConditions'] as const
export type Flag = (typeof FLAGS)[number]
export type Flags = Record<Flag, boolean>
export const isFlag = (value: unknown): value is Flag => includes(FLAGS, value)
export const flagLabel = (flag: Flag) => `vocabulary:flag.${flag}` as const
/** The symbol each mark has in the printed evaluation (P, R, arrow) and ours for the two that have none. */
export const FLAG_SYMBOL: Record<Flag, string> = {
  mandatory: 'P',
  routine: 'R',
  continue: '➜',
  responsibilityQuestionable: '?',
  changedConditions: 'Δ',
}
export const noFlags = (): Flags => ({ mandatory: false, routine: false, continue: false, responsibilityQuestionable: false, changedConditions: false })

/** Proposed by the unit, or agreed in the Jour fixe. */
export const RATING_KINDS = ['proposal', 'agreed'] as const
export type RatingKind = (typeof RATING_KINDS)[number]

/** Roles of a membership; unit editors belong to a unit, every other role to none. */
export const ROLES = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer'] as const
export type Role = (typeof ROLES)[number]
export const isRole = (value: unknown): value is Role => includes(ROLES, value)
export const roleLabel = (role: Role) => `vocabulary:role.${role}` as const
/** The one role that belongs to a unit (memberships of every other role have no unit). */
export const UNIT_ROLE: Role = 'editor'
export const isUnitRole = (role: Role) => role === UNIT_ROLE

/** A reporting round: a draft, then open (units and the Jour fixe write), then closed (frozen for good). */
export const ROUND_STATES = ['draft', 'open', 'closed'] as const
export type RoundState = (typeof ROUND_STATES)[number]
export const roundStateLabel = (state: RoundState) => `vocabulary:roundState.${state}` as const

/** A Jour fixe meeting: planned, running (meeting mode), closed (its minutes are fixed). */
export const MEETING_STATES = ['planned', 'running', 'closed'] as const
export type MeetingState = (typeof MEETING_STATES)[number]
export const meetingStateLabel = (state: MeetingState) => `vocabulary:meetingState.${state}` as const

/** An agenda item: offen → besprochen → abgestimmt, or vertagt. */
export const ITEM_STATES = ['open', 'discussed', 'agreed', 'deferred'] as const
export type ItemState = (typeof ITEM_STATES)[number]
export const isItemState = (value: unknown): value is ItemState => includes(ITEM_STATES, value)
export const itemStateLabel = (state: ItemState) => `vocabulary:itemState.${state}` as const
/** A symbol per state, so that a list of items reads without colour. */
export const ITEM_STATE_SYMBOL: Record<ItemState, string> = { open: '○', discussed: '◐', agreed: '●', deferred: '⏸' }

/** Why an item is on the agenda: picked by hand, or one of the automatic proposals. */
export const ITEM_REASONS = ['manual', 'changed', 'differs', 'notAgreed', 'overdue'] as const
export type ItemReason = (typeof ITEM_REASONS)[number]
export const itemReasonLabel = (reason: ItemReason) => `vocabulary:itemReason.${reason}` as const

/** How a unit is responsible for a measure. */
export const UNIT_ROLES_ON_MEASURE = ['lead', 'contributing'] as const
export type UnitRoleOnMeasure = (typeof UNIT_ROLES_ON_MEASURE)[number]
export const unitRoleOnMeasureLabel = (role: UnitRoleOnMeasure) => `vocabulary:unitRole.${role}` as const

/** A goal's kind; not in the source, so empty until someone sets it. */
export const GOAL_KINDS = ['process', 'project', 'quantitative'] as const
export type GoalKind = (typeof GOAL_KINDS)[number]

/** What an in-app notice is about. */
export const NOTICE_KINDS = ['reminder'] as const

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}
