import { lazy, Suspense, useMemo } from 'react'
import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { useActionResult } from '~/ui/action-result'
import { LoadBoundary } from '~/ui/load-boundary'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { useHydrated } from '~/ui/use-hydrated'
import { roundStateLabel } from '~/shared/vocabulary'
import type { T } from '~/shared/i18n'
import type { Route } from './+types/report'
import { changeReport, loadReport } from './report.server'
import { ChapterFrame, chapterId, ChapterText, FieldSidePanel, GoalReferenceList, SchemeLegend } from './chapter-parts'
import { ExportLinks } from './export-links'
import { EMPTY_AUTHOR_ROWS, type ChapterView } from './report-types'

const LiveChapters = lazy(() => import('~/routes/report/live-chapters'))

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadReport(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return changeReport(context, request, params.id)
}

type Data = Awaited<ReturnType<typeof loader>>

/** "1 Einleitung", "3.3 Bildung & Sprache", "4 Fazit": the chapter's number and title as the exports print them. */
function titleOf(c: ChapterView, t: T): React.ReactNode {
  // A field's title is the catalogue's German text.
  if (c.field !== null)
    return (
      <>
        3.{c.field} <span lang="de">{c.fieldTitle}</span>
      </>
    )
  if (c.slug === 'introduction') return `1 ${t('report:report.introduction')}`
  if (c.slug === 'method') return `2 ${t('report:report.method')}`
  return `4 ${t('report:report.conclusion')}`
}

export default function Report() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const hydrated = useHydrated()
  const known = useMemo(() => new Set(data.goalNumbers), [data.goalNumbers])
  const title = (c: ChapterView) => titleOf(c, t)
  const after = (c: ChapterView) => (c.slug === 'method' ? <SchemeLegend /> : null)
  const panel = (c: ChapterView) => {
    const p = c.field !== null ? data.panels[c.field] : undefined
    return p ? <FieldSidePanel panel={p} /> : null
  }
  const statically = (
    <div className="space-y-6">
      {data.chapters.map((c) => (
        <ChapterFrame
          key={c.slug}
          chapter={c}
          title={title(c)}
          body={
            <>
              <ChapterText text={c.text} known={known} />
              {c.field !== null && c.statistics ? <p className="text-sm text-slate-700">{t('report:writing.statisticsOn')}</p> : null}
              <GoalReferenceList text={c.text} known={known} id={c.slug} />
            </>
          }
          after={after(c)}
          panel={panel(c)}
        />
      ))}
    </div>
  )
  return (
    <article className="space-y-6" aria-labelledby="report-title">
      <nav aria-label={t('report:writing.navigation')} className="flex flex-wrap gap-3 text-sm">
        <Link to={`/?runde=${data.round.id}`}>← {t('overview')}</Link>
      </nav>
      <header className="space-y-1">
        <h1 id="report-title" className="text-2xl font-bold">
          {t('report:writing.heading')}: <span lang="de">{data.round.name}</span>
        </h1>
        <p className="text-sm text-slate-700">
          {t('status')}: {t(roundStateLabel(data.round.state))}
          {' · '}
          {data.live ? (data.canWrite ? t('report:writing.writable') : t('report:writing.readOnly')) : t('report:writing.frozen')}
        </p>
      </header>
      {data.canExport ? <ExportLinks roundId={data.round.id} report /> : null}
      <Cover data={data} />
      <nav aria-labelledby="toc-title" className="card">
        <h2 id="toc-title" className="text-lg font-semibold">
          {t('report:report.toc')}
        </h2>
        <ol className="mt-2 space-y-1 text-sm">
          {data.chapters.map((c) => (
            <li key={c.slug} className={c.field !== null ? 'pl-6' : ''}>
              {c.field === 1 ? (
                <span className="-ml-6 block">
                  <a href="#kapitel-results">{t('report:writing.results')}</a>
                </span>
              ) : null}
              <a href={`#${chapterId(c)}`}>{title(c)}</a>
            </li>
          ))}
          <li>{t('report:writing.annex')}</li>
        </ol>
      </nav>
      {hydrated && data.live ? (
        <LoadBoundary what={t('common:ui.load.live')} fallback={statically}>
          <Suspense fallback={statically}>
            <LiveChapters me={data.me} chapters={data.chapters} canWrite={data.canWrite} goalNumbers={data.goalNumbers} renderAfter={after} renderPanel={panel} chapterTitle={title} />
          </Suspense>
        </LoadBoundary>
      ) : (
        statically
      )}
    </article>
  )
}

/** The cover: title (empty: the default), authors as name + unit, "Stand" (empty: the export's day). A form: one person at a time. */
function Cover({ data }: { data: Data }) {
  const { t } = useTranslation()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const result = useActionResult('cover')
  const values = result.success ? undefined : result.values
  const rows = data.canWrite ? [...data.cover.authors, ...Array.from({ length: EMPTY_AUTHOR_ROWS }, () => ({ name: '', unit: '' }))] : data.cover.authors
  return (
    <section aria-labelledby="cover-title" className="card space-y-3">
      <h2 id="cover-title" className="text-lg font-semibold">
        {t('report:writing.cover.title')}
      </h2>
      <p className="text-lg font-semibold" lang="de" data-cover-title>
        {data.cover.title || data.defaultTitle}
      </p>
      {data.canWrite ? (
        <Form method="post" noValidate className="space-y-3" key={result.success ?? 'cover'}>
          <FormMessage success={result.success} error={result.errors.form} />
          <input type="hidden" name="intent" value="cover" />
          <TextField label={t('report:writing.cover.titleLabel')} name="title" maxLength={300} defaultValue={values?.title ?? data.cover.title} error={result.errors.title} hint={t('report:writing.cover.titleHint')} lang="de" />
          <TextField label={t('report:writing.cover.stand')} name="standDate" type="date" defaultValue={values?.standDate ?? data.cover.standDate ?? ''} error={result.errors.standDate} hint={t('report:writing.cover.standHint')} />
          <fieldset className="space-y-2">
            <legend className="label">{t('report:writing.cover.authors')}</legend>
            {rows.map((a, i) => (
              <div key={i} className="grid gap-2 sm:grid-cols-2">
                <TextField label={t('report:writing.cover.authorName', { number: i + 1 })} name={`author-${i}-name`} defaultValue={values?.[`author-${i}-name`] ?? a.name} error={result.errors[`author-${i}-name`]} maxLength={120} />
                <TextField label={t('report:writing.cover.authorUnit', { number: i + 1 })} name={`author-${i}-unit`} defaultValue={values?.[`author-${i}-unit`] ?? a.unit} maxLength={160} />
              </div>
            ))}
          </fieldset>
          <button type="submit" className="btn" disabled={busy}>
            {t('report:writing.cover.save')}
          </button>
        </Form>
      ) : (
        <dl className="grid gap-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
          <dt className="font-medium">{t('report:writing.cover.authors')}</dt>
          <dd>
            {data.cover.authors.length ? (
              <ul>
                {data.cover.authors.map((a, i) => (
                  <li key={i}>{a.unit ? `${a.name}, ${a.unit}` : a.name}</li>
                ))}
              </ul>
            ) : (
              <span className="italic">{t('report:writing.cover.noAuthors')}</span>
            )}
          </dd>
          <dt className="font-medium">{t('report:writing.cover.stand')}</dt>
          <dd>{data.cover.standDate ? format.date(data.cover.standDate) : t('report:writing.cover.standDefault')}</dd>
        </dl>
      )}
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
