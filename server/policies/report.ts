import { roundOpen, rule, type RoundSubject } from './policy'

/**
 * The evaluation report: exporting it ('report.export' stays with the round rules it was born with) and importing an
 * edited Excel overview back as proposals, which only the commissioner does, and only into an open round (the same
 * rule as every other write: a closed round is the historical record).
 */
export const reportRules = {
  'report.import': rule<RoundSubject>(['commissioner'], (round) => roundOpen(round.state)),
}
