import { sql } from 'drizzle-orm'
import { integer } from 'drizzle-orm/sqlite-core'

/** Timestamps are stored as Unix milliseconds (integer), so SQLite sorts and compares them cheaply. */
export const createdAt = () =>
  integer('created_at', { mode: 'number' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)
