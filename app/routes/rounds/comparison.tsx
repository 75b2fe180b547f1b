import { Form, Link, useLoaderData } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { SelectField } from '~/ui/form'
import { RatingBadge } from '~/ui/rating-badge'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { FLAGS, type Flags, flagLabel } from '~/shared/vocabulary'
import type { Route } from './+types/comparison'
import { loadComparison } from './comparison.server'
import { COMPARISON_FILTERS, COMPARISON_FILTER_LABELS } from './types'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadComparison(context, request)
}

type Data = Awaited<ReturnType<typeof loader>>
type Compared = Data['measures'][number]

export default function Comparison() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('rounds:comparison.title')}</h1>
      <search>
        <Form method="get" className="card grid grid-cols-1 items-end gap-3 sm:grid-cols-4" aria-label={t('rounds:comparison.chooseLabel')}>
          <SelectField label={t('rounds:comparison.from')} name="von" defaultValue={data.from?.id ?? ''}>
            {data.options.map((r) => (
              <option key={r.id} value={r.id} lang="de">
                {r.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('rounds:comparison.to')} name="nach" defaultValue={data.to?.id ?? ''}>
            {data.options.map((r) => (
              <option key={r.id} value={r.id} lang="de">
                {r.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('rounds:comparison.show')} name="nur" defaultValue={data.filter}>
            {COMPARISON_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(COMPARISON_FILTER_LABELS[f])}
              </option>
            ))}
          </SelectField>
          <div>
            <button type="submit" className="btn">
              {t('rounds:comparison.compare')}
            </button>
          </div>
        </Form>
      </search>

      {data.from && data.to ? (
        <>
          <p className="text-sm text-slate-700" role="status">
            <Trans
              i18nKey="rounds:comparison.summary"
              count={data.total}
              values={{
                changed: format.number(data.changedCount),
                better: format.number(data.betterCount),
                worse: format.number(data.worseCount),
                shown: format.number(data.measures.length),
                filter: t(COMPARISON_FILTER_LABELS[data.filter]),
              }}
              components={{ from: <span lang="de">{data.from.name}</span>, to: <span lang="de">{data.to.name}</span> }}
            />
          </p>
          {data.measures.length === 0 ? <p className="card">{t('rounds:comparison.noneMatch')}</p> : null}
          <ul className="space-y-3">
            {data.measures.map((m) => (
              <MeasureComparison key={m.id} measure={m} />
            ))}
          </ul>
        </>
      ) : (
        <p className="card">{t('rounds:comparison.needTwo')}</p>
      )}
      <p className="text-sm text-slate-700">{t('rounds:comparison.explain')}</p>
    </div>
  )
}

function MarkList({ flags }: { flags: Flags }) {
  const { t } = useTranslation()
  const set = FLAGS.filter((k) => flags[k])
  return <>{set.length === 0 ? t('rounds:comparison.noMarks') : set.map((k) => t(flagLabel(k))).join(', ')}</>
}

function MeasureComparison({ measure: m }: { measure: Compared }) {
  const { t } = useTranslation()
  return (
    <li className="card space-y-2" data-compared={m.id} data-changed={m.changed} data-worse={m.worse} data-better={m.better}>
      <h2 className="text-base font-semibold">
        <Link to={`/ziele/${m.goalNumber}`}>
          {t('goal')} {m.goalNumber}
        </Link>
        : <span lang="de">{m.title}</span>
        {m.worse ? <span className="ml-2 rounded border border-red-800 px-1.5 text-xs font-semibold text-red-900">{t('rounds:comparison.worse')}</span> : null}
        {m.better ? <span className="ml-2 rounded border border-green-800 px-1.5 text-xs font-semibold text-green-900">{t('rounds:comparison.better')}</span> : null}
        {!m.changed ? <span className="ml-2 text-xs font-normal text-slate-700">({t('rounds:comparison.unchanged')})</span> : null}
      </h2>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">{t('attainment')}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <RatingBadge value={m.before.attainment} kind={m.before.agreed ? 'agreed' : m.before.attainment ? 'proposal' : undefined} />
          <span aria-hidden="true">→</span>
          <span className="sr-only">{t('rounds:comparison.after')}</span>
          <RatingBadge value={m.after.attainment} kind={m.after.agreed ? 'agreed' : m.after.attainment ? 'proposal' : undefined} />
        </dd>
        <dt className="font-semibold">{t('rounds:comparison.marks')}</dt>
        <dd>
          <MarkList flags={m.before.flags} /> <span aria-hidden="true">→</span>
          <span className="sr-only">{t('rounds:comparison.after')}</span> <MarkList flags={m.after.flags} />
        </dd>
        <dt className="font-semibold">{t('narrative')}</dt>
        <dd>
          {m.diff ? (
            <NarrativeDiff parts={m.diff} />
          ) : (
            <span className="text-slate-700">{m.hasNarrative ? t('rounds:comparison.unchanged') : t('rounds:comparison.noNarrative')}</span>
          )}
        </dd>
      </dl>
    </li>
  )
}

/**
 * Removed words struck through, added ones underlined and bold; screen readers hear "removed"/"inserted" in the
 * page's language around the narrative's own (German) words.
 */
function NarrativeDiff({ parts }: { parts: NonNullable<Compared['diff']> }) {
  const { t } = useTranslation()
  return (
    <p className="whitespace-pre-wrap">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i} lang="de">
            {p.text}
          </span>
        ) : p.kind === 'removed' ? (
          <del key={i} className="bg-red-50 text-red-900">
            <span className="sr-only">[{t('rounds:comparison.removed')}: </span>
            <span lang="de">{p.text}</span>
            <span className="sr-only">]</span>
          </del>
        ) : (
          <ins key={i} className="bg-green-50 font-semibold text-green-900">
            <span className="sr-only">[{t('rounds:comparison.inserted')}: </span>
            <span lang="de">{p.text}</span>
            <span className="sr-only">]</span>
          </ins>
        ),
      )}
    </p>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
