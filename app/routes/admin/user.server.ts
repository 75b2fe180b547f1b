import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, notFound, requireAbility, requireUserWithAbility } from '../../../server/auth/require'
import {
  UserError,
  activateUser,
  addMembership,
  deactivateUser,
  removeMembership,
  resetPassword,
  userDetail,
} from '../../../server/services/admin/users'
import { listActiveUnits } from '../../../server/services/admin/units'
import { parseForm } from '~/shared/forms'
import { AddMembershipSchema, RemoveMembershipSchema } from './users.schema'

type Ctx = Readonly<RouterContextProvider>

function userIdParam(param: string | undefined): number {
  const id = z.coerce.number().int().positive().safeParse(param)
  if (!id.success) throw notFound(`Ein Konto „${param ?? ''}“ gibt es nicht.`)
  return id.data
}

export function loadUser(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'user.manage')
  const { db } = getServices(context)
  const user = userDetail(db, userIdParam(param))
  if (!user) throw notFound('Dieses Konto gibt es nicht.')
  return {
    user,
    isSelf: user.id === auth.user.id,
    units: listActiveUnits(db),
  }
}

const refusal = (intent: string, errors: Record<string, string>) => data({ intent, errors }, { status: 400 })

/** Every change here changes what the account may do, so open WebSocket connections are checked again. */
export async function changeUser(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'user.manage')
  const services = getServices(context)
  const { db } = services
  const userId = userIdParam(param)
  if (!userDetail(db, userId)) throw notFound('Dieses Konto gibt es nicht.')
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  try {
    switch (intent) {
      case 'deactivate':
        deactivateUser(db, { actorId: auth.user.id, userId })
        services.onAccessChanged(userId)
        return { intent, success: 'Das Konto ist deaktiviert; alle seine Sitzungen wurden beendet.' }
      case 'activate':
        activateUser(db, userId)
        services.onAccessChanged(userId)
        return { intent, success: 'Das Konto ist wieder aktiv.' }
      case 'reset-password': {
        if (userId === auth.user.id) return refusal(intent, { form: 'Ihr eigenes Passwort ändern Sie unter „Mein Konto“.' })
        const password = await resetPassword(db, userId)
        services.onAccessChanged(userId)
        return {
          intent,
          success: `Neues Passwort: ${password} – es wird nur dieses eine Mal angezeigt; bitte sicher weitergeben. Alle Sitzungen des Kontos wurden beendet.`,
        }
      }
      case 'add-membership': {
        requireAbility(context, auth, 'membership.manage')
        const parsed = parseForm(AddMembershipSchema, form, getT(context))
        if (!parsed.ok) return refusal(intent, parsed.errors)
        addMembership(db, { userId, role: parsed.data.role, unitId: parsed.data.unitId })
        services.onAccessChanged(userId)
        return { intent, success: 'Die Rolle ist hinzugefügt.' }
      }
      case 'remove-membership': {
        requireAbility(context, auth, 'membership.manage')
        const parsed = parseForm(RemoveMembershipSchema, form, getT(context))
        if (!parsed.ok) return refusal(intent, { form: Object.values(parsed.errors)[0] ?? 'Ungültige Eingabe.' })
        removeMembership(db, { userId, membershipId: parsed.data.membershipId })
        services.onAccessChanged(userId)
        return { intent, success: 'Die Rolle ist entfernt.' }
      }
      default:
        return refusal('unknown', { form: 'Unbekannte Aktion.' })
    }
  } catch (error) {
    if (error instanceof UserError) return refusal(intent, { [error.field]: error.message })
    throw error
  }
}
