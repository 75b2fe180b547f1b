import { Form, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/login'
import { loadLogin, login } from './login.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadLogin(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return login(context, request)
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const { errors } = useActionResult()
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  return (
    <section className="mx-auto mt-8 max-w-sm card" aria-labelledby="login-title">
      <h1 id="login-title" className="mb-1 text-2xl font-bold">
        {t('account:login.title')}
      </h1>
      <p className="mb-4 text-sm text-slate-700">{t('account:login.subtitle')}</p>
      <Form method="post" className="space-y-4" noValidate>
        <FormMessage error={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label={t('email')} name="email" type="email" autoComplete="username" required error={errors.email} autoFocus />
        <TextField label={t('password')} name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="btn w-full justify-center" disabled={busy}>
          {t('account:login.title')}
        </button>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
