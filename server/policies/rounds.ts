import type { RoundState } from '../../app/shared/vocabulary'
import { roundOpen, rule, type RoundSubject, type Verdict } from './policy'

/**
 * A round whose historical attainment may be entered afterwards: closed, and without any attainment (the
 * 2018–2022 evaluation, whose traffic-light colours the source lost).
 */
export type BaselineSubject = { state: RoundState; hasAttainment: boolean }

/** Entering a closed round's historical attainment: once, while the round has none. */
export function baselineOpen(round: BaselineSubject): Verdict {
  if (round.state !== 'closed') return 'roundNotClosed'
  return round.hasAttainment ? 'attainmentRecorded' : 'allowed'
}

/** Reporting rounds: creating, opening and closing them; following their progress; reminding units. */
export const roundRules = {
  /** Without a subject: create a round. With one: change it (open, close), never once it is closed. */
  'round.manage': rule<RoundSubject | undefined>(['admin', 'commissioner'], (round) => (round?.state === 'closed' ? 'roundClosed' : 'allowed')),
  /** The commissioner enters or imports the historical attainment of a closed round that has none, once. */
  'round.backfill': rule<BaselineSubject>(['commissioner'], baselineOpen),
  'progress.read': rule(['admin', 'commissioner', 'coordinator']),
  'unit.remind': rule<RoundSubject>(['commissioner', 'coordinator'], (round) => roundOpen(round.state)),
  'report.export': rule(['admin', 'commissioner', 'coordinator']),
}
