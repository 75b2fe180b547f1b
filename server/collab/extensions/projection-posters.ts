import { and, eq, sql } from 'drizzle-orm'
import type * as Y from 'yjs'
import { CARDS_MAP, parsePosterTarget, readPosterCard, type PosterCard } from '../../../app/shared/live/layout'
import type { Db } from '../../../db/client'
import { forumFeedback, forumFeedbackChanges } from '../../../db/schema'
import { publishForumEvent } from '../../services/forums/events'
import { resolveTarget } from '../../services/forums/targets'
import type { PosterDocumentMeta } from '../documents'

/** What persistence hands the projector in the store transaction (projection.ts StoreContext, for a poster). */
export type PosterStoreContext = {
  tx: Db
  meta: PosterDocumentMeta
  document: Y.Doc
  transaction: Y.Transaction | null
  userId: number | null
  participantId: number | null
  now: number
}

/**
 * A table poster's cards into forum_feedback (source 'poster', keyed by card_key), in the store transaction like
 * every projection: the plenary, the moderation page, the review, the Rückmeldung, the documentation and the goal
 * page read the row exactly as they read a card posted over HTTP.
 *
 * - A card added on the poster becomes a row (its participant when a forum session wrote it, else the staff user
 *   as `entered_by`).
 * - A card the server's moderation changed on the poster (moved to another category or target) updates its row;
 *   the moderation service wrote that row and its audit first, so the values agree and nothing is audited twice.
 * - A card removed from the poster is withdrawn: its row is deleted while nobody has moderated or reviewed it (no
 *   audit row, no disposition, not hidden, not merged, nothing merged into it). A card the moderation hid or
 *   merged is removed from the poster by the server and keeps its row, with the reason in the audit.
 *
 * After the commit the forum's event stream hears of it, so the plenary view updates live (its existing SSE).
 */

type Row = { id: number; forumId: number; phaseId: number; tableId: number | null; categoryId: number; text: string; target: string; fieldId: number | null; challengeId: number | null; goalId: number | null; measureId: number | null; hiddenAt: number | null; mergedIntoId: number | null; disposition: string | null }

export class PosterProjection {
  project({ tx, meta, document, transaction, userId, participantId, now }: PosterStoreContext): (() => void) | void {
    const cards = document.getMap(CARDS_MAP)
    const keys = transaction === null ? this.allKeys(tx, meta, cards) : changedKeys(transaction, cards)
    if (keys.size === 0) return
    let changed = false
    for (const key of keys) {
      const card = cards.has(key) ? readPosterCard(key, cards.get(key)) : null
      const row = this.row(tx, key)
      if (row && (row.forumId !== meta.forumId || row.phaseId !== meta.phaseId)) {
        // Admission refuses a key another card has; a server edit never makes one. Never touch a foreign row.
        console.error(`Zielwerk: Karte ${key} von ${meta.name} gehört zu einem anderen Plakat; nicht übernommen.`)
        continue
      }
      if (card) changed = this.upsert(tx, meta, card, row, userId, participantId, now) || changed
      else if (row) changed = this.withdraw(tx, row) || changed
    }
    if (!changed) return
    return () => publishForumEvent({ kind: 'cards', forumId: meta.forumId, phaseId: meta.phaseId })
  }

  private row(tx: Db, key: string): Row | undefined {
    return tx
      .select({
        id: forumFeedback.id,
        forumId: forumFeedback.forumId,
        phaseId: forumFeedback.phaseId,
        tableId: forumFeedback.tableId,
        categoryId: forumFeedback.categoryId,
        text: forumFeedback.text,
        target: forumFeedback.target,
        fieldId: forumFeedback.fieldId,
        challengeId: forumFeedback.challengeId,
        goalId: forumFeedback.goalId,
        measureId: forumFeedback.measureId,
        hiddenAt: forumFeedback.hiddenAt,
        mergedIntoId: forumFeedback.mergedIntoId,
        disposition: forumFeedback.disposition,
      })
      .from(forumFeedback)
      .where(eq(forumFeedback.cardKey, key))
      .get()
  }

  /** Every card on the poster and every row projected from it (a re-projection). */
  private allKeys(tx: Db, meta: PosterDocumentMeta, cards: Y.Map<unknown>): Set<string> {
    const keys = new Set(cards.keys())
    const rows = tx
      .select({ key: forumFeedback.cardKey })
      .from(forumFeedback)
      .where(and(eq(forumFeedback.forumId, meta.forumId), eq(forumFeedback.phaseId, meta.phaseId), eq(forumFeedback.tableId, meta.tableId), eq(forumFeedback.source, 'poster')))
      .all()
    for (const { key } of rows) keys.add(key)
    return keys
  }

  private upsert(tx: Db, meta: PosterDocumentMeta, card: PosterCard, row: Row | undefined, userId: number | null, participantId: number | null, now: number): boolean {
    const ref = parsePosterTarget(card.target)
    const target = ref ? resolveTarget(tx, ref) : null
    if (!target) {
      console.error(`Zielwerk: Karte ${card.key} von ${meta.name} hat keinen gültigen Bezug; nicht übernommen.`)
      return false
    }
    const text = card.text.trim()
    if (!row) {
      tx.insert(forumFeedback)
        .values({
          forumId: meta.forumId,
          cardKey: card.key,
          phaseId: meta.phaseId,
          tableId: meta.tableId,
          categoryId: card.category,
          ...target,
          text,
          language: card.language,
          source: 'poster',
          participantId,
          enteredBy: participantId === null ? userId : null,
          createdAt: Number.isFinite(card.createdAt) && card.createdAt > 0 && card.createdAt <= now ? card.createdAt : now,
        })
        .run()
      return true
    }
    const same =
      row.text === text && row.categoryId === card.category && row.target === target.target && row.fieldId === target.fieldId &&
      row.challengeId === target.challengeId && row.goalId === target.goalId && row.measureId === target.measureId
    if (same) return false
    tx.update(forumFeedback).set({ text, categoryId: card.category, ...target }).where(eq(forumFeedback.id, row.id)).run()
    return true
  }

  private withdraw(tx: Db, row: Row): boolean {
    if (row.hiddenAt !== null || row.mergedIntoId !== null || row.disposition !== null) return false
    const audited = tx.select({ n: sql<number>`count(*)` }).from(forumFeedbackChanges).where(eq(forumFeedbackChanges.feedbackId, row.id)).get()!.n
    const mergedHere = tx.select({ n: sql<number>`count(*)` }).from(forumFeedback).where(eq(forumFeedback.mergedIntoId, row.id)).get()!.n
    if (audited > 0 || mergedHere > 0) return false
    tx.delete(forumFeedback).where(eq(forumFeedback.id, row.id)).run()
    return true
  }
}

/** The card keys a Yjs transaction touched: keys of the cards map, and the keys of cards whose own map changed. */
function changedKeys(transaction: Y.Transaction, cards: Y.Map<unknown>): Set<string> {
  const keys = new Set<string>()
  for (const [type, subs] of transaction.changed) {
    if (Object.is(type, cards)) {
      for (const key of subs) if (key !== null) keys.add(key)
    } else if (type._item?.parent === cards && typeof type._item.parentSub === 'string') {
      keys.add(type._item.parentSub)
    }
  }
  return keys
}
