import { lazy, Suspense, useRef } from 'react'
import { Form, Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LoadBoundary } from '~/ui/load-boundary'
import { MeasureTimeline } from '~/ui/timeline'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { SelectField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { CACHED_DOCUMENT } from '~/ui/server-markup'
import { useFormat } from '~/ui/use-format'
import { useRevalidateOnStatusChange } from '~/collab/use-status-stream'
import { useHydrated } from '~/ui/use-hydrated'
import type { T } from '~/shared/i18n'
import { attainmentLabel, flagLabel, isAttainment, isFlag, roundStateLabel, unitRoleOnMeasureLabel } from '~/shared/vocabulary'
import type { Route } from './+types/goal'
import { loadGoal } from './goal.server'
import { ForumFeedbackPanel } from '~/routes/forums/feedback-panel'
import { GoalIndicators } from '~/routes/monitoring/goal-indicators'

const LiveGoal = lazy(() => import('~/routes/catalogue/live-goal'))

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** The page's HTML is made of its address, language and loader data only: the server keeps it rendered. */
export const handle = CACHED_DOCUMENT

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadGoal(context, request, params.number)
}

type GoalData = Awaited<ReturnType<typeof loader>>
type MeasureData = GoalData['measures'][number]

export default function Goal() {
  const data = useLoaderData<typeof loader>()
  const { goal, measures, previous, next, round } = data
  const { t } = useTranslation()
  const hydrated = useHydrated()
  useRevalidateOnStatusChange(data.liveRound ? round?.id : undefined, measures.map((m) => m.id))
  // A round closed while this page showed it live stays live, read-only, until the user leaves: there the page
  // says so and shows what he typed that the server did not store (live-goal.tsx), which the static view cannot.
  const shownLive = useRef<number | null>(null)
  if (data.liveRound && round) shownLive.current = round.id
  const live = hydrated && goal.documentName !== null && (data.liveRound || (round !== undefined && shownLive.current === round.id))
  const footer = (id: number) => {
    const m = measures.find((x) => x.id === id)
    return m ? <MeasureFooter measure={m} /> : null
  }
  return (
    <article className="space-y-6" aria-labelledby="goal-title">
      <nav aria-label={t('catalogue:goal.navigation')} className="flex flex-wrap gap-3 text-sm">
        <Link to={`/?feld=${goal.fieldNumber}`}>← {t('overview')}</Link>
        {previous ? <Link to={`/ziele/${previous}`}>{t('catalogue:goal.heading', { number: previous })}</Link> : null}
        {next ? <Link to={`/ziele/${next}`}>{t('catalogue:goal.heading', { number: next })} →</Link> : null}
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('field')} {goal.fieldNumber}: <span lang="de">{goal.fieldTitle}</span> · {t('challenge')}: <span lang="de">{goal.challengeTitle}</span>
        </p>
        <h1 id="goal-title" className="text-2xl font-bold">
          {t('catalogue:goal.heading', { number: goal.number })}
        </h1>
        <p className="text-lg" lang="de">
          {goal.description}
        </p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <SelectField label={t('round')} name="runde" defaultValue={round?.id ?? ''} className="min-w-0 max-w-full">
          {data.rounds.map((r) => (
            // A round is named in German (data, lang="de"); an option holds plain text only, its state word included.
            <option key={r.id} value={r.id} lang="de">
              {r.name} ({t(roundStateLabel(r.state))})
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn-secondary">
          {t('catalogue:goal.show')}
        </button>
      </Form>

      {live ? (
        <LoadBoundary what={t('common:ui.load.live')} fallback={<StaticGoal data={data} footer={footer} />}>
          <Suspense fallback={<StaticGoal data={data} footer={footer} />}>
            <LiveGoal
              me={data.me}
              goal={{ documentName: goal.documentName!, canEdit: goal.canEdit, narrativeText: goal.narrativeText }}
              measures={measures.map((m) => ({ id: m.id, title: m.title, documentName: m.documentName!, canEdit: m.canEdit }))}
              renderMeasureFooter={footer}
            />
          </Suspense>
        </LoadBoundary>
      ) : (
        <StaticGoal data={data} footer={footer} />
      )}
      <GoalIndicators data={data.monitoring} />
      <ForumFeedbackPanel data={data.forumFeedback} />
    </article>
  )
}

/** The page as the server renders it and as closed rounds show it: the stored projection, read-only. */
function StaticGoal({ data, footer }: { data: GoalData; footer: (id: number) => React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <section aria-labelledby="goal-narrative-title" className="card space-y-2">
        <h2 id="goal-narrative-title" className="text-lg font-semibold">
          {t('catalogue:goal.narrativeTitle')}
        </h2>
        <NarrativeText text={data.goal.narrativeText} />
      </section>
      {data.measures.map((m) => (
        <section key={m.id} className="card space-y-3" aria-labelledby={`measure-${m.id}`} data-measure={m.id}>
          <h3 id={`measure-${m.id}`} className="text-lg font-semibold" lang="de">
            {m.title}
          </h3>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium">{t('vocabulary:ratingKind.proposal')}:</span>
            <RatingBadge value={m.status?.proposal ?? null} />
            {m.status ? <MarkIcons flags={m.status.proposalFlags} /> : null}
          </div>
          <div>
            <p className="label">{t('narrative')}</p>
            <NarrativeText text={m.status?.narrativeText ?? ''} />
          </div>
          {footer(m.id)}
        </section>
      ))}
    </div>
  )
}

/** A stored narrative: the units write it in German, like the catalogue. */
function NarrativeText({ text }: { text: string }) {
  const { t } = useTranslation()
  if (!text.trim()) return <p className="text-sm italic text-slate-700">{t('catalogue:goal.noNarrative')}</p>
  return (
    <div className="space-y-1 text-sm" lang="de">
      {text.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  )
}

function MeasureFooter({ measure: m }: { measure: MeasureData }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="space-y-3">
      <div className="text-sm">
        <span className="font-medium">{t('units')}: </span>
        {m.units.length ? (
          m.units.map((u, i) => (
            <span key={u.id}>
              {i > 0 ? ', ' : ''}
              {u.name} ({t(unitRoleOnMeasureLabel(u.role))})
            </span>
          ))
        ) : (
          <span className="italic">{t('noUnit')}</span>
        )}
      </div>
      {m.sourceUncertain ? <p className="text-xs text-slate-700">{t('catalogue:measure.sourceUncertain')}</p> : null}
      <section className="space-y-2" aria-labelledby={`timeline-${m.id}`}>
        <h4 id={`timeline-${m.id}`} className="text-sm font-medium">
          {t('history')}
        </h4>
        <MeasureTimeline entries={m.timeline} />
        <p className="text-sm">
          <Link to={`/massnahmen/${m.id}`}>
            {t('catalogue:goal.measureHistory')}
            <span className="sr-only">
              : <span lang="de">{m.title}</span>
            </span>
          </Link>
        </p>
      </section>
      <details className="text-sm" data-testid={`changes-${m.id}`}>
        <summary className="cursor-pointer font-medium">{t('catalogue:goal.changes.title', { count: m.changes.length })}</summary>
        {m.changes.length === 0 ? (
          <p className="mt-1 text-slate-700">{t('catalogue:goal.changes.none')}</p>
        ) : (
          <ul className="mt-1 space-y-0.5">
            {m.changes.map((c) => (
              <li key={c.id}>
                <time dateTime={new Date(c.at).toISOString()}>{format.dateTime(c.at)}</time>
                {' · '}
                {c.userName ?? t('catalogue:goal.changes.unknownUser')} · {t(`vocabulary:ratingKind.${c.kind}`)} · {changedField(c.field, t)}:{' '}
                {changedValue(c.oldValue, t)} → {changedValue(c.newValue, t)}
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  )
}

/** The changed field of an audit row: the rating or one of the marks (in the log's short form). */
function changedField(field: string, t: T): string {
  if (field === 'attainment') return t('attainment')
  if (field === 'responsibilityQuestionable') return t('catalogue:goal.changes.responsibilityQuestionable')
  return isFlag(field) ? t(flagLabel(field)) : field
}

/** An audit row's old or new value: a rating, a mark's yes/no, or "not rated". */
function changedValue(value: string | null, t: T): string {
  if (value === null || value === 'null') return t('catalogue:goal.changes.notRated')
  if (isAttainment(value)) return t(attainmentLabel(value))
  if (value === 'true') return t('yes')
  if (value === 'false') return t('no')
  return value
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
