import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { DIMENSIONS, INDICATOR_AREAS, INDICATOR_UNITS, REFERENCE_KINDS, SEXES, TERRITORY_KINDS } from '../../app/shared/vocabulary'
import { createdAt } from './columns'
import { users } from './accounts'
import { goals } from './catalogue'

/**
 * The integration monitoring: the county and its 21 member municipalities (territories), the indicators with their
 * definitions, and their values. Values are aggregates only – indicator × territory × reference date × breakdown →
 * a figure – never records of persons. Every change of a value is written to indicator_value_changes.
 */

export const territories = sqliteTable('territories', {
  id: integer('id').primaryKey(),
  /** For addresses: /monitoring/datenblaetter/bad-essen/2025. */
  slug: text('slug').notNull().unique(),
  name: text('name').notNull().unique(),
  /** The spelling of the county's tables ("Dissen a.T.W."), accepted on import too. */
  shortName: text('short_name'),
  kind: text('kind', { enum: TERRITORY_KINDS }).notNull(),
  /** Stadt, Gemeinde, Samtgemeinde (general knowledge, not from the seed text); null for the county. */
  municipalityKind: text('municipality_kind'),
})

export const indicators = sqliteTable('indicators', {
  id: integer('id').primaryKey(),
  /** Short identifier for files (kennzahl column), e.g. "auslaenderanteil". */
  key: text('key').notNull().unique(),
  name: text('name').notNull().unique(),
  area: text('area', { enum: INDICATOR_AREAS }).notNull(),
  /** The glossary definition. Empty is allowed but warned about on the monitoring page. */
  definition: text('definition').notNull().default(''),
  unit: text('unit', { enum: INDICATOR_UNITS }).notNull(),
  numerator: text('numerator').notNull().default(''),
  numeratorSource: text('numerator_source').notNull().default(''),
  denominator: text('denominator').notNull().default(''),
  denominatorSource: text('denominator_source').notNull().default(''),
  /** The credits line as printed: "Datenquelle: …" and "Darstellung und Berechnung: …". */
  dataSource: text('data_source').notNull().default(''),
  presentation: text('presentation').notNull().default(''),
  referenceKind: text('reference_kind', { enum: REFERENCE_KINDS }).notNull(),
  /** JSON array of BREAKDOWNS. */
  breakdowns: text('breakdowns').notNull().default('[]'),
  /** Why the indicator is kept (Difu: few, justified indicators). Required by the form. */
  rationale: text('rationale').notNull(),
  /** The first year whose values follow today's definition; the development is shown from there on. */
  comparableFrom: integer('comparable_from'),
  targetValue: real('target_value'),
  targetYear: integer('target_year'),
  thresholdValue: real('threshold_value'),
  thresholdYear: integer('threshold_year'),
  /** Where a starter definition comes from in the seed documents; null for indicators the administration added. */
  seedPassage: text('seed_passage'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
})

/** The goals of the catalogue an indicator informs. */
export const indicatorGoals = sqliteTable(
  'indicator_goals',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    goalId: integer('goal_id')
      .notNull()
      .references(() => goals.id),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.goalId] }), index('indicator_goals_goal').on(t.goalId)],
)

/** A pending or applied import: the checked rows wait here between the preview of its changes and "Übernehmen". */
export const indicatorImports = sqliteTable('indicator_imports', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').references(() => users.id),
  fileName: text('file_name').notNull(),
  state: text('state', { enum: ['pending', 'applied', 'discarded'] }).notNull().default('pending'),
  /** JSON of the checked rows (ImportRow[]). Emptied once applied or discarded. */
  rows: text('rows').notNull(),
  /** JSON counts for the list of imports. */
  summary: text('summary').notNull().default('{}'),
  /** The values' version when the preview was made; applying refuses if the values changed since. */
  baseVersion: text('base_version').notNull(),
  createdAt: createdAt(),
  appliedAt: integer('applied_at', { mode: 'number' }),
})

export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    id: integer('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    territoryId: integer('territory_id')
      .notNull()
      .references(() => territories.id),
    /** JJJJ-MM-TT: the Stichtag, the year's end for a year, the quarter's end for a quarter. */
    referenceDate: text('reference_date').notNull(),
    dimension: text('dimension', { enum: DIMENSIONS }).notNull(),
    /** The part within the dimension ("EU", "Syrien", "18 bis unter 25 Jahre", "übrige"); '' for the total. */
    category: text('category').notNull().default(''),
    sex: text('sex', { enum: SEXES }).notNull().default('all'),
    /** In the indicator's unit; null is a recorded gap (then `note` says why). */
    value: real('value'),
    /** The absolute number behind a share (its numerator), for display beside it and for small-number protection. */
    count: integer('count'),
    /** The denominator of a share, where the source gives it. */
    base: integer('base'),
    source: text('source').notNull().default(''),
    /** Completeness: what is missing or estimated ("ohne Samtgemeinde X", "gedruckt 16.950"). */
    note: text('note').notNull().default(''),
    /** Synthetic values of `npm run seed:demo`, labelled on every page and removable in one step. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    importId: integer('import_id').references(() => indicatorImports.id),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('indicator_values_key').on(t.indicatorId, t.territoryId, t.referenceDate, t.dimension, t.category, t.sex),
    index('indicator_values_territory_date').on(t.territoryId, t.referenceDate),
    index('indicator_values_date').on(t.referenceDate),
  ],
)

/** The audit of values: who changed which value when, from what to what (imports and the removal of demo data). */
export const indicatorValueChanges = sqliteTable(
  'indicator_value_changes',
  {
    id: integer('id').primaryKey(),
    importId: integer('import_id').references(() => indicatorImports.id),
    userId: integer('user_id').references(() => users.id),
    at: createdAt(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    territoryId: integer('territory_id')
      .notNull()
      .references(() => territories.id),
    referenceDate: text('reference_date').notNull(),
    dimension: text('dimension', { enum: DIMENSIONS }).notNull(),
    category: text('category').notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    change: text('change', { enum: ['insert', 'update', 'delete'] }).notNull(),
    oldValue: real('old_value'),
    newValue: real('new_value'),
    oldCount: integer('old_count'),
    newCount: integer('new_count'),
    oldNote: text('old_note'),
    newNote: text('new_note'),
  },
  (t) => [index('indicator_value_changes_at').on(t.at)],
)

/** The local interpretation of one data sheet and year (the seed: "Ergebnisinterpretation sollte lokal erfolgen"). */
export const sheetInterpretations = sqliteTable(
  'sheet_interpretations',
  {
    territoryId: integer('territory_id')
      .notNull()
      .references(() => territories.id),
    year: integer('year').notNull(),
    text: text('text').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.year] })],
)

/** A published year: its 22 sheets are readable without login. */
export const sheetPublications = sqliteTable('sheet_publications', {
  year: integer('year').primaryKey(),
  publishedBy: integer('published_by').references(() => users.id),
  publishedAt: createdAt(),
})

/** One row (id 1): the monitoring's settings. */
export const monitoringSettings = sqliteTable('monitoring_settings', {
  id: integer('id').primaryKey(),
  /** Counts 1 … threshold−1 are shown as "< threshold" and shares built on them are withheld. */
  smallNumberThreshold: integer('small_number_threshold').notNull().default(3),
})
