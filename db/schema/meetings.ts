import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { ITEM_REASONS, ITEM_STATES, MEETING_STATES } from '../../app/shared/vocabulary'
import { createdAt } from './columns'
import { users } from './accounts'
import { goals, measures } from './catalogue'
import { rounds } from './rounds'

/** The Jour fixe: meetings, their agenda items (state and decision note projected from the meeting document) and attendance. */


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
