import { and, desc, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { meetingItems, meetings, rounds } from '../../../db/schema'
import { meetingRunning } from '../../policies/meetings'
import { roundOpen } from '../../policies/policy'
import { meetingDetail, type Outcome } from './detail'
import { changeableMeeting, MeetingError, meetingRow, meetingSubject, refuseUnlessAllowed, type MeetingRow } from './meeting-row'

/**
 * The Jour fixe: meetings of a round, their agenda (measures and goals, picked by hand or proposed: agenda.ts),
 * attendance (attendance.ts) and the minutes (detail.ts, server/exports/minutes-docx.ts). What happens live in a
 * running meeting (the moderator's item, item states, decision notes) lives in the meeting's live document and is
 * projected into meeting_items; the agreed ratings live in the measures' agreed documents; what an action there
 * writes is app/shared/live/meeting.ts. These modules write only what is not live. Whether a meeting may change
 * is the policy's (server/policies/meetings.ts); each refusal says it in its own words (meeting-row.ts).
 */

export { MeetingError, type MeetingRow } from './meeting-row'
// Tests of every capability set meetings up with createMeeting, addItems and startMeeting from here.
export { addItems } from './agenda'

export type MeetingInput = { roundId: number; title: string; date: string; time: string | null; location: string }

export function listMeetings(db: DbOrTx, roundId?: number) {
  const counts = db
    .select({
      meetingId: meetingItems.meetingId,
      items: sql<number>`count(*)`.as('items'),
      done: sql<number>`sum(case when ${meetingItems.state} in ('agreed', 'deferred') then 1 else 0 end)`.as('done'),
    })
    .from(meetingItems)
    .groupBy(meetingItems.meetingId)
    .as('counts')
  const query = db
    .select({
      id: meetings.id,
      title: meetings.title,
      date: meetings.date,
      time: meetings.time,
      state: meetings.state,
      roundName: rounds.name,
      items: sql<number>`coalesce(${counts.items}, 0)`,
      done: sql<number>`coalesce(${counts.done}, 0)`,
    })
    .from(meetings)
    .innerJoin(rounds, eq(rounds.id, meetings.roundId))
    .leftJoin(counts, eq(counts.meetingId, meetings.id))
  return (roundId ? query.where(eq(meetings.roundId, roundId)) : query).orderBy(desc(meetings.date), desc(meetings.id)).all()
}

/** The rounds a meeting could be planned in, oldest first, with their state (the policy picks the open ones). */
export function meetingRounds(db: DbOrTx) {
  return db.select({ id: rounds.id, name: rounds.name, state: rounds.state }).from(rounds).orderBy(rounds.createdAt, rounds.id).all()
}

export function createMeeting(db: DbOrTx, input: MeetingInput, byUserId: number): number {
  return db.transaction((tx) => {
    const round = tx.select({ name: rounds.name, state: rounds.state }).from(rounds).where(eq(rounds.id, input.roundId)).get()
    if (!round) throw new MeetingError('meetings:refusal.roundNotFound', { field: 'roundId' })
    if (roundOpen(round.state) !== 'allowed') throw new MeetingError('meetings:refusal.createRoundNotOpen', { values: { round: round.name }, field: 'roundId' })
    return tx
      .insert(meetings)
      .values({
        roundId: input.roundId,
        title: input.title.trim(),
        date: input.date,
        time: input.time,
        location: input.location.trim(),
        createdBy: byUserId,
      })
      .returning({ id: meetings.id })
      .get().id
  })
}

export function updateMeeting(db: DbOrTx, meetingId: number, input: Omit<MeetingInput, 'roundId'>): void {
  db.transaction((tx) => {
    changeableMeeting(tx, meetingId)
    tx.update(meetings)
      .set({ title: input.title.trim(), date: input.date, time: input.time, location: input.location.trim() })
      .where(eq(meetings.id, meetingId))
      .run()
  })
}

/** Only a meeting that has not started can be deleted (a started one has minutes). */
export function deleteMeeting(db: DbOrTx, meetingId: number): void {
  db.transaction((tx) => {
    const meeting = meetingRow(tx, meetingId)
    if (meeting.state !== 'planned') throw new MeetingError('meetings:refusal.startedStays')
    tx.delete(meetings).where(eq(meetings.id, meetingId)).run()
  })
}

/** planned → running. A meeting without agenda has nothing to run. */
export function startMeeting(db: DbOrTx, meetingId: number, now = Date.now()): MeetingRow {
  return db.transaction((tx) => {
    const meeting = changeableMeeting(tx, meetingId)
    if (meeting.state === 'running') throw new MeetingError('meetings:refusal.alreadyRunning', { values: { title: meeting.title } })
    const items = tx.select({ n: sql<number>`count(*)` }).from(meetingItems).where(eq(meetingItems.meetingId, meetingId)).get()!.n
    if (items === 0) throw new MeetingError('meetings:refusal.agendaEmpty')
    tx.update(meetings).set({ state: 'running', startedAt: now }).where(eq(meetings.id, meetingId)).run()
    return { ...meeting, state: 'running' as const, startedAt: now }
  })
}

/** running → closed: the minutes are final from now on (each item keeps its outcome as it stands now). */
export function closeMeeting(db: DbOrTx, meetingId: number, now = Date.now()): MeetingRow {
  return db.transaction((tx) => {
    const meeting = meetingRow(tx, meetingId)
    refuseUnlessAllowed(meetingRunning(meetingSubject(meeting)), meeting, {
      meetingClosed: 'meetings:refusal.alreadyClosed',
      meetingNotRunning: 'meetings:refusal.notStarted',
    })
    keepOutcomes(tx, meetingId)
    tx.update(meetings).set({ state: 'closed', endedAt: now }).where(eq(meetings.id, meetingId)).run()
    return { ...meeting, state: 'closed' as const, endedAt: now }
  })
}

function keepOutcomes(db: DbOrTx, meetingId: number) {
  for (const item of meetingDetail(db, meetingId).items) {
    if (item.kind !== 'measure') continue
    const { proposal, proposalFlags, agreed, agreedFlags, agreedAt, agreedByName, agreedHere } = item
    const outcome: Outcome = { proposal, proposalFlags, agreed, agreedFlags, agreedAt, agreedByName, agreedHere }
    db.update(meetingItems).set({ outcome: JSON.stringify(outcome) }).where(eq(meetingItems.id, item.id)).run()
  }
}

/** When a round closes, its meetings end with it (called inside closeRound's transaction). */
export function endMeetingsOfRound(db: DbOrTx, roundId: number, now = Date.now()): void {
  const open = db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.roundId, roundId), eq(meetings.state, 'running'))).all()
  for (const { id } of open) keepOutcomes(db, id)
  db.update(meetings).set({ state: 'closed', endedAt: now }).where(and(eq(meetings.roundId, roundId), eq(meetings.state, 'running'))).run()
  db.update(meetings).set({ state: 'closed' }).where(and(eq(meetings.roundId, roundId), eq(meetings.state, 'planned'))).run()
}
