import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { STAFF_LOCALES } from '../../app/shared/i18n/languages'
import { ROLES, UNIT_ROLES_ON_MEASURE } from '../../app/shared/vocabulary'
import { createdAt } from './columns'
import { measures } from './catalogue'

/** Organisational units, which measures they are responsible for, user accounts, sessions and memberships (user × unit × role). */

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
