import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { MeasureTimeline } from '~/ui/timeline'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import type { T } from '~/shared/i18n'
import { isAgreed, type TimelineEntry } from '~/shared/timeline'
import { roundStateLabel, unitRoleOnMeasureLabel } from '~/shared/vocabulary'
import type { Route } from './+types/measure'
import { loadMeasure } from './measure.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadMeasure(context, request, params.id)
}

export default function Measure() {
  const { goal, measure, position, previous, next, timeline, narratives } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="space-y-6" aria-labelledby="measure-title">
      <nav aria-label={t('catalogue:measure.navigation')} className="flex flex-wrap gap-3 text-sm">
        <Link to={`/ziele/${goal.number}`}>← {t('catalogue:goal.heading', { number: goal.number })}</Link>
        {previous ? <Link to={`/massnahmen/${previous}`}>{t('catalogue:measure.previous')}</Link> : null}
        {next ? <Link to={`/massnahmen/${next}`}>{t('catalogue:measure.next')} →</Link> : null}
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('field')} {goal.fieldNumber}: <span lang="de">{goal.fieldTitle}</span> · {t('challenge')}: <span lang="de">{goal.challengeTitle}</span>
        </p>
        <p className="text-sm">
          <span className="font-medium">{t('catalogue:goal.heading', { number: goal.number })}:</span>{' '}
          <span lang="de">{goal.description}</span>
        </p>
        <h1 id="measure-title" className="text-2xl font-bold">
          <span className="block text-sm font-normal text-slate-700">
            {t('catalogue:measure.position', { index: position.index, of: position.of })}
          </span>
          <span lang="de">{measure.title}</span>
        </h1>
        <p className="text-sm">
          <span className="font-medium">{t('units')}: </span>
          {measure.units.length ? (
            measure.units.map((u, i) => (
              <span key={u.id}>
                {i > 0 ? ', ' : ''}
                {u.name} ({t(unitRoleOnMeasureLabel(u.role))})
              </span>
            ))
          ) : (
            <span className="italic">{t('noUnit')}</span>
          )}
        </p>
        {measure.sourceUncertain ? <p className="text-xs text-slate-700">{t('catalogue:measure.sourceUncertain')}</p> : null}
      </header>

      <section className="card space-y-2" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="text-lg font-semibold">
          {t('history')}
        </h2>
        <MeasureTimeline entries={timeline} />
      </section>

      <section className="space-y-3" aria-labelledby="rounds-title">
        <h2 id="rounds-title" className="text-lg font-semibold">
          {t('catalogue:measure.roundsTitle')}
        </h2>
        {timeline.map((entry, i) => (
          <RoundDetails key={entry.round.id} entry={entry} narrative={narratives[i] ?? null} />
        ))}
      </section>
    </article>
  )
}

function RoundDetails({ entry: e, narrative }: { entry: TimelineEntry; narrative: string | null }) {
  const { t } = useTranslation()
  const format = useFormat()
  const agreed = isAgreed(e)
  const headingId = `round-${e.round.id}`
  return (
    <section className="card space-y-2" aria-labelledby={headingId} data-round-details={e.round.id}>
      <h3 id={headingId} className="font-semibold">
        <span lang="de">{e.round.name}</span> <span className="font-normal text-slate-700">({t(roundStateLabel(e.round.state))})</span>
      </h3>
      {!e.hasStatus ? (
        <p className="text-sm italic text-slate-700">{t('catalogue:measure.noStatus')}</p>
      ) : (
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">{t('catalogue:measure.agreedRating')}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            {agreed ? (
              <>
                <RatingBadge value={e.agreedAttainment} />
                {e.agreedMarks ? <MarkIcons flags={e.agreedMarks} /> : null}
              </>
            ) : (
              <>
                <span>{t('catalogue:measure.notAgreed')}</span>
                {e.proposalAttainment ? (
                  <span className="inline-flex items-center gap-1 italic text-slate-700">
                    {t('vocabulary:ratingKind.proposal')}: <RatingBadge value={e.proposalAttainment} />
                  </span>
                ) : null}
              </>
            )}
          </dd>
          {agreed ? (
            <>
              <dt className="font-semibold">{t('catalogue:measure.agreed')}</dt>
              <dd data-testid="agreement">
                {agreement(e, t, format)}
                {e.meeting ? (
                  <>
                    {' '}
                    (<Link to={`/sitzungen/${e.meeting.id}/protokoll`}>{t('catalogue:measure.minutes')}</Link>)
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">{t('narrative')}</dt>
          <dd className="space-y-1">
            {narrative?.trim() ? (
              narrative.split('\n').map((line, i) => (
                <p key={i} lang="de">
                  {line}
                </p>
              ))
            ) : (
              <p className="italic text-slate-700">{t('catalogue:measure.noNarrative')}</p>
            )}
          </dd>
        </dl>
      )}
    </section>
  )
}

/** "am 12.03.2026, 10:00 von Karla Koordination in der Sitzung „Jour fixe“ vom 12.03.2026", leaving out what is not known. */
function agreement(e: TimelineEntry, t: T, format: ReturnType<typeof useFormat>): string {
  const parts = [
    e.agreedAt !== null ? t('catalogue:measure.agreement.at', { at: format.dateTime(e.agreedAt) }) : null,
    e.agreedByName ? t('catalogue:measure.agreement.by', { name: e.agreedByName }) : null,
    e.meeting ? t('catalogue:measure.agreement.inMeeting', { title: e.meeting.title, date: format.date(e.meeting.date) }) : null,
  ].filter(Boolean)
  return parts.length ? parts.join(' ') : t('catalogue:measure.agreement.unknown')
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
