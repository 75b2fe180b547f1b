import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { GOAL_KINDS } from '../../app/shared/vocabulary'

/** The catalogue: a concept with its fields of action, challenges, goals and measures (seeded from db/seed/catalogue.json). */

export const concepts = sqliteTable('concepts', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  period: text('period').notNull(),
  region: text('region').notNull(),
  source: text('source').notNull().default(''),
})

export const fields = sqliteTable(
  'fields',
  {
    id: integer('id').primaryKey(),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('fields_concept_number').on(t.conceptId, t.number)],
)

export const challenges = sqliteTable(
  'challenges',
  {
    id: integer('id').primaryKey(),
    fieldId: integer('field_id')
      .notNull()
      .references(() => fields.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('challenges_field_position').on(t.fieldId, t.position)],
)

export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey(),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id),
    number: integer('number').notNull(),
    description: text('description').notNull(),
    /** process / project / quantitative; not in the source, so empty until someone sets it. */
    kind: text('kind', { enum: GOAL_KINDS }),
  },
  (t) => [uniqueIndex('goals_concept_number').on(t.conceptId, t.number)],
)

export const measures = sqliteTable(
  'measures',
  {
    id: integer('id').primaryKey(),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** The OCR of the source could not attribute this row with certainty (catalogue.json `source_uncertain`). */
    sourceUncertain: integer('source_uncertain', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('measures_goal_position').on(t.goalId, t.position)],
)
