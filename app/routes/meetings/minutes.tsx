import { Link, useLoaderData } from 'react-router'
import { AttendanceList, ItemStateBadge } from '~/routes/meetings/meeting-parts'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { formatDate } from '~/shared/dates'
import type { Route } from './+types/minutes'
import { loadMinutes } from './minutes.server'
import { meetingStateLabel } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Protokoll${loaderData ? `: ${loaderData.meeting.title}` : ''} – Zielwerk` }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadMinutes(context, request, params.id)
}

export default function Minutes() {
  const { t } = useTranslation()
  const { meeting, attendance, items } = useLoaderData<typeof loader>()
  const counts = { agreed: 0, deferred: 0, discussed: 0, open: 0 }
  for (const item of items) counts[item.state]++
  return (
    <article className="space-y-6" aria-labelledby="minutes-title">
      <nav aria-label="Protokoll-Navigation" className="flex flex-wrap gap-3 text-sm">
        <Link to="/sitzungen">← Alle Sitzungen</Link>
        <Link to={`/sitzungen/${meeting.id}`}>Zur Sitzung</Link>
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">Jour fixe · {meeting.roundName}</p>
        <h1 id="minutes-title" className="text-2xl font-bold">
          Protokoll: {meeting.title}
        </h1>
        <p>
          {formatDate(meeting.date)}
          {meeting.time ? `, ${meeting.time} Uhr` : ''}
          {meeting.location ? ` · ${meeting.location}` : ''}
        </p>
        {meeting.state !== 'closed' ? (
          <p className="rounded-md border border-slate-500 bg-white px-3 py-2 text-sm font-medium">
            Vorläufig: Die Sitzung {t(meetingStateLabel(meeting.state))}. Endgültig wird das Protokoll mit dem Ende der Sitzung.
          </p>
        ) : null}
      </header>
      <a href={`/sitzungen/${meeting.id}/protokoll.docx`} className="btn no-underline" download>
        Protokoll als Word-Datei (DOCX) herunterladen
      </a>
      <section aria-labelledby="present-title" className="card">
        <h2 id="present-title" className="mb-2 text-lg font-semibold">
          Anwesend ({attendance.length})
        </h2>
        <AttendanceList attendance={attendance} testId="minutes-attendance" />
      </section>
      <section aria-labelledby="results-title" className="card overflow-x-auto">
        <h2 id="results-title" className="mb-2 text-lg font-semibold">
          Ergebnisse
        </h2>
        <p className="mb-2">
          {items.length} Punkte: {counts.agreed} abgestimmt, {counts.deferred} vertagt, {counts.discussed} besprochen, {counts.open} offen.
        </p>
        <table className="table" data-testid="minutes-items">
          <thead>
            <tr>
              <th scope="col">Nr.</th>
              <th scope="col">Maßnahme / Ziel</th>
              <th scope="col">Vorschlag</th>
              <th scope="col">Abgestimmt</th>
              <th scope="col">Stand</th>
              <th scope="col">Beschluss</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-item={item.id}>
                <td className="tabular-nums">{item.number}</td>
                <th scope="row" className="bg-white font-normal">
                  <Link to={`/ziele/${item.goalNumber}`}>Ziel {item.goalNumber}</Link>
                  {item.kind === 'goal' ? ' (als Ganzes)' : ''}: {item.title}
                  {item.units.length ? <span className="block text-sm text-slate-700">{item.units.map((u) => u.shortName).join(', ')}</span> : null}
                </th>
                <td>
                  {item.kind === 'measure' ? (
                    <span className="flex flex-wrap items-center gap-1">
                      <RatingBadge value={item.proposal} kind="proposal" />
                      {item.proposalFlags ? <MarkIcons flags={item.proposalFlags} /> : null}
                    </span>
                  ) : (
                    '–'
                  )}
                </td>
                <td data-testid="minutes-agreed">
                  {item.kind === 'measure' && item.agreedHere ? (
                    <span className="flex flex-wrap items-center gap-1">
                      <RatingBadge value={item.agreed} kind="agreed" />
                      {item.agreedFlags ? <MarkIcons flags={item.agreedFlags} /> : null}
                      {item.agreedByName ? <span className="block w-full text-sm text-slate-700">von {item.agreedByName}</span> : null}
                    </span>
                  ) : (
                    '–'
                  )}
                </td>
                <td>
                  <ItemStateBadge state={item.state} />
                </td>
                <td className="whitespace-pre-line">{item.decisionNote || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
