import type { RoundState } from '../../app/shared/vocabulary'
import { rule, type Verdict } from './policy'

/**
 * Publishing a round: what the round's state and the site's texts must be. Only a closed round is the record that
 * may go out, and nothing goes out while the accessibility statement or the privacy notice is empty (every public
 * page links both).
 */
export type PublishSubject = { state: RoundState; siteTextsComplete: boolean }

export function publishable(subject: PublishSubject): Verdict {
  if (subject.state !== 'closed') return 'roundNotClosed'
  return subject.siteTextsComplete ? 'allowed' : 'siteTextsIncomplete'
}

export const publishRules = {
  /**
   * The commissioner publishes a closed round (with its subject) and withdraws a publication (without one: taking a
   * round off the public pages needs nothing but the role, least of all complete site texts).
   */
  'round.publish': rule<PublishSubject | undefined>(['commissioner'], (subject) => (subject ? publishable(subject) : 'allowed')),
}
