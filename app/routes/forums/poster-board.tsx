import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { FORUM_COLLAB_PATH, rejection } from '~/collab/connection'
import { useLiveDocuments, useSaveState } from '~/collab/use-live'
import { CARDS_MAP, POSTER_AUTHOR_MAX, parsePosterTarget, readPoster, type PosterCard } from '~/shared/live/layout'
import { LANGUAGES, isLanguage } from '~/shared/i18n/languages'
import type { FeedbackCategory } from '~/shared/vocabulary'
import { SelectField, TextAreaField, TextField } from '~/ui/form'
import { TargetSelect, type TableField } from '../participate/target-select'
import { categoryText, langOf, targetText } from './labels'

/**
 * A table's live poster, for the participants' phones (/mitmachen/plakat) and the Tischpate's or moderator's tablet
 * (/foren/:id/plakat/:table/:phase): the cards of the table appear for everyone at once; a new card is added to the
 * live document (app/collab: IndexedDB keeps it while offline, and it is sent when the connection returns), and the
 * save state says truthfully whether the server has it. Only participant and vocabulary messages: staff pages load
 * the participant namespace too, and participant-only languages carry nothing else.
 */

export type PosterBoardProps = {
  documentName: string
  /** '/collab' (staff) or '/mitmachen/collab' (participants: their cookie's path). */
  path: string
  canWrite: boolean
  presenceName: string
  categories: { id: number; preset: FeedbackCategory | null; label: string }[]
  fields: { id: number; number: number; title: string }[]
  tableField: TableField | null
  /** Numbers for showing targets: field id → number, challenge id → field number, measure id → goal and position. */
  numbers: { fields: Record<number, number>; challenges: Record<number, number>; measures: Record<number, [number, number]> }
  textMax: number
  defaultAuthor: string
  textLanguages: readonly string[]
  /** The cards as the projection has them, shown until the live document is there (and without JavaScript). */
  initial: { key: string; text: string; language: string; categoryId: number; target: string; author: string }[]
}

type ShownCard = { key: string; text: string; language: string; category: number; target: string; author: string }

export function PosterBoard(props: PosterBoardProps) {
  const { t } = useTranslation()
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return (
    <div className="space-y-5" data-testid="poster" data-document={props.documentName}>
      {hydrated ? <LivePoster {...props} /> : <CardList {...props} cards={props.initial.map((c) => ({ ...c, category: c.categoryId }))} />}
      <noscript>
        <p>{t('participant:poster.jsNeeded')}</p>
      </noscript>
    </div>
  )
}

function LivePoster(props: PosterBoardProps) {
  const user = useMemo(() => ({ name: props.presenceName, unit: '', color: '#0b5360' }), [props.presenceName])
  const docs = useLiveDocuments([props.documentName], user, props.path)
  const live = docs?.get(props.documentName)
  const cards = usePosterCards(live?.doc)
  const state = useSaveState(docs, props.path)
  // The server's word on the connection: a phase closed since the page loaded makes it read-only (4410, reconnect).
  const [scope, setScope] = useState<string | undefined>(undefined)
  useEffect(() => {
    if (!live) return
    const update = () => setScope(live.provider.authorizedScope)
    live.provider.on('authenticated', update)
    update()
    return () => {
      live.provider.off('authenticated', update)
    }
  }, [live])
  const readOnly = !props.canWrite || scope === 'readonly'
  const own = useOwnCards(props.documentName, props.path === FORUM_COLLAB_PATH)
  const remove = live && !readOnly ? (key: string) => live.doc.getMap(CARDS_MAP).delete(key) : undefined
  return (
    <>
      <PosterSaveState state={state} readOnly={readOnly} />
      {!readOnly && live ? <NewCard {...props} doc={live.doc} onCreated={own.add} /> : null}
      <CardList {...props} cards={cards ?? props.initial.map((c) => ({ ...c, category: c.categoryId }))} live={!!cards} own={own.keys} onRemove={remove} />
    </>
  )
}

/**
 * The cards this phone pinned to this poster (their keys, kept on the device): a participant may take down their own
 * cards and no other (the server checks it too: server/collab/poster-schema.ts). Staff moderate instead (hide, with a
 * reason in the audit), so their boards offer no removal.
 */
function useOwnCards(documentName: string, participant: boolean): { keys: ReadonlySet<string>; add: (key: string) => void } {
  const storageKey = `zielwerk:poster-own:${documentName}`
  const [keys, setKeys] = useState<ReadonlySet<string>>(() => new Set())
  useEffect(() => {
    if (!participant) return
    try {
      const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]')
      if (Array.isArray(stored)) setKeys(new Set(stored.filter((k): k is string => typeof k === 'string')))
    } catch {
      // no storage (private mode): this page's own cards only
    }
  }, [storageKey, participant])
  const add = (key: string) => {
    if (!participant) return
    setKeys((before) => {
      const next = new Set(before).add(key)
      try {
        window.localStorage.setItem(storageKey, JSON.stringify([...next]))
      } catch {
        // kept for this page only
      }
      return next
    })
  }
  return { keys, add }
}

function usePosterCards(doc: Y.Doc | undefined): PosterCard[] | null {
  const [cards, setCards] = useState<PosterCard[] | null>(null)
  useEffect(() => {
    if (!doc) return
    const map = doc.getMap(CARDS_MAP)
    const update = () => setCards(readPoster(map))
    update()
    map.observeDeep(update)
    return () => map.unobserveDeep(update)
  }, [doc])
  return cards
}

/** The save state in the participant's language (participant-only languages have no common messages). */
function PosterSaveState({ state, readOnly }: { state: ReturnType<typeof useSaveState>; readOnly: boolean }) {
  const { t } = useTranslation()
  const text =
    state === 'rejected'
      ? t('participant:poster.save.rejected')
      : readOnly
        ? state === 'offline'
          ? t('participant:poster.save.readOnlyOffline')
          : t('participant:poster.save.readOnly')
        : t(`participant:poster.save.${state}`)
  const bad = state === 'offline' || state === 'rejected'
  const style = state === 'saved' && !readOnly ? 'border-green-700 bg-green-50 text-green-900' : bad ? 'border-red-700 bg-red-50 text-red-900' : 'border-slate-500 bg-white text-slate-800'
  return (
    <p role="status" aria-live="polite" data-save-state={state} data-access={readOnly ? 'read' : 'write'} data-refusal={state === 'rejected' ? (rejection() ?? undefined) : undefined} className={`rounded-md border px-3 py-2 font-medium ${style}`}>
      <span aria-hidden="true">{bad ? '⚠ ' : state === 'saved' && !readOnly ? '✓ ' : state === 'saved' ? '' : '… '}</span>
      {text}
    </p>
  )
}

function NewCard(props: PosterBoardProps & { doc: Y.Doc; onCreated: (key: string) => void }) {
  const { t, i18n } = useTranslation()
  const [errors, setErrors] = useState<{ text?: string; author?: string }>({})
  const [added, setAdded] = useState(0)
  const names = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'language' }), [i18n.language])
  const pageLanguage = isLanguage(i18n.language) ? i18n.language : 'de'
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const text = String(form.get('text') ?? '').trim()
    const author = String(form.get('author') ?? '').trim()
    const problems: typeof errors = {}
    if (!text) problems.text = t('participant:card.textMissing')
    else if (text.length > props.textMax) problems.text = t('participant:card.textTooLong', { max: props.textMax })
    if (author.length > POSTER_AUTHOR_MAX) problems.author = t('participant:poster.authorTooLong', { max: POSTER_AUTHOR_MAX })
    setErrors(problems)
    if (problems.text || problems.author) return
    const category = Number(form.get('categoryId'))
    const target = String(form.get('target') ?? 'concept')
    const card = new Y.Map<unknown>()
    card.set('text', text)
    card.set('category', category)
    card.set('target', parsePosterTarget(target) ? target : 'concept')
    card.set('language', String(form.get('language') ?? pageLanguage))
    if (author) card.set('author', author)
    card.set('createdAt', Date.now())
    const key = crypto.randomUUID()
    props.doc.getMap(CARDS_MAP).set(key, card)
    props.onCreated(key)
    setAdded((n) => n + 1)
  }
  return (
    <section aria-labelledby="poster-new" className="card space-y-4">
      <h2 id="poster-new" className="text-lg font-semibold">
        {t('participant:poster.newCard')}
      </h2>
      <form onSubmit={submit} noValidate className="space-y-4" key={added}>
        <SelectField label={t('participant:card.category')} name="categoryId" className="[&_select]:min-h-11">
          {props.categories.map((category) => (
            <option key={category.id} value={category.id} lang={langOf(category)}>
              {categoryText(t, category)}
            </option>
          ))}
        </SelectField>
        <TargetSelect fields={props.fields} tableField={props.tableField} defaultValue={props.tableField ? `field:${props.tableField.id}` : 'concept'} />
        <TextAreaField label={t('participant:card.text')} name="text" rows={3} maxLength={props.textMax} dir="auto" hint={t('participant:card.textHint', { max: props.textMax })} error={errors.text} required />
        <TextField label={t('participant:poster.author')} name="author" defaultValue={props.defaultAuthor} maxLength={POSTER_AUTHOR_MAX} dir="auto" error={errors.author} className="[&_input]:min-h-11" />
        <SelectField label={t('participant:card.language')} name="language" defaultValue={pageLanguage} className="[&_select]:min-h-11">
          {props.textLanguages.map((lng) => (
            <option key={lng} value={lng}>
              {isLanguage(lng) ? LANGUAGES[lng].name : (names.of(lng) ?? lng)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn min-h-12 w-full justify-center text-lg">
          {t('participant:poster.add')}
        </button>
      </form>
      {added > 0 ? (
        <p role="status" className="text-sm text-green-900">
          {t('participant:poster.added')}
        </p>
      ) : null}
    </section>
  )
}

function CardList(props: PosterBoardProps & { cards: ShownCard[]; live?: boolean; own?: ReadonlySet<string>; onRemove?: ((key: string) => void) | undefined }) {
  const { t } = useTranslation()
  const categories = new Map(props.categories.map((c) => [c.id, c]))
  const shown = [...props.cards].reverse()
  return (
    <section aria-labelledby="poster-cards" className="space-y-2">
      <h2 id="poster-cards" className="text-lg font-semibold">
        {t('participant:poster.cards')} <span className="text-sm font-normal">({t('participant:card.count', { count: shown.length })})</span>
      </h2>
      {shown.length === 0 ? (
        <p>{t('participant:poster.none')}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="poster-cards" data-live={props.live ? 'yes' : 'no'}>
          {shown.map((card) => {
            const category = categories.get(card.category)
            return (
              <li key={card.key} className="rounded-md border-2 border-yellow-700 bg-yellow-50 p-3" data-testid="poster-card" data-card={card.key}>
                <p className="text-sm font-medium text-slate-800">
                  {category ? <span lang={langOf(category)}>{categoryText(t, category)}</span> : null}
                  {' · '}
                  {targetText(t, targetNumbers(card.target, props.numbers))}
                </p>
                <p id={`card-text-${card.key}`} lang={card.language} dir="auto" className="mt-1 whitespace-pre-line text-lg">
                  {card.text}
                </p>
                {card.author ? (
                  <p className="mt-1 text-sm text-slate-700">
                    {t('participant:poster.by', { name: '' })}
                    <bdi>{card.author}</bdi>
                  </p>
                ) : null}
                {props.onRemove && props.own?.has(card.key) ? (
                  <button type="button" className="btn-secondary mt-2 min-h-11" aria-describedby={`card-text-${card.key}`} onClick={() => props.onRemove?.(card.key)} data-testid="poster-card-remove">
                    {t('participant:poster.remove')}
                  </button>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

/** A card's target reference ('goal:12' …) as targetText() shows it. */
function targetNumbers(ref: string, numbers: PosterBoardProps['numbers']) {
  const parsed = parsePosterTarget(ref)
  const none = { fieldNumber: null, goalNumber: null, measurePosition: null }
  if (!parsed || parsed.target === 'concept') return { target: 'concept', ...none }
  if (parsed.target === 'field') return { target: 'field', ...none, fieldNumber: numbers.fields[parsed.id] ?? null }
  if (parsed.target === 'challenge') return { target: 'challenge', ...none, fieldNumber: numbers.challenges[parsed.id] ?? null }
  if (parsed.target === 'goal') return { target: 'goal', ...none, goalNumber: parsed.id }
  const measure = numbers.measures[parsed.id]
  return { target: 'measure', ...none, goalNumber: measure?.[0] ?? null, measurePosition: measure?.[1] ?? null }
}
