import { useMemo } from 'react'
import { Form, Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { MarkIcon } from '~/ui/mark-icons'
import { RatingShape } from '~/ui/rating-badge'
import { SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useServerMarkup } from '~/ui/server-markup'
import { useStatusStream, type LiveStatus } from '~/collab/use-status-stream'
import { DEFAULT_LANGUAGE, isLanguage, type T } from '~/shared/i18n'
import { ATTAINMENTS, FLAGS, attainmentLabel, flagLabel, roundStateLabel } from '~/shared/vocabulary'
import { OverviewCatalogue, parseCatalogue } from './overview-catalogue'
import type { Route } from './+types/overview'
import { loadOverview } from './overview.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadOverview(context, request)
}

export default function Overview() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const f = data.filters
  const live = useStatusStream(data.liveRoundId)
  return (
    <div className="space-y-6">
      <div>
        {/* The catalogue is German in either UI language: lang="de" lets screen readers switch (WCAG 3.1.2). */}
        <h1 className="text-2xl font-bold" lang="de">
          Konzept Migration und Integration 2018–2022
        </h1>
        <p className="text-sm text-slate-700">
          {data.round ? (
            <>
              {t('round')}: <strong lang="de">{data.round.name}</strong> ({t(roundStateLabel(data.round.state))})
            </>
          ) : (
            t('catalogue:overview.noRound')
          )}
        </p>
      </div>

      <search>
        <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label={t('catalogue:overview.filters')}>
          <SelectField label={t('round')} name="runde" defaultValue={data.round?.id ?? ''}>
            {data.rounds.map((r) => (
              <option key={r.id} value={r.id} lang="de">
                {r.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('field')} name="feld" defaultValue={f.feld ?? ''}>
            <option value="">{t('all')}</option>
            {data.fieldOptions.map((o) => (
              <option key={o.number} value={o.number} lang="de">
                {o.number}. {o.title}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('unit')} name="einheit" defaultValue={f.einheit ?? ''}>
            <option value="">{t('all')}</option>
            {data.unitOptions.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('attainment')} name="bewertung" defaultValue={f.bewertung ?? ''}>
            <option value="">{t('all')}</option>
            {ATTAINMENTS.map((a) => (
              <option key={a} value={a}>
                {t(attainmentLabel(a))}
              </option>
            ))}
            <option value="none">{t('vocabulary:attainment.none')}</option>
          </SelectField>
          <SelectField label={t('mark')} name="merkmal" defaultValue={f.merkmal ?? ''}>
            <option value="">{t('all')}</option>
            {FLAGS.map((k) => (
              <option key={k} value={k}>
                {t(flagLabel(k))}
              </option>
            ))}
          </SelectField>
          <TextField label={t('search')} name="q" type="search" defaultValue={f.q ?? ''} />
          <div className="flex flex-wrap items-end gap-2 lg:col-span-6">
            <button type="submit" className="btn">
              {t('filter')}
            </button>
            <Link to="/" className="btn-secondary">
              {t('resetFilters')}
            </Link>
            <p className="ml-auto text-sm text-slate-700" role="status" aria-live="polite">
              {t('catalogue:overview.totals', { goals: t('catalogue:overview.goalCount', { count: data.totals.goals }), measures: t('catalogue:overview.measureCount', { count: data.totals.measures }) })}
            </p>
          </div>
        </Form>
      </search>

      <Legend />

      <Catalogue catalogue={data.catalogue} live={live} t={t} />
    </div>
  )
}

/**
 * On the server, markup rendered in advance from this very catalogue (overview-catalogue.server.tsx) goes where
 * the placeholder is; the browser renders OverviewCatalogue itself and hydrates it against that markup. The
 * wrapper spaces the sections as the page's own space-y-6 did.
 */
function Catalogue({ catalogue, live, t }: { catalogue: string; live: ReadonlyMap<number, LiveStatus>; t: T }) {
  const { i18n } = useTranslation()
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  const placeholder = useServerMarkup(catalogue)
  const fields = useMemo(() => (placeholder === undefined ? parseCatalogue(catalogue) : []), [catalogue, placeholder])
  if (placeholder !== undefined) return <div className="space-y-6" data-testid="catalogue" dangerouslySetInnerHTML={{ __html: placeholder }} />
  return (
    <div className="space-y-6" data-testid="catalogue">
      <OverviewCatalogue fields={fields} live={live} t={t} language={language} />
    </div>
  )
}

function Legend() {
  const { t } = useTranslation()
  return (
    <details className="card text-sm">
      <summary className="cursor-pointer font-semibold">{t('legend')}</summary>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <ul className="space-y-1">
          {ATTAINMENTS.map((a) => (
            <li key={a} className="flex items-center gap-2">
              <RatingShape value={a} /> {t('catalogue:overview.legendAttainment', { rating: t(attainmentLabel(a)) })}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <RatingShape value={null} /> {t('vocabulary:attainment.none')}
          </li>
        </ul>
        <ul className="space-y-1">
          {FLAGS.map((k) => (
            <li key={k} className="flex items-center gap-2">
              <MarkIcon flag={k} label={t(flagLabel(k))} /> {t(flagLabel(k))}
            </li>
          ))}
        </ul>
      </div>
    </details>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
