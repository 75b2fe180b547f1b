import { data, type RouterContextProvider } from 'react-router'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { UserError, createUserAccount, listUsers } from '../../../server/services/admin/users'
import { listActiveUnits } from '../../../server/services/admin/units'
import { parseForm } from '~/shared/forms'
import { CreateUserSchema } from './users.schema'

type Ctx = Readonly<RouterContextProvider>

export function loadUsers(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'user.manage')
  const { db } = getServices(context)
  return {
    users: listUsers(db),
    units: listActiveUnits(db),
  }
}

/** Entered values go back with errors so that a browser without JavaScript keeps them. */
const keep = (form: FormData) => ({ name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), role: String(form.get('role') ?? ''), unitId: String(form.get('unitId') ?? '') })

export async function createUserFromForm(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'user.manage')
  const { db } = getServices(context)
  const form = await request.formData()
  const parsed = parseForm(CreateUserSchema, form, getT(context))
  if (!parsed.ok) return data({ intent: 'create', errors: parsed.errors, values: keep(form) }, { status: 400 })
  try {
    const { password } = await createUserAccount(db, parsed.data)
    return {
      intent: 'create',
      success: `Das Konto für ${parsed.data.name} (${parsed.data.email}) ist angelegt. Erstes Passwort: ${password} – es wird nur dieses eine Mal angezeigt; bitte sicher weitergeben.`,
    }
  } catch (error) {
    if (error instanceof UserError) return data({ intent: 'create', errors: { [error.field]: error.message }, values: keep(form) }, { status: 400 })
    throw error
  }
}
