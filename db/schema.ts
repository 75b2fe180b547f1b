import { sql } from 'drizzle-orm'
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { STAFF_LOCALES } from '../app/shared/i18n/languages'
import {
  ATTAINMENTS,
  GOAL_KINDS,
  ITEM_REASONS,
  ITEM_STATES,
  MEETING_STATES,
  NOTICE_KINDS,
  RATING_KINDS,
  ROLES,
  ROUND_STATES,
  UNIT_ROLES_ON_MEASURE,
} from '../app/shared/vocabulary'

// Every enum comes from the one vocabulary (app/shared/vocabulary.ts).

/** Timestamps are stored as Unix milliseconds (integer), so SQLite sorts and compares them cheaply. */
const createdAt = () =>
  integer('created_at', { mode: 'number' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)


// ── Catalogue ────────────────────────────────────────────────────────────────────────────────────────────

export const concepts = sqliteTable('concepts', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  period: text('period').notNull(),
  region: text('region').notNull(),
  source: text('source').notNull().default(''),
})

export const fields = sqliteTable(
  'fields',
  {
    id: integer('id').primaryKey(),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('fields_concept_number').on(t.conceptId, t.number)],
)

export const challenges = sqliteTable(
  'challenges',
  {
    id: integer('id').primaryKey(),
    fieldId: integer('field_id')
      .notNull()
      .references(() => fields.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('challenges_field_position').on(t.fieldId, t.position)],
)

export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey(),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id),
    number: integer('number').notNull(),
    description: text('description').notNull(),
    /** process / project / quantitative; not in the source, so empty until someone sets it. */
    kind: text('kind', { enum: GOAL_KINDS }),
  },
  (t) => [uniqueIndex('goals_concept_number').on(t.conceptId, t.number)],
)

export const measures = sqliteTable(
  'measures',
  {
    id: integer('id').primaryKey(),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** The OCR of the source could not attribute this row with certainty (catalogue.json `source_uncertain`). */
    sourceUncertain: integer('source_uncertain', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('measures_goal_position').on(t.goalId, t.position)],
)

// ── Organisation and accounts ────────────────────────────────────────────────────────────────────────────

export const units = sqliteTable('units', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  shortName: text('short_name').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
})

export const measureUnits = sqliteTable(
  'measure_units',
  {
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role', { enum: UNIT_ROLES_ON_MEASURE }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.unitId] }), index('measure_units_unit').on(t.unitId)],
)

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  locale: text('locale', { enum: STAFF_LOCALES }).notNull().default('de'),
  /** Demo accounts are labelled so that nobody mistakes them for real people. */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
})

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the token, hex: the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user').on(t.userId)],
)

/** user × unit × role. Roles that are not tied to a unit (admin, commissioner, …) have unit_id NULL. */
export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_unit_role').on(t.userId, t.unitId, t.role).where(sql`${t.unitId} is not null`),
    uniqueIndex('memberships_global_role').on(t.userId, t.role).where(sql`${t.unitId} is null`),
    index('memberships_unit').on(t.unitId),
  ],
)

// ── Rounds and status ────────────────────────────────────────────────────────────────────────────────────

export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey(),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id),
    name: text('name').notNull(),
    period: text('period').notNull().default(''),
    dueDate: text('due_date'),
    state: text('state', { enum: ROUND_STATES }).notNull().default('draft'),
    /** The round whose state this one started from. */
    previousRoundId: integer('previous_round_id'),
    openedAt: integer('opened_at', { mode: 'number' }),
    closedAt: integer('closed_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('rounds_concept_name').on(t.conceptId, t.name)],
)

/** round × measure: the projection of the live document plus the agreed rating of the Jour fixe. */
export const measureStatus = sqliteTable(
  'measure_status',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    proposalAttainment: text('proposal_attainment', { enum: ATTAINMENTS }),
    proposalMandatory: integer('proposal_mandatory', { mode: 'boolean' }).notNull().default(false),
    proposalRoutine: integer('proposal_routine', { mode: 'boolean' }).notNull().default(false),
    proposalContinue: integer('proposal_continue', { mode: 'boolean' }).notNull().default(false),
    proposalResponsibilityQuestionable: integer('proposal_responsibility_questionable', { mode: 'boolean' })
      .notNull()
      .default(false),
    proposalChangedConditions: integer('proposal_changed_conditions', { mode: 'boolean' })
      .notNull()
      .default(false),
    narrativeJson: text('narrative_json'),
    narrativeText: text('narrative_text').notNull().default(''),
    agreedAttainment: text('agreed_attainment', { enum: ATTAINMENTS }),
    agreedMandatory: integer('agreed_mandatory', { mode: 'boolean' }),
    agreedRoutine: integer('agreed_routine', { mode: 'boolean' }),
    agreedContinue: integer('agreed_continue', { mode: 'boolean' }),
    agreedResponsibilityQuestionable: integer('agreed_responsibility_questionable', { mode: 'boolean' }),
    agreedChangedConditions: integer('agreed_changed_conditions', { mode: 'boolean' }),
    agreedAt: integer('agreed_at', { mode: 'number' }),
    agreedBy: integer('agreed_by').references(() => users.id),
    agreedInMeeting: integer('agreed_in_meeting'),
    updatedAt: integer('updated_at', { mode: 'number' }),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.measureId] })],
)

/** round × goal: the goal-level narrative. */
export const goalStatus = sqliteTable(
  'goal_status',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id),
    narrativeJson: text('narrative_json'),
    narrativeText: text('narrative_text').notNull().default(''),
    updatedAt: integer('updated_at', { mode: 'number' }),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.goalId] })],
)

/** Audit trail: every change of an attainment or a mark, proposal or agreed. */
export const statusChanges = sqliteTable(
  'status_changes',
  {
    id: integer('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id),
    kind: text('kind', { enum: RATING_KINDS }).notNull(),
    /** 'attainment' or one of FLAGS */
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    userId: integer('user_id').references(() => users.id),
    meetingId: integer('meeting_id'),
    at: integer('at', { mode: 'number' }).notNull(),
    /** Where a change came from when nobody typed it in Zielwerk, e.g. "Import aus Übersicht.xlsx"; null for an edit in the app. */
    source: text('source'),
  },
  (t) => [index('status_changes_round_measure').on(t.roundId, t.measureId, t.at)],
)

// ── Live documents (Yjs) ─────────────────────────────────────────────────────────────────────────────────

export const documents = sqliteTable('documents', {
  name: text('name').primaryKey(),
  /** Compacted Yjs state (snapshot); updates after it are in document_updates. */
  state: blob('state', { mode: 'buffer' }),
  /** Highest document_updates.id folded into `state`. */
  compactedThrough: integer('compacted_through').notNull().default(0),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
})

export const documentUpdates = sqliteTable(
  'document_updates',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
    userId: integer('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('document_updates_name').on(t.name, t.id)],
)

// ── The Jour fixe (meetings) ─────────────────────────────────────────────────────────────────────────────


export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    title: text('title').notNull(),
    /** YYYY-MM-DD */
    date: text('date').notNull(),
    /** HH:MM, optional */
    time: text('time'),
    location: text('location').notNull().default(''),
    state: text('state', { enum: MEETING_STATES }).notNull().default('planned'),
    createdBy: integer('created_by').references(() => users.id),
    startedAt: integer('started_at', { mode: 'number' }),
    endedAt: integer('ended_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('meetings_round_date').on(t.roundId, t.date)],
)

/** One agenda item: a measure or a goal. The state and decision note are edited live in the meeting document
 * and projected here; the minutes read them from this table. */
export const meetingItems = sqliteTable(
  'meeting_items',
  {
    id: integer('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    measureId: integer('measure_id').references(() => measures.id),
    goalId: integer('goal_id').references(() => goals.id),
    reason: text('reason', { enum: ITEM_REASONS }).notNull().default('manual'),
    state: text('state', { enum: ITEM_STATES }).notNull().default('open'),
    decisionNote: text('decision_note').notNull().default(''),
    /** JSON, written when the meeting ends: the proposal and agreed rating as they stood then, so the minutes
     * stay as they were even when a later meeting agrees the measure again. */
    outcome: text('outcome'),
    updatedAt: integer('updated_at', { mode: 'number' }),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    index('meeting_items_meeting').on(t.meetingId, t.position),
    uniqueIndex('meeting_items_measure').on(t.meetingId, t.measureId).where(sql`${t.measureId} is not null`),
    uniqueIndex('meeting_items_goal').on(t.meetingId, t.goalId).where(sql`${t.goalId} is not null`),
  ],
)

/** Who attended: an account, or a guest by name (with an organisation). */
export const meetingAttendance = sqliteTable(
  'meeting_attendance',
  {
    id: integer('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id),
    name: text('name').notNull(),
    organisation: text('organisation').notNull().default(''),
  },
  (t) => [
    index('meeting_attendance_meeting').on(t.meetingId),
    uniqueIndex('meeting_attendance_user').on(t.meetingId, t.userId).where(sql`${t.userId} is not null`),
  ],
)

// ── Notices (reminders) ──────────────────────────────────────────────────────────────────────────────────

/** An in-app notice for one user, e.g. a reminder to update the unit's measures; e-mailed too where SMTP is set up. */
export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    roundId: integer('round_id').references(() => rounds.id),
    unitId: integer('unit_id').references(() => units.id),
    message: text('message').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'number' }),
    /** null: not e-mailed (no SMTP, or it failed: see emailError) */
    emailedAt: integer('emailed_at', { mode: 'number' }),
    emailError: text('email_error'),
  },
  (t) => [index('notices_user').on(t.userId, t.readAt)],
)
