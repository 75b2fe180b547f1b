import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/users'
import { createUserFromForm, loadUsers } from './users.server'
import { roleLabel, ROLES, UNIT_ROLE } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = () => [{ title: 'Benutzer – Verwaltung – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadUsers(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return createUserFromForm(context, request)
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <nav aria-label="Brotkrümelnavigation" className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › {t('users')}
      </nav>
      <h1 className="text-2xl font-bold">{t('users')}</h1>
      <CreateUserForm />
      <section aria-labelledby="users-title" className="card overflow-x-auto">
        <h2 id="users-title" className="mb-2 text-lg font-semibold">
          Alle Konten ({users.length})
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('roles')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('demoAccount')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row" className="bg-white font-normal">
                  <Link to={`/admin/benutzer/${u.id}`}>{u.name}</Link>
                </th>
                <td>{u.email}</td>
                <td>
                  {u.memberships.length === 0 ? (
                    <span className="italic">keine Rolle</span>
                  ) : (
                    <ul>
                      {u.memberships.map((m) => (
                        <li key={m.id}>
                          {t(roleLabel(m.role))}
                          {m.unitName ? ` – ${m.unitName}` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{u.active ? t('active') : <strong>{t('inactive')}</strong>}</td>
                <td>{u.demo ? t('yes') : t('no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}

function CreateUserForm() {
  const { units } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  const errors: Record<string, string | undefined> = (result && 'errors' in result ? result.errors : undefined) ?? {}
  const values = result && 'values' in result ? result.values : undefined
  const success = result && 'success' in result ? result.success : undefined
  return (
    <section aria-labelledby="create-user-title" className="card space-y-3">
      <h2 id="create-user-title" className="text-lg font-semibold">
        Benutzer anlegen
      </h2>
      <FormMessage success={success} error={errors.form} />
      {/* A new key after each success empties the fields for the next account. */}
      <Form method="post" noValidate key={success ?? 'new'} className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="create" />
        <TextField label={t('name')} name="name" autoComplete="off" required maxLength={120} defaultValue={values?.name} error={errors.name} />
        <TextField label={t('email')} name="email" type="email" autoComplete="off" required defaultValue={values?.email} error={errors.email} />
        <SelectField label={t('role')} name="role" required defaultValue={values?.role ?? 'viewer'} error={errors.role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(roleLabel(r))}
            </option>
          ))}
        </SelectField>
        <SelectField label={`${t('unit')} (nur für „${t(roleLabel(UNIT_ROLE))}“)`} name="unitId" defaultValue={values?.unitId ?? ''} error={errors.unitId}>
          <option value="">– keine (übergreifende Rolle) –</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <p className="text-sm text-slate-700 sm:col-span-2">
          Das erste Passwort erzeugt Zielwerk; es wird nach dem Anlegen einmal angezeigt. Weitere Rollen vergeben Sie auf der Seite des Kontos.
        </p>
        <div className="sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>
            Benutzer anlegen
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
