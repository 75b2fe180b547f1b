import { Form, Link, useLoaderData } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { SelectField } from '~/ui/form'
import { RatingBadge } from '~/ui/rating-badge'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { dueText } from '~/shared/dates'
import { unitRoleOnMeasureLabel } from '~/shared/vocabulary'
import type { Route } from './+types/todo'
import { loadTodo } from './todo.server'
import { stacked } from './stacked-table'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadTodo(context, request)
}

export default function Todo() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  const { round, items } = data
  const done = items.filter((i) => i.updated).length
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('myTasks')}</h1>
      {data.reminder ? (
        <section aria-labelledby="reminder-title" className="card space-y-1 border-l-4 border-l-brand-700 bg-brand-50" data-testid="reminder">
          <h2 id="reminder-title" className="text-lg font-semibold">
            {t('rounds:todo.reminderTitle')}
          </h2>
          <p className="text-sm">
            <Trans
              i18nKey={data.reminder.unitName ? 'rounds:todo.reminderFromFor' : 'rounds:todo.reminderFrom'}
              values={{ at: format.dateTime(data.reminder.createdAt), unit: data.reminder.unitName ?? '' }}
              // The sender's name is data: it goes in as an element, never through the message's markup.
              components={{ sender: <strong>{data.reminder.senderName}</strong> }}
            />
          </p>
          {data.reminder.message ? <p className="whitespace-pre-line">{data.reminder.message}</p> : null}
          <p className="text-sm">
            <Link to="/hinweise">{t('rounds:todo.allNotices')}</Link>
          </p>
        </section>
      ) : null}
      {round ? (
        <p className="text-sm text-slate-700" data-testid="due">
          {t('round')}: <strong lang="de">{round.name}</strong> · {t('dueDate')}: {format.date(round.dueDate)}
          {round.daysLeft !== null ? <> ({dueText(round.daysLeft, t)})</> : null}
        </p>
      ) : (
        <p className="card">{t('rounds:todo.noOpenRound')}</p>
      )}

      {data.options.length > 1 || data.picker ? (
        <search>
          <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t('rounds:todo.chooseUnit')}>
            <SelectField label={t('unit')} name="einheit" defaultValue={data.selected ?? ''} className="w-full sm:w-auto sm:min-w-72">
              <option value="">{data.picker ? t('rounds:todo.pleaseChoose') : t('rounds:todo.allMyUnits')}</option>
              {data.options.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="btn">
              {t('rounds:todo.show')}
            </button>
          </Form>
        </search>
      ) : null}

      {!data.hasUnit && !data.picker ? (
        <p className="card" role="note">
          {t('rounds:todo.noUnit')}
        </p>
      ) : null}
      {data.picker && data.selected === null ? <p className="card">{t('rounds:todo.chooseFirst')}</p> : null}

      {round && items.length > 0 ? (
        <section aria-labelledby="todo-title" className="card overflow-x-auto">
          <h2 id="todo-title" className="text-lg font-semibold">
            {t('rounds:todo.listTitle')}
          </h2>
          <p className="mb-2 text-sm" role="status">
            {t('rounds:todo.summary', { done, count: items.length, open: items.length - done })}
          </p>
          <table {...stacked.table}>
            <thead {...stacked.head}>
              <tr role="row">
                <th scope="col" role="columnheader">
                  {t('goal')}
                </th>
                <th scope="col" role="columnheader">
                  {t('measure')}
                </th>
                {data.showUnit ? (
                  <th scope="col" role="columnheader">
                    {t('unit')}
                  </th>
                ) : null}
                <th scope="col" role="columnheader">
                  {t('role')}
                </th>
                <th scope="col" role="columnheader">
                  {t('rounds:todo.inThisRound')}
                </th>
                <th scope="col" role="columnheader">
                  {t('vocabulary:ratingKind.proposal')}
                </th>
              </tr>
            </thead>
            <tbody {...stacked.body}>
              {items.map((i) => (
                <tr key={i.key} data-updated={i.updated} {...stacked.row}>
                  <td role="cell" className={`whitespace-nowrap ${stacked.rowHeader}`}>
                    <Link to={`/ziele/${i.goalNumber}`}>
                      {t('goal')} {i.goalNumber}
                    </Link>
                  </td>
                  <th scope="row" role="rowheader" className={`bg-white font-normal ${stacked.rowHeader}`} lang="de">
                    {i.title}
                  </th>
                  {data.showUnit ? (
                    <td role="cell" className={stacked.cell} data-label={`${t('unit')}:`}>
                      {i.unit}
                    </td>
                  ) : null}
                  <td role="cell" className={stacked.cell} data-label={`${t('role')}:`}>
                    {t(unitRoleOnMeasureLabel(i.role))}
                  </td>
                  <td role="cell" className={`whitespace-nowrap ${stacked.cell}`} data-label={`${t('rounds:todo.inThisRound')}:`}>
                    {i.updated ? (
                      <>
                        <span aria-hidden="true">✓ </span>
                        {t('rounds:todo.updated')}
                      </>
                    ) : (
                      <>
                        <span aria-hidden="true">○ </span>
                        {t('rounds:todo.notUpdated')}
                      </>
                    )}
                  </td>
                  <td role="cell" className={stacked.cell} data-label={`${t('vocabulary:ratingKind.proposal')}:`}>
                    <RatingBadge value={i.proposal} kind={i.proposal ? 'proposal' : undefined} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {round && items.length === 0 && (data.selected !== null || (!data.picker && data.hasUnit)) ? <p className="card">{t('rounds:todo.noMeasures')}</p> : null}
    </div>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
