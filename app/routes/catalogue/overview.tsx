import { useMemo } from 'react'
import { Form, Link, useLoaderData, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { MarkIcon } from '~/ui/mark-icons'
import { RatingShape } from '~/ui/rating-badge'
import { SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useNonce } from '~/ui/nonce'
import { CACHED_DOCUMENT, useServerMarkup } from '~/ui/server-markup'
import { useStatusStream, type LiveStatus } from '~/collab/use-status-stream'
import { DEFAULT_LANGUAGE, isLanguage, type T } from '~/shared/i18n'
import { ATTAINMENTS, FLAGS, attainmentLabel, flagLabel, roundStateLabel } from '~/shared/vocabulary'
import { ExportLinks } from '~/routes/report/export-links'
import { useRootData } from '~/root'
import { catalogueScriptKey, OverviewCatalogue, overviewHref, parseCatalogue } from './overview-catalogue'
import type { Route } from './+types/overview'
import { loadOverview } from './overview.server'
import { CATALOGUE_SCRIPT_ID, OVERVIEW_VIEWS, type OverviewCatalogueText, type OverviewView } from './types'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** The page's HTML is made of its address, language and loader data only: the server keeps it rendered. */
export const handle = CACHED_DOCUMENT

export function loader({ context, request }: Route.LoaderArgs) {
  return loadOverview(context, request)
}

type OverviewData = Awaited<ReturnType<typeof loader>>

export default function Overview() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const f = data.filters
  const live = useStatusStream(data.liveRoundId)
  const view = f.ansicht ?? 'karten'
  const collapsed = f.zu ?? []
  const location = useLocation()
  const exportable = useRootData()?.abilities.exportReports && data.round && data.round.state !== 'draft'
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
          {/* Filtering keeps the view and the collapsed fields. */}
          {view !== 'karten' ? <input type="hidden" name="ansicht" value={view} /> : null}
          {collapsed.length > 0 ? <input type="hidden" name="zu" value={collapsed.join(',')} /> : null}
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
            <Link to={overviewHref('', view, collapsed)} className="btn-secondary">
              {t('resetFilters')}
            </Link>
            <p className="ml-auto text-sm text-slate-700" role="status" aria-live="polite">
              {t('catalogue:overview.totals', { goals: t('catalogue:overview.goalCount', { count: data.totals.goals }), measures: t('catalogue:overview.measureCount', { count: data.totals.measures }) })}
            </p>
          </div>
        </Form>
      </search>
      {exportable && data.round ? <ExportLinks roundId={data.round.id} search={location.search} editor /> : null}

      <ViewControls data={data} view={view} collapsed={collapsed} />

      <Legend />

      <Catalogue catalogue={data.catalogue} live={live} t={t} />
    </div>
  )
}

/** Cards or table, and all fields collapsed or expanded: links, so the address keeps the view (and works without JavaScript). */
function ViewControls({ data, view, collapsed }: { data: OverviewData; view: OverviewView; collapsed: number[] }) {
  const { t } = useTranslation()
  const shown = data.fieldOptions.map((o) => o.number).filter((n) => !data.filters.feld || n === data.filters.feld)
  const allCollapsed = shown.length > 0 && shown.every((n) => collapsed.includes(n))
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
      <nav aria-label={t('catalogue:overview.view')} className="flex flex-wrap items-center gap-2">
        <span className="font-medium" aria-hidden="true">
          {t('catalogue:overview.view')}:
        </span>
        {OVERVIEW_VIEWS.map((v) => (
          <Link
            key={v}
            to={overviewHref(data.query, v, collapsed)}
            aria-current={v === view ? 'page' : undefined}
            className={v === view ? 'btn pointer-events-none' : 'btn-secondary'}
            data-view-link={v}
          >
            {t(`catalogue:overview.views.${v}`)}
          </Link>
        ))}
      </nav>
      <div className="flex flex-wrap gap-3">
        {!allCollapsed ? (
          <Link to={overviewHref(data.query, view, [...new Set([...collapsed, ...shown])].sort((a, b) => a - b))} data-collapse="all">
            {t('catalogue:overview.collapseAll')}
          </Link>
        ) : null}
        {collapsed.length > 0 ? (
          <Link to={overviewHref(data.query, view, [])} data-collapse="none">
            {t('catalogue:overview.expandAll')}
          </Link>
        ) : null}
      </div>
    </div>
  )
}

/**
 * On the server, markup rendered in advance from this very catalogue (overview-catalogue.server.tsx) goes where
 * the placeholder is, and its JSON text into the script before it; the browser takes the text from that script
 * (a document response's loader data has only the reference, see OverviewCatalogueText), renders
 * OverviewCatalogue itself and hydrates it against the markup. After a navigation in the browser the text comes
 * with the loader data. The wrapper spaces the sections as the page's own space-y-6 did (the script is no box).
 */
function Catalogue({ catalogue, live, t }: { catalogue: OverviewCatalogueText; live: ReadonlyMap<number, LiveStatus>; t: T }) {
  const { i18n } = useTranslation()
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  const nonce = useNonce()
  const placeholder = useServerMarkup(catalogue.ref)
  const scriptPlaceholder = useServerMarkup(catalogueScriptKey(catalogue.ref))
  // The script's content: on the server its placeholder, in the browser what the server sent (kept as it is).
  const script = catalogue.text === undefined ? (scriptPlaceholder ?? scriptInPage(catalogue.ref)) : undefined
  const text = catalogue.text ?? (scriptPlaceholder === undefined ? script : undefined)
  const parsed = useMemo(() => (placeholder === undefined && text !== undefined ? parseCatalogue(text) : undefined), [text, placeholder])
  return (
    <>
      {script !== undefined ? <script type="application/json" id={CATALOGUE_SCRIPT_ID} data-ref={catalogue.ref} nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} /> : null}
      {placeholder !== undefined || !parsed ? (
        <div className="space-y-6" data-testid="catalogue" dangerouslySetInnerHTML={{ __html: placeholder ?? '' }} />
      ) : (
        <div className="space-y-6" data-testid="catalogue">
          <OverviewCatalogue catalogue={parsed} live={live} t={t} language={language} />
        </div>
      )}
    </>
  )
}

/** The catalogue's JSON text that a document response carried, if it is the one named `ref`. */
function scriptInPage(ref: string): string | undefined {
  if (typeof document === 'undefined') return undefined
  const element = document.getElementById(CATALOGUE_SCRIPT_ID)
  return element?.dataset.ref === ref ? (element.textContent ?? undefined) : undefined
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
