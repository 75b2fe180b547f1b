import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { useActionResult } from '~/ui/action-result'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { berlinToday } from '~/shared/dates'
import { roundStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/rounds'
import { changeRounds, loadRounds } from './rounds.server'
import { ExportLinks } from '~/routes/report/export-links'
import { PublicationLink } from '~/routes/published/publication-link'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadRounds(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeRounds(context, request)
}

type Round = Awaited<ReturnType<typeof loader>>['rounds'][number]

/** A moment (opened, closed) as the calendar day it fell on in Berlin. */
function useDayOf() {
  const format = useFormat()
  return (ms: number) => format.date(berlinToday(new Date(ms)))
}

export default function Rounds() {
  const { rounds } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  // A deleted draft's row is gone: its confirmation shows above the table.
  const deleted = useActionResult('delete')
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('rounds:list.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('rounds:list.intro')}</p>
      <CreateRoundForm />
      <FormMessage success={deleted.success} />
      <section aria-labelledby="rounds-title" className="card overflow-x-auto">
        <h2 id="rounds-title" className="mb-2 text-lg font-semibold">
          {t('rounds:list.all')}
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('dueDate')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('rounds:list.history')}</th>
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

/**
 * A button's text with its round for screen readers ("Öffnen: Sachstand 2027"), in the content rather than an
 * aria-label, so that the round's German name can say its language.
 */
function LabelWithRound({ text, name }: { text: string; name: string }) {
  return (
    <>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">
        {text}: <span lang="de">{name}</span>
      </span>
    </>
  )
}

function RoundRow({ round }: { round: Round }) {
  const { t } = useTranslation()
  const format = useFormat()
  const dayOf = useDayOf()
  const busy = useNavigation().state === 'submitting'
  const { openRound } = useLoaderData<typeof loader>()
  const open = useActionResult(['open', 'switch'], round.id)
  const close = useActionResult('close', round.id)
  const remove = useActionResult('delete', round.id)
  return (
    <tr>
      <th scope="row" className="bg-white" lang="de">
        {round.name}
      </th>
      <td>{round.period || '–'}</td>
      <td>{format.date(round.dueDate)}</td>
      <td>{t(roundStateLabel(round.state))}</td>
      <td className="text-sm">
        {round.openedAt ? <div>{t('rounds:list.openedOn', { date: dayOf(round.openedAt) })}</div> : null}
        {round.closedAt ? <div>{t('rounds:list.closedOn', { date: dayOf(round.closedAt) })}</div> : null}
        {round.previousRoundName ? (
          <div>
            {t('rounds:list.startedFrom')} <span lang="de">{round.previousRoundName}</span>
          </div>
        ) : null}
      </td>
      <td className="min-w-56 space-y-2">
        <FormMessage success={open.success ?? close.success} error={open.errors.form ?? close.errors.form ?? remove.errors.form} />
        {round.state === 'draft' && openRound ? (
          <details>
            <summary className="cursor-pointer text-sm text-brand-700 underline">
              {t('rounds:list.openSummary')}
              <span className="sr-only">
                {' '}
                <span lang="de">{round.name}</span>
              </span>
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <p className="text-sm">
                <Trans i18nKey="rounds:list.switchExplain" components={{ close: <span lang="de">{openRound.name}</span>, open: <span lang="de">{round.name}</span> }} />
              </p>
              <input type="hidden" name="intent" value="switch" />
              <input type="hidden" name="roundId" value={round.id} />
              <input type="hidden" name="closeRoundId" value={openRound.id} />
              <CopyChaptersChoice roundId={round.id} />
              <button type="submit" className="btn" disabled={busy}>
                {/* One text node run: the button lays out its children as flex items. */}
                <span>
                  <Trans i18nKey="rounds:list.switch" components={{ close: <span lang="de">{openRound.name}</span>, open: <span lang="de">{round.name}</span> }} />
                </span>
              </button>
            </Form>
          </details>
        ) : null}
        {round.state === 'draft' && !openRound ? (
          <Form method="post">
            <input type="hidden" name="intent" value="open" />
            <input type="hidden" name="roundId" value={round.id} />
            <CopyChaptersChoice roundId={round.id} />
            <button type="submit" className="btn" disabled={busy}>
              <LabelWithRound text={t('rounds:list.open')} name={round.name} />
            </button>
          </Form>
        ) : null}
        {round.state === 'open' ? (
          <details>
            <summary className="cursor-pointer text-sm text-brand-700 underline">
              {t('rounds:list.closeSummary')}
              <span className="sr-only">
                {' '}
                <span lang="de">{round.name}</span>
              </span>
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <p className="text-sm">{t('rounds:list.closeWarning')}</p>
              <input type="hidden" name="intent" value="close" />
              <input type="hidden" name="roundId" value={round.id} />
              <button type="submit" className="btn-danger" disabled={busy}>
                <LabelWithRound text={t('rounds:list.close')} name={round.name} />
              </button>
            </Form>
          </details>
        ) : null}
        {round.state !== 'draft' ? (
          <Link to={`/runden/${round.id}/bericht`} className="block text-sm">
            <LabelWithRound text={t('rounds:list.report')} name={round.name} />
          </Link>
        ) : null}
        {round.exportable ? <ExportLinks roundId={round.id} report importable={round.importable} /> : null}
        {round.publication ? <PublicationLink roundId={round.id} name={round.name} published={round.publication.published} /> : null}
        {round.backfill ? (
          <Link to={`/runden/${round.id}/nachtragen`} className="block text-sm">
            <LabelWithRound text={t('rounds:baseline.link')} name={round.name} />
          </Link>
        ) : null}
        {round.state === 'draft' ? (
          <details>
            <summary className="cursor-pointer text-sm text-brand-700 underline">
              {t('rounds:list.deleteSummary')}
              <span className="sr-only">
                {' '}
                <span lang="de">{round.name}</span>
              </span>
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <p className="text-sm">{t('rounds:list.deleteExplain')}</p>
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="roundId" value={round.id} />
              <button type="submit" className="btn-danger" disabled={busy}>
                <LabelWithRound text={t('rounds:list.delete')} name={round.name} />
              </button>
            </Form>
          </details>
        ) : null}
      </td>
    </tr>
  )
}

/** Opening a round: its report starts from the previous round's chapters (default) or empty. */
function CopyChaptersChoice({ roundId }: { roundId: number }) {
  const { t } = useTranslation()
  return (
    <div className="flex items-start gap-2 text-sm">
      <input type="hidden" name="kapitelFrage" value="1" />
      <input type="checkbox" id={`copy-chapters-${roundId}`} name="kapitelUebernehmen" value="ja" defaultChecked className="mt-1" />
      <label htmlFor={`copy-chapters-${roundId}`}>{t('rounds:list.copyChapters')}</label>
    </div>
  )
}

function CreateRoundForm() {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const create = useActionResult('create')
  const values = create.success ? undefined : create.values
  return (
    <section aria-labelledby="create-round-title" className="card space-y-3">
      <h2 id="create-round-title" className="text-lg font-semibold">
        {t('rounds:create.title')}
      </h2>
      <FormMessage success={create.success} error={create.errors.form} />
      <Form method="post" noValidate key={create.success ?? 'new'} className="grid items-start gap-3 sm:grid-cols-4">
        <input type="hidden" name="intent" value="create" />
        <TextField label={t('name')} name="name" required maxLength={120} defaultValue={values?.name} error={create.errors.name} hint={t('rounds:create.nameHint')} />
        <TextField label={t('period')} name="period" required maxLength={40} defaultValue={values?.period} error={create.errors.period} hint={t('rounds:create.periodHint')} />
        <TextField
          label={t('rounds:create.dueDate')}
          name="dueDate"
          type="date"
          defaultValue={values?.dueDate}
          error={create.errors.dueDate}
          hint={t('rounds:create.dueDateHint')}
        />
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            {t('rounds:create.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
