import { and, desc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goalStatus, measureStatus, statusChanges, users } from '../../../db/schema'
import type { Attainment } from '../../../app/shared/vocabulary'
import { agreedFlags, flagColumns, proposalFlags, type FlagSet } from './catalogue'

/** One measure's projected status in a round. */
export type MeasureStatus = {
  proposal: Attainment | null
  proposalFlags: FlagSet
  agreed: Attainment | null
  agreedFlags: FlagSet | null
  agreedAt: number | null
  narrativeJson: string | null
  narrativeText: string
}

/** The projected status of some measures in one round (what the live documents last stored). */
export function measureStatuses(db: DbOrTx, roundId: number, measureIds: number[]): Map<number, MeasureStatus> {
  if (measureIds.length === 0) return new Map()
  const rows = db
    .select({
      measureId: measureStatus.measureId,
      proposal: measureStatus.proposalAttainment,
      agreed: measureStatus.agreedAttainment,
      narrativeJson: measureStatus.narrativeJson,
      narrativeText: measureStatus.narrativeText,
      agreedAt: measureStatus.agreedAt,
      ...flagColumns,
    })
    .from(measureStatus)
    .where(and(eq(measureStatus.roundId, roundId), inArray(measureStatus.measureId, measureIds)))
    .all()
  return new Map(
    rows.map((r) => [
      r.measureId,
      {
        proposal: r.proposal,
        proposalFlags: proposalFlags(r),
        agreed: r.agreed,
        agreedFlags: agreedFlags(r),
        agreedAt: r.agreedAt,
        narrativeJson: r.narrativeJson,
        narrativeText: r.narrativeText,
      },
    ]),
  )
}

export function goalNarrative(db: DbOrTx, roundId: number, goalId: number) {
  return db
    .select({ narrativeJson: goalStatus.narrativeJson, narrativeText: goalStatus.narrativeText })
    .from(goalStatus)
    .where(and(eq(goalStatus.roundId, roundId), eq(goalStatus.goalId, goalId)))
    .get()
}

/** The audit trail of some measures in one round, newest first, with the acting user's name. */
export function statusChangesOf(db: DbOrTx, roundId: number, measureIds: number[], limit = 200) {
  if (measureIds.length === 0) return []
  return db
    .select({
      id: statusChanges.id,
      measureId: statusChanges.measureId,
      kind: statusChanges.kind,
      field: statusChanges.field,
      oldValue: statusChanges.oldValue,
      newValue: statusChanges.newValue,
      at: statusChanges.at,
      userName: users.name,
    })
    .from(statusChanges)
    .leftJoin(users, eq(users.id, statusChanges.userId))
    .where(and(eq(statusChanges.roundId, roundId), inArray(statusChanges.measureId, measureIds)))
    .orderBy(desc(statusChanges.at), desc(statusChanges.id))
    .limit(limit)
    .all()
}
