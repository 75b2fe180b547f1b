import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, TextField } from '~/ui/form'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/rounds'
import { resultFor, type ActionResult } from '../admin/labels'
import { changeRounds, loadRounds } from './rounds.server'
import { roundStateLabel } from '~/shared/vocabulary'

export const meta: Route.MetaFunction = () => [{ title: 'Berichtsrunden – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadRounds(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeRounds(context, request)
}

type Result = ActionResult & { values?: { name: string; period: string; dueDate: string } }
type Round = Awaited<ReturnType<typeof loader>>['rounds'][number]

function useResult() {
  return useActionData<typeof action>() as Result | undefined
}

const dateFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' })
const formatDate = (value: string | number | null) => (value === null ? '–' : dateFormat.format(typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value))

export default function Rounds() {
  const { rounds } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('rounds')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Eine neue Runde beginnt als Entwurf. Beim Öffnen übernimmt sie den Stand der zuletzt geöffneten Runde: Sachstände, Merkmale und
        Bewertungen – wo der Jour fixe eine Bewertung abgestimmt hat, wird diese zum neuen Vorschlag. Eine abgeschlossene Runde ist schreibgeschützt.
      </p>
      <CreateRoundForm />
      <section aria-labelledby="rounds-title" className="card overflow-x-auto">
        <h2 id="rounds-title" className="mb-2 text-lg font-semibold">
          Alle Berichtsrunden
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('dueDate')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">Verlauf</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <RoundRow key={r.id} round={r} />
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}

function RoundRow({ round }: { round: Round }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const result = useResult()
  const open = resultFor(result, 'open', round.id)
  const close = resultFor(result, 'close', round.id)
  return (
    <tr>
      <th scope="row" className="bg-white">
        {round.name}
      </th>
      <td>{round.period || '–'}</td>
      <td>{formatDate(round.dueDate)}</td>
      <td>{t(roundStateLabel(round.state))}</td>
      <td className="text-sm">
        {round.openedAt ? <div>geöffnet am {formatDate(round.openedAt)}</div> : null}
        {round.closedAt ? <div>abgeschlossen am {formatDate(round.closedAt)}</div> : null}
        {round.previousRoundName ? <div>Stand aus: {round.previousRoundName}</div> : null}
      </td>
      <td className="min-w-56 space-y-2">
        <FormMessage success={open.success ?? close.success} error={open.errors.form ?? close.errors.form} />
        {round.state === 'draft' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="open" />
            <input type="hidden" name="roundId" value={round.id} />
            <button type="submit" className="btn" disabled={busy} aria-label={`Öffnen: ${round.name}`}>
              Öffnen
            </button>
          </Form>
        ) : null}
        {round.state === 'open' ? (
          <details>
            <summary className="cursor-pointer text-sm text-brand-700 underline">
              Abschließen …<span className="sr-only"> {round.name}</span>
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <p className="text-sm">Danach kann niemand mehr Sachstände oder Bewertungen dieser Runde ändern. Das lässt sich nicht rückgängig machen.</p>
              <input type="hidden" name="intent" value="close" />
              <input type="hidden" name="roundId" value={round.id} />
              <button type="submit" className="btn-danger" disabled={busy} aria-label={`Endgültig abschließen: ${round.name}`}>
                Endgültig abschließen
              </button>
            </Form>
          </details>
        ) : null}
      </td>
    </tr>
  )
}

function CreateRoundForm() {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const result = useResult()
  const create = resultFor(result, 'create')
  const values = result?.intent === 'create' ? result.values : undefined
  return (
    <section aria-labelledby="create-round-title" className="card space-y-3">
      <h2 id="create-round-title" className="text-lg font-semibold">
        Berichtsrunde anlegen
      </h2>
      <FormMessage success={create.success} error={create.errors.form} />
      <Form method="post" noValidate key={create.success ?? 'new'} className="grid items-start gap-3 sm:grid-cols-4">
        <input type="hidden" name="intent" value="create" />
        <TextField label={t('name')} name="name" required maxLength={120} defaultValue={values?.name} error={create.errors.name} hint="z. B. Sachstand 2027" />
        <TextField label={t('period')} name="period" required maxLength={40} defaultValue={values?.period} error={create.errors.period} hint="z. B. 2027 oder 2023–2027" />
        <TextField label={`${t('dueDate')} (optional)`} name="dueDate" type="date" defaultValue={values?.dueDate} error={create.errors.dueDate} hint="Format JJJJ-MM-TT" />
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            Als Entwurf anlegen
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
