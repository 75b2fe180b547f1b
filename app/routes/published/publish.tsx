import { useState } from 'react'
import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { useActionResult } from '~/ui/action-result'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { useHydrated } from '~/ui/use-hydrated'
import { roundStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/publish'
import { changePublication, loadPublication } from './publish.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** /runden/:id/veroeffentlichung: the commissioner publishes a closed round or withdraws its publication. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadPublication(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return changePublication(context, request, params.id)
}

export default function Publication() {
  const { round, publication, missingTexts, path, address, log } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const result = useActionResult(['publish', 'withdraw'], round.id)
  const published = publication?.published ?? false
  const who = (name: string | null) => name ?? t('report:publish.unknownPerson')
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/runden">{t('report:publish.back')}</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t('report:publish.link')}: <span lang="de">{round.name}</span>
      </h1>
      <p className="max-w-3xl">{t('report:publish.intro')}</p>
      <FormMessage success={result.success} error={result.errors.form} />
      <section aria-labelledby="publication-state" className="card space-y-3">
        <h2 id="publication-state" className="text-lg font-semibold">
          {t('report:publish.state')}
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">{t('status')}</dt>
          <dd>{t(roundStateLabel(round.state))}</dd>
          <dt className="font-semibold">{t('report:publish.link')}</dt>
          <dd data-testid="publication-state">
            {!publication
              ? t('report:publish.stateNever')
              : published
                ? t('report:publish.statePublished', { date: format.dateTime(publication.publishedAt), by: who(publication.publishedBy) })
                : t('report:publish.stateWithdrawn', { date: format.dateTime(publication.withdrawnAt!), by: who(publication.withdrawnBy) })}
          </dd>
        </dl>
        {published ? <PublicAddress path={path} address={address} /> : null}
      </section>
      {round.state !== 'closed' ? <p className="max-w-3xl">{t('report:publish.notClosed')}</p> : null}
      {missingTexts.length > 0 && !published ? (
        <section aria-labelledby="missing-texts" className="card space-y-2 border-amber-700">
          <h2 id="missing-texts" className="font-semibold">
            {t('report:publish.missingTexts')}
          </h2>
          <ul className="list-disc pl-6">
            {missingTexts.map((key) => (
              <li key={key}>
                {t('report:publish.missingText', { text: t(`site:${key}.title`) })} <a href="/admin/texte">{t('report:publish.editTexts')}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {round.state === 'closed' && !published ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold text-brand-700 underline">{t('report:publish.publishSummary')}</summary>
          <Form method="post" className="mt-2 space-y-2">
            <p>{t('report:publish.publishExplain', { round: round.name })}</p>
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="btn" disabled={busy}>
              {t('report:publish.publish')}
            </button>
          </Form>
        </details>
      ) : null}
      {published ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold text-brand-700 underline">{t('report:publish.withdrawSummary')}</summary>
          <Form method="post" className="mt-2 space-y-2">
            <p>{t('report:publish.withdrawExplain', { round: round.name })}</p>
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="btn-danger" disabled={busy}>
              {t('report:publish.withdraw')}
            </button>
          </Form>
        </details>
      ) : null}
      <section aria-labelledby="publication-log" className="card space-y-2">
        <h2 id="publication-log" className="text-lg font-semibold">
          {t('report:publish.log')}
        </h2>
        {log.length === 0 ? (
          <p className="italic">{t('report:publish.logEmpty')}</p>
        ) : (
          <table className="table" data-testid="publication-log">
            <thead>
              <tr>
                <th scope="col">{t('report:publish.logWhen')}</th>
                <th scope="col">{t('report:publish.logWhat')}</th>
                <th scope="col">{t('report:publish.logWho')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((entry, i) => (
                <tr key={i}>
                  <td>{format.dateTime(entry.at)}</td>
                  <td>{t(entry.action === 'publish' ? 'report:publish.logPublish' : 'report:publish.logWithdraw')}</td>
                  <td>{who(entry.by)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

/** The public address, selectable without JavaScript; with it, a button copies it. */
function PublicAddress({ path, address }: { path: string; address: string }) {
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const [copied, setCopied] = useState(false)
  return (
    <div className="space-y-2">
      <TextField label={t('report:publish.address')} name="address" value={address} readOnly hint={t('report:publish.addressHint')} onFocus={(e) => e.currentTarget.select()} data-testid="public-address" />
      <div className="flex flex-wrap items-center gap-4">
        {hydrated ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              void navigator.clipboard?.writeText(address).then(() => setCopied(true))
            }}
          >
            {t('report:publish.copy')}
          </button>
        ) : null}
        <a href={path}>{t('report:publish.view')}</a>
        <span role="status">{copied ? t('report:publish.copied') : ''}</span>
      </div>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
