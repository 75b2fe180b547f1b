import { Form, Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextAreaField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import { useFormat } from '~/ui/use-format'
import type { Route } from './+types/cards'
import { cardsAction, loadCards } from './cards.server'
import { ForumNav } from './forum-nav'
import { categoryText, langOf, targetText } from './labels'
import { useRevalidateOnForumEvents } from './use-forum-events'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadCards(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return cardsAction(context, request, params.id)
}

type Data = Awaited<ReturnType<typeof loader>>

/** The moderators' view of the cards of a phase (and table): move, merge, hide, enter cards for others. */
export default function Cards() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  useRevalidateOnForumEvents(`/foren/${page.forum.id}/live`, ['cards'], 400)
  const phase = page.phases.find((p) => p.id === page.phaseId)
  return (
    <div className="space-y-5">
      <ForumNav forumId={page.forum.id} title={page.forum.title} />
      <h2 className="text-xl font-semibold">{t('forums:cards.title')}</h2>
      <p className="max-w-3xl">{t('forums:cards.intro')}</p>
      {page.phases.length === 0 ? <p>{t('forums:cards.noPhaseYet')}</p> : null}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <SelectField label={t('forums:cards.phase')} name="phase" defaultValue={page.phaseId ?? ''}>
          {page.phases.map((p) => (
            <option key={p.id} value={p.id} lang="de">{`${p.position}: ${p.title}`}</option>
          ))}
        </SelectField>
        <SelectField label={t('forums:cards.table')} name="tisch" defaultValue={page.tableId ?? ''}>
          <option value="">{t('forums:cards.all')}</option>
          {page.tables.map((table) => (
            <option key={table.id} value={table.id} lang="de">{`${table.number}: ${table.name}`}</option>
          ))}
        </SelectField>
        <button type="submit" className="btn-secondary">
          {t('forums:cards.filter')}
        </button>
      </Form>
      {phase ? (
        <nav aria-labelledby="posters-title">
          <h3 id="posters-title" className="font-semibold">
            {t('forums:poster.posters')}
          </h3>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1" data-testid="poster-links">
            {page.tables.map((table) => (
              <li key={table.id}>
                <Link to={`/foren/${page.forum.id}/plakat/${table.id}/${phase.id}`}>{t('forums:poster.table', { number: table.number })}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {page.cards.length === 0 ? <p>{t('forums:cards.none')}</p> : null}
      <ul className="space-y-3" data-testid="moderation-cards">
        {page.cards.map((card) => (
          <CardRow key={card.id} card={card} page={page} categories={phase?.categories ?? []} />
        ))}
      </ul>
      {phase ? <EnterCard page={page} categories={phase.categories} /> : null}
      <Changes page={page} />
    </div>
  )
}

function CardRow({ card, page, categories }: { card: Data['cards'][number]; page: Data; categories: Data['phases'][number]['categories'] }) {
  const { t } = useTranslation()
  const result = useActionResult(['move', 'merge', 'hide', 'unhide'], card.id)
  const gone = card.hiddenAt !== null || card.mergedIntoId !== null
  return (
    <li className={`card space-y-2 ${gone ? 'opacity-80' : ''}`} data-testid="moderation-card" data-card={card.id}>
      <p className="text-sm text-slate-700">
        {t('forums:cards.cardNumber', { id: card.id })} · {card.tableNumber !== null ? `${t('forums:cards.table')} ${card.tableNumber}` : '–'} ·{' '}
        <span lang={langOf({ preset: card.categoryPreset })}>{categoryText(t, { preset: card.categoryPreset, label: card.categoryLabel })}</span> ·{' '}
        {targetText(t, { ...card, goalNumber: card.goalNumber ?? card.measureGoalNumber })} · {t(`forums:cards.source${card.source === 'participant' ? 'Participant' : card.source === 'moderator' ? 'Moderator' : 'Poster'}`)}
      </p>
      <p lang={card.language} dir="auto" className="whitespace-pre-line">
        {card.text}
      </p>
      {card.hiddenAt !== null ? <p className="text-sm font-semibold text-red-800">{t('forums:cards.hidden', { reason: card.hiddenReason ?? '' })}</p> : null}
      {card.mergedIntoId !== null ? <p className="text-sm font-semibold">{t('forums:cards.mergedInto', { id: card.mergedIntoId })}</p> : null}
      <FormMessage error={result.errors.form ?? result.errors.targetRef ?? result.errors.duplicates ?? result.errors.reason} success={result.success} />
      <details>
        <summary className="cursor-pointer text-sm font-medium">{t('forums:cards.move')}</summary>
        <Form method="post" className="mt-2 grid items-end gap-2 md:grid-cols-4">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="target" value={card.id} />
          <TextField label={t('forums:cards.targetRef')} name="targetRef" hint={t('forums:cards.targetRefHint')} />
          <SelectField label={t('forums:cards.category')} name="categoryId" defaultValue={card.categoryId}>
            {categories.map((c) => (
              <option key={c.id} value={c.id} lang={langOf(c)}>
                {categoryText(t, c)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('forums:cards.table')} name="tableId" defaultValue={card.tableId ?? ''}>
            {page.tables.map((table) => (
              <option key={table.id} value={table.id} lang="de">{`${table.number}: ${table.name}`}</option>
            ))}
          </SelectField>
          <button type="submit" className="btn-secondary">
            {t('forums:cards.move')}
          </button>
        </Form>
      </details>
      <details>
        <summary className="cursor-pointer text-sm font-medium">{t('forums:cards.merge')}</summary>
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="target" value={card.id} />
          <p className="pb-2 text-sm">{t('forums:cards.mergeKeep')} {card.id}</p>
          <TextField label={t('forums:cards.mergeDuplicates')} name="duplicates" />
          <button type="submit" className="btn-secondary">
            {t('forums:cards.merge')}
          </button>
        </Form>
      </details>
      {card.hiddenAt === null ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t('forums:cards.hide')}</summary>
          <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="hide" />
            <input type="hidden" name="target" value={card.id} />
            <TextField label={t('forums:cards.hideReason')} name="reason" required />
            <button type="submit" className="btn-danger">
              {t('forums:cards.hide')}
            </button>
          </Form>
        </details>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="unhide" />
          <input type="hidden" name="target" value={card.id} />
          <button type="submit" className="btn-secondary">
            {t('forums:cards.unhide')}
          </button>
        </Form>
      )}
    </li>
  )
}

function EnterCard({ page, categories }: { page: Data; categories: Data['phases'][number]['categories'] }) {
  const { t } = useTranslation()
  const result = useActionResult('enter')
  return (
    <section aria-labelledby="enter-title" className="card space-y-3">
      <h3 id="enter-title" className="font-semibold">
        {t('forums:cards.enter')}
      </h3>
      <FormMessage error={result.errors.form} success={result.success} />
      <Form method="post" className="grid gap-3 md:grid-cols-2" key={result.success ?? 'enter'}>
        <input type="hidden" name="intent" value="enter" />
        <input type="hidden" name="phaseId" value={page.phaseId ?? ''} />
        <SelectField label={t('forums:cards.table')} name="tableId" defaultValue={page.tableId ?? page.tables[0]?.id ?? ''}>
          {page.tables.map((table) => (
            <option key={table.id} value={table.id} lang="de">{`${table.number}: ${table.name}`}</option>
          ))}
        </SelectField>
        <SelectField label={t('forums:cards.category')} name="categoryId">
          {categories.map((c) => (
            <option key={c.id} value={c.id} lang={langOf(c)}>
              {categoryText(t, c)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('forums:cards.targetRef')} name="targetRef" defaultValue="concept" hint={t('forums:cards.targetRefHint')} error={result.errors.targetRef} />
        <TextField label={t('forums:cards.language')} name="language" defaultValue="de" />
        <TextAreaField label={t('forums:cards.text')} name="text" rows={3} maxLength={page.textMax} error={result.errors.text} className="md:col-span-2" />
        <button type="submit" className="btn justify-self-start">
          {t('forums:cards.submit')}
        </button>
      </Form>
    </section>
  )
}

function Changes({ page }: { page: Data }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <section aria-labelledby="changes-title" className="space-y-2">
      <h3 id="changes-title" className="font-semibold">
        {t('forums:cards.changes')}
      </h3>
      {page.changes.length === 0 ? (
        <p>{t('forums:cards.changesNone')}</p>
      ) : (
        <table className="table" data-testid="changes">
          <thead>
            <tr>
              <th scope="col">{t('forums:cards.at')}</th>
              <th scope="col">{t('forums:cards.cardNumber', { id: '' })}</th>
              <th scope="col">{t('forums:cards.kind')}</th>
              <th scope="col">{t('forums:cards.beforeAfter')}</th>
              <th scope="col">{t('forums:cards.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {page.changes.map((change) => (
              <tr key={change.id}>
                <td>{format.dateTime(change.at)}</td>
                <td>{change.feedbackId}</td>
                <td>{t(`forums:cards.change.${change.kind}`)}</td>
                <td className="font-mono text-xs" dir="ltr">
                  {change.before} → {change.after}
                </td>
                <td>{change.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
