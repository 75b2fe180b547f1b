import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/start'
import { joinForum, loadStart } from './start.server'
import { NAME_MAX, ORGANISATION_MAX } from './limits'
import { ParticipantErrorPage } from './error-page'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadStart(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return joinForum(context, request)
}

type JoinResult = { errors?: Record<string, string>; values?: Record<string, string> }

/** The start page: a code (typed, or from the QR code's link), optional name and organisation, the privacy line. */
export default function Start() {
  const page = useLoaderData<typeof loader>()
  const result = (useActionData() as JoinResult | undefined) ?? {}
  const errors = result.errors ?? {}
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  return (
    <section aria-labelledby="start-title" className="space-y-4">
      <h1 id="start-title" className="text-2xl font-bold">
        {t('participant:start.title')}
      </h1>
      <p>{t('participant:start.intro')}</p>
      {page.expired ? <FormMessage error={t('participant:start.expired')} /> : null}
      {page.left ? <FormMessage success={t('participant:start.left')} /> : null}
      <Form method="post" noValidate className="card space-y-4">
        <FormMessage error={errors.form} />
        <TextField
          label={t('participant:start.code')}
          name="code"
          defaultValue={result.values?.code ?? page.code}
          hint={t('participant:start.codeHint')}
          error={errors.code}
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          dir="ltr"
          className="[&_input]:min-h-12 [&_input]:text-xl [&_input]:tracking-widest"
        />
        <TextField label={t('participant:start.name')} name="name" defaultValue={result.values?.name} maxLength={NAME_MAX} autoComplete="name" error={errors.name} className="[&_input]:min-h-11" />
        <TextField
          label={t('participant:start.organisation')}
          name="organisation"
          defaultValue={result.values?.organisation}
          maxLength={ORGANISATION_MAX}
          autoComplete="organization"
          hint={t('participant:start.detailsHint')}
          error={errors.organisation}
          className="[&_input]:min-h-11"
        />
        <p className="text-sm">
          {t('participant:start.privacyShort')} <Link to="/mitmachen/datenschutz">{t('participant:start.privacyMore')}</Link>
        </p>
        <button type="submit" className="btn min-h-12 w-full justify-center text-lg" disabled={busy}>
          {t('participant:start.join')}
        </button>
      </Form>
    </section>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
