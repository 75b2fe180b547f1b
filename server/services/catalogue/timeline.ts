import { and, asc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goals, measureStatus, measures, meetings, rounds, users } from '../../../db/schema'
import type { TimelineEntry } from '../../../app/shared/timeline'

export type { TimelineEntry } from '../../../app/shared/timeline'

/**
 * Every round of the concept for each of the given measures, oldest round first, in one query: the agreed
 * rating and marks with who agreed them, when and in which meeting; the proposal only where nothing is agreed.
 * A round without a status row for a measure is still there (`hasStatus: false`), so every path has the same
 * rounds. Measures that do not exist are missing from the map.
 */
export function measureTimeline(db: DbOrTx, measureIds: number[]): Map<number, TimelineEntry[]> {
  const map = new Map<number, TimelineEntry[]>()
  if (measureIds.length === 0) return map
  const rows = db
    .select({
      measureId: measures.id,
      roundId: rounds.id,
      roundName: rounds.name,
      roundPeriod: rounds.period,
      roundState: rounds.state,
      // The primary key column is null exactly when the left join found no status row.
      statusRound: measureStatus.roundId,
      proposalAttainment: measureStatus.proposalAttainment,
      agreedAttainment: measureStatus.agreedAttainment,
      aM: measureStatus.agreedMandatory,
      aR: measureStatus.agreedRoutine,
      aC: measureStatus.agreedContinue,
      aQ: measureStatus.agreedResponsibilityQuestionable,
      aX: measureStatus.agreedChangedConditions,
      agreedAt: measureStatus.agreedAt,
      agreedByName: users.name,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingDate: meetings.date,
    })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .innerJoin(rounds, eq(rounds.conceptId, goals.conceptId))
    .leftJoin(measureStatus, and(eq(measureStatus.roundId, rounds.id), eq(measureStatus.measureId, measures.id)))
    .leftJoin(users, eq(users.id, measureStatus.agreedBy))
    .leftJoin(meetings, eq(meetings.id, measureStatus.agreedInMeeting))
    .where(inArray(measures.id, measureIds))
    .orderBy(asc(rounds.createdAt), asc(rounds.id))
    .all()
  for (const r of rows) {
    const agreedMarks =
      r.aM === null
        ? null
        : { mandatory: !!r.aM, routine: !!r.aR, continue: !!r.aC, responsibilityQuestionable: !!r.aQ, changedConditions: !!r.aX }
    const agreed = r.agreedAttainment !== null || agreedMarks !== null
    const entry: TimelineEntry = {
      round: { id: r.roundId, name: r.roundName, period: r.roundPeriod, state: r.roundState },
      hasStatus: r.statusRound !== null,
      agreedAttainment: r.agreedAttainment,
      agreedMarks,
      proposalAttainment: agreed ? null : r.proposalAttainment,
      agreedAt: r.agreedAt,
      agreedByName: r.agreedByName,
      meeting: r.meetingId !== null && r.meetingTitle !== null && r.meetingDate !== null ? { id: r.meetingId, title: r.meetingTitle, date: r.meetingDate } : null,
    }
    const list = map.get(r.measureId) ?? []
    list.push(entry)
    map.set(r.measureId, list)
  }
  return map
}

/** One measure with its goal, for the measure page; undefined for an unknown id. */
export function measureWithGoal(db: DbOrTx, measureId: number) {
  return db
    .select({
      id: measures.id,
      title: measures.title,
      position: measures.position,
      sourceUncertain: measures.sourceUncertain,
      goalNumber: goals.number,
      goalDescription: goals.description,
    })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(eq(measures.id, measureId))
    .get()
}

/** The narrative of one measure per round (round id → plain text); rounds without a status row are missing. */
export function measureNarratives(db: DbOrTx, measureId: number): Map<number, string> {
  const rows = db
    .select({ roundId: measureStatus.roundId, text: measureStatus.narrativeText })
    .from(measureStatus)
    .where(eq(measureStatus.measureId, measureId))
    .all()
  return new Map(rows.map((r) => [r.roundId, r.text]))
}
