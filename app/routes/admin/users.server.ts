import type { RouterContextProvider } from 'react-router'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { done, formValues, refused, refusalOf } from '../../../server/http/actions'
import { UserError, createUserAccount, listUsers } from '../../../server/services/admin/users'
import { listActiveUnits } from '../../../server/services/admin/units'
import { parseForm } from '~/shared/forms'
import { CreateUserSchema } from './users.schema'

type Ctx = Readonly<RouterContextProvider>

export function loadUsers(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'user.manage')
  const { db } = getServices(context)
  const t = getT(context)
  return { title: t('admin:pageTitle', { page: t('users') }), users: listUsers(db), units: listActiveUnits(db) }
}

export async function createUserFromForm(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'user.manage')
  const { db } = getServices(context)
  const t = getT(context)
  const form = await request.formData()
  // Entered values go back with errors so that a browser without JavaScript keeps them.
  const which = { intent: 'create', values: formValues(form) }
  const parsed = parseForm(CreateUserSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors, which)
  try {
    const { password } = await createUserAccount(db, parsed.data)
    return done(t('admin:users.created', { name: parsed.data.name, email: parsed.data.email, password }), { intent: 'create' })
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return refusalOf(context, error, which)
  }
}
