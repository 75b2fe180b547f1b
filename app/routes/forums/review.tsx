import { Form, Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import { useFormat } from '~/ui/use-format'
import { dispositionLabel, DISPOSITION_SYMBOL, type Disposition } from '~/shared/vocabulary'
import type { Route } from './+types/review'
import { loadReview, reviewAction } from './review.server'
import { ForumNav } from './forum-nav'
import { categoryText, langOf, targetText } from './labels'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadReview(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return reviewAction(context, request, params.id)
}

type Data = Awaited<ReturnType<typeof loader>>

/** The Koordinierungsgruppe's review: a disposition with reason and date per item, or for many at once. */
export default function Review() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const bulk = useActionResult('bulk')
  return (
    <div className="space-y-5">
      <ForumNav forumId={page.forum.id} title={page.forum.title} />
      <h2 className="text-xl font-semibold">{t('forums:review.title')}</h2>
      <p className="max-w-3xl">{t('forums:review.intro')}</p>
      <p className="flex flex-wrap gap-4">
        <span data-testid="review-count">{t('forums:review.count', { done: page.done, total: page.total })}</span>
        <Link to={page.onlyOpen ? '?' : '?offen=1'}>{page.onlyOpen ? t('forums:review.filterAll') : t('forums:review.filterOpen')}</Link>
        <Link to={`/mitmachen/rueckmeldung?code=${page.forum.code}`}>{t('forums:review.rueckmeldung')}</Link>
      </p>
      {page.cards.length === 0 ? <p>{t('forums:review.none')}</p> : null}
      {/* One form for the bulk decision; each row's checkbox belongs to it through form="bulk". */}
      <Form method="post" id="bulk" className="card space-y-3">
        <h3 className="font-semibold">{t('forums:review.bulk')}</h3>
        <input type="hidden" name="intent" value="bulk" />
        <FormMessage error={bulk.errors.form ?? bulk.errors.cardIds} success={bulk.success} />
        <DecisionFields page={page} errors={bulk.errors} prefix="bulk" />
        <button type="submit" className="btn">
          {t('forums:review.apply')}
        </button>
      </Form>
      <ul className="space-y-3" data-testid="review-items">
        {page.cards.map((card) => (
          <ReviewRow key={card.id} card={card} page={page} />
        ))}
      </ul>
    </div>
  )
}

function DecisionFields({ page, errors, prefix, current }: { page: Data; errors: Record<string, string>; prefix: string; current?: { disposition: Disposition | null; reason: string; date: string | null } }) {
  const { t } = useTranslation()
  return (
    <div className="grid gap-2 md:grid-cols-[14rem_1fr_11rem]">
      <SelectField label={t('forums:review.disposition')} name="disposition" id={`${prefix}-disposition`} defaultValue={current?.disposition ?? ''} error={errors.disposition}>
        <option value="">–</option>
        {page.dispositions.map((d) => (
          <option key={d} value={d}>
            {t(dispositionLabel(d))}
          </option>
        ))}
      </SelectField>
      <TextField label={t('forums:review.reason')} name="reason" id={`${prefix}-reason`} defaultValue={current?.reason ?? ''} maxLength={500} error={errors.reason} />
      <TextField label={t('forums:review.date')} name="date" id={`${prefix}-date`} type="date" defaultValue={current?.date ?? page.today} error={errors.date} />
    </div>
  )
}

function ReviewRow({ card, page }: { card: Data['cards'][number]; page: Data }) {
  const { t } = useTranslation()
  const format = useFormat()
  const result = useActionResult('one', card.id)
  return (
    <li className="card space-y-2" data-testid="review-item" data-card={card.id} data-disposition={card.disposition ?? 'none'}>
      <div className="flex items-start gap-3">
        <input type="checkbox" name="cardIds" value={card.id} form="bulk" className="mt-1 size-5" aria-label={`${t('forums:review.select')}: ${t('forums:cards.cardNumber', { id: card.id })}`} />
        <div className="flex-1">
          <p className="text-sm text-slate-700">
            {t('forums:cards.cardNumber', { id: card.id })} · <span lang={langOf({ preset: card.categoryPreset })}>{categoryText(t, { preset: card.categoryPreset, label: card.categoryLabel })}</span> ·{' '}
            {targetText(t, { ...card, goalNumber: card.goalNumber ?? card.measureGoalNumber })}
            {card.tableNumber !== null ? ` · ${t('forums:cards.table')} ${card.tableNumber}` : ''}
          </p>
          <p lang={card.language} dir="auto" className="whitespace-pre-line">
            {card.text}
          </p>
          <p className="text-sm font-semibold">
            {card.disposition ? `${DISPOSITION_SYMBOL[card.disposition]} ` : ''}
            {t(dispositionLabel(card.disposition))}
            {card.dispositionDate ? ` (${format.date(card.dispositionDate)})` : ''}
          </p>
        </div>
      </div>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="one" />
        <input type="hidden" name="target" value={card.id} />
        <DecisionFields page={page} errors={result.errors} prefix={`card-${card.id}`} current={{ disposition: card.disposition, reason: card.dispositionReason, date: card.dispositionDate }} />
        <FormMessage error={result.errors.form} success={result.success} />
        <button type="submit" className="btn-secondary">
          {t('forums:review.applyOne')}
        </button>
      </Form>
    </li>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
