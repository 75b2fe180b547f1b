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

/** The site's own texts, kept by the administration (footer links on every page). */
export const SITE_TEXT_KEYS = ['accessibility', 'privacy'] as const
export type SiteTextKey = (typeof SITE_TEXT_KEYS)[number]
export const isSiteTextKey = (value: unknown): value is SiteTextKey => includes(SITE_TEXT_KEYS, value)
// ── Monitoring ───────────────────────────────────────────────────────────────────────────────────────────

/** The seven areas of the county's data report (Bevölkerung, Wanderung, Sprache, Bildung, Arbeitsmarkt, Soziales, Gesundheit). */
export const INDICATOR_AREAS = ['population', 'migration', 'language', 'education', 'labour', 'social', 'health'] as const
export type IndicatorArea = (typeof INDICATOR_AREAS)[number]
export const indicatorAreaLabel = (area: IndicatorArea) => `vocabulary:monitoring.area.${area}` as const

/** What a value of an indicator counts: people (Anzahl), a share in %, percentage points, a rate per 1,000. */
export const INDICATOR_UNITS = ['count', 'percent', 'percentagePoints', 'per1000'] as const
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number]
export const indicatorUnitLabel = (unit: IndicatorUnit) => `vocabulary:monitoring.unit.${unit}` as const

/** The kind of reference date: a Stichtag 31.12., a calendar year (a flow such as naturalisations), a quarter's end. */
export const REFERENCE_KINDS = ['dec31', 'year', 'quarter'] as const
export type ReferenceKind = (typeof REFERENCE_KINDS)[number]
export const referenceKindLabel = (kind: ReferenceKind) => `vocabulary:monitoring.referenceKind.${kind}` as const

/**
 * How a value is broken down. `total` is the whole; the parts of a partition (origin, nationality with „übrige“,
 * age group, length of stay, protection status) add up to it, checked on import. Benefits and allocation are not
 * partitions (not everybody draws benefits; quota, allocations and the rest are three figures of one allocation).
 * Sex crosses every breakdown (its own column), so EU × männlich is one value.
 */
export const DIMENSIONS = ['total', 'origin', 'nationality', 'ageGroup', 'lengthOfStay', 'protectionStatus', 'benefits', 'allocation'] as const
export type Dimension = (typeof DIMENSIONS)[number]
export const PARTITION_DIMENSIONS: readonly Dimension[] = ['origin', 'nationality', 'ageGroup', 'lengthOfStay', 'protectionStatus']
export const dimensionLabel = (dimension: Dimension) => `vocabulary:monitoring.dimension.${dimension}` as const
/** The breakdowns an indicator can declare: the dimensions other than the total, and sex. */
export const BREAKDOWNS = ['sex', 'origin', 'nationality', 'ageGroup', 'lengthOfStay', 'protectionStatus', 'benefits', 'allocation'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]
export const breakdownLabel = (breakdown: Breakdown) => `vocabulary:monitoring.breakdown.${breakdown}` as const

/** Sex as the registers give it; `all` is everybody. */
export const SEXES = ['all', 'male', 'female', 'diverse'] as const
export type Sex = (typeof SEXES)[number]
export const sexLabel = (sex: Sex) => `vocabulary:monitoring.sex.${sex}` as const

/** The county as a whole, or one of its member municipalities (Stadt, Gemeinde, Samtgemeinde). */
export const TERRITORY_KINDS = ['county', 'municipality'] as const
export type TerritoryKind = (typeof TERRITORY_KINDS)[number]

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

// ── Participation forums ─────────────────────────────────────────────────────────────────────────────────────────
// The forum words of the seed (002: Dialogforen a–f, the staff forum, the Integrationskonferenz) and of DESIGN. The
// `forum` subtree of the vocabulary namespace is shown to participants, so it is complete in every participant
// language (app/shared/i18n/messages.test.ts).

/** Preset formats; the list is editable (forum_formats rows: a preset, or a name of the county's own). */
export const FORUM_FORMATS = ['dialogForum', 'staffForum', 'conference', 'dialogRound'] as const
export type ForumFormat = (typeof FORUM_FORMATS)[number]
export const isForumFormat = (value: unknown): value is ForumFormat => includes(FORUM_FORMATS, value)
export const forumFormatLabel = (format: ForumFormat) => `vocabulary:forum.format.${format}` as const

/** Preset target groups: the seed's Dialogforen a–f, and the staff of the county and the municipalities (g). */
export const TARGET_GROUPS = ['migrants', 'citizens', 'volunteers', 'associations', 'employers', 'mayors', 'staff'] as const
export type TargetGroup = (typeof TARGET_GROUPS)[number]
export const isTargetGroup = (value: unknown): value is TargetGroup => includes(TARGET_GROUPS, value)
export const targetGroupLabel = (group: TargetGroup) => `vocabulary:forum.targetGroup.${group}` as const

/** A forum: planned (codes join, no input yet), open (input), closed (input over: review and Rückmeldung). */
export const FORUM_STATES = ['planned', 'open', 'closed'] as const
export type ForumState = (typeof FORUM_STATES)[number]
export const forumStateLabel = (state: ForumState) => `vocabulary:forum.state.${state}` as const

/** A work phase: not begun, open for cards, closed. */
export const PHASE_STATES = ['pending', 'open', 'closed'] as const
export type PhaseState = (typeof PHASE_STATES)[number]
export const phaseStateLabel = (state: PhaseState) => `vocabulary:forum.phaseState.${state}` as const

/**
 * Feedback categories: DESIGN's praise / veto / need / idea, extended by every category of the seed's forums so that
 * none is lost (Konferenz phase 2, the staff forum's Praxischeck, the Dialogforen's assessment and proposals).
 */
export const FEEDBACK_CATEGORIES = [
  'praise', 'veto', 'need', 'networks', 'society',
  'explicitPraise', 'changeNeeded', 'requiredForSuccess',
  'strength', 'weakness', 'challenge', 'goalProposal', 'indicatorProposal',
  'idea',
] as const
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number]
export const isFeedbackCategory = (value: unknown): value is FeedbackCategory => includes(FEEDBACK_CATEGORIES, value)
export const feedbackCategoryLabel = (category: FeedbackCategory) => `vocabulary:forum.category.${category}` as const

/** What a feedback item is about: the concept as a whole, a field, a challenge, a goal or a measure. */
export const FEEDBACK_TARGETS = ['concept', 'field', 'challenge', 'goal', 'measure'] as const
export type FeedbackTarget = (typeof FEEDBACK_TARGETS)[number]
export const feedbackTargetLabel = (target: FeedbackTarget) => `vocabulary:forum.target.${target}` as const

/** What the Koordinierungsgruppe made of an item. */
export const DISPOSITIONS = ['alreadyIncluded', 'adopted', 'partlyAdopted', 'notAdopted'] as const
export type Disposition = (typeof DISPOSITIONS)[number]
export const isDisposition = (value: unknown): value is Disposition => includes(DISPOSITIONS, value)
export const dispositionLabel = (disposition: Disposition | null) => `vocabulary:forum.disposition.${disposition ?? 'none'}` as const
/** A symbol per disposition, so that the Rückmeldung reads without colour. */
export const DISPOSITION_SYMBOL: Record<Disposition, string> = { alreadyIncluded: '✓', adopted: '+', partlyAdopted: '±', notAdopted: '–' }

/** Where a card came from: a participant's form, a moderator entering it for others, a poster (phase B). */
export const FEEDBACK_SOURCES = ['participant', 'moderator', 'poster'] as const
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number]

/** What a moderator did to a card (kept in the audit with who, when, old → new and the reason). */
export const FEEDBACK_CHANGES = ['move', 'merge', 'hide', 'unhide', 'disposition'] as const
export type FeedbackChange = (typeof FEEDBACK_CHANGES)[number]

/** How participants join: one open code for the forum, or a personal code per seat (printed). */
export const CODE_MODES = ['open', 'personal'] as const
export type CodeMode = (typeof CODE_MODES)[number]
export const codeModeLabel = (mode: CodeMode) => `vocabulary:forum.codeMode.${mode}` as const

/** Televoting questions: one answer, several answers, or a scale from 1 to 5. */
export const POLL_KINDS = ['single', 'multiple', 'scale'] as const
export type PollKind = (typeof POLL_KINDS)[number]
export const isPollKind = (value: unknown): value is PollKind => includes(POLL_KINDS, value)
export const pollKindLabel = (kind: PollKind) => `vocabulary:forum.pollKind.${kind}` as const
/** The scale's points. */
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const

/** A question: prepared, open for votes, closed (its result kept). */
export const POLL_STATES = ['prepared', 'open', 'closed'] as const
export type PollState = (typeof POLL_STATES)[number]
export const pollStateLabel = (state: PollState) => `vocabulary:forum.pollState.${state}` as const

/** What the publication log of a round records: publishing it (readable without login) and withdrawing that. */
export const PUBLICATION_ACTIONS = ['publish', 'withdraw'] as const
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number]
