import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { meetingStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/meetings'
import { createMeetingAction, loadMeetings } from './meetings.server'
import { RoundName, useMeetingDate } from './meeting-parts'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadMeetings(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return createMeetingAction(context, request)
}

export default function Meetings() {
  const { meetings, openRounds, canManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  const when = useMeetingDate()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('meetings:list.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('meetings:list.intro')}</p>
      {canManage ? <CreateMeeting openRounds={openRounds} /> : null}
      <section aria-labelledby="meetings-title" className="card overflow-x-auto">
        <h2 id="meetings-title" className="mb-2 text-lg font-semibold">
          {t('meetings:list.all')}
        </h2>
        {meetings.length === 0 ? (
          <p>{t('meetings:list.none')}</p>
        ) : (
          <table className="table" data-testid="meetings">
            <thead>
              <tr>
                <th scope="col">{t('meetings:list.date')}</th>
                <th scope="col">{t('meetings:list.meeting')}</th>
                <th scope="col">{t('meetings:list.round')}</th>
                <th scope="col">{t('meetings:list.state')}</th>
                <th scope="col">{t('meetings:list.done')}</th>
                <th scope="col">{t('meetings:list.minutes')}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td className="whitespace-nowrap">{when(m.date, m.time)}</td>
                  <th scope="row" className="bg-white font-normal">
                    <Link to={`/sitzungen/${m.id}`}>{m.title}</Link>
                  </th>
                  <td>
                    <RoundName name={m.roundName} />
                  </td>
                  <td>{t(meetingStateLabel(m.state))}</td>
                  <td className="tabular-nums">{t('meetings:list.doneOf', { done: format.number(m.done), total: format.number(m.items) })}</td>
                  <td>
                    {m.state === 'planned' ? (
                      '–'
                    ) : (
                      <Link to={`/sitzungen/${m.id}/protokoll`}>
                        {t('meetings:list.minutes')}
                        <span className="sr-only"> {t('meetings:list.minutesOf', { title: m.title, date: format.date(m.date) })}</span>
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

function CreateMeeting({ openRounds }: { openRounds: { id: number; name: string }[] }) {
  const { t } = useTranslation()
  const { errors, values = {} } = useActionResult()
  const busy = useNavigation().state === 'submitting'
  if (openRounds.length === 0) {
    return (
      <section aria-labelledby="create-meeting" className="card">
        <h2 id="create-meeting" className="text-lg font-semibold">
          {t('meetings:create.title')}
        </h2>
        <p>{t('meetings:create.noOpenRound')}</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="create-meeting" className="card">
      <h2 id="create-meeting" className="mb-2 text-lg font-semibold">
        {t('meetings:create.title')}
      </h2>
      <Form method="post" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" noValidate>
        <FormMessage error={errors.form} />
        <SelectField label={t('meetings:form.round')} name="roundId" defaultValue={values.roundId ?? String(openRounds.at(-1)!.id)} error={errors.roundId}>
          {openRounds.map((r) => (
            <option key={r.id} value={r.id} lang="de">
              {r.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('meetings:form.title')} name="title" required defaultValue={values.title ?? t('meetings:create.defaultTitle')} error={errors.title} />
        <TextField label={t('meetings:form.date')} name="date" type="date" required defaultValue={values.date ?? ''} error={errors.date} />
        <TextField label={t('meetings:form.time')} name="time" type="time" defaultValue={values.time ?? ''} error={errors.time} />
        <TextField label={t('meetings:form.location')} name="location" defaultValue={values.location ?? ''} error={errors.location} />
        <div className="flex items-end">
          <button type="submit" className="btn" disabled={busy}>
            {t('meetings:create.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
