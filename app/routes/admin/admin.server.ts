import type { RouterContextProvider } from 'react-router'
import { getT, requireUserWithAbility } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'

export function loadAdmin(context: Readonly<RouterContextProvider>, request: Request) {
  const auth = requireUserWithAbility(context, request, 'admin.access')
  return {
    title: getT(context)('admin'),
    sections: {
      users: can(auth.actor, 'user.manage'),
      units: can(auth.actor, 'unit.manage'),
      assignments: can(auth.actor, 'assignment.manage'),
      rounds: can(auth.actor, 'round.manage'),
      texts: can(auth.actor, 'site.edit'),
    },
  }
}
