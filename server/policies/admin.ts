import { rule } from './policy'

/** The administration: accounts, units, memberships, the measures' responsible units. */
export const adminRules = {
  'admin.access': rule(['admin']),
  'user.manage': rule(['admin']),
  'unit.manage': rule(['admin']),
  'membership.manage': rule(['admin']),
  'assignment.manage': rule(['admin']),
  /** The accessibility statement and the privacy notice. */
  'site.edit': rule(['admin']),
}
