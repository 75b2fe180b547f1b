import { Link, useLoaderData } from 'react-router'
import { MeasureTimeline } from '~/ui/timeline'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { formatDate } from '~/shared/dates'
import { isAgreed, type TimelineEntry } from '~/shared/timeline'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/measure'
import { loadMeasure } from './measure.server'
import { unitRoleOnMeasureLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Verlauf der Maßnahme ${loaderData.goal.number}.${loaderData.position.index} – Zielwerk` : 'Maßnahme – Zielwerk' },
]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadMeasure(context, request, params.id)
}

const STATE_LABEL = { draft: 'Entwurf', open: 'offen', closed: 'abgeschlossen' } as const
const timeFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' })

export default function Measure() {
  const { goal, measure, position, previous, next, timeline, narratives } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="space-y-6" aria-labelledby="measure-title">
      <nav aria-label="Maßnahmen-Navigation" className="flex flex-wrap gap-3 text-sm">
        <Link to={`/ziele/${goal.number}`}>
          ← {t('goal')} {goal.number}
        </Link>
        {previous ? <Link to={`/massnahmen/${previous}`}>Vorige Maßnahme</Link> : null}
        {next ? <Link to={`/massnahmen/${next}`}>Nächste Maßnahme →</Link> : null}
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('field')} {goal.fieldNumber}: {goal.fieldTitle} · {t('challenge')}: {goal.challengeTitle}
        </p>
        <p className="text-sm">
          <span className="font-medium">
            {t('goal')} {goal.number}:
          </span>{' '}
          <span lang="de">{goal.description}</span>
        </p>
        <h1 id="measure-title" className="text-2xl font-bold">
          <span className="block text-sm font-normal text-slate-700">
            {t('measure')} {position.index} von {position.of}
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
        {measure.sourceUncertain ? <p className="text-xs text-slate-700">Hinweis: Die Zuordnung dieser Zeile in der Quelle ist unsicher.</p> : null}
      </header>

      <section className="card space-y-2" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="text-lg font-semibold">
          {t('history')}
        </h2>
        <MeasureTimeline entries={timeline} />
      </section>

      <section className="space-y-3" aria-labelledby="rounds-title">
        <h2 id="rounds-title" className="text-lg font-semibold">
          Sachstand und Abstimmung je Berichtsrunde
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
  const agreed = isAgreed(e)
  const headingId = `round-${e.round.id}`
  return (
    <section className="card space-y-2" aria-labelledby={headingId} data-round-details={e.round.id}>
      <h3 id={headingId} className="font-semibold">
        {e.round.name} <span className="font-normal text-slate-700">({STATE_LABEL[e.round.state]})</span>
      </h3>
      {!e.hasStatus ? (
        <p className="text-sm italic text-slate-700">Keine Angabe in dieser Runde.</p>
      ) : (
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">Abgestimmte Bewertung</dt>
          <dd className="flex flex-wrap items-center gap-2">
            {agreed ? (
              <>
                <RatingBadge value={e.agreedAttainment} />
                {e.agreedMarks ? <MarkIcons flags={e.agreedMarks} /> : null}
              </>
            ) : (
              <>
                <span>nicht abgestimmt</span>
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
              <dt className="font-semibold">Abgestimmt</dt>
              <dd data-testid="agreement">
                {agreement(e)}
                {e.meeting ? (
                  <>
                    {' '}
                    (<Link to={`/sitzungen/${e.meeting.id}/protokoll`}>Protokoll</Link>)
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">{t('narrative')}</dt>
          <dd lang="de" className="space-y-1">
            {narrative?.trim() ? narrative.split('\n').map((line, i) => <p key={i}>{line}</p>) : <p className="italic text-slate-700">Kein Sachstand.</p>}
          </dd>
        </dl>
      )}
    </section>
  )
}

/** "am 12.03.2026, 10:00 von Karla Koordination in „Jour fixe“ (12.03.2026)", leaving out what is not known. */
function agreement(e: TimelineEntry): string {
  const parts = [
    e.agreedAt !== null ? `am ${timeFormat.format(new Date(e.agreedAt))}` : null,
    e.agreedByName ? `von ${e.agreedByName}` : null,
    e.meeting ? `in der Sitzung „${e.meeting.title}“ vom ${formatDate(e.meeting.date)}` : null,
  ].filter(Boolean)
  return parts.length ? parts.join(' ') : 'ohne Angabe, wann und von wem (aus der Quelle übernommen)'
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
