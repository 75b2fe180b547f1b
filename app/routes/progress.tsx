import { Form, Link, useLoaderData } from 'react-router'
import { SelectField } from '~/components/ui/form'
import { dueText, formatDueDate } from '~/lib/dates'
import { useT } from '~/root'
import type { Route } from './+types/progress'
import { ROUND_STATE_LABEL } from './admin.labels'
import { loadProgress } from './progress.server'

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Fortschritt${loaderData ? `: ${loaderData.round.name}` : ''} – Zielwerk` }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadProgress(context, request, params.id)
}

type Data = Awaited<ReturnType<typeof loader>>
type Row = Data['units'][number]

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)} %`)

function Cell({ part, whole }: { part: number; whole: number }) {
  return (
    <td className="whitespace-nowrap tabular-nums">
      {part} <span className="text-slate-700">({percent(part, whole)})</span>
    </td>
  )
}

function ProgressTable({ id, title, header, rows, total, link }: { id: string; title: string; header: string; rows: Row[]; total: Data['total']; link?: (row: Row) => string }) {
  return (
    <section aria-labelledby={id} className="card overflow-x-auto">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p>Noch keine Maßnahmen zugeordnet.</p>
      ) : (
        <table className="table" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{header}</th>
              <th scope="col">Maßnahmen</th>
              <th scope="col">aktualisiert</th>
              <th scope="col">Bewertung vorgeschlagen</th>
              <th scope="col">Bewertung abgestimmt</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="bg-white font-normal">
                  {link ? <Link to={link(r)}>{r.label}</Link> : <span lang="de">{r.label}</span>}
                </th>
                <td className="tabular-nums">{r.measures}</td>
                <Cell part={r.updated} whole={r.measures} />
                <Cell part={r.proposed} whole={r.measures} />
                <Cell part={r.agreed} whole={r.measures} />
              </tr>
            ))}
          </tbody>
          {link ? null : (
            <tfoot>
              <tr>
                <th scope="row">Gesamt</th>
                <td className="tabular-nums">{total.measures}</td>
                <Cell part={total.updated} whole={total.measures} />
                <Cell part={total.proposed} whole={total.measures} />
                <Cell part={total.agreed} whole={total.measures} />
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  )
}

export default function Progress() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const { round } = data
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Fortschritt: {round.name}</h1>
        <p className="text-sm text-slate-700">
          {t('status')}: {t(ROUND_STATE_LABEL[round.state])} · {t('dueDate')}: {formatDueDate(round.dueDate)}
          {round.daysLeft !== null ? <> ({dueText(round.daysLeft)})</> : null}
        </p>
      </div>
      <search>
        <Form method="get" action="/fortschritt" className="card flex flex-wrap items-end gap-3" aria-label="Berichtsrunde wählen">
          <SelectField label={t('round')} name="runde" defaultValue={round.id} className="min-w-72">
            {data.rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn">
            Anzeigen
          </button>
        </Form>
      </search>
      <p className="max-w-3xl text-sm text-slate-700">
        „Aktualisiert“ heißt: In dieser Runde wurde an Bewertung, Merkmalen oder Sachstand gearbeitet. Eine Maßnahme mit mehreren Einheiten
        zählt bei jeder von ihnen.
      </p>
      <ProgressTable id="by-unit" title="Nach Organisationseinheit" header={t('unit')} rows={data.units} total={data.total} link={(r) => `/aufgaben?einheit=${r.id}`} />
      <ProgressTable id="by-field" title="Nach Handlungsfeld" header={t('field')} rows={data.fields} total={data.total} />
    </div>
  )
}
