import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, TextField } from '~/ui/form'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/account'
import { resultFor, type ActionResult } from '../admin/labels'
import { changePassword, loadAccount } from './account.server'
import { roleLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = () => [{ title: 'Mein Konto – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadAccount(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changePassword(context, request)
}

export default function Account() {
  const account = useLoaderData<typeof loader>()
  const result = resultFor(useActionData<typeof action>() as ActionResult | undefined, 'password')
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t('account')}</h1>
      <section aria-labelledby="me-title" className="card">
        <h2 id="me-title" className="sr-only">
          Angaben
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium">{t('name')}</dt>
          <dd>
            {account.name}
            {account.demo ? ` (${t('demoAccount')})` : ''}
          </dd>
          <dt className="font-medium">{t('email')}</dt>
          <dd>{account.email}</dd>
          <dt className="font-medium">{t('roles')}</dt>
          <dd>
            {account.memberships.length === 0 ? (
              <span className="italic">keine – bitte wenden Sie sich an die Administration</span>
            ) : (
              <ul>
                {account.memberships.map((m) => (
                  <li key={m.id}>
                    {t(roleLabel(m.role))}
                    {m.unitName ? ` – ${m.unitName}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="password-title" className="card space-y-3">
        <h2 id="password-title" className="text-lg font-semibold">
          Passwort ändern
        </h2>
        <FormMessage success={result.success} error={result.errors.form} />
        {/* Password fields are never sent back; a new key empties them after a success. */}
        <Form method="post" noValidate key={result.success ?? 'form'} className="space-y-3">
          <input type="hidden" name="intent" value="password" />
          <input type="text" name="username" autoComplete="username" value={account.email} readOnly hidden />
          <TextField label="Aktuelles Passwort" name="currentPassword" type="password" autoComplete="current-password" required error={result.errors.currentPassword} />
          <TextField label="Neues Passwort" name="newPassword" type="password" autoComplete="new-password" required minLength={12} hint="Mindestens 12 Zeichen." error={result.errors.newPassword} />
          <TextField label="Neues Passwort wiederholen" name="repeatPassword" type="password" autoComplete="new-password" required error={result.errors.repeatPassword} />
          <button type="submit" className="btn" disabled={busy}>
            Passwort ändern
          </button>
        </Form>
      </section>
    </div>
  )
}
