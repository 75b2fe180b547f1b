import { and, asc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goalStatus, goals, meetingAttendance, meetingItems, measureStatus, measures, users } from '../../../db/schema'
import type { Attainment } from '../../../app/shared/vocabulary'
import { agreedFlags, flagColumns, proposalFlags, unitsByMeasure, type FlagSet } from '../catalogue/catalogue'
import { meetingRow } from './meeting-row'

/**
 * Reading a meeting whole, for its page, meeting mode and the minutes (page and DOCX): the meeting and its round,
 * attendance, and the agenda with each item's measure or goal, responsible units, proposal, agreed rating and
 * narrative. An ended meeting shows each measure as it stood when the meeting ended (see closeMeeting).
 */

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

/** What a measure item shows: proposal and agreed rating, live, or as they stood when the meeting ended. */
export type Outcome = {
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
