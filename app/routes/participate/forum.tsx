import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextAreaField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import { useFormat } from '~/ui/use-format'
import { LANGUAGES, isLanguage } from '~/shared/i18n/languages'
import { categoryText, cut, formatText, isolate, langOf, targetText } from '../forums/labels'
import { useRevalidateOnForumEvents } from '../forums/use-forum-events'
import type { Route } from './+types/forum'
import { loadParticipantForum, participantForumAction, type PublicCard } from './forum.server'
import { TEXT_LANGUAGES } from './limits'
import { TargetSelect } from './target-select'
import { ParticipantErrorPage } from './error-page'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadParticipantForum(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return participantForumAction(context, request)
}

type Data = Awaited<ReturnType<typeof loader>>

/** The participant's forum on a phone: what is open now (votes first, they are timed), the table, a new card, the cards. */
export default function ParticipantForum() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  // New phases and questions appear without reloading by hand.
  useRevalidateOnForumEvents('/mitmachen/forum/live', ['state'])
  const forum = page.forum
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <p className="text-sm font-medium text-slate-700" lang={langOf({ preset: forum.formatPreset })}>
          {formatText(t, { preset: forum.formatPreset, name: forum.formatName })}
        </p>
        <h1 className="text-2xl font-bold" lang="de">
          {forum.title}
        </h1>
        <p>
          {forum.time ? t('participant:forum.when', { date: format.longDate(forum.date), time: forum.time }) : t('participant:forum.whenDate', { date: format.longDate(forum.date) })}
          {forum.place ? (
            <>
              {' · '}
              {t('participant:forum.where', { place: '' })}
              <span lang="de">{forum.place}</span>
            </>
          ) : null}
        </p>
        {forum.hasMaterial || forum.materialUrl ? (
          <p>
            <a href={forum.hasMaterial ? '/mitmachen/forum/material' : forum.materialUrl}>{t('participant:forum.material')}</a>
          </p>
        ) : null}
        <p className="text-sm text-slate-700">{page.me.name ? t('participant:forum.youAre', { name: page.me.name }) : t('participant:forum.anonymous')}</p>
      </header>

      <StateNotice page={page} />
      <Polls page={page} />
      {page.phase ? (
        <>
          <p className="rounded-md bg-brand-50 px-3 py-2 font-semibold" data-testid="current-phase">
            {t('participant:forum.phase', { number: page.phase.position })}: <span lang="de">{page.phase.title}</span>
          </p>
          <TableChoice page={page} />
          {page.ownTableId !== null || forum.anyTable ? (
            <p>
              <Link to="/mitmachen/plakat" className="btn min-h-12 w-full justify-center text-lg" data-testid="open-poster">
                {t('participant:poster.open')}
              </Link>
            </p>
          ) : null}
          {page.ownTableId !== null || forum.anyTable ? <CardForm page={page} /> : null}
          <CardList title={t('participant:card.atTable')} empty={t('participant:card.atTableNone')} cards={page.atTable} testId="table-cards" />
        </>
      ) : null}
      <CardList title={t('participant:card.mine')} empty={t('participant:card.mineNone')} cards={page.mine} testId="my-cards" />
      <p className="text-sm text-slate-700">{t('participant:forum.live')}</p>
      <form method="post" action="/mitmachen/verlassen">
        <button type="submit" className="btn-secondary min-h-11">
          {t('participant:forum.leave')}
        </button>
      </form>
    </div>
  )
}

function StateNotice({ page }: { page: Data }) {
  const { t } = useTranslation()
  const text =
    page.forum.state === 'planned' ? t('participant:forum.planned') : page.forum.state === 'closed' ? t('participant:forum.closed') : page.phase ? null : t('participant:forum.noPhase')
  return text ? (
    <p role="status" className="rounded-md border border-slate-400 bg-white px-3 py-2" data-testid="forum-state">
      {text}
    </p>
  ) : null
}

function Polls({ page }: { page: Data }) {
  const { t } = useTranslation()
  if (page.polls.length === 0) return null
  return (
    <section aria-labelledby="polls-title" className="space-y-3">
      <h2 id="polls-title" className="text-xl font-bold">
        {t('participant:vote.title')}
      </h2>
      {page.polls.map((poll) => (
        <Poll key={poll.id} poll={poll} />
      ))}
    </section>
  )
}

function Poll({ poll }: { poll: Data['polls'][number] }) {
  const { t } = useTranslation()
  const result = useActionResult('vote', poll.id)
  const busy = useNavigation().state === 'submitting'
  const chosen = poll.options.filter((o) => poll.chosen.includes(o.id)).map((o) => o.label)
  const multiple = poll.kind === 'multiple'
  return (
    <Form method="post" className="card space-y-3" data-testid="poll" data-poll={poll.id}>
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="pollId" value={poll.id} />
      <fieldset className="space-y-2" aria-describedby={result.errors.optionId ? `poll-${poll.id}-error` : undefined}>
        <legend className="mb-2 text-lg font-semibold" lang="de">
          {poll.question}
        </legend>
        {multiple ? <p className="text-sm">{t('participant:vote.multipleHint')}</p> : null}
        {poll.kind === 'scale' ? <p className="text-sm">{t('participant:vote.scaleHint')}</p> : null}
        <div className={poll.kind === 'scale' ? 'flex flex-wrap gap-2' : 'space-y-2'}>
          {poll.options.map((option) => (
            <label key={option.id} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-slate-400 bg-white px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type={multiple ? 'checkbox' : 'radio'} name="optionId" value={option.id} defaultChecked={poll.chosen.includes(option.id)} className="size-5" />
              <span lang="de">{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {result.errors.optionId ? (
        <p id={`poll-${poll.id}-error`} className="field-error">
          {result.errors.optionId}
        </p>
      ) : null}
      <FormMessage error={result.errors.form} success={result.success} />
      {chosen.length > 0 ? (
        <p className="text-sm" data-testid="my-choice">
          {t('participant:vote.yourChoice', { choice: '' })}
          <span lang="de">{chosen.join(', ')}</span>
        </p>
      ) : null}
      <button type="submit" className="btn min-h-12 w-full justify-center text-lg" disabled={busy}>
        {chosen.length > 0 ? t('participant:vote.change') : t('participant:vote.submit')}
      </button>
    </Form>
  )
}

function TableChoice({ page }: { page: Data }) {
  const { t } = useTranslation()
  const result = useActionResult('sit')
  const own = page.tables.find((table) => table.id === page.ownTableId)
  return (
    <section aria-labelledby="table-title" className="card space-y-3">
      <h2 id="table-title" className="text-lg font-semibold">
        {t('participant:table.title')}
      </h2>
      {own ? (
        <p data-testid="own-table">
          {t('participant:table.name', { number: own.number, name: '' })}
          <span lang="de">{own.name}</span>
          {own.host ? (
            <>
              {' · '}
              {t('participant:table.host', { name: '' })}
              <span lang="de">{own.host}</span>
            </>
          ) : null}
        </p>
      ) : (
        <p>{t('participant:table.none')}</p>
      )}
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="sit" />
        <SelectField label={t('participant:table.label')} name="tableId" defaultValue={page.ownTableId ?? ''} error={result.errors.tableId} hint={t('participant:table.hint')} className="min-w-0 flex-1 [&_select]:min-h-11">
          {page.ownTableId === null ? <option value="">–</option> : null}
          {page.tables.map((table) => (
            <option key={table.id} value={table.id}>
              {isolate(`${table.number}: ${table.name}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn-secondary min-h-11">
          {t('participant:table.choose')}
        </button>
      </Form>
      <FormMessage error={result.errors.form} success={result.success} />
    </section>
  )
}

function CardForm({ page }: { page: Data }) {
  const { t, i18n } = useTranslation()
  const result = useActionResult('card')
  const busy = useNavigation().state === 'submitting'
  const phase = page.phase!
  const textLanguage = isLanguage(i18n.language) ? i18n.language : 'de'
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' })
  const defaultTarget = result.values?.target || page.chosenRef || (page.tableField ? `field:${page.tableField.id}` : 'concept')
  return (
    <section aria-labelledby="card-title" className="card space-y-4" id="karte">
      <h2 id="card-title" className="text-lg font-semibold">
        {t('participant:card.title')}
      </h2>
      {/* The search is a GET form of its own: its results come back as links that pick the target. */}
      <Form method="get" className="flex flex-wrap items-end gap-2" preventScrollReset>
        <TextField label={t('participant:card.search')} name="suche" type="search" defaultValue={page.search?.query ?? ''} className="min-w-0 flex-1 [&_input]:min-h-11" />
        <button type="submit" className="btn-secondary min-h-11">
          {t('participant:card.searchButton')}
        </button>
      </Form>
      {page.search ? (
        <div aria-live="polite">
          <h3 className="font-medium">{t('participant:card.searchResults', { query: page.search.query })}</h3>
          {page.search.results.length === 0 ? (
            <p>{t('participant:card.searchNone')}</p>
          ) : (
            <ul className="mt-1 space-y-1" data-testid="search-results">
              {page.search.results.map((hit) => (
                <li key={hit.ref}>
                  <Link to={`?bezug=${hit.ref}#karte`} preventScrollReset className="inline-block py-1">
                    {hit.measurePosition === null ? t('participant:card.goal', { number: hit.goalNumber }) : t('participant:card.measure', { goal: hit.goalNumber, position: hit.measurePosition })}
                    {': '}
                    <span lang="de">{cut(hit.label, 120)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <Form method="post" noValidate className="space-y-4" key={result.success ?? 'card'}>
        <input type="hidden" name="intent" value="card" />
        <FormMessage error={result.errors.form} success={result.success} />
        <SelectField label={t('participant:card.category')} name="categoryId" error={result.errors.categoryId} className="[&_select]:min-h-11">
          {phase.categories.map((category) => (
            <option key={category.id} value={category.id} lang={langOf(category)}>
              {categoryText(t, category)}
            </option>
          ))}
        </SelectField>
        <TargetSelect fields={page.fields} tableField={page.tableField} chosenRef={page.chosenRef} chosenLabel={page.chosenLabel} defaultValue={defaultTarget} error={result.errors.target} />
        <TextField
          label={t('participant:card.number')}
          name="number"
          inputMode="decimal"
          defaultValue={result.values?.number}
          hint={t('participant:card.numberHint')}
          error={result.errors.number}
          dir="ltr"
          className="[&_input]:min-h-11"
        />
        {page.forum.anyTable ? (
          <SelectField label={t('participant:card.tableToPost')} name="tableId" defaultValue={page.ownTableId ?? ''} className="[&_select]:min-h-11">
            {page.tables.map((table) => (
              <option key={table.id} value={table.id}>{isolate(`${table.number}: ${table.name}`)}</option>
            ))}
          </SelectField>
        ) : null}
        <TextAreaField
          label={t('participant:card.text')}
          name="text"
          rows={4}
          maxLength={page.textMax}
          dir="auto"
          defaultValue={result.values?.text}
          hint={t('participant:card.textHint', { max: page.textMax })}
          error={result.errors.text}
          required
        />
        <SelectField label={t('participant:card.language')} name="language" defaultValue={textLanguage} className="[&_select]:min-h-11">
          {TEXT_LANGUAGES.map((lng) => (
            <option key={lng} value={lng}>
              {isLanguage(lng) ? LANGUAGES[lng].name : (names.of(lng) ?? lng)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn min-h-12 w-full justify-center text-lg" disabled={busy}>
          {t('participant:card.submit')}
        </button>
      </Form>
    </section>
  )
}

function CardList({ title, empty, cards, testId }: { title: string; empty: string; cards: PublicCard[]; testId: string }) {
  const { t } = useTranslation()
  const id = `${testId}-title`
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title} <span className="text-sm font-normal">({t('participant:card.count', { count: cards.length })})</span>
      </h2>
      {cards.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="space-y-2" data-testid={testId}>
          {cards.map((card) => (
            <li key={card.id} className="rounded-md border border-slate-300 bg-white p-3">
              <p className="text-sm text-slate-700">
                <span lang={langOf({ preset: card.categoryPreset })}>{categoryText(t, { preset: card.categoryPreset, label: card.categoryLabel })}</span>
                {' · '}
                {targetText(t, card)}
              </p>
              <p lang={card.language} dir="auto" className="mt-1 whitespace-pre-line">
                {card.text}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
