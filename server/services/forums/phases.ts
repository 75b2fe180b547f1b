import { and, asc, eq, inArray, max, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumCategories, forumFeedback, forumPhases } from '../../../db/schema'
import type { FeedbackCategory } from '../../../app/shared/vocabulary'
import { publishForumEvent } from './events'
import { ForumError, forumRow } from './forums'

/**
 * A forum's phases (the rounds of table work: one open at a time) and each phase's feedback categories: setting
 * them up, and opening and closing a phase while the forum is open.
 */

export function phasesOf(db: DbOrTx, forumId: number) {
  const phases = db
    .select({ id: forumPhases.id, position: forumPhases.position, title: forumPhases.title, state: forumPhases.state })
    .from(forumPhases)
    .where(eq(forumPhases.forumId, forumId))
    .orderBy(asc(forumPhases.position))
    .all()
  const categories = phases.length
    ? db
        .select({ id: forumCategories.id, phaseId: forumCategories.phaseId, position: forumCategories.position, preset: forumCategories.preset, label: forumCategories.label })
        .from(forumCategories)
        .where(inArray(forumCategories.phaseId, phases.map((p) => p.id)))
        .orderBy(asc(forumCategories.position))
        .all()
    : []
  return phases.map((phase) => ({ ...phase, categories: categories.filter((c) => c.phaseId === phase.id) }))
}
export type PhaseWithCategories = ReturnType<typeof phasesOf>[number]

function phaseOf(db: DbOrTx, forumId: number, phaseId: number) {
  const phase = db
    .select({ id: forumPhases.id, state: forumPhases.state, title: forumPhases.title })
    .from(forumPhases)
    .where(and(eq(forumPhases.id, phaseId), eq(forumPhases.forumId, forumId)))
    .get()
  if (!phase) throw new ForumError('forums:error.unknownPhase')
  return phase
}

export function addPhase(db: DbOrTx, forumId: number, title: string): number {
  return db.transaction((tx) => {
    forumRow(tx, forumId)
    const next = (tx.select({ n: max(forumPhases.position) }).from(forumPhases).where(eq(forumPhases.forumId, forumId)).get()?.n ?? 0) + 1
    const phaseId = tx.insert(forumPhases).values({ forumId, position: next, title: title.trim() }).returning({ id: forumPhases.id }).get().id
    tx.insert(forumCategories).values({ phaseId, position: 1, preset: 'idea' }).run()
    return phaseId
  })
}

export function renamePhase(db: DbOrTx, forumId: number, phaseId: number, title: string): void {
  db.transaction((tx) => {
    phaseOf(tx, forumId, phaseId)
    tx.update(forumPhases).set({ title: title.trim() }).where(eq(forumPhases.id, phaseId)).run()
  })
}

/** A phase that never had cards can go; a forum keeps at least one. */
export function deletePhase(db: DbOrTx, forumId: number, phaseId: number): void {
  db.transaction((tx) => {
    phaseOf(tx, forumId, phaseId)
    const count = tx.select({ n: sql<number>`count(*)` }).from(forumPhases).where(eq(forumPhases.forumId, forumId)).get()!.n
    if (count <= 1) throw new ForumError('forums:error.lastPhase')
    const cards = tx.select({ n: sql<number>`count(*)` }).from(forumFeedback).where(eq(forumFeedback.phaseId, phaseId)).get()!.n
    if (cards > 0) throw new ForumError('forums:error.phaseHasCards')
    tx.delete(forumPhases).where(eq(forumPhases.id, phaseId)).run()
  })
}

/** A category: a preset of the vocabulary, or a label of the county's own. */
export function addCategory(db: DbOrTx, forumId: number, phaseId: number, category: { preset: FeedbackCategory } | { label: string }): number {
  return db.transaction((tx) => {
    phaseOf(tx, forumId, phaseId)
    const existing = tx.select({ preset: forumCategories.preset, label: forumCategories.label }).from(forumCategories).where(eq(forumCategories.phaseId, phaseId)).all()
    if ('preset' in category ? existing.some((c) => c.preset === category.preset) : existing.some((c) => !c.preset && c.label === category.label.trim())) {
      throw new ForumError('forums:error.categoryDuplicate', { field: 'category' })
    }
    const next = (tx.select({ n: max(forumCategories.position) }).from(forumCategories).where(eq(forumCategories.phaseId, phaseId)).get()?.n ?? 0) + 1
    const values = 'preset' in category ? { preset: category.preset } : { label: category.label.trim() }
    return tx.insert(forumCategories).values({ phaseId, position: next, ...values }).returning({ id: forumCategories.id }).get().id
  })
}

export function removeCategory(db: DbOrTx, forumId: number, categoryId: number): void {
  db.transaction((tx) => {
    const category = tx
      .select({ id: forumCategories.id, phaseId: forumCategories.phaseId })
      .from(forumCategories)
      .innerJoin(forumPhases, eq(forumPhases.id, forumCategories.phaseId))
      .where(and(eq(forumCategories.id, categoryId), eq(forumPhases.forumId, forumId)))
      .get()
    if (!category) throw new ForumError('forums:error.unknownCategory')
    const cards = tx.select({ n: sql<number>`count(*)` }).from(forumFeedback).where(eq(forumFeedback.categoryId, categoryId)).get()!.n
    if (cards > 0) throw new ForumError('forums:error.categoryHasCards')
    const left = tx.select({ n: sql<number>`count(*)` }).from(forumCategories).where(eq(forumCategories.phaseId, category.phaseId)).get()!.n
    if (left <= 1) throw new ForumError('forums:error.lastCategory')
    tx.delete(forumCategories).where(eq(forumCategories.id, categoryId)).run()
  })
}

// ── One phase at a time ────────────────────────────────────────────────────────────────────────────────────────

/** Opening a phase closes the one that was open: the tables work on one phase at a time. */
export function setPhaseState(db: DbOrTx, forumId: number, phaseId: number, state: 'open' | 'closed'): void {
  db.transaction((tx) => {
    const forum = forumRow(tx, forumId)
    const phase = phaseOf(tx, forumId, phaseId)
    if (state === 'open') {
      if (forum.state !== 'open') throw new ForumError('forums:error.notOpen')
      tx.update(forumPhases).set({ state: 'closed' }).where(and(eq(forumPhases.forumId, forumId), eq(forumPhases.state, 'open'), ne(forumPhases.id, phaseId))).run()
    } else if (phase.state !== 'open') throw new ForumError('forums:error.phaseNotOpen')
    tx.update(forumPhases).set({ state }).where(eq(forumPhases.id, phaseId)).run()
  })
  publishForumEvent({ kind: 'state', forumId })
}

export function currentPhase(db: DbOrTx, forumId: number) {
  return db
    .select({ id: forumPhases.id, position: forumPhases.position, title: forumPhases.title, state: forumPhases.state })
    .from(forumPhases)
    .where(and(eq(forumPhases.forumId, forumId), eq(forumPhases.state, 'open')))
    .get()
}
