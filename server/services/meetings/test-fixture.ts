import { asc, eq } from 'drizzle-orm'
import { beforeEach, expect } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { goals, meetingAttendance, meetingItems, meetings, measures, rounds, users } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { MeetingError } from './meeting-row'
import { createMeeting, type MeetingInput } from './meetings'

/**
 * What the meetings service's tests share: a fresh in-memory database with the catalogue for every test, its
 * open and historical rounds, a coordinator, the first measures and goals, and helpers to plan a meeting, read it
 * back and check a refusal. The bindings are live: each test sees the values of its own database.
 */

export let db: Db
export let openId: number
export let historicalId: number
export let coordinatorId: number
/** The first measures of the catalogue, by id. */
export let m: number[]
export let goalIds: number[]

/** When the open round opened, in these tests. */
export const OPENED = 1_800_000_000_000

export function addUser(email: string, name: string, active = true): number {
  return db.insert(users).values({ email, name, active }).returning({ id: users.id }).get().id
}

export function plan(title = 'Jour fixe November', roundId = openId): number {
  const input: MeetingInput = { roundId, title, date: '2026-11-23', time: '10:00', location: 'Raum 1.12' }
  return createMeeting(db, input, coordinatorId)
}

export const agenda = (meetingId: number) =>
  db
    .select({ id: meetingItems.id, position: meetingItems.position, measureId: meetingItems.measureId, goalId: meetingItems.goalId, reason: meetingItems.reason })
    .from(meetingItems)
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position))
    .all()

export const meetingOf = (id: number) =>
  db.select({ state: meetings.state, startedAt: meetings.startedAt, endedAt: meetings.endedAt }).from(meetings).where(eq(meetings.id, id)).get()!

/** Everything the meetings service writes. */
export const snapshot = () => ({
  meetings: db.select().from(meetings).orderBy(asc(meetings.id)).all(),
  items: db.select().from(meetingItems).orderBy(asc(meetingItems.id)).all(),
  attendance: db.select().from(meetingAttendance).orderBy(asc(meetingAttendance.id)).all(),
})

/** The attempt is refused with a MeetingError whose message matches, and nothing the service writes changed. */
export function expectRefused(attempt: () => unknown, message: RegExp, field?: string): MeetingError {
  const before = snapshot()
  let error: unknown
  try {
    attempt()
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(MeetingError)
  expect((error as MeetingError).message).toMatch(message)
  if (field) expect((error as MeetingError).field).toBe(field)
  expect(snapshot()).toEqual(before)
  return error as MeetingError
}

/** A fresh database before every test of the calling file. */
export function useMeetingDatabase() {
  beforeEach(() => {
    db = openDatabase(':memory:')
    seedCatalogue(db)
    openId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!.id
    historicalId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, HISTORICAL_ROUND_NAME)).get()!.id
    db.update(rounds).set({ openedAt: OPENED }).where(eq(rounds.id, openId)).run()
    coordinatorId = addUser('koordination@test.zielwerk', 'Koordination')
    m = db.select({ id: measures.id }).from(measures).orderBy(asc(measures.id)).limit(12).all().map((r) => r.id)
    goalIds = db.select({ id: goals.id }).from(goals).orderBy(asc(goals.id)).limit(3).all().map((r) => r.id)
  })
}
