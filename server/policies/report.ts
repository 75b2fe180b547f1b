import { ROLES } from '../../app/shared/vocabulary'
import { roundOpen, rule, type RoundSubject } from './policy'

/**
 * The evaluation report: exporting it ('report.export' stays with the round rules it was born with) and importing an
 * edited Excel overview back as proposals, which only the commissioner does, and only into an open round (the same
 * rule as every other write: a closed round is the historical record).
 */
export const reportRules = {
  'report.import': rule<RoundSubject>(['commissioner'], (round) => roundOpen(round.state)),
  /** Reading the report page and its chapters' live documents: every account but a forum participant's. */
  'report.read': rule(ROLES.filter((role) => role !== 'participant')),
  /** Writing the chapters and the cover: the commissioner and the coordinators, while the round is open. */
  'report.write': rule<RoundSubject>(['commissioner', 'coordinator'], (round) => roundOpen(round.state)),
}
