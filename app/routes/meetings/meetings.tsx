import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { formatDate } from '~/shared/dates'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/meetings'
import { createMeetingAction, loadMeetings } from './meetings.server'
import { meetingStateLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = () => [{ title: 'Jour fixe – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadMeetings(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return createMeetingAction(context, request)
}

export default function Meetings() {
  const { meetings, openRounds, canManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('meetings')}: Sitzungen</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Im Jour fixe Migration und Integration werden die Bewertungsvorschläge der Organisationseinheiten besprochen und abgestimmt. Jede Sitzung
        hat eine Tagesordnung aus Maßnahmen und Zielen, eine Anwesenheitsliste und ein Protokoll.
      </p>
      {canManage ? <CreateMeeting openRounds={openRounds} /> : null}
      <section aria-labelledby="meetings-title" className="card overflow-x-auto">
        <h2 id="meetings-title" className="mb-2 text-lg font-semibold">
          Alle Sitzungen
        </h2>
        {meetings.length === 0 ? (
          <p>Noch keine Sitzungen angelegt.</p>
        ) : (
          <table className="table" data-testid="meetings">
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Sitzung</th>
                <th scope="col">Berichtsrunde</th>
                <th scope="col">Stand</th>
                <th scope="col">Punkte erledigt</th>
                <th scope="col">Protokoll</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td className="whitespace-nowrap">
                    {formatDate(m.date)}
                    {m.time ? `, ${m.time} Uhr` : ''}
                  </td>
                  <th scope="row" className="bg-white font-normal">
                    <Link to={`/sitzungen/${m.id}`}>{m.title}</Link>
                  </th>
                  <td>{m.roundName}</td>
                  <td>{t(meetingStateLabel(m.state))}</td>
                  <td className="tabular-nums">
                    {m.done} von {m.items}
                  </td>
                  <td>
                    {m.state === 'planned' ? (
                      '–'
                    ) : (
                      <Link to={`/sitzungen/${m.id}/protokoll`}>
                        Protokoll<span className="sr-only"> {m.title} vom {formatDate(m.date)}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

type Result = { errors?: Record<string, string>; values?: Record<string, string> }

function CreateMeeting({ openRounds }: { openRounds: { id: number; name: string }[] }) {
  const result = useActionData<typeof action>() as Result | undefined
  const busy = useNavigation().state === 'submitting'
  const errors = result?.errors ?? {}
  const values = result?.values ?? {}
  if (openRounds.length === 0) {
    return (
      <section aria-labelledby="create-meeting" className="card">
        <h2 id="create-meeting" className="text-lg font-semibold">
          Neue Sitzung
        </h2>
        <p>Sitzungen gibt es nur in einer offenen Berichtsrunde; zurzeit ist keine offen.</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="create-meeting" className="card">
      <h2 id="create-meeting" className="mb-2 text-lg font-semibold">
        Neue Sitzung
      </h2>
      <Form method="post" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" noValidate>
        <FormMessage error={errors.form} />
        <SelectField label="Berichtsrunde" name="roundId" defaultValue={values.roundId ?? String(openRounds.at(-1)!.id)} error={errors.roundId}>
          {openRounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Titel" name="title" required defaultValue={values.title ?? 'Jour fixe Migration und Integration'} error={errors.title} />
        <TextField label="Datum" name="date" type="date" required defaultValue={values.date ?? ''} error={errors.date} />
        <TextField label="Uhrzeit (optional)" name="time" type="time" defaultValue={values.time ?? ''} error={errors.time} />
        <TextField label="Ort (optional)" name="location" defaultValue={values.location ?? ''} error={errors.location} />
        <div className="flex items-end">
          <button type="submit" className="btn" disabled={busy}>
            Sitzung anlegen
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
