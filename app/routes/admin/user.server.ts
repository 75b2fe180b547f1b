import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, notFound, requireAbility, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { listActiveUnits } from '../../../server/services/admin/units'
import {
  UserError,
  activateUser,
  addMembership,
  deactivateUser,
  removeMembership,
  resetPassword,
  userDetail,
} from '../../../server/services/admin/users'
import { msg, parseForm } from '~/shared/forms'
import { AddMembershipSchema, RemoveMembershipSchema } from './users.schema'

type Ctx = Readonly<RouterContextProvider>

/** The account of the page, or 404 in the request's language. */
function requireUser(context: Ctx, param: string | undefined) {
  const user = userDetail(getServices(context).db, requireIdParam(context, param, 'admin:users.errors.notFoundId'))
  if (!user) throw notFound(getT(context)('admin:users.errors.notFound'))
  return user
}

export function loadUser(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'user.manage')
  const user = requireUser(context, param)
  return {
    title: `${user.name} – ${getT(context)('users')}`,
    user,
    isSelf: user.id === auth.user.id,
    units: listActiveUnits(getServices(context).db),
  }
}

const UserChangeSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.enum(['deactivate', 'activate', 'reset-password']) }),
    AddMembershipSchema,
    RemoveMembershipSchema,
  ],
  { message: msg('validation:unknownAction') },
)

/** Every change here changes what the account may do, so open WebSocket connections are checked again. */
export async function changeUser(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'user.manage')
  const services = getServices(context)
  const { db } = services
  const t = getT(context)
  const userId = requireUser(context, param).id
  const form = await request.formData()
  const submitted = String(form.get('intent') ?? '')
  const which = { intent: submitted }
  if (submitted === 'add-membership' || submitted === 'remove-membership') requireAbility(context, auth, 'membership.manage')
  const parsed = parseForm(UserChangeSchema, form, t)
  if (!parsed.ok) {
    if (parsed.errors.intent) return refused({ form: parsed.errors.intent }, { intent: 'unknown' })
    // A membership is removed by a button: its error belongs to the form, not to a field.
    if (submitted === 'remove-membership') return refused({ form: Object.values(parsed.errors)[0] ?? t('admin:invalidInput') }, which)
    return refused(parsed.errors, which)
  }
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'deactivate':
        deactivateUser(db, { actorId: auth.user.id, userId })
        services.onAccessChanged(userId)
        return done(t('admin:user.deactivated'), which)
      case 'activate':
        activateUser(db, userId)
        services.onAccessChanged(userId)
        return done(t('admin:user.activated'), which)
      case 'reset-password': {
        const password = await resetPassword(db, { actorId: auth.user.id, userId })
        services.onAccessChanged(userId)
        return done(t('admin:user.passwordReset', { password }), which)
      }
      case 'add-membership':
        addMembership(db, { userId, role: input.role, unitId: input.unitId })
        services.onAccessChanged(userId)
        return done(t('admin:user.roleAdded'), which)
      case 'remove-membership':
        removeMembership(db, { userId, membershipId: input.membershipId })
        services.onAccessChanged(userId)
        return done(t('admin:user.roleRemoved'), which)
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return refusalOf(context, error, which)
  }
}
