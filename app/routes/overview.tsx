import { Form, Link, useLoaderData } from 'react-router'
import { MarkIcon, MarkIcons } from '~/components/ui/mark-icons'
import { RatingBadge, RatingShape } from '~/components/ui/rating-badge'
import { SelectField, TextField } from '~/components/ui/form'
import { ATTAINMENT_KEYS, FLAG_KEYS } from '~/lib/rating'
import { useStatusStream } from '~/collab/use-status-stream'
import { useT } from '~/root'
import type { Route } from './+types/overview'
import { loadOverview } from './overview.server'

export const meta: Route.MetaFunction = () => [{ title: 'Übersicht – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadOverview(context, request)
}

export default function Overview() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const f = data.filters
  const live = useStatusStream(data.round?.state === 'open' ? data.round.id : undefined)
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
              {t('round')}: <strong>{data.round.name}</strong> ({data.round.state === 'open' ? 'offen' : data.round.state === 'closed' ? 'abgeschlossen' : 'Entwurf'})
            </>
          ) : (
            'Keine Berichtsrunde angelegt.'
          )}
        </p>
      </div>

      <search>
        <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filter">
          <SelectField label={t('round')} name="runde" defaultValue={data.round?.id ?? ''}>
            {data.rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('field')} name="feld" defaultValue={f.feld ?? ''}>
            <option value="">{t('all')}</option>
            {data.fieldOptions.map((o) => (
              <option key={o.number} value={o.number}>
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
            {ATTAINMENT_KEYS.map((a) => (
              <option key={a} value={a}>
                {t(a)}
              </option>
            ))}
            <option value="none">{t('notRated')}</option>
          </SelectField>
          <SelectField label={t('mark')} name="merkmal" defaultValue={f.merkmal ?? ''}>
            <option value="">{t('all')}</option>
            {FLAG_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('search')} name="q" type="search" defaultValue={f.q ?? ''} />
          <div className="flex items-end gap-2 lg:col-span-6">
            <button type="submit" className="btn">
              {t('filter')}
            </button>
            <Link to="/" className="btn-secondary">
              {t('resetFilters')}
            </Link>
            <p className="ml-auto text-sm text-slate-700" role="status" aria-live="polite">
              {data.totals.goals} {t('goals')}, {data.totals.measures} {t('measures')}
            </p>
          </div>
        </Form>
      </search>

      <Legend />

      {data.fields.length === 0 ? <p className="card">Keine Ziele entsprechen diesen Filtern.</p> : null}
      {data.fields.map((field) => (
        <section key={field.number} aria-labelledby={`feld-${field.number}`} className="space-y-3">
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 border-b-2 border-brand-700 pb-1">
            <h2 id={`feld-${field.number}`} className="text-xl font-bold">
              {t('field')} {field.number}: <span lang="de">{field.title}</span>
            </h2>
            <p className="text-sm text-slate-700" data-testid={`field-counts-${field.number}`}>
              {field.goalCount} {t('goals')} · {field.measureCount} {t('measures')} ·{' '}
              {ATTAINMENT_KEYS.map((a) => `${field.counts[a]} ${t(a)}`).join(' · ')} · {field.counts.none} {t('notRated')}
            </p>
          </div>
          {field.challenges.map((challenge) => (
            <div key={challenge.id} className="space-y-2">
              <h3 className="text-base font-semibold text-slate-800" lang="de">
                {challenge.title}
              </h3>
              <ul className="space-y-2">
                {field.challenges && challenge.goals.map((goal) => (
                  <li key={goal.id} className="card" data-goal={goal.number}>
                    <Link to={`/ziele/${goal.number}`} className="font-semibold">
                      {t('goal')} {goal.number}
                    </Link>
                    <p className="mt-1 text-sm" lang="de">
                      {goal.description}
                    </p>
                    {goal.measures.length > 0 ? (
                      <table className="table mt-2">
                        <caption className="sr-only">
                          {t('measures')} {t('goal')} {goal.number}
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('measure')}</th>
                            <th scope="col" className="w-1/4">
                              {t('units')}
                            </th>
                            <th scope="col" className="w-44">
                              {t('attainment')}
                            </th>
                            <th scope="col" className="w-32">
                              Merkmale
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {goal.measures.map((stored) => {
                            const update = live.get(stored.id)
                            const m = update ? { ...stored, proposal: update.proposal, agreed: update.agreed, flags: update.flags } : stored
                            return (
                            <tr key={m.id} data-measure={m.id}>
                              <td lang="de">{m.title}</td>
                              <td className="text-slate-700">
                                {m.units || <span className="italic">{t('noUnit')}</span>}
                              </td>
                              <td>
                                <RatingBadge value={m.agreed ?? m.proposal} kind={m.agreed ? 'agreed' : m.proposal ? 'proposal' : undefined} />
                              </td>
                              <td>
                                <MarkIcons flags={m.flags} />
                              </td>
                            </tr>
                            )
                          })}
                        </tbody>
                      </table>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  )
}

function Legend() {
  const t = useT()
  return (
    <details className="card text-sm">
      <summary className="cursor-pointer font-semibold">{t('legend')}</summary>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <ul className="space-y-1">
          {ATTAINMENT_KEYS.map((a) => (
            <li key={a} className="flex items-center gap-2">
              <RatingShape value={a} /> Zielerreichungsgrad {t(a)}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <RatingShape value={null} /> {t('notRated')}
          </li>
        </ul>
        <ul className="space-y-1">
          {FLAG_KEYS.map((k) => (
            <li key={k} className="flex items-center gap-2">
              <MarkIcon flag={k} label={t(k)} /> {t(k)}
            </li>
          ))}
        </ul>
      </div>
    </details>
  )
}
