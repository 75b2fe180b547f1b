import { sql } from 'drizzle-orm'
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  CODE_MODES,
  DISPOSITIONS,
  FEEDBACK_CATEGORIES,
  FEEDBACK_CHANGES,
  FEEDBACK_SOURCES,
  FEEDBACK_TARGETS,
  FORUM_FORMATS,
  FORUM_STATES,
  PHASE_STATES,
  POLL_KINDS,
  POLL_STATES,
  TARGET_GROUPS,
} from '../../app/shared/vocabulary'
import { createdAt } from './columns'
import { users } from './accounts'
import { challenges, fields, goals, measures } from './catalogue'
import { rounds } from './rounds'

/**
 * Participation forums (Dialogforen, staff forum, Integrationskonferenz, Dialogrunden): their set-up (format, target
 * groups, tables, work phases with their categories), the participants who joined by code (no accounts: a
 * participant row holds only what was given voluntarily), the feedback items (cards) with their moderation audit
 * and their disposition, the televoting questions and votes, and files (material sent in advance, poster photos).
 *
 * Phase B puts a table's cards into a live poster document (`forum/<f>/table/<t>/phase/<p>`); its projection
 * upserts forum_feedback rows by `card_key` (the card's id inside the document), so this table stays the record
 * that plenary, review, Rückmeldung and exports read.
 */

/** The editable list of formats: a preset of the vocabulary (label translated) or a name of the county's own. */
export const forumFormats = sqliteTable(
  'forum_formats',
  {
    id: integer('id').primaryKey(),
    preset: text('preset', { enum: FORUM_FORMATS }),
    /** The county's own name (German); empty for a preset, whose label comes from the vocabulary. */
    name: text('name').notNull().default(''),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('forum_formats_preset').on(t.preset).where(sql`${t.preset} is not null`)],
)

/** The editable list of target groups (the seed's a–f and the staff, plus the county's own). */
export const forumTargetGroups = sqliteTable(
  'forum_target_groups',
  {
    id: integer('id').primaryKey(),
    preset: text('preset', { enum: TARGET_GROUPS }),
    name: text('name').notNull().default(''),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('forum_target_groups_preset').on(t.preset).where(sql`${t.preset} is not null`)],
)

export const forums = sqliteTable(
  'forums',
  {
    id: integer('id').primaryKey(),
    title: text('title').notNull(),
    formatId: integer('format_id')
      .notNull()
      .references(() => forumFormats.id),
    /** YYYY-MM-DD */
    date: text('date').notNull(),
    /** HH:MM, optional */
    time: text('time'),
    place: text('place').notNull().default(''),
    /** "Landkreis Osnabrück" or a member municipality, as plain text until the monitoring's municipalities table lands. */
    invitedBy: text('invited_by').notNull().default(''),
    /** Names, one per line. */
    moderators: text('moderators').notNull().default(''),
    /** JSON array of the participant languages the pages offer (app/shared/i18n/languages.ts). */
    languages: text('languages').notNull().default('["de"]'),
    /** Languages interpreted at the event (free text, e.g. "Arabisch, Farsi, Tigrinya"). */
    interpreting: text('interpreting').notNull().default(''),
    /** A link to the material sent in advance (the overview, the short version); an uploaded file is a forum_files row. */
    materialUrl: text('material_url').notNull().default(''),
    /** The round this forum feeds: the round's record of which forums (external stakeholders) took part. */
    roundId: integer('round_id').references(() => rounds.id),
    codeMode: text('code_mode', { enum: CODE_MODES }).notNull().default('open'),
    /** The forum's code (normalised, without separators): joins in open mode, opens the Rückmeldung afterwards. */
    code: text('code').notNull().unique(),
    /** Whether a participant may post to any table, not only to the one they sit at. */
    anyTable: integer('any_table', { mode: 'boolean' }).notNull().default(false),
    state: text('state', { enum: FORUM_STATES }).notNull().default('planned'),
    openedAt: integer('opened_at', { mode: 'number' }),
    closedAt: integer('closed_at', { mode: 'number' }),
    /** When the Rückmeldung became visible to the participants; null while the review goes on. */
    feedbackPublishedAt: integer('feedback_published_at', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('forums_date').on(t.date), index('forums_round').on(t.roundId)],
)

export const forumTargetGroupLinks = sqliteTable(
  'forum_target_group_links',
  {
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    targetGroupId: integer('target_group_id')
      .notNull()
      .references(() => forumTargetGroups.id),
  },
  (t) => [primaryKey({ columns: [t.forumId, t.targetGroupId] })],
)

/** A table of the table dialogues: by default one per field of action, with a capacity and an optional Tischpate. */
export const forumTables = sqliteTable(
  'forum_tables',
  {
    id: integer('id').primaryKey(),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    fieldId: integer('field_id').references(() => fields.id),
    capacity: integer('capacity').notNull().default(8),
    host: text('host').notNull().default(''),
  },
  (t) => [uniqueIndex('forum_tables_number').on(t.forumId, t.number)],
)

/** A work phase; at most one of a forum's phases is open at a time (the service sees to it). */
export const forumPhases = sqliteTable(
  'forum_phases',
  {
    id: integer('id').primaryKey(),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    state: text('state', { enum: PHASE_STATES }).notNull().default('pending'),
  },
  (t) => [uniqueIndex('forum_phases_position').on(t.forumId, t.position)],
)

/** A phase's feedback categories: a preset of the vocabulary (translated for participants) or the county's own label. */
export const forumCategories = sqliteTable(
  'forum_categories',
  {
    id: integer('id').primaryKey(),
    phaseId: integer('phase_id')
      .notNull()
      .references(() => forumPhases.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    preset: text('preset', { enum: FEEDBACK_CATEGORIES }),
    label: text('label').notNull().default(''),
  },
  (t) => [uniqueIndex('forum_categories_position').on(t.phaseId, t.position)],
)

/**
 * Somebody who joined a forum by code. No account and nothing personal but what they chose to give: a name and an
 * organisation (both optional). In personal-code mode the row exists from printing on (one per seat, `seat_code`),
 * and joining with the code takes it; in open mode joining creates it.
 */
export const forumParticipants = sqliteTable(
  'forum_participants',
  {
    id: integer('id').primaryKey(),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    /** The personal code of a seat (normalised); null in open mode. */
    seatCode: text('seat_code').unique(),
    /** The seat's table (personal codes are printed per table); the table a participant sits at per phase is forum_seating. */
    seatTableId: integer('seat_table_id').references(() => forumTables.id),
    name: text('name').notNull().default(''),
    organisation: text('organisation').notNull().default(''),
    language: text('language').notNull().default('de'),
    joinedAt: integer('joined_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('forum_participants_forum').on(t.forumId)],
)

/** Where a participant sits in a phase (seating may change between phases). */
export const forumSeating = sqliteTable(
  'forum_seating',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => forumParticipants.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id')
      .notNull()
      .references(() => forumPhases.id, { onDelete: 'cascade' }),
    tableId: integer('table_id')
      .notNull()
      .references(() => forumTables.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.phaseId] }), index('forum_seating_table').on(t.tableId)],
)

/** Participant sessions: as server/auth/session.ts, only the token's SHA-256 is stored; scoped to one forum. */
export const forumSessions = sqliteTable(
  'forum_sessions',
  {
    id: text('id').primaryKey(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => forumParticipants.id, { onDelete: 'cascade' }),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('forum_sessions_participant').on(t.participantId), index('forum_sessions_forum').on(t.forumId)],
)

/**
 * A feedback item (a card): on the concept, a field, a challenge, a goal or a measure (exactly the column of its
 * target is set), in a category of its phase, in the language it was written in. Hidden cards are kept (with the
 * reason); a merged duplicate points at the card it was merged into.
 */
export const forumFeedback = sqliteTable(
  'forum_feedback',
  {
    id: integer('id').primaryKey(),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    /** Stable id of the card (UUID): the key phase B's poster documents project by. */
    cardKey: text('card_key').notNull().unique(),
    phaseId: integer('phase_id')
      .notNull()
      .references(() => forumPhases.id),
    tableId: integer('table_id').references(() => forumTables.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => forumCategories.id),
    target: text('target', { enum: FEEDBACK_TARGETS }).notNull(),
    fieldId: integer('field_id').references(() => fields.id),
    challengeId: integer('challenge_id').references(() => challenges.id),
    goalId: integer('goal_id').references(() => goals.id),
    measureId: integer('measure_id').references(() => measures.id),
    text: text('text').notNull(),
    /** BCP 47 tag of the text's language (marks its element with lang). */
    language: text('language').notNull(),
    source: text('source', { enum: FEEDBACK_SOURCES }).notNull(),
    participantId: integer('participant_id').references(() => forumParticipants.id, { onDelete: 'set null' }),
    /** A moderator who entered it for others. */
    enteredBy: integer('entered_by').references(() => users.id),
    hiddenAt: integer('hidden_at', { mode: 'number' }),
    hiddenReason: text('hidden_reason'),
    mergedIntoId: integer('merged_into_id'),
    disposition: text('disposition', { enum: DISPOSITIONS }),
    dispositionReason: text('disposition_reason').notNull().default(''),
    /** YYYY-MM-DD: when the Koordinierungsgruppe decided. */
    dispositionDate: text('disposition_date'),
    dispositionBy: integer('disposition_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('forum_feedback_forum').on(t.forumId, t.phaseId, t.tableId),
    index('forum_feedback_goal').on(t.goalId),
    index('forum_feedback_measure').on(t.measureId),
    index('forum_feedback_field').on(t.fieldId),
  ],
)

/** The moderation and review audit: who changed which card when, from what to what, and why. */
export const forumFeedbackChanges = sqliteTable(
  'forum_feedback_changes',
  {
    id: integer('id').primaryKey(),
    feedbackId: integer('feedback_id')
      .notNull()
      .references(() => forumFeedback.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FEEDBACK_CHANGES }).notNull(),
    /** JSON of the changed columns before and after. */
    before: text('before').notNull(),
    after: text('after').notNull(),
    reason: text('reason').notNull().default(''),
    byUserId: integer('by_user_id').references(() => users.id),
    at: integer('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('forum_feedback_changes_feedback').on(t.feedbackId)],
)

/** A televoting question, prepared before the event and opened and closed by the moderator. */
export const forumPolls = sqliteTable(
  'forum_polls',
  {
    id: integer('id').primaryKey(),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    question: text('question').notNull(),
    kind: text('kind', { enum: POLL_KINDS }).notNull(),
    state: text('state', { enum: POLL_STATES }).notNull().default('prepared'),
    openedAt: integer('opened_at', { mode: 'number' }),
    closedAt: integer('closed_at', { mode: 'number' }),
  },
  (t) => [index('forum_polls_forum').on(t.forumId, t.position)],
)

/** The answers of a question; a scale's are its five points ("1" … "5"). */
export const forumPollOptions = sqliteTable(
  'forum_poll_options',
  {
    id: integer('id').primaryKey(),
    pollId: integer('poll_id')
      .notNull()
      .references(() => forumPolls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('forum_poll_options_position').on(t.pollId, t.position)],
)

/** One vote per participant and question (the unique index is the rule); changeable while the question is open. */
export const forumVotes = sqliteTable(
  'forum_votes',
  {
    id: integer('id').primaryKey(),
    pollId: integer('poll_id')
      .notNull()
      .references(() => forumPolls.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => forumParticipants.id, { onDelete: 'cascade' }),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('forum_votes_one_per_participant').on(t.pollId, t.participantId)],
)

export const forumVoteChoices = sqliteTable(
  'forum_vote_choices',
  {
    voteId: integer('vote_id')
      .notNull()
      .references(() => forumVotes.id, { onDelete: 'cascade' }),
    optionId: integer('option_id')
      .notNull()
      .references(() => forumPollOptions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.optionId] }), index('forum_vote_choices_option').on(t.optionId)],
)

/** Files of a forum: the material sent in advance (as uploaded) and poster photos (re-encoded, metadata removed). */
export const forumFiles = sqliteTable(
  'forum_files',
  {
    id: integer('id').primaryKey(),
    forumId: integer('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['material', 'photo'] }).notNull(),
    /** For a photo: the table and phase of the poster, when known. */
    tableId: integer('table_id').references(() => forumTables.id, { onDelete: 'set null' }),
    phaseId: integer('phase_id').references(() => forumPhases.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('forum_files_forum').on(t.forumId, t.kind)],
)
