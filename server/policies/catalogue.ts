import { ROLES } from '../../app/shared/vocabulary'
import { rule } from './policy'

/** Reading the concept: every role (an account without a membership reads nothing). */
export const catalogueRules = {
  'concept.read': rule([...ROLES]),
}
