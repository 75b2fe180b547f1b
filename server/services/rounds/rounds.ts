import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { DbOrTx } from '../../../db/client'
import { endMeetingsOfRound } from '../meetings/meetings'
import { copyChapters } from '../report/chapters'
import { concepts, goalStatus, goals, measureStatus, measures, rounds } from '../../../db/schema'
import { Refusal } from '../refusal'
import { roundById } from './lookup'

/** This service's refusals (a message key of the rounds namespace, the form field): see Refusal. */
export class RoundError extends Refusal {
  override name = 'RoundError'
}

export function listRoundsForManagement(db: DbOrTx) {
  const previous = alias(rounds, 'previous')
  return db
    .select({
      id: rounds.id,
      name: rounds.name,
      period: rounds.period,
      dueDate: rounds.dueDate,
      state: rounds.state,
      openedAt: rounds.openedAt,
      closedAt: rounds.closedAt,
      previousRoundName: previous.name,
    })
    .from(rounds)
    .leftJoin(previous, eq(previous.id, rounds.previousRoundId))
    .orderBy(desc(rounds.createdAt), desc(rounds.id))
    .all()
}

function defaultConceptId(db: DbOrTx): number {
  const concept = db.select({ id: concepts.id }).from(concepts).orderBy(asc(concepts.id)).get()
  if (!concept) throw new RoundError('rounds:refusal.noConcept')
  return concept.id
}

/** A new round starts as a draft: nobody writes into it until it is opened. */
export function createRound(db: DbOrTx, input: { name: string; period: string; dueDate: string | null; conceptId?: number }): number {
  const name = input.name.trim()
  return db.transaction((tx) => {
    const conceptId = input.conceptId ?? defaultConceptId(tx)
    const clash = tx
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.conceptId, conceptId), sql`lower(${rounds.name}) = lower(${name})`))
      .get()
    if (clash) throw new RoundError('rounds:refusal.nameTaken', { values: { name }, field: 'name' })
    return tx
      .insert(rounds)
      .values({ conceptId, name, period: input.period.trim(), dueDate: input.dueDate, state: 'draft' })
      .returning({ id: rounds.id })
      .get().id
  })
}

function getRound(db: DbOrTx, roundId: number) {
  const round = roundById(db, roundId)
  if (!round) throw new RoundError('rounds:refusal.notFound')
  return round
}

/** The open round of a concept other than `exceptId`, if any: a concept has at most one open round. */
function otherOpenRound(db: DbOrTx, conceptId: number, exceptId: number) {
  return db
    .select({ id: rounds.id, name: rounds.name })
    .from(rounds)
    .where(and(eq(rounds.conceptId, conceptId), eq(rounds.state, 'open'), ne(rounds.id, exceptId)))
    .get()
}

/**
 * Opens a draft. It starts from the state of the newest open or closed round of the same concept: proposals,
 * marks and narratives carry over, and where the Jour fixe had agreed a rating, that agreed rating becomes
 * the new proposal. Nothing is agreed yet in the new round. A concept has one open round at a time: while another
 * is open, opening is refused (switchOpenRound closes that one and opens this one as one step). The report's chapters
 * and cover carry over too, unless the commissioner chose to start the report empty (`copyChapters: false`).
 */
export function openRound(db: DbOrTx, roundId: number, now = Date.now(), options: { copyChapters?: boolean } = {}): { previousRoundId: number | null } {
  return db.transaction((tx) => {
    const round = getRound(tx, roundId)
    const values = { name: round.name }
    if (round.state === 'open') throw new RoundError('rounds:refusal.alreadyOpen', { values })
    if (round.state === 'closed') throw new RoundError('rounds:refusal.noReopen', { values })
    const open = otherOpenRound(tx, round.conceptId, round.id)
    if (open) throw new RoundError('rounds:refusal.anotherOpen', { values: { name: round.name, open: open.name } })

    const previous = tx
      .select({ id: rounds.id })
      .from(rounds)
      // A demo round (example data) never becomes the start of a real one.
      .where(and(eq(rounds.conceptId, round.conceptId), ne(rounds.id, round.id), inArray(rounds.state, ['open', 'closed']), eq(rounds.demo, false)))
      .orderBy(sql`coalesce(${rounds.openedAt}, ${rounds.createdAt}) desc`, desc(rounds.id))
      .get()

    const carried = previous
      ? tx
          .select({
            measureId: measureStatus.measureId,
            proposalAttainment: measureStatus.proposalAttainment,
            proposalMandatory: measureStatus.proposalMandatory,
            proposalRoutine: measureStatus.proposalRoutine,
            proposalContinue: measureStatus.proposalContinue,
            proposalResponsibilityQuestionable: measureStatus.proposalResponsibilityQuestionable,
            proposalChangedConditions: measureStatus.proposalChangedConditions,
            agreedAttainment: measureStatus.agreedAttainment,
            agreedMandatory: measureStatus.agreedMandatory,
            agreedRoutine: measureStatus.agreedRoutine,
            agreedContinue: measureStatus.agreedContinue,
            agreedResponsibilityQuestionable: measureStatus.agreedResponsibilityQuestionable,
            agreedChangedConditions: measureStatus.agreedChangedConditions,
            narrativeJson: measureStatus.narrativeJson,
            narrativeText: measureStatus.narrativeText,
          })
          .from(measureStatus)
          .where(eq(measureStatus.roundId, previous.id))
          .all()
      : []
    const byMeasure = new Map(carried.map((s) => [s.measureId, s]))
    const measureIds = tx
      .select({ id: measures.id })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .where(eq(goals.conceptId, round.conceptId))
      .all()
    for (const { id: measureId } of measureIds) {
      const s = byMeasure.get(measureId)
      tx.insert(measureStatus)
        .values({
          roundId,
          measureId,
          proposalAttainment: s ? (s.agreedAttainment ?? s.proposalAttainment) : null,
          proposalMandatory: s ? (s.agreedMandatory ?? s.proposalMandatory) : false,
          proposalRoutine: s ? (s.agreedRoutine ?? s.proposalRoutine) : false,
          proposalContinue: s ? (s.agreedContinue ?? s.proposalContinue) : false,
          proposalResponsibilityQuestionable: s ? (s.agreedResponsibilityQuestionable ?? s.proposalResponsibilityQuestionable) : false,
          proposalChangedConditions: s ? (s.agreedChangedConditions ?? s.proposalChangedConditions) : false,
          narrativeJson: s?.narrativeJson ?? null,
          narrativeText: s?.narrativeText ?? '',
        })
        .onConflictDoNothing()
        .run()
    }
    if (previous) {
      for (const g of tx
        .select({ goalId: goalStatus.goalId, narrativeJson: goalStatus.narrativeJson, narrativeText: goalStatus.narrativeText })
        .from(goalStatus)
        .where(eq(goalStatus.roundId, previous.id))
        .all()) {
        tx.insert(goalStatus)
          .values({ roundId, goalId: g.goalId, narrativeJson: g.narrativeJson, narrativeText: g.narrativeText })
          .onConflictDoNothing()
          .run()
      }
    }
    if (previous && options.copyChapters !== false) copyChapters(tx, previous.id, roundId, now)
    tx.update(rounds).set({ state: 'open', openedAt: now, previousRoundId: previous?.id ?? null }).where(eq(rounds.id, roundId)).run()
    return { previousRoundId: previous?.id ?? null }
  })
}

/** Freezes an open round: its documents become read-only and its status rows stay as the historical record. */
export function closeRound(db: DbOrTx, roundId: number, now = Date.now()): void {
  db.transaction((tx) => {
    const round = getRound(tx, roundId)
    const values = { name: round.name }
    if (round.state === 'closed') throw new RoundError('rounds:refusal.alreadyClosed', { values })
    if (round.state === 'draft') throw new RoundError('rounds:refusal.closeDraft', { values })
    tx.update(rounds).set({ state: 'closed', closedAt: now }).where(and(eq(rounds.id, roundId), eq(rounds.state, 'open'))).run()
    endMeetingsOfRound(tx, roundId, now)
  })
}

/**
 * "Close X and open Y" as one step: the open round is closed for good and the draft opened from it, in one
 * transaction (either both happen or neither). Both must belong to the same concept.
 */
export function switchOpenRound(db: DbOrTx, input: { closeRoundId: number; openRoundId: number; copyChapters?: boolean }, now = Date.now()): void {
  db.transaction((tx) => {
    const closing = getRound(tx, input.closeRoundId)
    const opening = getRound(tx, input.openRoundId)
    if (closing.conceptId !== opening.conceptId || closing.id === opening.id) throw new RoundError('rounds:refusal.switchMismatch')
    if (closing.state !== 'open') throw new RoundError('rounds:refusal.switchNotOpen', { values: { name: closing.name } })
    if (opening.state !== 'draft') throw new RoundError(opening.state === 'open' ? 'rounds:refusal.alreadyOpen' : 'rounds:refusal.noReopen', { values: { name: opening.name } })
    closeRound(tx, closing.id, now)
    openRound(tx, opening.id, now, { copyChapters: input.copyChapters })
  })
}

/** Deletes a draft that was never opened: nothing was written into it yet, so nothing of the record is lost. */
export function deleteDraftRound(db: DbOrTx, roundId: number): { name: string } {
  return db.transaction((tx) => {
    const round = getRound(tx, roundId)
    if (round.state !== 'draft') throw new RoundError('rounds:refusal.deleteNotDraft', { values: { name: round.name } })
    const deleted = tx.delete(rounds).where(and(eq(rounds.id, roundId), eq(rounds.state, 'draft'), isNull(rounds.openedAt))).run().changes
    if (deleted === 0) throw new RoundError('rounds:refusal.deleteNotDraft', { values: { name: round.name } })
    return { name: round.name }
  })
}
