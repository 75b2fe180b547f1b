import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goals, meetingItems, meetings, measureStatus, measures, rounds } from '../../../db/schema'
import type { ItemReason } from '../../../app/shared/vocabulary'
import { agreedFlags, flagColumns, proposalFlags, unitsByMeasure, type FlagSet } from '../catalogue/catalogue'
import { isUpdated } from '../rounds/progress'
import { changeableMeeting, MeetingError, meetingRow } from './meeting-row'

/**
 * A meeting's agenda: measures and goals taken on by hand (from the catalogue's options) or from the proposals
 * (what is worth discussing and why), removed and reordered while the meeting may change.
 */

export type AgendaPick = { measureId: number; reason?: ItemReason } | { goalId: number; reason?: ItemReason }

/** Adds measures and goals at the end of the agenda; what is already on it stays where it is. Returns how many
 * were added. Unknown ids, or ids of another concept, refuse the whole request. */
export function addItems(db: DbOrTx, meetingId: number, picks: AgendaPick[]): number {
  if (picks.length === 0) throw new MeetingError('meetings:refusal.pickSomething', { field: 'items' })
  return db.transaction((tx) => {
    const meeting = changeableMeeting(tx, meetingId)
    const { conceptId } = tx.select({ conceptId: rounds.conceptId }).from(rounds).where(eq(rounds.id, meeting.roundId)).get()!
    const measureIds = picks.flatMap((p) => ('measureId' in p ? [p.measureId] : []))
    const goalIds = picks.flatMap((p) => ('goalId' in p ? [p.goalId] : []))
    const knownMeasures = new Set(
      measureIds.length
        ? tx
            .select({ id: measures.id })
            .from(measures)
            .innerJoin(goals, eq(goals.id, measures.goalId))
            .where(and(inArray(measures.id, measureIds), eq(goals.conceptId, conceptId)))
            .all()
            .map((r) => r.id)
        : [],
    )
    const knownGoals = new Set(
      goalIds.length
        ? tx.select({ id: goals.id }).from(goals).where(and(inArray(goals.id, goalIds), eq(goals.conceptId, conceptId))).all().map((r) => r.id)
        : [],
    )
    const missingMeasure = measureIds.find((id) => !knownMeasures.has(id))
    if (missingMeasure !== undefined) throw new MeetingError('meetings:refusal.unknownMeasure', { values: { id: missingMeasure }, field: 'items' })
    const missingGoal = goalIds.find((id) => !knownGoals.has(id))
    if (missingGoal !== undefined) throw new MeetingError('meetings:refusal.unknownGoal', { values: { id: missingGoal }, field: 'items' })

    const present = tx.select({ measureId: meetingItems.measureId, goalId: meetingItems.goalId }).from(meetingItems).where(eq(meetingItems.meetingId, meetingId)).all()
    const hasMeasure = new Set(present.map((p) => p.measureId).filter((id) => id !== null))
    const hasGoal = new Set(present.map((p) => p.goalId).filter((id) => id !== null))
    let position = tx.select({ max: sql<number>`coalesce(max(${meetingItems.position}), 0)` }).from(meetingItems).where(eq(meetingItems.meetingId, meetingId)).get()!.max
    let added = 0
    for (const pick of picks) {
      const reason = pick.reason ?? 'manual'
      if ('measureId' in pick) {
        if (hasMeasure.has(pick.measureId)) continue
        hasMeasure.add(pick.measureId)
        tx.insert(meetingItems).values({ meetingId, position: ++position, measureId: pick.measureId, reason }).run()
      } else {
        if (hasGoal.has(pick.goalId)) continue
        hasGoal.add(pick.goalId)
        tx.insert(meetingItems).values({ meetingId, position: ++position, goalId: pick.goalId, reason }).run()
      }
      added++
    }
    return added
  })
}

function itemOf(db: DbOrTx, meetingId: number, itemId: number) {
  const item = db
    .select({ id: meetingItems.id, position: meetingItems.position, state: meetingItems.state })
    .from(meetingItems)
    .where(and(eq(meetingItems.id, itemId), eq(meetingItems.meetingId, meetingId)))
    .get()
  if (!item) throw new MeetingError('meetings:refusal.unknownItem')
  return item
}

/** Removes an item that has not been dealt with yet. */
export function removeItem(db: DbOrTx, meetingId: number, itemId: number): void {
  db.transaction((tx) => {
    changeableMeeting(tx, meetingId)
    const item = itemOf(tx, meetingId, itemId)
    if (item.state === 'agreed') throw new MeetingError('meetings:refusal.agreedStays')
    tx.delete(meetingItems).where(eq(meetingItems.id, itemId)).run()
  })
}

/** Swaps an item with its neighbour above or below. */
export function moveItem(db: DbOrTx, meetingId: number, itemId: number, direction: 'up' | 'down'): void {
  db.transaction((tx) => {
    changeableMeeting(tx, meetingId)
    const item = itemOf(tx, meetingId, itemId)
    const neighbour = tx
      .select({ id: meetingItems.id, position: meetingItems.position })
      .from(meetingItems)
      .where(
        and(
          eq(meetingItems.meetingId, meetingId),
          direction === 'up' ? sql`${meetingItems.position} < ${item.position}` : sql`${meetingItems.position} > ${item.position}`,
        ),
      )
      .orderBy(direction === 'up' ? desc(meetingItems.position) : asc(meetingItems.position))
      .get()
    if (!neighbour) return
    tx.update(meetingItems).set({ position: neighbour.position }).where(eq(meetingItems.id, item.id)).run()
    tx.update(meetingItems).set({ position: item.position }).where(eq(meetingItems.id, neighbour.id)).run()
  })
}

export type Proposal = {
  measureId: number
  title: string
  goalNumber: number
  units: string[]
  proposal: string | null
  agreed: string | null
  reasons: Exclude<ItemReason, 'manual'>[]
}

const sameFlags = (a: FlagSet, b: FlagSet) => (Object.keys(a) as (keyof FlagSet)[]).every((key) => a[key] === b[key])

/**
 * Measures worth discussing that are not on the agenda yet, each with why:
 * - changed: updated since the round's previous meeting ended (or since the round opened);
 * - differs: the unit's proposal (attainment or marks) differs from the last agreed rating (this round's, else
 *   the newest earlier round's);
 * - notAgreed: a proposal exists, but nothing is agreed in this round yet;
 * - overdue: the round's due date has passed and the unit has not updated the measure.
 */
export function agendaProposals(db: DbOrTx, meetingId: number, today: string): Proposal[] {
  const meeting = meetingRow(db, meetingId)
  const lastMeeting = db
    .select({ endedAt: meetings.endedAt, startedAt: meetings.startedAt })
    .from(meetings)
    .where(and(eq(meetings.roundId, meeting.roundId), ne(meetings.id, meetingId), isNotNull(meetings.startedAt)))
    .orderBy(desc(meetings.startedAt))
    .get()
  const since = lastMeeting?.endedAt ?? lastMeeting?.startedAt ?? meeting.roundOpenedAt ?? 0
  const onAgenda = new Set(
    db.select({ id: meetingItems.measureId }).from(meetingItems).where(eq(meetingItems.meetingId, meetingId)).all().map((r) => r.id),
  )
  const rows = db
    .select({
      measureId: measureStatus.measureId,
      title: measures.title,
      goalNumber: goals.number,
      position: measures.position,
      proposal: measureStatus.proposalAttainment,
      agreed: measureStatus.agreedAttainment,
      updatedAt: measureStatus.updatedAt,
      narrative: measureStatus.narrativeText,
      ...flagColumns,
    })
    .from(measureStatus)
    .innerJoin(measures, eq(measures.id, measureStatus.measureId))
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(eq(measureStatus.roundId, meeting.roundId))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
  // The newest agreed rating of earlier rounds, per measure.
  const earlier = new Map<number, { attainment: string | null; flags: FlagSet | null }>()
  const earlierRows = db
    .select({ measureId: measureStatus.measureId, attainment: measureStatus.agreedAttainment, ...flagColumns })
    .from(measureStatus)
    .innerJoin(rounds, eq(rounds.id, measureStatus.roundId))
    .where(and(ne(measureStatus.roundId, meeting.roundId), eq(rounds.state, 'closed'), sql`(${measureStatus.agreedAttainment} is not null or ${measureStatus.agreedMandatory} is not null)`))
    .orderBy(asc(rounds.closedAt), asc(rounds.id))
    .all()
  for (const r of earlierRows) earlier.set(r.measureId, { attainment: r.attainment, flags: agreedFlags(r) })
  const overdue = meeting.roundDueDate !== null && meeting.roundDueDate < today
  const units = unitsByMeasure(db, rows.map((r) => r.measureId))
  const proposals: Proposal[] = []
  for (const r of rows) {
    if (onAgenda.has(r.measureId)) continue
    const reasons: Proposal['reasons'] = []
    if (r.updatedAt !== null && r.updatedAt > since) reasons.push('changed')
    const own = agreedFlags(r)
    const last = r.agreed !== null || own ? { attainment: r.agreed, flags: own } : earlier.get(r.measureId)
    const proposed = proposalFlags(r)
    if (last && r.proposal !== null && (last.attainment !== r.proposal || (last.flags !== null && !sameFlags(last.flags, proposed)))) reasons.push('differs')
    if (r.proposal !== null && r.agreed === null) reasons.push('notAgreed')
    if (overdue && !isUpdated({ updatedAt: r.updatedAt, proposal: r.proposal, narrative: r.narrative }, { previousRoundId: meeting.roundPreviousId })) {
      reasons.push('overdue')
    }
    if (reasons.length === 0) continue
    proposals.push({
      measureId: r.measureId,
      title: r.title,
      goalNumber: r.goalNumber,
      units: (units.get(r.measureId) ?? []).map((u) => u.shortName),
      proposal: r.proposal,
      agreed: r.agreed,
      reasons,
    })
  }
  return proposals
}

/** Goals with their measures and the measures' units, for picking agenda items by hand. */
export function agendaOptions(db: DbOrTx) {
  const rows = db
    .select({ goalId: goals.id, goalNumber: goals.number, goalDescription: goals.description, measureId: measures.id, title: measures.title })
    .from(goals)
    .innerJoin(measures, eq(measures.goalId, goals.id))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
  const units = unitsByMeasure(db)
  const list: { goalId: number; goalNumber: number; goalDescription: string; measures: { id: number; title: string; units: string }[] }[] = []
  for (const r of rows) {
    let goal = list.at(-1)
    if (!goal || goal.goalId !== r.goalId) {
      goal = { goalId: r.goalId, goalNumber: r.goalNumber, goalDescription: r.goalDescription, measures: [] }
      list.push(goal)
    }
    goal.measures.push({ id: r.measureId, title: r.title, units: (units.get(r.measureId) ?? []).map((u) => u.shortName).join(', ') })
  }
  return list
}
