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

/** Roles of a membership; unit editors belong to a unit, every other role to none. `statistics` is the Referat für
 * Strategische Planung: it keeps the monitoring's indicators and data and publishes the data sheets. */
export const ROLES = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer', 'statistics'] as const
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

// ── Monitoring ───────────────────────────────────────────────────────────────────────────────────────────

/** The seven areas of the county's data report (Bevölkerung, Wanderung, Sprache, Bildung, Arbeitsmarkt, Soziales, Gesundheit). */
export const INDICATOR_AREAS = ['population', 'migration', 'language', 'education', 'labour', 'social', 'health'] as const
export type IndicatorArea = (typeof INDICATOR_AREAS)[number]
export const indicatorAreaLabel = (area: IndicatorArea) => `monitoring:area.${area}` as const

/** What a value of an indicator counts: people (Anzahl), a share in %, percentage points, a rate per 1,000. */
export const INDICATOR_UNITS = ['count', 'percent', 'percentagePoints', 'per1000'] as const
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number]
export const indicatorUnitLabel = (unit: IndicatorUnit) => `monitoring:unit.${unit}` as const

/** The kind of reference date: a Stichtag 31.12., a calendar year (a flow such as naturalisations), a quarter's end. */
export const REFERENCE_KINDS = ['dec31', 'year', 'quarter'] as const
export type ReferenceKind = (typeof REFERENCE_KINDS)[number]
export const referenceKindLabel = (kind: ReferenceKind) => `monitoring:referenceKind.${kind}` as const

/**
 * How a value is broken down. `total` is the whole; the parts of a partition (origin, nationality with „übrige“,
 * age group, length of stay, protection status) add up to it, checked on import. Benefits and allocation are not
 * partitions (not everybody draws benefits; quota, allocations and the rest are three figures of one allocation).
 * Sex crosses every breakdown (its own column), so EU × männlich is one value.
 */
export const DIMENSIONS = ['total', 'origin', 'nationality', 'ageGroup', 'lengthOfStay', 'protectionStatus', 'benefits', 'allocation'] as const
export type Dimension = (typeof DIMENSIONS)[number]
export const PARTITION_DIMENSIONS: readonly Dimension[] = ['origin', 'nationality', 'ageGroup', 'lengthOfStay', 'protectionStatus']
export const dimensionLabel = (dimension: Dimension) => `monitoring:dimension.${dimension}` as const
/** The breakdowns an indicator can declare: the dimensions other than the total, and sex. */
export const BREAKDOWNS = ['sex', 'origin', 'nationality', 'ageGroup', 'lengthOfStay', 'protectionStatus', 'benefits', 'allocation'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]
export const breakdownLabel = (breakdown: Breakdown) => `monitoring:breakdown.${breakdown}` as const

/** Sex as the registers give it; `all` is everybody. */
export const SEXES = ['all', 'male', 'female', 'diverse'] as const
export type Sex = (typeof SEXES)[number]
export const sexLabel = (sex: Sex) => `monitoring:sex.${sex}` as const

/** The county as a whole, or one of its member municipalities (Stadt, Gemeinde, Samtgemeinde). */
export const TERRITORY_KINDS = ['county', 'municipality'] as const
export type TerritoryKind = (typeof TERRITORY_KINDS)[number]

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}
