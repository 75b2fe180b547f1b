import { and, eq, sql } from 'drizzle-orm'
import type * as Y from 'yjs'
import { CARDS_MAP, parsePosterTarget, posterCardProblem, readPosterCard } from '../../app/shared/live/layout'
import { CLOSE } from '../../app/shared/live/close-codes'
import type { Db } from '../../db/client'
import { forumCategories, forumFeedback } from '../../db/schema'
import { resolveTarget } from '../services/forums/targets'
import type { PosterDocumentMeta } from './documents'
import type { Violation } from './limits'

/**
 * What a table poster may take (forums, phase B), beyond the layout's root check: a client adds a card whole or
 * removes one whole, and changes none. A new card is well-formed (layout.ts posterCardProblem: 4422, or 4413 for a
 * text or name too long), in a category of the poster's phase, about a target that exists (the catalogue), under a
 * key no other card has ever had (forum_feedback.card_key is unique over all forums: a foreign key would take
 * another card's row). A participant removes only cards they wrote; staff who may write remove any. The poster
 * holds at most MAX_CARDS cards (4413).
 */

export const MAX_CARDS = 400

type Statements = {
  category: { get(values: { id: number; phaseId: number }): { id: number } | undefined }
  byKey: { get(values: { key: string }): { participantId: number | null } | undefined }
}
const prepared = new WeakMap<Db, Statements>()

function statements(db: Db): Statements {
  let s = prepared.get(db)
  if (!s) {
    s = {
      category: db
        .select({ id: forumCategories.id })
        .from(forumCategories)
        .where(and(eq(forumCategories.id, sql.placeholder('id')), eq(forumCategories.phaseId, sql.placeholder('phaseId'))))
        .prepare(),
      byKey: db.select({ participantId: forumFeedback.participantId }).from(forumFeedback).where(eq(forumFeedback.cardKey, sql.placeholder('key'))).prepare(),
    }
    prepared.set(db, s)
  }
  return s
}

const json = (value: unknown) => JSON.stringify(value && typeof (value as Y.Map<unknown>).toJSON === 'function' ? (value as Y.Map<unknown>).toJSON() : value)

/**
 * Compares the poster before (`real`) and after the update (`copy`); the first violation, or null.
 * `participantId`: the forum session writing, or null for staff.
 */
export function checkPoster(db: Db, meta: PosterDocumentMeta, real: Y.Doc, copy: Y.Doc, participantId: number | null): Violation | null {
  const before = real.getMap(CARDS_MAP)
  const after = copy.getMap(CARDS_MAP)
  if (after.size > MAX_CARDS) return { close: CLOSE.tooLarge, detail: `mehr als ${MAX_CARDS} Karten auf einem Plakat` }
  const q = statements(db)
  for (const [key, value] of after.entries()) {
    if (before.has(key)) {
      if (json(before.get(key)) !== json(value)) return { close: CLOSE.rejected, detail: `Karte ${key.slice(0, 40)} wurde verändert` }
      continue
    }
    const problem = posterCardProblem(key, value)
    if (problem) return { close: problem.tooLarge ? CLOSE.tooLarge : CLOSE.rejected, detail: problem.detail }
    const card = readPosterCard(key, value)!
    if (!q.category.get({ id: card.category, phaseId: meta.phaseId })) return { close: CLOSE.rejected, detail: `Kategorie ${card.category} gehört nicht zu dieser Phase` }
    const target = parsePosterTarget(card.target)!
    if (!resolveTarget(db, target)) return { close: CLOSE.rejected, detail: `Bezug ${card.target} gibt es nicht` }
    if (q.byKey.get({ key })) return { close: CLOSE.rejected, detail: `Kartenschlüssel ${key.slice(0, 40)} ist schon vergeben` }
  }
  for (const key of before.keys()) {
    if (after.has(key) || participantId === null) continue
    const row = q.byKey.get({ key })
    if (row?.participantId !== participantId) return { close: CLOSE.rejected, detail: `Karte ${key.slice(0, 40)} ist nicht die eigene` }
  }
  return null
}
