import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goalStatus, goals, meetingAttendance, meetingItems, meetings, measureStatus, measures, rounds, users } from '../../../db/schema'
import { type Attainment, type ItemReason } from '../../../app/shared/vocabulary'
import { agreedFlags, flagColumns, proposalFlags, unitsByMeasure, type FlagSet } from '../catalogue/catalogue'
import { isUpdated } from '../rounds/progress'
import { Refusal } from '../refusal'

/**
 * The Jour fixe: meetings of a round, their agenda (measures and goals, picked by hand or proposed), attendance
 * and the minutes. What happens live in a running meeting (the moderator's item, item states, decision notes)
 * lives in the meeting's live document and is projected into meeting_items; the agreed ratings live in the
 * measures' agreed documents. This module writes only what is not live.
 */

/** This service's refusals (German message, form field): see Refusal. */
export class MeetingError extends Refusal {
  override name = 'MeetingError'
}

export type MeetingInput = { roundId: number; title: string; date: string; time: string | null; location: string }


function meetingRow(db: DbOrTx, meetingId: number) {
  const row = db
    .select({
      id: meetings.id,
      roundId: meetings.roundId,
      title: meetings.title,
      date: meetings.date,
      time: meetings.time,
      location: meetings.location,
      state: meetings.state,
      startedAt: meetings.startedAt,
      endedAt: meetings.endedAt,
      roundName: rounds.name,
      roundState: rounds.state,
      roundDueDate: rounds.dueDate,
      roundOpenedAt: rounds.openedAt,
      roundPreviousId: rounds.previousRoundId,
    })
    .from(meetings)
    .innerJoin(rounds, eq(rounds.id, meetings.roundId))
    .where(eq(meetings.id, meetingId))
    .get()
  if (!row) throw new MeetingError('Diese Sitzung gibt es nicht.')
  return row
}

export type MeetingRow = ReturnType<typeof meetingRow>

/** The meeting, if its agenda and attendance may still change: not ended, and its round still open. */
function changeable(db: DbOrTx, meetingId: number) {
  const meeting = meetingRow(db, meetingId)
  if (meeting.roundState !== 'open') {
    throw new MeetingError(`Die Berichtsrunde „${meeting.roundName}“ ist nicht offen: An ihren Sitzungen ändert sich nichts mehr.`)
  }
  if (meeting.state === 'closed') throw new MeetingError(`Die Sitzung „${meeting.title}“ ist beendet; ihr Protokoll bleibt, wie es ist.`)
  return meeting
}

function openRound(db: DbOrTx, roundId: number) {
  const round = db.select({ id: rounds.id, name: rounds.name, state: rounds.state }).from(rounds).where(eq(rounds.id, roundId)).get()
  if (!round) throw new MeetingError('Diese Berichtsrunde gibt es nicht.', 'roundId')
  if (round.state !== 'open') throw new MeetingError(`Sitzungen gibt es nur in einer offenen Berichtsrunde; „${round.name}“ ist es nicht.`, 'roundId')
  return round
}

// ── Meetings ─────────────────────────────────────────────────────────────────────────────────────────────

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
      location: meetings.location,
      state: meetings.state,
      roundId: meetings.roundId,
      roundName: rounds.name,
      roundState: rounds.state,
      items: sql<number>`coalesce(${counts.items}, 0)`,
      done: sql<number>`coalesce(${counts.done}, 0)`,
    })
    .from(meetings)
    .innerJoin(rounds, eq(rounds.id, meetings.roundId))
    .leftJoin(counts, eq(counts.meetingId, meetings.id))
  return (roundId ? query.where(eq(meetings.roundId, roundId)) : query).orderBy(desc(meetings.date), desc(meetings.id)).all()
}

export function createMeeting(db: DbOrTx, input: MeetingInput, byUserId: number): number {
  return db.transaction((tx) => {
    openRound(tx, input.roundId)
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
    changeable(tx, meetingId)
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
    if (meeting.state !== 'planned') throw new MeetingError('Eine Sitzung, die begonnen hat, bleibt mit ihrem Protokoll erhalten.')
    tx.delete(meetings).where(eq(meetings.id, meetingId)).run()
  })
}

/** planned → running. A meeting without agenda has nothing to run. */
export function startMeeting(db: DbOrTx, meetingId: number, now = Date.now()): MeetingRow {
  return db.transaction((tx) => {
    const meeting = changeable(tx, meetingId)
    if (meeting.state === 'running') throw new MeetingError(`Die Sitzung „${meeting.title}“ läuft schon.`)
    const items = tx.select({ n: sql<number>`count(*)` }).from(meetingItems).where(eq(meetingItems.meetingId, meetingId)).get()!.n
    if (items === 0) throw new MeetingError('Die Tagesordnung ist leer: Bitte zuerst Maßnahmen oder Ziele aufnehmen.')
    tx.update(meetings).set({ state: 'running', startedAt: now }).where(eq(meetings.id, meetingId)).run()
    return { ...meeting, state: 'running' as const, startedAt: now }
  })
}

/** running → closed: the minutes are final from now on (each item keeps its outcome as it stands now). */
export function closeMeeting(db: DbOrTx, meetingId: number, now = Date.now()): MeetingRow {
  return db.transaction((tx) => {
    const meeting = meetingRow(tx, meetingId)
    if (meeting.state === 'closed') throw new MeetingError(`Die Sitzung „${meeting.title}“ ist schon beendet.`)
    if (meeting.state === 'planned') throw new MeetingError(`Die Sitzung „${meeting.title}“ hat noch nicht begonnen.`)
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

// ── Agenda ───────────────────────────────────────────────────────────────────────────────────────────────

export type AgendaPick = { measureId: number; reason?: ItemReason } | { goalId: number; reason?: ItemReason }

/** Adds measures and goals at the end of the agenda; what is already on it stays where it is. Returns how many
 * were added. Unknown ids, or ids of another concept, refuse the whole request. */
export function addItems(db: DbOrTx, meetingId: number, picks: AgendaPick[]): number {
  if (picks.length === 0) throw new MeetingError('Bitte mindestens eine Maßnahme oder ein Ziel auswählen.', 'items')
  return db.transaction((tx) => {
    const meeting = changeable(tx, meetingId)
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
    if (missingMeasure !== undefined) throw new MeetingError(`Die Maßnahme ${missingMeasure} gibt es nicht.`, 'items')
    const missingGoal = goalIds.find((id) => !knownGoals.has(id))
    if (missingGoal !== undefined) throw new MeetingError(`Das Ziel ${missingGoal} gibt es nicht.`, 'items')

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
  if (!item) throw new MeetingError('Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht.')
  return item
}

/** Removes an item that has not been dealt with yet. */
export function removeItem(db: DbOrTx, meetingId: number, itemId: number): void {
  db.transaction((tx) => {
    changeable(tx, meetingId)
    const item = itemOf(tx, meetingId, itemId)
    if (item.state === 'agreed') throw new MeetingError('Ein abgestimmter Punkt bleibt auf der Tagesordnung (er gehört ins Protokoll).')
    tx.delete(meetingItems).where(eq(meetingItems.id, itemId)).run()
  })
}

/** Swaps an item with its neighbour above or below. */
export function moveItem(db: DbOrTx, meetingId: number, itemId: number, direction: 'up' | 'down'): void {
  db.transaction((tx) => {
    changeable(tx, meetingId)
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

// ── Attendance ───────────────────────────────────────────────────────────────────────────────────────────

export type Guest = { name: string; organisation: string }

/** Replaces the attendance list: accounts by id, guests by name. */
export function setAttendance(db: DbOrTx, meetingId: number, userIds: number[], guests: Guest[]): void {
  db.transaction((tx) => {
    changeable(tx, meetingId)
    const unique = [...new Set(userIds)]
    const known = unique.length
      ? tx.select({ id: users.id, name: users.name }).from(users).where(and(inArray(users.id, unique), eq(users.active, true))).all()
      : []
    if (known.length !== unique.length) throw new MeetingError('Unter den Teilnehmenden ist ein Konto, das es nicht (mehr) gibt.', 'attendance')
    tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).run()
    for (const user of known) tx.insert(meetingAttendance).values({ meetingId, userId: user.id, name: user.name }).run()
    for (const guest of guests) tx.insert(meetingAttendance).values({ meetingId, name: guest.name.trim(), organisation: guest.organisation.trim() }).run()
  })
}

// ── Reading a meeting (page, live mode, minutes) ─────────────────────────────────────────────────────────

export function meetingDetail(db: DbOrTx, meetingId: number) {
  const meeting = meetingRow(db, meetingId)
  const items = db
    .select({
      id: meetingItems.id,
      position: meetingItems.position,
      measureId: meetingItems.measureId,
      goalId: meetingItems.goalId,
      reason: meetingItems.reason,
      state: meetingItems.state,
      decisionNote: meetingItems.decisionNote,
      outcome: meetingItems.outcome,
    })
    .from(meetingItems)
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position), asc(meetingItems.id))
    .all()
  const measureIds = items.flatMap((i) => (i.measureId === null ? [] : [i.measureId]))
  const goalIds = items.flatMap((i) => (i.goalId === null ? [] : [i.goalId]))
  const measureRows = measureIds.length
    ? db
        .select({
          id: measures.id,
          title: measures.title,
          position: measures.position,
          goalNumber: goals.number,
          goalDescription: goals.description,
          proposal: measureStatus.proposalAttainment,
          agreed: measureStatus.agreedAttainment,
          agreedAt: measureStatus.agreedAt,
          agreedInMeeting: measureStatus.agreedInMeeting,
          agreedByName: users.name,
          narrative: measureStatus.narrativeText,
          ...flagColumns,
        })
        .from(measures)
        .innerJoin(goals, eq(goals.id, measures.goalId))
        .leftJoin(measureStatus, and(eq(measureStatus.measureId, measures.id), eq(measureStatus.roundId, meeting.roundId)))
        .leftJoin(users, eq(users.id, measureStatus.agreedBy))
        .where(inArray(measures.id, measureIds))
        .all()
    : []
  const byMeasure = new Map(measureRows.map((m) => [m.id, m]))
  const unitMap = unitsByMeasure(db, measureIds)
  const goalRows = goalIds.length
    ? db
        .select({ id: goals.id, number: goals.number, description: goals.description, narrative: goalStatus.narrativeText })
        .from(goals)
        .leftJoin(goalStatus, and(eq(goalStatus.goalId, goals.id), eq(goalStatus.roundId, meeting.roundId)))
        .where(inArray(goals.id, goalIds))
        .all()
    : []
  const byGoal = new Map(goalRows.map((g) => [g.id, g]))
  const attendance = db
    .select({ id: meetingAttendance.id, userId: meetingAttendance.userId, name: meetingAttendance.name, organisation: meetingAttendance.organisation })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(meetingAttendance.name))
    .all()
  return {
    meeting,
    attendance,
    items: items.map(({ outcome: stored, ...item }, index) => {
      const number = index + 1
      if (item.measureId !== null) {
        const m = byMeasure.get(item.measureId)!
        const hasStatus = m.pM !== null
        const live: Outcome = {
          proposal: m.proposal,
          proposalFlags: hasStatus ? proposalFlags(m as Parameters<typeof proposalFlags>[0]) : null,
          agreed: m.agreed,
          agreedFlags: hasStatus ? agreedFlags(m as Parameters<typeof agreedFlags>[0]) : null,
          agreedAt: m.agreedAt,
          agreedByName: m.agreedByName,
          agreedHere: m.agreedInMeeting === meetingId,
        }
        return {
          ...item,
          number,
          kind: 'measure' as const,
          measureId: item.measureId,
          goalNumber: m.goalNumber,
          title: m.title,
          goalDescription: m.goalDescription,
          units: (unitMap.get(item.measureId) ?? []).map((u) => ({ id: u.id, shortName: u.shortName, name: u.name, role: u.role })),
          // An ended meeting shows what stood when it ended (see closeMeeting).
          ...(stored ? (JSON.parse(stored) as Outcome) : live),
          narrative: m.narrative ?? '',
        }
      }
      const g = byGoal.get(item.goalId!)!
      return {
        ...item,
        number,
        kind: 'goal' as const,
        measureId: null,
        goalNumber: g.number,
        title: g.description,
        goalDescription: g.description,
        units: [],
        proposal: null,
        proposalFlags: null,
        agreed: null,
        agreedFlags: null,
        agreedAt: null,
        agreedByName: null,
        agreedHere: false,
        narrative: g.narrative ?? '',
      }
    }),
  }
}

type Outcome = {
  proposal: Attainment | null
  proposalFlags: FlagSet | null
  agreed: Attainment | null
  agreedFlags: FlagSet | null
  agreedAt: number | null
  agreedByName: string | null
  agreedHere: boolean
}

export type MeetingDetail = ReturnType<typeof meetingDetail>
export type MeetingItem = MeetingDetail['items'][number]

/** Accounts that can be recorded as present (active, with any membership), for the attendance form. */
export function attendanceCandidates(db: DbOrTx) {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all()
}
