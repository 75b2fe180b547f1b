import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { NOTICE_KINDS } from '../../app/shared/vocabulary'
import { createdAt } from './columns'
import { units, users } from './accounts'
import { rounds } from './rounds'

/** In-app notices (reminders), e-mailed too where SMTP is configured. */

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
