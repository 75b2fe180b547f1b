import { useEffect, useRef } from 'react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, SelectField, TextAreaField } from '~/ui/form'
import { dueText, formatDateTime, formatDate } from '~/shared/dates'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/progress'
import { loadProgress, remindFromProgress } from './progress.server'
import { roundStateLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Fortschritt${loaderData ? `: ${loaderData.round.name}` : ''} – Zielwerk` }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadProgress(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return remindFromProgress(context, request, params.id)
}

type RemindResult = { success?: string; at?: number; errors?: Record<string, string> }
const REMIND_FORM = 'remind-form'

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

function ProgressTable({
  id,
  title,
  header,
  rows,
  total,
  link,
  reminders,
}: {
  id: string
  title: string
  header: string
  rows: Row[]
  total: Data['total']
  link?: (row: Row) => string
  reminders?: Data['reminders']
}) {
  const { t } = useTranslation()
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
              {reminders ? <th scope="col">{t('lastReminded')}</th> : null}
              {reminders?.allowed ? <th scope="col">{t('remind')}</th> : null}
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
                {reminders ? <LastReminded at={reminders.byUnit[r.id]?.lastAt ?? null} /> : null}
                {reminders?.allowed ? (
                  <td>
                    {/* Submits the reminder form above, with its optional message. */}
                    <button type="submit" form={REMIND_FORM} name="unitId" value={r.id} className="btn-secondary" aria-label={`${reminders.byUnit[r.id]?.shortName ?? r.label} erinnern`}>
                      Erinnern
                    </button>
                  </td>
                ) : null}
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
                {reminders ? <td /> : null}
                {reminders?.allowed ? <td /> : null}
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
  const { t } = useTranslation()
  const { round } = data
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Fortschritt: {round.name}</h1>
        <p className="text-sm text-slate-700">
          {t('status')}: {t(roundStateLabel(round.state))} · {t('dueDate')}: {formatDate(round.dueDate)}
          {round.daysLeft !== null ? <> ({dueText(round.daysLeft, t)})</> : null}
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
      {data.reminders.allowed ? <RemindForm reminders={data.reminders} /> : null}
      <ProgressTable
        id="by-unit"
        title="Nach Organisationseinheit"
        header={t('unit')}
        rows={data.units}
        total={data.total}
        link={(r) => `/aufgaben?einheit=${r.id}`}
        reminders={data.reminders}
      />
      <ProgressTable id="by-field" title="Nach Handlungsfeld" header={t('field')} rows={data.fields} total={data.total} />
    </div>
  )
}

function LastReminded({ at }: { at: number | null }) {
  return <td className="whitespace-nowrap">{at === null ? 'noch nie' : formatDateTime(at)}</td>
}

/** The message field and "remind all"; the per-unit buttons in the table submit this form too. */
function RemindForm({ reminders }: { reminders: Data['reminders'] }) {
  const { t } = useTranslation()
  const result = useActionData<typeof action>() as RemindResult | undefined
  const busy = useNavigation().state === 'submitting'
  const form = useRef<HTMLFormElement>(null)
  // A sent reminder clears the message, so the next one does not repeat it by accident.
  useEffect(() => {
    if (result?.success) form.current?.reset()
  }, [result?.success, result?.at])
  const errors = result?.errors ?? {}
  return (
    <section aria-labelledby="remind-title" className="card space-y-3">
      <h2 id="remind-title" className="text-lg font-semibold">
        {t('remindUnits')}
      </h2>
      <p className="max-w-3xl text-sm text-slate-700">
        Eine Erinnerung erreicht alle aktiven Konten mit Bearbeitungsrecht der Einheit als Hinweis in Zielwerk
        {reminders.mail ? ' und per E-Mail.' : '. E-Mail ist nicht eingerichtet (kein SMTP): Die Erinnerung erscheint nur in der App.'} Die Nachricht
        ist freiwillig und gilt auch für „Erinnern“ in der Tabelle.
      </p>
      <FormMessage error={errors.form ?? errors.unitId} success={result?.success} />
      <Form method="post" id={REMIND_FORM} ref={form} className="space-y-3">
        <TextAreaField
          id="remind-message"
          label={t('reminderMessage')}
          name="message"
          rows={3}
          maxLength={1000}
          className="max-w-3xl"
          hint="Höchstens 1000 Zeichen, z. B. „Bitte bis zum Jour fixe am Donnerstag.“"
          error={errors.message}
        />
        <button type="submit" name="unitId" value="all" className="btn" disabled={busy || reminders.openUnits === 0}>
          Alle Einheiten mit offenen Maßnahmen erinnern ({reminders.openUnits})
        </button>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
