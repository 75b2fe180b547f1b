import { roundOpen, rule, type RoundSubject } from './policy'

/** Reporting rounds: creating, opening and closing them; following their progress; reminding units. */
export const roundRules = {
  /** Without a subject: create a round. With one: change it (open, close), never once it is closed. */
  'round.manage': rule<RoundSubject | undefined>(['admin', 'commissioner'], (round) => (round?.state === 'closed' ? 'roundClosed' : 'allowed')),
  'progress.read': rule(['admin', 'commissioner', 'coordinator']),
  'unit.remind': rule<RoundSubject>(['commissioner', 'coordinator'], (round) => roundOpen(round.state)),
  'report.export': rule(['admin', 'commissioner', 'coordinator']),
}
