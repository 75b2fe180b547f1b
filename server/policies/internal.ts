import { ROLES } from '../../app/shared/vocabulary'
import { rule } from './policy'

/**
 * The county's internal pages: meetings and their minutes (attendees' names), progress, to-do, the comparison of
 * rounds. Every role but the forum participant's: a participant sees only what their forum shows.
 */
export const internalRules = {
  'internal.read': rule(ROLES.filter((role) => role !== 'participant')),
}
