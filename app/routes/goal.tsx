import { Link, useLoaderData } from 'react-router'
import { MarkIcons } from '~/components/ui/mark-icons'
import { RatingBadge } from '~/components/ui/rating-badge'
import { useT } from '~/root'
import type { Route } from './+types/goal'
import { loadGoal } from './goal.server'

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `Ziel ${loaderData.goal.number} – Zielwerk` : 'Ziel – Zielwerk' }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadGoal(context, request, params.number)
}

export default function Goal() {
  const { goal, measures, previous, next } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <article className="space-y-6" aria-labelledby="goal-title">
      <nav aria-label="Ziel-Navigation" className="flex flex-wrap gap-3 text-sm">
        <Link to={`/?feld=${goal.fieldNumber}`}>← {t('overview')}</Link>
        {previous ? <Link to={`/ziele/${previous}`}>{t('goal')} {previous}</Link> : null}
        {next ? <Link to={`/ziele/${next}`}>{t('goal')} {next} →</Link> : null}
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('field')} {goal.fieldNumber}: {goal.fieldTitle} · {t('challenge')}: {goal.challengeTitle}
        </p>
        <h1 id="goal-title" className="text-2xl font-bold">
          {t('goal')} {goal.number}
        </h1>
        <p className="text-lg">{goal.description}</p>
      </header>

      <section aria-labelledby="measures-title" className="space-y-4">
        <h2 id="measures-title" className="text-xl font-bold">
          {t('measures')}
        </h2>
        {measures.map((m) => (
          <section key={m.id} className="card space-y-3" aria-labelledby={`measure-${m.id}`} data-measure={m.id}>
            <h3 id={`measure-${m.id}`} className="text-lg font-semibold">
              {m.title}
            </h3>
            {m.sourceUncertain ? (
              <p className="text-xs text-slate-700">Hinweis: Die Zuordnung dieser Zeile in der Quelle ist unsicher.</p>
            ) : null}
            <div className="text-sm">
              <span className="font-medium">{t('units')}: </span>
              {m.units.length ? (
                m.units.map((u, i) => (
                  <span key={u.id}>
                    {i > 0 ? ', ' : ''}
                    {u.name} ({t(u.role)})
                  </span>
                ))
              ) : (
                <span className="italic">{t('noUnit')}</span>
              )}
            </div>
            <table className="table">
              <caption className="mb-1 text-left font-medium">{t('history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('round')}</th>
                  <th scope="col">{t('proposal')}</th>
                  <th scope="col">Abgestimmte Bewertung</th>
                  <th scope="col">Merkmale</th>
                </tr>
              </thead>
              <tbody>
                {m.history.map((h) => (
                  <tr key={h.roundId}>
                    <th scope="row" className="font-normal">
                      {h.roundName}
                      {h.roundState === 'closed' ? ' (abgeschlossen)' : h.roundState === 'open' ? ' (offen)' : ''}
                    </th>
                    <td>
                      <RatingBadge value={h.proposal} />
                    </td>
                    <td>{h.agreedFlags || h.agreed ? <RatingBadge value={h.agreed} /> : <span className="text-sm text-slate-700">noch nicht abgestimmt</span>}</td>
                    <td>
                      <MarkIcons flags={h.agreedFlags ?? h.proposalFlags} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </section>
    </article>
  )
}
