import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { ATTAINMENTS, RATING_KINDS, ROUND_STATES } from '../../app/shared/vocabulary'
import { createdAt } from './columns'
import { users } from './accounts'
import { concepts, goals, measures } from './catalogue'

/** Reporting rounds and the projection of the live documents: status per measure and goal, and the audit of every rating change. */

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
    /** A round of example data (npm run seed:demo): never the start of a real round, never the default one. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
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
    /**
     * Where a change came from when nobody typed it in Zielwerk: a value entered afterwards (nachgetragen) names the
     * document or file it came from ("Evaluationsbericht 2018–2022, Übersichtstabelle"), an XLSX import its file
     * ("Import aus Übersicht.xlsx"); null for an edit in the app.
     */
    source: text('source'),
  },
  (t) => [index('status_changes_round_measure').on(t.roundId, t.measureId, t.at)],
)
