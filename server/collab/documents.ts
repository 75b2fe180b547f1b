import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { forumPhases, forumTables, forums, goals, measureUnits, measures, meetings, rounds } from '../../db/schema'
import { type ForumState, type MeetingState, type PhaseState, type RoundState } from '../../app/shared/vocabulary'
import { documentName, type ChapterSlug, type DocumentName } from '../../app/shared/live/names'

/** A live document as the server knows it: what it belongs to, the round's state and the responsible units. */
export type RoundDocumentMeta = {
  name: string
  kind: Exclude<DocumentName['kind'], 'poster'>
  roundId: number
  roundState: RoundState
  conceptId: number
  /** measure and agreed documents */
  measureId: number | null
  /** measure, agreed and goal documents: the goal of the measure, or the goal itself (null for a meeting) */
  goalId: number | null
  goalNumber: number | null
  /** units responsible for the measure, or for any measure of the goal */
  unitIds: number[]
  /** meeting documents: the meeting and its state when the document was resolved */
  meetingId: number | null
  meetingState: MeetingState | null
  /** chapter documents: the chapter (introduction, method, field-1 … field-9, conclusion) */
  chapterSlug?: ChapterSlug | null
}

/** A table's poster in a work phase: its forum, table and phase with their states when resolved (forums, phase B). */
export type PosterDocumentMeta = {
  name: string
  kind: 'poster'
  forumId: number
  forumState: ForumState
  /** Whether participants may post at any table of the forum (forums.any_table). */
  anyTable: boolean
  tableId: number
  phaseId: number
  phaseState: PhaseState
}

export type DocumentMeta = RoundDocumentMeta | PosterDocumentMeta

const p = (name: string) => sql.placeholder(name)

// Every document connection resolves its document (a goal page opens ~2 per measure, a forum storm 100 at
// once): prepared once per database, since building a drizzle query costs ~10x running it.
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>()

function prepare(db: Db) {
  return {
    round: db.select({ id: rounds.id, state: rounds.state, conceptId: rounds.conceptId }).from(rounds).where(eq(rounds.id, p('roundId'))).prepare(),
    meeting: db
      .select({ id: meetings.id, state: meetings.state })
      .from(meetings)
      .where(and(eq(meetings.id, p('meetingId')), eq(meetings.roundId, p('roundId'))))
      .prepare(),
    goal: db
      .select({ id: goals.id, number: goals.number })
      .from(goals)
      .where(and(eq(goals.conceptId, p('conceptId')), eq(goals.number, p('goalNumber'))))
      .prepare(),
    goalUnits: db
      .selectDistinct({ unitId: measureUnits.unitId })
      .from(measureUnits)
      .innerJoin(measures, eq(measures.id, measureUnits.measureId))
      .where(eq(measures.goalId, p('goalId')))
      .prepare(),
    measure: db
      .select({ id: measures.id, goalId: goals.id, goalNumber: goals.number, conceptId: goals.conceptId })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .where(eq(measures.id, p('measureId')))
      .prepare(),
    measureUnits: db.select({ unitId: measureUnits.unitId }).from(measureUnits).where(eq(measureUnits.measureId, p('measureId'))).prepare(),
    poster: db
      .select({ forumState: forums.state, anyTable: forums.anyTable, phaseState: forumPhases.state })
      .from(forums)
      .innerJoin(forumTables, and(eq(forumTables.forumId, forums.id), eq(forumTables.id, p('tableId'))))
      .innerJoin(forumPhases, and(eq(forumPhases.forumId, forums.id), eq(forumPhases.id, p('phaseId'))))
      .where(eq(forums.id, p('forumId')))
      .prepare(),
  }
}

/** Looks the document's subject up; null when the round, measure, goal or meeting does not exist (in that round), or
 * the poster's table or phase is not its forum's. */
export function resolveDocument(db: Db, parsed: DocumentName): DocumentMeta | null {
  let q = prepared.get(db)
  if (!q) prepared.set(db, (q = prepare(db)))
  if (parsed.kind === 'poster') {
    // The table and the phase must both be the forum's.
    const row = q.poster.get({ forumId: parsed.forumId, tableId: parsed.tableId, phaseId: parsed.phaseId })
    if (!row) return null
    return { name: documentName(parsed), kind: 'poster', forumId: parsed.forumId, tableId: parsed.tableId, phaseId: parsed.phaseId, ...row }
  }
  const round = q.round.get({ roundId: parsed.roundId })
  if (!round) return null
  const base = {
    name: documentName(parsed),
    kind: parsed.kind,
    roundId: round.id,
    roundState: round.state,
    conceptId: round.conceptId,
    meetingId: null,
    meetingState: null,
  }
  if (parsed.kind === 'meeting') {
    const meeting = q.meeting.get({ meetingId: parsed.meetingId, roundId: round.id })
    if (!meeting) return null
    return { ...base, measureId: null, goalId: null, goalNumber: null, unitIds: [], meetingId: meeting.id, meetingState: meeting.state }
  }
  if (parsed.kind === 'chapter') {
    return { ...base, measureId: null, goalId: null, goalNumber: null, unitIds: [], chapterSlug: parsed.slug }
  }
  if (parsed.kind === 'goal') {
    const goal = q.goal.get({ conceptId: round.conceptId, goalNumber: parsed.goalNumber })
    if (!goal) return null
    const units = q.goalUnits.all({ goalId: goal.id })
    return { ...base, measureId: null, goalId: goal.id, goalNumber: goal.number, unitIds: units.map((u) => u.unitId) }
  }
  const measure = q.measure.get({ measureId: parsed.measureId })
  if (!measure || measure.conceptId !== round.conceptId) return null
  const units = q.measureUnits.all({ measureId: measure.id })
  return {
    ...base,
    measureId: measure.id,
    goalId: measure.goalId,
    goalNumber: measure.goalNumber,
    unitIds: units.map((u) => u.unitId),
  }
}
