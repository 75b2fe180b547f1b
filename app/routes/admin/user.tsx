import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, SelectField } from '~/ui/form'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/user'
import { resultFor, type ActionResult } from './labels'
import { changeUser, loadUser } from './user.server'
import { roleLabel, ROLES, UNIT_ROLE } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.user.name ?? 'Konto'} – Benutzer – Zielwerk` }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadUser(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return changeUser(context, request, params.id)
}

function useResult(intent: string) {
  return resultFor(useActionData<typeof action>() as ActionResult | undefined, intent)
}

export default function AdminUser() {
  const { user, isSelf } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  // A refusal leaves the state as it was, a success flips it: so the error belongs to the button now shown, the
  // confirmation to the other one.
  const access = useResult(user.active ? 'deactivate' : 'activate')
  const accessDone = useResult(user.active ? 'activate' : 'deactivate')
  const reset = useResult('reset-password')
  return (
    <div className="space-y-6">
      <nav aria-label="Brotkrümelnavigation" className="text-sm">
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
          Zugang
        </h2>
        <FormMessage error={access.errors.form} success={accessDone.success} />
        <p>
          {t('status')}: <strong>{user.active ? t('active') : t('inactive')}</strong> · angemeldet in {user.sessionCount}{' '}
          {user.sessionCount === 1 ? 'Sitzung' : 'Sitzungen'}
        </p>
        {isSelf ? (
          <p className="text-sm text-slate-700">Ihr eigenes Konto können Sie nicht deaktivieren.</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value={user.active ? 'deactivate' : 'activate'} />
            <button type="submit" className={user.active ? 'btn-danger' : 'btn'} disabled={busy}>
              {user.active ? 'Konto deaktivieren und abmelden' : 'Konto wieder aktivieren'}
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
            Ihr eigenes Passwort ändern Sie unter <Link to="/konto">{t('account')}</Link>.
          </p>
        ) : (
          <Form method="post" className="space-y-2">
            <p className="text-sm text-slate-700">Zielwerk erzeugt ein neues Passwort und zeigt es einmal an. Alle Sitzungen des Kontos enden.</p>
            <input type="hidden" name="intent" value="reset-password" />
            <button type="submit" className="btn-secondary" disabled={busy}>
              Passwort zurücksetzen
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
  const add = useResult('add-membership')
  const remove = useResult('remove-membership')
  return (
    <section aria-labelledby="roles-title" className="card space-y-3">
      <h2 id="roles-title" className="text-lg font-semibold">
        {t('roles')}
      </h2>
      <FormMessage error={remove.errors.form} success={remove.success} />
      {user.memberships.length === 0 ? (
        <p className="italic">Das Konto hat keine Rolle und sieht deshalb nichts außer dieser Meldung.</p>
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
                      Entfernen
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
      <h3 className="pt-2 font-semibold">Rolle hinzufügen</h3>
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
        <SelectField label={`${t('unit')} (nur für „${t(roleLabel(UNIT_ROLE))}“)`} name="unitId" defaultValue="" error={add.errors.unitId}>
          <option value="">– keine (übergreifende Rolle) –</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            Rolle hinzufügen
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
