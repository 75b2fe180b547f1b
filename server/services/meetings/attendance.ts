import { and, asc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { meetingAttendance, users } from '../../../db/schema'
import { changeableMeeting, MeetingError } from './meeting-row'

/** Who attended a meeting: accounts (under the name they had) and guests without an account. */

export type Guest = { name: string; organisation: string }

/** Replaces the attendance list: accounts by id, guests by name. */
export function setAttendance(db: DbOrTx, meetingId: number, userIds: number[], guests: Guest[]): void {
  db.transaction((tx) => {
    changeableMeeting(tx, meetingId)
    const unique = [...new Set(userIds)]
    const known = unique.length
      ? tx.select({ id: users.id, name: users.name }).from(users).where(and(inArray(users.id, unique), eq(users.active, true))).all()
      : []
    if (known.length !== unique.length) throw new MeetingError('meetings:refusal.unknownAccount', { field: 'attendance' })
    tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).run()
    for (const user of known) tx.insert(meetingAttendance).values({ meetingId, userId: user.id, name: user.name }).run()
    for (const guest of guests) tx.insert(meetingAttendance).values({ meetingId, name: guest.name.trim(), organisation: guest.organisation.trim() }).run()
  })
}

const GUEST_LINE = /^([^;]{1,120})(?:;\s*(.{0,160}))?$/
export const MAX_GUESTS = 100

/** The guest list as the form sends it: one person a line, "Name; Organisation" (the organisation optional). */
export function parseGuests(text: string): Guest[] {
  const guests: Guest[] = []
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '') continue
    const match = GUEST_LINE.exec(line)
    if (!match) throw new MeetingError('meetings:refusal.guestLine', { values: { line: index + 1 }, field: 'guests' })
    guests.push({ name: match[1]!.trim(), organisation: (match[2] ?? '').trim() })
  }
  if (guests.length > MAX_GUESTS) throw new MeetingError('meetings:refusal.tooManyGuests', { values: { max: MAX_GUESTS }, field: 'guests' })
  return guests
}

/** Accounts that can be recorded as present (the active ones), for the attendance form. */
export function attendanceCandidates(db: DbOrTx) {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all()
}
