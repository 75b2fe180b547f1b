import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts'
import { rounds } from './rounds'

/**
 * The evaluation report of a round: each chapter's live document (round/<r>/chapter/<slug>) projected like a
 * narrative, in the store transaction (server/collab/extensions/projection-chapters.ts), so that the report page's
 * static view and every export read this table, never Yjs; and the cover (title, authors as name + unit, "Stand"),
 * which is a plain form (a few fields written by one person at a time, no live document).
 */
export const reportChapters = sqliteTable(
  'report_chapters',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    /** introduction, method, field-1 … field-9, conclusion (app/shared/live/names.ts). */
    slug: text('slug').notNull(),
    /** ProseMirror JSON of the narrative schema; null while the chapter is empty. */
    json: text('json'),
    text: text('text').notNull().default(''),
    /** Whether the generated statistics table ("automatisch erzeugt") follows the chapter's text. */
    statistics: integer('statistics', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at', { mode: 'number' }),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.slug] })],
)

export const reportCovers = sqliteTable('report_covers', {
  roundId: integer('round_id')
    .primaryKey()
    .references(() => rounds.id),
  /** Empty: the default title "Evaluation – Konzept Migration und Integration im Landkreis Osnabrück – <period>". */
  title: text('title').notNull().default(''),
  /** JSON array of { name, unit }. */
  authors: text('authors').notNull().default('[]'),
  /** ISO date (YYYY-MM-DD) of "Stand"; null: the export's own date. */
  standDate: text('stand_date'),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
})
