import { and, asc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumCategories, forumFeedback, forumFeedbackChanges, forumTables } from '../../../db/schema'
import type { Disposition, FeedbackChange } from '../../../app/shared/vocabulary'
import { ForumError } from './forums'
import { resolveTarget, targetRefOf, type TargetRef } from './targets'
import { publishForumEvent } from './events'
import { CardError, cardOf, cardsOf, REASON_MAX, type Card } from './feedback'

/**
 * What the moderation and the review do with a forum's cards (feedback.ts posts and reads them): move, merge, hide
 * and unhide, each change kept in forum_feedback_changes with who, when and why; the review's disposition per card,
 * and the Rückmeldung the participants read from it.
 */

// ── Moderation ───────────────────────────────────────────────────────────────────────────────────────────────────

function audit(db: DbOrTx, feedbackId: number, kind: FeedbackChange, before: unknown, after: unknown, reason: string, byUserId: number | null, now: number) {
  db.insert(forumFeedbackChanges).values({ feedbackId, kind, before: JSON.stringify(before), after: JSON.stringify(after), reason, byUserId, at: now }).run()
}

export type MoveInput = { target?: TargetRef; categoryId?: number; tableId?: number | null }

/** Moves a card to another target (goal, measure …), category of its phase, or table; audited. */
export function moveCard(db: DbOrTx, forumId: number, cardId: number, move: MoveInput, byUserId: number | null, reason = '', now = Date.now()): void {
  const card = db.transaction((tx) => {
    const card = cardOf(tx, forumId, cardId)
    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    const set: Partial<typeof forumFeedback.$inferInsert> = {}
    if (move.target) {
      const target = resolveTarget(tx, move.target)
      if (!target) throw new CardError('participant:card.unknownTarget', { field: 'target' })
      Object.assign(set, target)
      before.target = targetRefOf(card, card.goalNumber)
      after.target = move.target.target === 'concept' ? 'concept' : `${move.target.target}:${move.target.id}`
    }
    if (move.categoryId !== undefined && move.categoryId !== card.categoryId) {
      const category = tx.select({ id: forumCategories.id }).from(forumCategories).where(and(eq(forumCategories.id, move.categoryId), eq(forumCategories.phaseId, card.phaseId))).get()
      if (!category) throw new CardError('participant:card.unknownCategory', { field: 'categoryId' })
      set.categoryId = move.categoryId
      before.categoryId = card.categoryId
      after.categoryId = move.categoryId
    }
    if (move.tableId !== undefined && move.tableId !== card.tableId) {
      if (move.tableId !== null && !tx.select({ id: forumTables.id }).from(forumTables).where(and(eq(forumTables.id, move.tableId), eq(forumTables.forumId, forumId))).get()) {
        throw new CardError('participant:card.unknownTable', { field: 'tableId' })
      }
      set.tableId = move.tableId
      before.tableId = card.tableId
      after.tableId = move.tableId
    }
    if (Object.keys(set).length === 0) return card
    tx.update(forumFeedback).set(set).where(eq(forumFeedback.id, cardId)).run()
    audit(tx, cardId, 'move', before, after, reason.trim(), byUserId, now)
    return card
  })
  publishForumEvent({ kind: 'cards', forumId, phaseId: card.phaseId })
}

/** Duplicates point at the card they were merged into and leave the plenary and the review; audited per duplicate. */
export function mergeCards(db: DbOrTx, forumId: number, keepId: number, duplicateIds: number[], byUserId: number | null, now = Date.now()): void {
  const keep = db.transaction((tx) => {
    const keep = cardOf(tx, forumId, keepId)
    if (keep.mergedIntoId !== null) throw new ForumError('forums:error.mergeIntoMerged')
    const others = [...new Set(duplicateIds)].filter((id) => id !== keepId)
    if (others.length === 0) throw new ForumError('forums:error.mergeNothing')
    for (const id of others) {
      const card = cardOf(tx, forumId, id)
      if (card.mergedIntoId !== null) continue
      tx.update(forumFeedback).set({ mergedIntoId: keepId }).where(eq(forumFeedback.id, id)).run()
      // Cards merged into the duplicate follow it to the kept one.
      tx.update(forumFeedback).set({ mergedIntoId: keepId }).where(eq(forumFeedback.mergedIntoId, id)).run()
      audit(tx, id, 'merge', { mergedIntoId: null }, { mergedIntoId: keepId }, '', byUserId, now)
    }
    return keep
  })
  publishForumEvent({ kind: 'cards', forumId, phaseId: keep.phaseId })
}

/** An abusive card is hidden, never deleted: it stays with its reason in the audit. */
export function hideCard(db: DbOrTx, forumId: number, cardId: number, reason: string, byUserId: number | null, now = Date.now()): void {
  const trimmed = reason.trim()
  if (!trimmed) throw new ForumError('forums:error.hideReasonMissing', { field: 'reason' })
  const card = db.transaction((tx) => {
    const card = cardOf(tx, forumId, cardId)
    if (card.hiddenAt !== null) throw new ForumError('forums:error.alreadyHidden')
    tx.update(forumFeedback).set({ hiddenAt: now, hiddenReason: trimmed }).where(eq(forumFeedback.id, cardId)).run()
    audit(tx, cardId, 'hide', { hiddenAt: null }, { hiddenAt: now }, trimmed, byUserId, now)
    return card
  })
  publishForumEvent({ kind: 'cards', forumId, phaseId: card.phaseId })
}

export function unhideCard(db: DbOrTx, forumId: number, cardId: number, byUserId: number | null, now = Date.now()): void {
  const card = db.transaction((tx) => {
    const card = cardOf(tx, forumId, cardId)
    if (card.hiddenAt === null) throw new ForumError('forums:error.notHidden')
    tx.update(forumFeedback).set({ hiddenAt: null, hiddenReason: null }).where(eq(forumFeedback.id, cardId)).run()
    audit(tx, cardId, 'unhide', { hiddenAt: card.hiddenAt, hiddenReason: card.hiddenReason }, { hiddenAt: null }, '', byUserId, now)
    return card
  })
  publishForumEvent({ kind: 'cards', forumId, phaseId: card.phaseId })
}

export function changesOf(db: DbOrTx, forumId: number) {
  return db
    .select({
      id: forumFeedbackChanges.id,
      feedbackId: forumFeedbackChanges.feedbackId,
      kind: forumFeedbackChanges.kind,
      before: forumFeedbackChanges.before,
      after: forumFeedbackChanges.after,
      reason: forumFeedbackChanges.reason,
      byUserId: forumFeedbackChanges.byUserId,
      at: forumFeedbackChanges.at,
    })
    .from(forumFeedbackChanges)
    .innerJoin(forumFeedback, eq(forumFeedback.id, forumFeedbackChanges.feedbackId))
    .where(eq(forumFeedback.forumId, forumId))
    .orderBy(asc(forumFeedbackChanges.id))
    .all()
}

// ── Review ───────────────────────────────────────────────────────────────────────────────────────────────────────

export type DispositionInput = { disposition: Disposition; reason: string; date: string }

/** The Koordinierungsgruppe's decision on one item or many at once; merged and hidden cards are not reviewed. */
export function setDisposition(db: DbOrTx, forumId: number, cardIds: number[], input: DispositionInput, byUserId: number | null, now = Date.now()): number {
  const ids = [...new Set(cardIds)]
  if (ids.length === 0) throw new ForumError('forums:error.noItemsChosen', { field: 'cardIds' })
  if (input.reason.trim().length > REASON_MAX) throw new ForumError('forums:error.reasonTooLong', { values: { max: REASON_MAX }, field: 'reason' })
  return db.transaction((tx) => {
    const cards = tx
      .select({ id: forumFeedback.id, disposition: forumFeedback.disposition, reason: forumFeedback.dispositionReason, date: forumFeedback.dispositionDate, hiddenAt: forumFeedback.hiddenAt, mergedIntoId: forumFeedback.mergedIntoId })
      .from(forumFeedback)
      .where(and(eq(forumFeedback.forumId, forumId), inArray(forumFeedback.id, ids)))
      .all()
    if (cards.length !== ids.length) throw new ForumError('forums:error.unknownCards', { field: 'cardIds' })
    if (cards.some((c) => c.hiddenAt !== null || c.mergedIntoId !== null)) throw new ForumError('forums:error.reviewHiddenOrMerged', { field: 'cardIds' })
    for (const card of cards) {
      tx.update(forumFeedback)
        .set({ disposition: input.disposition, dispositionReason: input.reason.trim(), dispositionDate: input.date, dispositionBy: byUserId })
        .where(eq(forumFeedback.id, card.id))
        .run()
      audit(tx, card.id, 'disposition', { disposition: card.disposition, reason: card.reason, date: card.date }, { disposition: input.disposition, reason: input.reason.trim(), date: input.date }, input.reason.trim(), byUserId, now)
    }
    return cards.length
  })
}

/**
 * What became of a forum's input, for the participants: every visible item with its disposition, grouped by field
 * and goal (the concept as a whole first). No names: the Rückmeldung is for everybody with the forum's code.
 */
export function rueckmeldung(db: DbOrTx, forumId: number) {
  const cards = cardsOf(db, forumId, { visibleOnly: true })
  const fieldsMap = new Map<string, { fieldNumber: number | null; fieldTitle: string | null; goals: Map<string, { goalNumber: number | null; goalDescription: string | null; items: Card[] }> }>()
  for (const card of cards) {
    const fieldKey = card.fieldNumber === null ? 'concept' : String(card.fieldNumber)
    let field = fieldsMap.get(fieldKey)
    if (!field) fieldsMap.set(fieldKey, (field = { fieldNumber: card.fieldNumber, fieldTitle: card.fieldTitle, goals: new Map() }))
    const goalNumber = card.goalNumber ?? card.measureGoalNumber
    const goalKey = goalNumber === null ? 'none' : String(goalNumber)
    let goal = field.goals.get(goalKey)
    if (!goal) field.goals.set(goalKey, (goal = { goalNumber, goalDescription: card.goalDescription, items: [] }))
    goal.items.push(card)
  }
  return [...fieldsMap.values()]
    .sort((a, b) => (a.fieldNumber ?? 0) - (b.fieldNumber ?? 0))
    .map((field) => ({ ...field, goals: [...field.goals.values()].sort((a, b) => (a.goalNumber ?? 0) - (b.goalNumber ?? 0)) }))
}
