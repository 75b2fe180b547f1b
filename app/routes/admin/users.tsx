import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { roleLabel, ROLES } from '~/shared/vocabulary'
import type { Route } from './+types/users'
import { UnitSelect } from './unit-select'
import { createUserFromForm, loadUsers } from './users.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

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
      <nav aria-label={t('admin:breadcrumb')} className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › {t('users')}
      </nav>
      <h1 className="text-2xl font-bold">{t('users')}</h1>
      <CreateUserForm />
      <section aria-labelledby="users-title" className="card overflow-x-auto">
        <h2 id="users-title" className="mb-2 text-lg font-semibold">
          {t('admin:users.all', { count: users.length })}
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
                    <span className="italic">{t('admin:users.noRole')}</span>
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
  const { errors, values, success } = useActionResult('create')
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  return (
    <section aria-labelledby="create-user-title" className="card space-y-3">
      <h2 id="create-user-title" className="text-lg font-semibold">
        {t('admin:users.create')}
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
        <UnitSelect units={units} defaultValue={values?.unitId ?? ''} error={errors.unitId} />
        <p className="text-sm text-slate-700 sm:col-span-2">{t('admin:users.passwordNote')}</p>
        <div className="sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>
            {t('admin:users.create')}
          </button>
        </div>
      </Form>
    </section>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
