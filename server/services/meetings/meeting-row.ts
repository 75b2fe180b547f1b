import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { meetings, rounds } from '../../../db/schema'
import type { MessageKey } from '../../../app/shared/i18n'
import { meetingChangeable } from '../../policies/meetings'
import type { MeetingSubject, Reason, Verdict } from '../../policies/policy'
import { Refusal } from '../refusal'

/** This service's refusals (a message key of the `meetings` namespace, a form field): see Refusal. */
export class MeetingError extends Refusal {
  override name = 'MeetingError'
}

/** A meeting with what the rules and pages need of its round. */
export function meetingRow(db: DbOrTx, meetingId: number) {
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
  if (!row) throw new MeetingError('meetings:refusal.notFound')
  return row
}

export type MeetingRow = ReturnType<typeof meetingRow>

/** The policy's subject for a meeting. */
export const meetingSubject = (meeting: Pick<MeetingRow, 'state' | 'roundState'>): MeetingSubject => ({ state: meeting.state, roundState: meeting.roundState })

/** What the user reads when a state of the meeting or its round stands in the way; a call may say it more exactly. */
const REFUSAL: Partial<Record<Reason, MessageKey>> = {
  roundNotOpen: 'meetings:refusal.roundNotOpen',
  roundClosed: 'meetings:refusal.roundNotOpen',
  meetingNotRunning: 'meetings:refusal.notRunning',
  meetingClosed: 'meetings:refusal.closed',
}

/**
 * Throws the refusal for a policy verdict on a meeting (meetingChangeable, meetingRunning from server/policies):
 * the round is not open, the meeting has ended, it does not run, each in its own words, with the meeting's title
 * and round. `keys` replaces the words for one situation (closing an ended meeting: "schon beendet").
 */
export function refuseUnlessAllowed(verdict: Verdict, meeting: Pick<MeetingRow, 'title' | 'roundName'>, keys: Partial<Record<Reason, MessageKey>> = {}): void {
  if (verdict === 'allowed') return
  // Reasons of other rules (a meeting's verdict never carries them) fall back to the policy's own words.
  throw new MeetingError(keys[verdict] ?? REFUSAL[verdict] ?? `policy:${verdict}`, { values: { title: meeting.title, round: meeting.roundName } })
}

/** The meeting, if its agenda, attendance and details may still change (the policy's meetingChangeable). */
export function changeableMeeting(db: DbOrTx, meetingId: number): MeetingRow {
  const meeting = meetingRow(db, meetingId)
  refuseUnlessAllowed(meetingChangeable(meetingSubject(meeting)), meeting)
  return meeting
}
