import { roundOpen, rule, type MeetingSubject, type RoundSubject, type Verdict } from './policy'

const RUNS = ['commissioner', 'coordinator'] as const

/** A meeting's agenda, attendance, start and end may change while its round is open and it has not ended. */
export function meetingChangeable(meeting: MeetingSubject): Verdict {
  const round = roundOpen(meeting.roundState)
  if (round !== 'allowed') return round
  return meeting.state === 'closed' ? 'meetingClosed' : 'allowed'
}

/** Meeting mode (the moderator's item, item states, decision notes, agreeing) while the meeting runs in an open round. */
export function meetingRunning(meeting: MeetingSubject): Verdict {
  const round = roundOpen(meeting.roundState)
  if (round !== 'allowed') return round
  return meeting.state === 'running' ? 'allowed' : meeting.state === 'closed' ? 'meetingClosed' : 'meetingNotRunning'
}

/**
 * The Jour fixe, run by coordinators and the commissioner: create a meeting in an open round (meeting.create),
 * prepare and start and end it (meeting.manage), and run it (meeting.run: the browser's meeting document and the
 * HTTP twin of every live action ask the same rule).
 */
export const meetingRules = {
  'meeting.create': rule<RoundSubject>(RUNS, (round) => roundOpen(round.state)),
  'meeting.manage': rule<MeetingSubject>(RUNS, meetingChangeable),
  'meeting.run': rule<MeetingSubject>(RUNS, meetingRunning),
}
