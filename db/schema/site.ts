import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { SITE_TEXT_KEYS } from '../../app/shared/vocabulary'
import { users } from './accounts'

/**
 * Texts of the site that the administration keeps: the accessibility statement (BITV 2.0) and the privacy notice,
 * per language. No row means the default text of the message files; a row with an empty body is an empty text (and
 * blocks publishing).
 */
export const siteTexts = sqliteTable(
  'site_texts',
  {
    key: text('key', { enum: SITE_TEXT_KEYS }).notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.key, t.language] })],
)
