import { and, asc, eq, isNotNull, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { challenges, fields, goals, measureStatus, measures, statusChanges, users } from '../../../db/schema'
import type { MessageKey, MessageValues } from '../../../app/shared/i18n'
import { type Attainment } from '../../../app/shared/vocabulary'
import { baselineOpen, type BaselineSubject } from '../../policies/rounds'
import { Refusal } from '../refusal'
import { roundById, type RoundInfo } from './lookup'

/**
 * The historical attainment of a closed round that has none (the evaluation 2018–2022: the source's traffic-light
 * colours are lost and none may be invented). The commissioner enters it by hand or imports it from a file, once
 * and all or nothing; each value becomes the round's agreed attainment with an audit row (kind 'agreed', field
 * 'attainment') that names where it came from (status_changes.source). The comparison then shows what became
 * better or worse since that evaluation.
 */

export class BaselineError extends Refusal {
  override name = 'BaselineError'
}

/** One problem of an import, with the line it is on (none: the file as a whole). */
export type LineError = { line?: number; key: MessageKey; values?: MessageValues }

export const MAX_SOURCE_LENGTH = 200

/** The round as the policy's rule needs it (round.backfill), or undefined when there is no such round. */
export function baselineRound(db: DbOrTx, roundId: number): (RoundInfo & BaselineSubject) | undefined {
  const round = roundById(db, roundId)
  if (!round) return undefined
  const rated = db
    .select({ measureId: measureStatus.measureId })
    .from(measureStatus)
    .where(and(eq(measureStatus.roundId, roundId), or(isNotNull(measureStatus.agreedAttainment), isNotNull(measureStatus.proposalAttainment))))
    .limit(1)
    .get()
  return { ...round, hasAttainment: rated !== undefined }
}

/** The ids of the rounds that hold any attainment (for /runden: where entering it afterwards is still possible). */
export function roundIdsWithAttainment(db: DbOrTx): Set<number> {
  const rows = db
    .selectDistinct({ roundId: measureStatus.roundId })
    .from(measureStatus)
    .where(or(isNotNull(measureStatus.agreedAttainment), isNotNull(measureStatus.proposalAttainment)))
    .all()
  return new Set(rows.map((r) => r.roundId))
}

export type BaselineMeasure = { id: number; fieldNumber: number; fieldTitle: string; goalNumber: number; title: string }

/** Every measure of the round's concept in catalogue order (field, goal, position): the form's and the template's lines. */
export function baselineMeasures(db: DbOrTx, conceptId: number): BaselineMeasure[] {
  return db
    .select({ id: measures.id, fieldNumber: fields.number, fieldTitle: fields.title, goalNumber: goals.number, title: measures.title })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .innerJoin(challenges, eq(challenges.id, goals.challengeId))
    .innerJoin(fields, eq(fields.id, challenges.fieldId))
    .where(eq(goals.conceptId, conceptId))
    .orderBy(asc(fields.number), asc(goals.number), asc(measures.position))
    .all()
}

export type BaselineValue = { measureId: number; attainment: Attainment }

/**
 * Records the values as the round's agreed attainment, with one audit row each, in one transaction: either all of
 * them or, when the round may not take them (policy rule round.backfill) or a measure is unknown, none.
 */
export function recordBaseline(
  db: DbOrTx,
  input: { roundId: number; values: BaselineValue[]; source: string; byUserId: number },
  now = Date.now(),
): { count: number } {
  const source = input.source.trim()
  if (source === '') throw new BaselineError('rounds:baseline.sourceMissing', { field: 'source' })
  if (source.length > MAX_SOURCE_LENGTH) throw new BaselineError('rounds:baseline.sourceTooLong', { values: { max: MAX_SOURCE_LENGTH }, field: 'source' })
  if (input.values.length === 0) throw new BaselineError('rounds:baseline.nothingEntered')
  return db.transaction((tx) => {
    const round = baselineRound(tx, input.roundId)
    if (!round) throw new BaselineError('rounds:refusal.notFound')
    const verdict = baselineOpen(round)
    if (verdict !== 'allowed') throw new BaselineError(`policy:${verdict}`)
    const known = new Set(baselineMeasures(tx, round.conceptId).map((m) => m.id))
    const seen = new Set<number>()
    for (const { measureId } of input.values) {
      if (!known.has(measureId)) throw new BaselineError('rounds:baseline.unknownMeasure', { values: { id: measureId } })
      if (seen.has(measureId)) throw new BaselineError('rounds:baseline.measureTwice', { values: { id: measureId } })
      seen.add(measureId)
    }
    for (const { measureId, attainment } of input.values) {
      tx.insert(measureStatus)
        .values({ roundId: round.id, measureId, agreedAttainment: attainment })
        .onConflictDoUpdate({ target: [measureStatus.roundId, measureStatus.measureId], set: { agreedAttainment: attainment } })
        .run()
      tx.insert(statusChanges)
        .values({ roundId: round.id, measureId, kind: 'agreed', field: 'attainment', oldValue: null, newValue: attainment, userId: input.byUserId, at: now, source })
        .run()
    }
    return { count: input.values.length }
  })
}

/** What was entered afterwards into a round: when, by whom, from where, how many values (none: undefined). */
export function baselineRecord(db: DbOrTx, roundId: number): { at: number; byName: string | null; source: string; count: number } | undefined {
  const row = db
    .select({ at: sql<number>`max(${statusChanges.at})`, byName: sql<string | null>`max(${users.name})`, source: sql<string>`max(${statusChanges.source})`, count: sql<number>`count(*)` })
    .from(statusChanges)
    .leftJoin(users, eq(users.id, statusChanges.userId))
    .where(and(eq(statusChanges.roundId, roundId), isNotNull(statusChanges.source), eq(statusChanges.field, 'attainment')))
    .get()
  return row && row.count > 0 ? { at: row.at, byName: row.byName, source: row.source, count: row.count } : undefined
}
