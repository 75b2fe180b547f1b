import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { DbOrTx } from '../../../db/client'
import { endMeetingsOfRound } from '../meetings/meetings'
import { concepts, goalStatus, goals, measureStatus, measures, rounds } from '../../../db/schema'
import { type RoundState } from '../../../app/shared/vocabulary'
import { Refusal } from '../refusal'

/** This service's refusals (German message, form field): see Refusal. */
export class RoundError extends Refusal {
  override name = 'RoundError'
}

export const ROUND_STATE_LABEL: Record<RoundState, string> = { draft: 'Entwurf', open: 'offen', closed: 'abgeschlossen' }

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
  if (!concept) throw new RoundError('Es ist noch kein Konzept angelegt.')
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
    if (clash) throw new RoundError(`Eine Berichtsrunde „${name}“ gibt es in diesem Konzept schon.`, 'name')
    return tx
      .insert(rounds)
      .values({ conceptId, name, period: input.period.trim(), dueDate: input.dueDate, state: 'draft' })
      .returning({ id: rounds.id })
      .get().id
  })
}

function getRound(db: DbOrTx, roundId: number) {
  const round = db
    .select({ id: rounds.id, conceptId: rounds.conceptId, name: rounds.name, state: rounds.state })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .get()
  if (!round) throw new RoundError('Diese Berichtsrunde gibt es nicht.')
  return round
}

/**
 * Opens a draft. It starts from the state of the newest open or closed round of the same concept: proposals,
 * marks and narratives carry over, and where the Jour fixe had agreed a rating, that agreed rating becomes
 * the new proposal. Nothing is agreed yet in the new round.
 */
export function openRound(db: DbOrTx, roundId: number, now = Date.now()): { previousRoundId: number | null } {
  return db.transaction((tx) => {
    const round = getRound(tx, roundId)
    if (round.state === 'open') throw new RoundError(`Die Berichtsrunde „${round.name}“ ist schon offen.`)
    if (round.state === 'closed') throw new RoundError(`Die Berichtsrunde „${round.name}“ ist abgeschlossen und kann nicht wieder geöffnet werden.`)

    const previous = tx
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.conceptId, round.conceptId), ne(rounds.id, round.id), inArray(rounds.state, ['open', 'closed'])))
      .orderBy(sql`coalesce(${rounds.openedAt}, ${rounds.createdAt}) desc`, desc(rounds.id))
      .get()

    const carried = previous
      ? tx.select().from(measureStatus).where(eq(measureStatus.roundId, previous.id)).all()
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
      for (const g of tx.select().from(goalStatus).where(eq(goalStatus.roundId, previous.id)).all()) {
        tx.insert(goalStatus)
          .values({ roundId, goalId: g.goalId, narrativeJson: g.narrativeJson, narrativeText: g.narrativeText })
          .onConflictDoNothing()
          .run()
      }
    }
    tx.update(rounds).set({ state: 'open', openedAt: now, previousRoundId: previous?.id ?? null }).where(eq(rounds.id, roundId)).run()
    return { previousRoundId: previous?.id ?? null }
  })
}

/** Freezes an open round: its documents become read-only and its status rows stay as the historical record. */
export function closeRound(db: DbOrTx, roundId: number, now = Date.now()): void {
  db.transaction((tx) => {
    const round = getRound(tx, roundId)
    if (round.state === 'closed') throw new RoundError(`Die Berichtsrunde „${round.name}“ ist schon abgeschlossen.`)
    if (round.state === 'draft') throw new RoundError(`„${round.name}“ ist ein Entwurf: Eine Berichtsrunde muss offen sein, bevor sie abgeschlossen werden kann.`)
    tx.update(rounds).set({ state: 'closed', closedAt: now }).where(and(eq(rounds.id, roundId), eq(rounds.state, 'open'))).run()
    endMeetingsOfRound(tx, roundId, now)
  })
}
