import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { PUBLICATION_ACTIONS } from '../../app/shared/vocabulary'
import { users } from './accounts'
import { rounds } from './rounds'

/**
 * A closed round's publication: its overview and report readable without login under /veroeffentlicht/runden/<id>.
 * One row per round that was ever published; `withdrawnAt` set means it is not public now (publishing again clears
 * it). Every publish and every withdrawal also gets a row in the log, with who and when.
 */
export const roundPublications = sqliteTable('round_publications', {
  roundId: integer('round_id')
    .primaryKey()
    .references(() => rounds.id),
  publishedAt: integer('published_at', { mode: 'number' }).notNull(),
  publishedBy: integer('published_by').references(() => users.id),
  withdrawnAt: integer('withdrawn_at', { mode: 'number' }),
  withdrawnBy: integer('withdrawn_by').references(() => users.id),
})

/** Audit trail of publishing: every publish and withdrawal of a round, who did it and when. */
export const roundPublicationLog = sqliteTable(
  'round_publication_log',
  {
    id: integer('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    action: text('action', { enum: PUBLICATION_ACTIONS }).notNull(),
    userId: integer('user_id').references(() => users.id),
    at: integer('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('round_publication_log_round').on(t.roundId, t.at)],
)
