import crypto from 'node:crypto'
import { aliasedTable, and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import {
  challenges,
  fields,
  forumCategories,
  forumFeedback,
  forumFormats,
  forumPhases,
  forumTables,
  forums,
  goals,
  measures,
} from '../../../db/schema'
import type { FeedbackCategory, FeedbackSource } from '../../../app/shared/vocabulary'
import { ForumError } from './forums'
import { resolveTarget, type TargetRef } from './targets'
import { publishForumEvent } from './events'
import { POSTER_TEXT_MAX } from '../../../app/shared/live/layout'

/**
 * Feedback items (cards): posted by participants at their table, entered by a moderator for others, or (phase B)
 * projected from a table's live poster document by `card_key`; and read here for the plenary, the goal page, the
 * Jour fixe and the report. The moderation's and the review's changes are in moderation.ts.
 */

/** One limit for a card's text, over HTTP and on a live poster (app/shared/live/layout.ts). */
export const CARD_TEXT_MAX = POSTER_TEXT_MAX
export const REASON_MAX = 500

// ── Posting ──────────────────────────────────────────────────────────────────────────────────────────────────────

export type CardInput = {
  forumId: number
  phaseId: number
  tableId: number | null
  categoryId: number
  target: TargetRef
  text: string
  language: string
  source: FeedbackSource
  participantId: number | null
  enteredBy: number | null
  /** Phase B: the card's id in its poster document; new cards get a fresh one. */
  cardKey?: string
}

/** Errors of a card are the participant's (their language) or the moderator's: both namespaces have these keys. */
export class CardError extends ForumError {
  override name = 'CardError'
}

/**
 * A card, after checking that its phase, table and category are the forum's and its target exists. Who may post
 * where and when is the policy's (forum.card.post, forum.moderate), asked by the caller.
 */
export function postCard(db: DbOrTx, input: CardInput): { id: number; cardKey: string } {
  const text = input.text.trim()
  if (!text) throw new CardError('participant:card.textMissing', { field: 'text' })
  if (text.length > CARD_TEXT_MAX) throw new CardError('participant:card.textTooLong', { values: { max: CARD_TEXT_MAX }, field: 'text' })
  const result = db.transaction((tx) => {
    const phase = tx.select({ id: forumPhases.id }).from(forumPhases).where(and(eq(forumPhases.id, input.phaseId), eq(forumPhases.forumId, input.forumId))).get()
    if (!phase) throw new CardError('participant:card.unknownPhase', { field: 'form' })
    if (input.tableId !== null) {
      const table = tx.select({ id: forumTables.id }).from(forumTables).where(and(eq(forumTables.id, input.tableId), eq(forumTables.forumId, input.forumId))).get()
      if (!table) throw new CardError('participant:card.unknownTable', { field: 'tableId' })
    }
    const category = tx.select({ id: forumCategories.id }).from(forumCategories).where(and(eq(forumCategories.id, input.categoryId), eq(forumCategories.phaseId, input.phaseId))).get()
    if (!category) throw new CardError('participant:card.unknownCategory', { field: 'categoryId' })
    const target = resolveTarget(tx, input.target)
    if (!target) throw new CardError('participant:card.unknownTarget', { field: 'target' })
    const cardKey = input.cardKey ?? crypto.randomUUID()
    const id = tx
      .insert(forumFeedback)
      .values({
        forumId: input.forumId,
        cardKey,
        phaseId: input.phaseId,
        tableId: input.tableId,
        categoryId: input.categoryId,
        ...target,
        text,
        language: input.language,
        source: input.source,
        participantId: input.participantId,
        enteredBy: input.enteredBy,
      })
      .returning({ id: forumFeedback.id })
      .get().id
    return { id, cardKey }
  })
  publishForumEvent({ kind: 'cards', forumId: input.forumId, phaseId: input.phaseId })
  return result
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────────────

const measureGoal = aliasedTable(goals, 'measure_goal')

/** Cards with what the pages show of them: phase, table, category, target with numbers and German titles. */
function cardQuery(db: DbOrTx) {
  return db
    .select({
      id: forumFeedback.id,
      cardKey: forumFeedback.cardKey,
      forumId: forumFeedback.forumId,
      phaseId: forumFeedback.phaseId,
      phasePosition: forumPhases.position,
      phaseTitle: forumPhases.title,
      tableId: forumFeedback.tableId,
      tableNumber: forumTables.number,
      tableName: forumTables.name,
      categoryId: forumFeedback.categoryId,
      categoryPreset: forumCategories.preset,
      categoryLabel: forumCategories.label,
      categoryPosition: forumCategories.position,
      target: forumFeedback.target,
      fieldId: forumFeedback.fieldId,
      fieldNumber: fields.number,
      fieldTitle: fields.title,
      challengeId: forumFeedback.challengeId,
      challengeTitle: challenges.title,
      goalId: forumFeedback.goalId,
      goalNumber: goals.number,
      goalDescription: goals.description,
      measureId: forumFeedback.measureId,
      measureTitle: measures.title,
      measurePosition: measures.position,
      measureGoalNumber: measureGoal.number,
      text: forumFeedback.text,
      language: forumFeedback.language,
      source: forumFeedback.source,
      participantId: forumFeedback.participantId,
      hiddenAt: forumFeedback.hiddenAt,
      hiddenReason: forumFeedback.hiddenReason,
      mergedIntoId: forumFeedback.mergedIntoId,
      disposition: forumFeedback.disposition,
      dispositionReason: forumFeedback.dispositionReason,
      dispositionDate: forumFeedback.dispositionDate,
      createdAt: forumFeedback.createdAt,
    })
    .from(forumFeedback)
    .innerJoin(forumPhases, eq(forumPhases.id, forumFeedback.phaseId))
    .innerJoin(forumCategories, eq(forumCategories.id, forumFeedback.categoryId))
    .leftJoin(forumTables, eq(forumTables.id, forumFeedback.tableId))
    .leftJoin(fields, eq(fields.id, forumFeedback.fieldId))
    .leftJoin(challenges, eq(challenges.id, forumFeedback.challengeId))
    .leftJoin(goals, eq(goals.id, forumFeedback.goalId))
    .leftJoin(measures, eq(measures.id, forumFeedback.measureId))
    .leftJoin(measureGoal, eq(measureGoal.id, measures.goalId))
}
export type Card = Awaited<ReturnType<ReturnType<typeof cardQuery>['all']>>[number]

export type CardFilter = { phaseId?: number; tableId?: number; participantId?: number; visibleOnly?: boolean }

export function cardsOf(db: DbOrTx, forumId: number, filter: CardFilter = {}): Card[] {
  const conditions = [eq(forumFeedback.forumId, forumId)]
  if (filter.phaseId) conditions.push(eq(forumFeedback.phaseId, filter.phaseId))
  if (filter.tableId) conditions.push(eq(forumFeedback.tableId, filter.tableId))
  if (filter.participantId) conditions.push(eq(forumFeedback.participantId, filter.participantId))
  if (filter.visibleOnly) conditions.push(isNull(forumFeedback.hiddenAt), isNull(forumFeedback.mergedIntoId))
  return cardQuery(db)
    .where(and(...conditions))
    .orderBy(asc(forumPhases.position), asc(fields.number), asc(forumCategories.position), asc(forumFeedback.id))
    .all()
}

export function cardOf(db: DbOrTx, forumId: number, cardId: number): Card {
  const card = cardQuery(db).where(and(eq(forumFeedback.id, cardId), eq(forumFeedback.forumId, forumId))).get()
  if (!card) throw new ForumError('forums:error.unknownCard', { values: { id: cardId } })
  return card
}

/** The plenary of a phase: every table's visible cards, grouped by field (the concept as a whole first), then category. */
export function plenary(db: DbOrTx, forumId: number, phaseId: number) {
  const cards = cardsOf(db, forumId, { phaseId, visibleOnly: true })
  const groups = new Map<string, { fieldNumber: number | null; fieldTitle: string | null; categories: Map<number, { categoryId: number; preset: FeedbackCategory | null; label: string; cards: Card[] }> }>()
  for (const card of cards) {
    const key = card.fieldNumber === null ? 'concept' : `field:${card.fieldNumber}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { fieldNumber: card.fieldNumber, fieldTitle: card.fieldTitle, categories: new Map() }))
    let category = group.categories.get(card.categoryId)
    if (!category) group.categories.set(card.categoryId, (category = { categoryId: card.categoryId, preset: card.categoryPreset, label: card.categoryLabel, cards: [] }))
    category.cards.push(card)
  }
  return [...groups.values()]
    .sort((a, b) => (a.fieldNumber ?? 0) - (b.fieldNumber ?? 0))
    .map((group) => ({ ...group, categories: [...group.categories.values()] }))
}

// ── Forum feedback where decisions are made ──────────────────────────────────────────────────────────────────────

/**
 * The visible forum feedback on a goal (its own and its measures'), on a measure, or in a field, with the forum and
 * the table it came from: for the goal page, the Jour fixe item panel and the report's field chapters. No names.
 */
export function feedbackOn(db: DbOrTx, on: { goalId: number } | { measureId: number } | { fieldId: number }) {
  const where = 'goalId' in on ? eq(forumFeedback.goalId, on.goalId) : 'measureId' in on ? eq(forumFeedback.measureId, on.measureId) : eq(forumFeedback.fieldId, on.fieldId)
  const rows = db
    .select({
      id: forumFeedback.id,
      text: forumFeedback.text,
      language: forumFeedback.language,
      target: forumFeedback.target,
      measureId: forumFeedback.measureId,
      measureTitle: measures.title,
      categoryPreset: forumCategories.preset,
      categoryLabel: forumCategories.label,
      disposition: forumFeedback.disposition,
      forumId: forums.id,
      forumTitle: forums.title,
      forumDate: forums.date,
      formatPreset: forumFormats.preset,
      formatName: forumFormats.name,
      tableNumber: forumTables.number,
      tableName: forumTables.name,
      phaseTitle: forumPhases.title,
    })
    .from(forumFeedback)
    .innerJoin(forums, eq(forums.id, forumFeedback.forumId))
    .innerJoin(forumFormats, eq(forumFormats.id, forums.formatId))
    .innerJoin(forumCategories, eq(forumCategories.id, forumFeedback.categoryId))
    .innerJoin(forumPhases, eq(forumPhases.id, forumFeedback.phaseId))
    .leftJoin(forumTables, eq(forumTables.id, forumFeedback.tableId))
    .leftJoin(measures, eq(measures.id, forumFeedback.measureId))
    .where(and(where, isNull(forumFeedback.hiddenAt), isNull(forumFeedback.mergedIntoId)))
    .orderBy(asc(forums.date), asc(forumFeedback.id))
    .all()
  const counts = new Map<string, { preset: FeedbackCategory | null; label: string; count: number }>()
  for (const row of rows) {
    const key = row.categoryPreset ?? `label:${row.categoryLabel}`
    const entry = counts.get(key) ?? { preset: row.categoryPreset, label: row.categoryLabel, count: 0 }
    entry.count++
    counts.set(key, entry)
  }
  return { total: rows.length, counts: [...counts.values()], items: rows }
}
export type FeedbackOn = ReturnType<typeof feedbackOn>

/** Participants' count of a forum's own cards (the participant page's "your cards"). */
export function participantCardCount(db: DbOrTx, participantId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(forumFeedback).where(eq(forumFeedback.participantId, participantId)).get()!.n
}
