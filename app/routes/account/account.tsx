import { Form, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, TextField } from '~/ui/form'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/account'
import { useActionResult } from '~/ui/action-result'
import { pageTitle } from '~/ui/meta'
import { changePassword, loadAccount } from './account.server'
import { roleLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadAccount(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changePassword(context, request)
}

export default function Account() {
  const account = useLoaderData<typeof loader>()
  const result = useActionResult('password')
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t('account:account.title')}</h1>
      <section aria-labelledby="me-title" className="card">
        <h2 id="me-title" className="sr-only">
          {t('account:account.details')}
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
              <span className="italic">{t('account:account.noRoles')}</span>
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
          {t('account:account.changePassword')}
        </h2>
        <FormMessage success={result.success} error={result.errors.form} />
        {/* Password fields are never sent back; a new key empties them after a success. */}
        <Form method="post" noValidate key={result.success ?? 'form'} className="space-y-3">
          <input type="hidden" name="intent" value="password" />
          <input type="text" name="username" autoComplete="username" value={account.email} readOnly hidden />
          <TextField label={t('account:account.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required error={result.errors.currentPassword} />
          <TextField label={t('account:account.newPassword')} name="newPassword" type="password" autoComplete="new-password" required minLength={12} hint={t('account:account.newPasswordHint')} error={result.errors.newPassword} />
          <TextField label={t('account:account.repeatPassword')} name="repeatPassword" type="password" autoComplete="new-password" required error={result.errors.repeatPassword} />
          <button type="submit" className="btn" disabled={busy}>
            {t('account:account.changePassword')}
          </button>
        </Form>
      </section>
    </div>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
