import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns'

/** The live documents (Yjs): compacted snapshots and the append log of updates (server/collab/extensions/persistence.ts). */

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
