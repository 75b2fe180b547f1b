import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { roleLabel, ROLES } from '~/shared/vocabulary'
import type { Route } from './+types/user'
import { UnitSelect } from './unit-select'
import { changeUser, loadUser } from './user.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadUser(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return changeUser(context, request, params.id)
}

export default function AdminUser() {
  const { user, isSelf } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  // A refusal leaves the state as it was, a success flips it: so the error belongs to the button now shown, the
  // confirmation to the other one.
  const access = useActionResult(user.active ? 'deactivate' : 'activate')
  const accessDone = useActionResult(user.active ? 'activate' : 'deactivate')
  const reset = useActionResult('reset-password')
  return (
    <div className="space-y-6">
      <nav aria-label={t('admin:breadcrumb')} className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › <Link to="/admin/benutzer">{t('users')}</Link> › {user.name}
      </nav>
      <header>
        <h1 className="text-2xl font-bold">
          {user.name}
          {user.demo ? ` (${t('demoAccount')})` : ''}
        </h1>
        <p className="text-slate-700">{user.email}</p>
      </header>

      <section aria-labelledby="access-title" className="card space-y-3">
        <h2 id="access-title" className="text-lg font-semibold">
          {t('admin:user.access')}
        </h2>
        <FormMessage error={access.errors.form} success={accessDone.success} />
        <p>
          {t('status')}: <strong>{user.active ? t('active') : t('inactive')}</strong> · {t('admin:user.sessions', { count: user.sessionCount })}
        </p>
        {isSelf ? (
          <p className="text-sm text-slate-700">{t('admin:user.cannotDeactivateSelf')}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value={user.active ? 'deactivate' : 'activate'} />
            <button type="submit" className={user.active ? 'btn-danger' : 'btn'} disabled={busy}>
              {user.active ? t('admin:user.deactivate') : t('admin:user.activate')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="password-title" className="card space-y-3">
        <h2 id="password-title" className="text-lg font-semibold">
          {t('password')}
        </h2>
        <FormMessage error={reset.errors.form} success={reset.success} />
        {isSelf ? (
          <p className="text-sm">
            <Trans i18nKey="admin:user.ownPassword" values={{ account: t('account') }} components={{ page: <Link to="/konto" /> }} />
          </p>
        ) : (
          <Form method="post" className="space-y-2">
            <p className="text-sm text-slate-700">{t('admin:user.resetNote')}</p>
            <input type="hidden" name="intent" value="reset-password" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t('admin:user.resetPassword')}
            </button>
          </Form>
        )}
      </section>

      <Memberships />
    </div>
  )
}

function Memberships() {
  const { user, units } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const add = useActionResult('add-membership')
  const remove = useActionResult('remove-membership')
  return (
    <section aria-labelledby="roles-title" className="card space-y-3">
      <h2 id="roles-title" className="text-lg font-semibold">
        {t('roles')}
      </h2>
      <FormMessage error={remove.errors.form} success={remove.success} />
      {user.memberships.length === 0 ? (
        <p className="italic">{t('admin:user.noRoles')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('unit')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {user.memberships.map((m) => (
              <tr key={m.id}>
                <td>{t(roleLabel(m.role))}</td>
                <td>{m.unitName ?? '–'}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-membership" />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t('admin:remove')}
                      <span className="sr-only">
                        : {t(roleLabel(m.role))}
                        {m.unitName ? ` – ${m.unitName}` : ''}
                      </span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="pt-2 font-semibold">{t('admin:user.addRole')}</h3>
      <FormMessage error={add.errors.form} success={add.success} />
      <Form method="post" noValidate className="grid items-start gap-3 sm:grid-cols-3">
        <input type="hidden" name="intent" value="add-membership" />
        <SelectField label={t('role')} name="role" defaultValue="editor" error={add.errors.role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(roleLabel(r))}
            </option>
          ))}
        </SelectField>
        <UnitSelect units={units} defaultValue="" error={add.errors.unitId} />
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            {t('admin:user.addRole')}
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
