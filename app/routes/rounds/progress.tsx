import { useEffect, useRef } from 'react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextAreaField } from '~/ui/form'
import { resultFor, type ActionResult } from '~/ui/action-result'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { dueText } from '~/shared/dates'
import { roundStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/progress'
import { loadProgress, remindFromProgress } from './progress.server'
import { stacked } from './stacked-table'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadProgress(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return remindFromProgress(context, request, params.id)
}

const REMIND_FORM = 'remind-form'

type Data = Awaited<ReturnType<typeof loader>>
type Row = Data['units'][number]

function Cell({ part, whole, label }: { part: number; whole: number; label: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  // "1 %" in German, "1%" in English: the message file knows where the sign goes.
  const share = whole === 0 ? '–' : t('rounds:progress.percent', { value: format.number(Math.round((part / whole) * 100)) })
  return (
    <td role="cell" className={`whitespace-nowrap tabular-nums ${stacked.cell}`} data-label={`${label}:`}>
      <span>
        {format.number(part)} <span className="text-slate-700">({share})</span>
      </span>
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
  const format = useFormat()
  const columns = [
    header,
    t('measures'),
    t('rounds:progress.updated'),
    t('rounds:progress.proposed'),
    t('rounds:progress.agreed'),
    ...(reminders ? [t('lastReminded')] : []),
    ...(reminders?.allowed ? [t('remind')] : []),
  ]
  return (
    <section aria-labelledby={id} className="card overflow-x-auto">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p>{t('rounds:progress.noAssignments')}</p>
      ) : (
        <table {...stacked.table} data-testid={id}>
          <thead {...stacked.head}>
            <tr role="row">
              {columns.map((c) => (
                <th key={c} scope="col" role="columnheader">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody {...stacked.body}>
            {rows.map((r) => (
              <tr key={r.id} {...stacked.row}>
                <th scope="row" role="rowheader" className={`bg-white font-normal ${stacked.rowHeader}`}>
                  {link ? <Link to={link(r)}>{r.label}</Link> : <span lang="de">{r.label}</span>}
                </th>
                <td role="cell" className={`tabular-nums ${stacked.cell}`} data-label={`${t('measures')}:`}>
                  {format.number(r.measures)}
                </td>
                <Cell part={r.updated} whole={r.measures} label={t('rounds:progress.updated')} />
                <Cell part={r.proposed} whole={r.measures} label={t('rounds:progress.proposed')} />
                <Cell part={r.agreed} whole={r.measures} label={t('rounds:progress.agreed')} />
                {reminders ? <LastReminded at={reminders.byUnit[r.id]?.lastAt ?? null} /> : null}
                {reminders?.allowed ? (
                  <td role="cell" className={stacked.cell}>
                    {/* Submits the reminder form above, with its optional message. */}
                    <button
                      type="submit"
                      form={REMIND_FORM}
                      name="unitId"
                      value={r.id}
                      className="btn-secondary"
                      aria-label={t('rounds:progress.remindUnit', { unit: reminders.byUnit[r.id]?.shortName ?? r.label })}
                    >
                      {t('remind')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          {link ? null : (
            <tfoot {...stacked.foot}>
              <tr {...stacked.row}>
                <th scope="row" role="rowheader" className={stacked.rowHeader}>
                  {t('rounds:progress.total')}
                </th>
                <td role="cell" className={`tabular-nums ${stacked.cell}`} data-label={`${t('measures')}:`}>
                  {format.number(total.measures)}
                </td>
                <Cell part={total.updated} whole={total.measures} label={t('rounds:progress.updated')} />
                <Cell part={total.proposed} whole={total.measures} label={t('rounds:progress.proposed')} />
                <Cell part={total.agreed} whole={total.measures} label={t('rounds:progress.agreed')} />
                {reminders ? <td role="cell" className="max-sm:hidden" /> : null}
                {reminders?.allowed ? <td role="cell" className="max-sm:hidden" /> : null}
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
  const format = useFormat()
  const { round } = data
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">
          <Trans i18nKey="rounds:progress.title" components={{ name: <span lang="de">{round.name}</span> }} />
        </h1>
        <p className="text-sm text-slate-700">
          {t('status')}: {t(roundStateLabel(round.state))} · {t('dueDate')}: {format.date(round.dueDate)}
          {round.daysLeft !== null ? <> ({dueText(round.daysLeft, t)})</> : null}
        </p>
      </div>
      <search>
        <Form method="get" action="/fortschritt" className="card flex flex-wrap items-end gap-3" aria-label={t('rounds:progress.chooseRound')}>
          <SelectField label={t('round')} name="runde" defaultValue={round.id} className="w-full sm:w-auto sm:min-w-72">
            {data.rounds.map((r) => (
              <option key={r.id} value={r.id} lang="de">
                {r.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn">
            {t('rounds:progress.show')}
          </button>
        </Form>
      </search>
      <p className="max-w-3xl text-sm text-slate-700">{t('rounds:progress.explain')}</p>
      {data.reminders.allowed ? <RemindForm reminders={data.reminders} /> : null}
      <ProgressTable
        id="by-unit"
        title={t('rounds:progress.byUnit')}
        header={t('unit')}
        rows={data.units}
        total={data.total}
        link={(r) => `/aufgaben?einheit=${r.id}`}
        reminders={data.reminders}
      />
      <ProgressTable id="by-field" title={t('rounds:progress.byField')} header={t('field')} rows={data.fields} total={data.total} />
    </div>
  )
}

function LastReminded({ at }: { at: number | null }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <td role="cell" className={`whitespace-nowrap ${stacked.cell}`} data-label={`${t('lastReminded')}:`}>
      {at === null ? t('rounds:progress.never') : format.dateTime(at)}
    </td>
  )
}

/** The message field and "remind all"; the per-unit buttons in the table submit this form too. */
function RemindForm({ reminders }: { reminders: Data['reminders'] }) {
  const { t } = useTranslation()
  const raw = useActionData<typeof action>() as (ActionResult & { at?: number }) | undefined
  const result = resultFor(raw)
  const busy = useNavigation().state === 'submitting'
  const form = useRef<HTMLFormElement>(null)
  // A sent reminder clears the message, so the next one does not repeat it by accident.
  useEffect(() => {
    if (result.success) form.current?.reset()
  }, [result.success, raw?.at])
  return (
    <section aria-labelledby="remind-title" className="card space-y-3">
      <h2 id="remind-title" className="text-lg font-semibold">
        {t('remindUnits')}
      </h2>
      <p className="max-w-3xl text-sm text-slate-700">
        {reminders.mail ? t('rounds:progress.remindExplainMail') : t('rounds:progress.remindExplainApp')} {t('rounds:progress.remindMessageNote')}
      </p>
      <FormMessage error={result.errors.form ?? result.errors.unitId} success={result.success} />
      <Form method="post" id={REMIND_FORM} ref={form} className="space-y-3">
        <TextAreaField
          id="remind-message"
          label={t('reminderMessage')}
          name="message"
          rows={3}
          maxLength={1000}
          className="max-w-3xl"
          hint={t('rounds:progress.messageHint', { max: 1000 })}
          error={result.errors.message}
        />
        <button type="submit" name="unitId" value="all" className="btn" disabled={busy || reminders.openUnits === 0}>
          {t('rounds:progress.remindAll', { n: reminders.openUnits })}
        </button>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
