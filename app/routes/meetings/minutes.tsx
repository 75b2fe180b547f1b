import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { MarkIcons } from '~/ui/mark-icons'
import { pageTitle } from '~/ui/meta'
import { RatingBadge } from '~/ui/rating-badge'
import { meetingStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/minutes'
import { loadMinutes } from './minutes.server'
import { AttendanceList, ItemStateBadge, MeetingWhen, RoundName } from './meeting-parts'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

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
      <nav aria-label={t('meetings:minutes.navigation')} className="flex flex-wrap gap-3 text-sm">
        <Link to="/sitzungen">← {t('meetings:meeting.allMeetings')}</Link>
        <Link to={`/sitzungen/${meeting.id}`}>{t('meetings:minutes.toMeeting')}</Link>
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('common:meetings')} · <RoundName name={meeting.roundName} />
        </p>
        <h1 id="minutes-title" className="text-2xl font-bold">
          {t('meetings:minutes.title', { title: meeting.title })}
        </h1>
        <p>
          <MeetingWhen meeting={meeting} />
        </p>
        {meeting.state !== 'closed' ? (
          <p className="rounded-md border border-slate-500 bg-white px-3 py-2 text-sm font-medium">
            {t('meetings:minutes.provisional', { state: t(meetingStateLabel(meeting.state)) })}
          </p>
        ) : null}
      </header>
      <a href={`/sitzungen/${meeting.id}/protokoll.docx`} className="btn no-underline" download>
        {t('meetings:minutes.download')}
      </a>
      <section aria-labelledby="present-title" className="card">
        <h2 id="present-title" className="mb-2 text-lg font-semibold">
          {t('meetings:minutes.presentCount', { count: attendance.length })}
        </h2>
        <AttendanceList attendance={attendance} testId="minutes-attendance" />
      </section>
      <section aria-labelledby="results-title" className="card overflow-x-auto">
        <h2 id="results-title" className="mb-2 text-lg font-semibold">
          {t('meetings:minutes.results')}
        </h2>
        <p className="mb-2">{t('meetings:minutes.summary', { count: items.length, ...counts })}</p>
        <table className="table" data-testid="minutes-items">
          <thead>
            <tr>
              <th scope="col">{t('meetings:minutes.number')}</th>
              <th scope="col">{t('meetings:minutes.item')}</th>
              <th scope="col">{t('meetings:minutes.proposal')}</th>
              <th scope="col">{t('meetings:minutes.agreed')}</th>
              <th scope="col">{t('meetings:minutes.state')}</th>
              <th scope="col">{t('meetings:minutes.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-item={item.id}>
                <td className="tabular-nums">{item.number}</td>
                <th scope="row" className="bg-white font-normal">
                  <Link to={`/ziele/${item.goalNumber}`}>{t('meetings:item.goal', { number: item.goalNumber })}</Link>
                  {item.kind === 'goal' ? ` ${t('meetings:item.asWhole')}` : ''}: <span lang="de">{item.title}</span>
                  {item.units.length ? <span className="block text-sm text-slate-700">{item.units.join(', ')}</span> : null}
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
                      {item.agreedByName ? <span className="block w-full text-sm text-slate-700">{t('meetings:minutes.agreedBy', { name: item.agreedByName })}</span> : null}
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
