import { Form, Link, useLoaderData } from 'react-router'
import { SelectField } from '~/ui/form'
import { RatingBadge } from '~/ui/rating-badge'
import { dueText, formatDateTime, formatDate } from '~/shared/dates'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/todo'
import { loadTodo } from './todo.server'
import { unitRoleOnMeasureLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = () => [{ title: 'Meine Aufgaben – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadTodo(context, request)
}

export default function Todo() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { round, items } = data
  const done = items.filter((i) => i.updated).length
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Meine Aufgaben</h1>
      {data.reminder ? (
        <section aria-labelledby="reminder-title" className="card space-y-1 border-l-4 border-l-brand-700 bg-brand-50" data-testid="reminder">
          <h2 id="reminder-title" className="text-lg font-semibold">
            Erinnerung: Bitte Maßnahmen aktualisieren
          </h2>
          <p className="text-sm">
            Von <strong>{data.reminder.senderName}</strong> am {formatDateTime(data.reminder.createdAt)}
            {data.reminder.unitName ? <> für {data.reminder.unitName}</> : null}
          </p>
          {data.reminder.message ? <p className="whitespace-pre-line">{data.reminder.message}</p> : null}
          <p className="text-sm">
            <Link to="/hinweise">Alle Hinweise ansehen und als gelesen markieren</Link>
          </p>
        </section>
      ) : null}
      {round ? (
        <p className="text-sm text-slate-700" data-testid="due">
          {t('round')}: <strong>{round.name}</strong> · {t('dueDate')}: {formatDate(round.dueDate)}
          {round.daysLeft !== null ? <> ({dueText(round.daysLeft, t)})</> : null}
        </p>
      ) : (
        <p className="card">Zurzeit ist keine Berichtsrunde offen.</p>
      )}

      {data.options.length > 1 || data.picker ? (
        <search>
          <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label="Organisationseinheit wählen">
            <SelectField label={t('unit')} name="einheit" defaultValue={data.selected ?? ''} className="min-w-72">
              <option value="">{data.picker ? 'Bitte wählen' : 'Alle meine Einheiten'}</option>
              {data.options.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="btn">
              Anzeigen
            </button>
          </Form>
        </search>
      ) : null}

      {!data.hasUnit && !data.picker ? (
        <p className="card" role="note">
          Ihrem Konto ist keine Organisationseinheit zugeordnet, deshalb gibt es hier keine Aufgaben. Wenn Sie Maßnahmen einer Einheit bearbeiten
          sollen, wenden Sie sich bitte an die Administration.
        </p>
      ) : null}
      {data.picker && data.selected === null ? <p className="card">Bitte eine Organisationseinheit wählen, um ihre Maßnahmen zu sehen.</p> : null}

      {round && items.length > 0 ? (
        <section aria-labelledby="todo-title" className="card overflow-x-auto">
          <h2 id="todo-title" className="text-lg font-semibold">
            Maßnahmen in dieser Runde
          </h2>
          <p className="mb-2 text-sm" role="status">
            {done} von {items.length} Maßnahmen aktualisiert, {items.length - done} noch offen.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('goal')}</th>
                <th scope="col">{t('measure')}</th>
                {data.showUnit ? <th scope="col">{t('unit')}</th> : null}
                <th scope="col">Rolle</th>
                <th scope="col">In dieser Runde</th>
                <th scope="col">{t('vocabulary:ratingKind.proposal')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.key} data-updated={i.updated}>
                  <td className="whitespace-nowrap">
                    <Link to={`/ziele/${i.goalNumber}`}>
                      {t('goal')} {i.goalNumber}
                    </Link>
                  </td>
                  <th scope="row" className="bg-white font-normal" lang="de">
                    {i.title}
                  </th>
                  {data.showUnit ? <td>{i.unit}</td> : null}
                  <td>{t(unitRoleOnMeasureLabel(i.role))}</td>
                  <td className="whitespace-nowrap">{i.updated ? (
                      <>
                        <span aria-hidden="true">✓ </span>aktualisiert
                      </>
                    ) : (
                      <>
                        <span aria-hidden="true">○ </span>noch nicht aktualisiert
                      </>
                    )}</td>
                  <td>
                    <RatingBadge value={i.proposal} kind={i.proposal ? 'proposal' : undefined} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {round && items.length === 0 && (data.selected !== null || (!data.picker && data.hasUnit)) ? (
        <p className="card">Dieser Einheit sind keine Maßnahmen zugeordnet.</p>
      ) : null}
    </div>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
