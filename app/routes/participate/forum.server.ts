import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices } from '../../../server/auth/require'
import { decide } from '../../../server/policies/can'
import { CardError, cardsOf, CARD_TEXT_MAX, postCard, type Card } from '../../../server/services/forums/feedback'
import { parseTargetRef, pickerCatalogue, searchCatalogue, targetByNumber } from '../../../server/services/forums/targets'
import { forumRow, tablesOf } from '../../../server/services/forums/forums'
import { currentPhase, phasesOf } from '../../../server/services/forums/phases'
import { filesOf } from '../../../server/services/forums/files'
import { sitAt, tableInPhase } from '../../../server/services/forums/join'
import { castVote, myChoices, pollsOf, PollError, pollRow } from '../../../server/services/forums/polls'
import { msg, parseForm } from '~/shared/forms'
import { TEXT_LANGUAGES } from './limits'
import { clientAddress, forumSessionOf, getParticipantT, participantLanguage, reasonMessage, refusedWith } from './participant.server'
import { mirrorOnPosters } from '../forums/poster-mirror.server'

type Ctx = Readonly<RouterContextProvider>


/** A card as a participant sees it: no names, no moderation details. */
function publicCard(card: Card) {
  return {
    id: card.id,
    text: card.text,
    language: card.language,
    categoryPreset: card.categoryPreset,
    categoryLabel: card.categoryLabel,
    target: card.target,
    fieldNumber: card.fieldNumber,
    goalNumber: card.goalNumber ?? card.measureGoalNumber,
    measurePosition: card.measurePosition,
    tableNumber: card.tableNumber,
  }
}
export type PublicCard = ReturnType<typeof publicCard>

export function loadParticipantForum(context: Ctx, request: Request) {
  const session = forumSessionOf(context, request)
  const db = getServices(context).db
  const verdict = decide(session.actor, 'forum.session.read', { forumId: session.forum.id })
  if (verdict !== 'allowed') throw new Response(reasonMessage(context, verdict), { status: 403 })
  const forum = forumRow(db, session.forum.id)
  const url = new URL(request.url)
  const phase = currentPhase(db, forum.id)
  const phases = phasesOf(db, forum.id)
  const tables = tablesOf(db, forum.id)
  const ownTableId = phase ? tableInPhase(db, session.participant, phase.id) : session.participant.seatTableId
  const ownTable = tables.find((table) => table.id === ownTableId) ?? null
  const catalogue = pickerCatalogue(db)
  const tableField = catalogue.find((field) => field.id === ownTable?.fieldId) ?? null
  const query = (url.searchParams.get('suche') ?? '').slice(0, 80)
  const chosenRef = url.searchParams.get('bezug') ?? ''
  const polls = pollsOf(db, forum.id, ['open'])
  const choices = myChoices(db, session.participant.id, polls.map((p) => p.id))
  const material = filesOf(db, forum.id, 'material')[0] ?? null
  return {
    title: forum.title,
    forum: {
      title: forum.title,
      formatPreset: forum.formatPreset,
      formatName: forum.formatName,
      date: forum.date,
      time: forum.time,
      place: forum.place,
      invitedBy: forum.invitedBy,
      state: forum.state,
      anyTable: forum.anyTable,
      // A path of this site (such as the overview) needs a staff login: participants get only outside links.
      materialUrl: /^https?:\/\//i.test(forum.materialUrl) ? forum.materialUrl : '',
      hasMaterial: !!material,
    },
    me: { name: session.participant.name, language: participantLanguage(request) },
    phase: phase ? { ...phase, categories: phases.find((p) => p.id === phase.id)?.categories ?? [] } : null,
    tables: tables.map((table) => ({ id: table.id, number: table.number, name: table.name, host: table.host })),
    ownTableId: ownTable?.id ?? null,
    fields: catalogue.map((field) => ({ id: field.id, number: field.number, title: field.title })),
    tableField,
    search: query ? { query, results: searchCatalogue(db, query) } : null,
    chosenRef: parseTargetRef(chosenRef) ? chosenRef : '',
    chosenLabel: chosenRef ? (searchByRef(catalogue, chosenRef) ?? null) : null,
    polls: polls.map((poll) => ({ id: poll.id, question: poll.question, kind: poll.kind, options: poll.options.map((o) => ({ id: o.id, label: o.label })), chosen: choices.get(poll.id) ?? [] })),
    mine: cardsOf(db, forum.id, { participantId: session.participant.id }).map(publicCard),
    atTable: phase && ownTable ? cardsOf(db, forum.id, { phaseId: phase.id, tableId: ownTable.id, visibleOnly: true }).map(publicCard) : [],
    textMax: CARD_TEXT_MAX,
  }
}

/** The label of a picked goal or measure outside the table's field ("12: …", "12.1: …"), German. */
function searchByRef(catalogue: ReturnType<typeof pickerCatalogue>, ref: string): string | undefined {
  const parsed = parseTargetRef(ref)
  if (!parsed || parsed.target === 'concept') return undefined
  for (const field of catalogue) {
    if (parsed.target === 'field' && field.id === parsed.id) return `${field.number}: ${field.title}`
    for (const challenge of field.challenges) {
      if (parsed.target === 'challenge' && challenge.id === parsed.id) return challenge.title
      for (const goal of challenge.goals) {
        if (parsed.target === 'goal' && goal.number === parsed.id) return `${goal.number}: ${goal.description}`
        for (const measure of goal.measures) if (parsed.target === 'measure' && measure.id === parsed.id) return `${goal.number}.${measure.position}: ${measure.title}`
      }
    }
  }
  return undefined
}

const id = z.coerce.number().int().positive().max(2 ** 31 - 1)

const CardSchema = z.object({
  intent: z.literal('card'),
  categoryId: z.coerce.number({ message: msg('participant:card.unknownCategory') }).int().positive(msg('participant:card.unknownCategory')),
  target: z.string().default(''),
  number: z.string().trim().max(10, msg('participant:card.unknownTarget')).default(''),
  text: z.string({ message: msg('participant:card.textMissing') }).trim().min(1, msg('participant:card.textMissing')).max(CARD_TEXT_MAX, msg('participant:card.textTooLong', { max: CARD_TEXT_MAX })),
  language: z.enum(TEXT_LANGUAGES).default('de'),
  tableId: z.coerce.number().int().positive().optional(),
})

/**
 * The participant page's forms: take a seat (sit), post a card (card), vote (vote). Each asks the policy with the
 * session as actor; the participant is always the session's (a participantId in the form is never read).
 */
export async function participantForumAction(context: Ctx, request: Request) {
  const session = forumSessionOf(context, request)
  const db = getServices(context).db
  const t = getParticipantT(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const forum = forumRow(db, session.forum.id)
  const phase = currentPhase(db, forum.id)
  const address = clientAddress(context)
  const limits = getServices(context).forumLimiter.submit

  if (intent === 'sit') {
    const tableId = id.safeParse(form.get('tableId'))
    if (!phase) return refusedWith(403, intent, { form: reasonMessage(context, forum.state === 'closed' ? 'forumClosed' : 'phaseNotOpen') })
    const table = tablesOf(db, forum.id).find((tb) => tableId.success && tb.id === tableId.data)
    if (!table) return refusedWith(400, intent, { tableId: t('participant:table.unknown') })
    const verdict = decide(session.actor, 'forum.seat.choose', { forumId: forum.id, forumState: forum.state })
    if (verdict !== 'allowed') return refusedWith(403, intent, { form: reasonMessage(context, verdict) })
    sitAt(db, session.participant.id, phase.id, table.id)
    // A poster of the table left behind is no longer the participant's to write.
    getServices(context).live.recheckForum(forum.id)
    return data({ intent, success: t('participant:table.chosen') })
  }

  if (intent === 'card') {
    const values = { text: String(form.get('text') ?? '').slice(0, CARD_TEXT_MAX + 100), target: String(form.get('target') ?? ''), number: String(form.get('number') ?? '') }
    const wait = Math.max(limits.cardsByParticipant.retryAfter(String(session.participant.id)), limits.cardsByAddress.retryAfter(address))
    if (wait > 0) return refusedWith(429, intent, { form: t('participant:card.tooMany', { count: Math.max(1, Math.ceil(wait / 60000)) }) }, values)
    const parsed = parseForm(CardSchema, form, t)
    if (!parsed.ok) return refusedWith(400, intent, parsed.errors, values)
    const input = parsed.data
    if (!phase) return refusedWith(403, intent, { form: reasonMessage(context, forum.state === 'open' ? 'phaseNotOpen' : forum.state === 'closed' ? 'forumClosed' : 'forumNotOpen') }, values)
    const ownTableId = tableInPhase(db, session.participant, phase.id)
    const tableId = forum.anyTable && input.tableId ? input.tableId : ownTableId
    if (tableId === null) return refusedWith(400, intent, { form: t('participant:table.none') }, values)
    const verdict = decide(session.actor, 'forum.card.post', { forumId: forum.id, forumState: forum.state, phaseState: phase.state, tableId, ownTableId, anyTable: forum.anyTable })
    if (verdict !== 'allowed') return refusedWith(403, intent, { form: reasonMessage(context, verdict) }, values)
    const target = input.number ? targetByNumber(db, input.number) : parseTargetRef(input.target)
    if (!target) {
      return refusedWith(400, intent, input.number ? { number: t('participant:card.numberUnknown', { number: input.number }) } : { target: t('participant:card.unknownTarget') }, values)
    }
    let posted: { id: number }
    try {
      posted = postCard(db, { forumId: forum.id, phaseId: phase.id, tableId, categoryId: input.categoryId, target, text: input.text, language: input.language, source: 'participant', participantId: session.participant.id, enteredBy: null })
    } catch (error) {
      if (!(error instanceof CardError)) throw error
      return refusedWith(400, intent, { [error.field]: error.text(t) }, values)
    }
    // Everybody at the table sees it on the poster, as a card written there.
    await mirrorOnPosters(context, forum.id, [posted.id], 'put', null)
    limits.cardsByParticipant.hit(String(session.participant.id))
    limits.cardsByAddress.hit(address)
    return data({ intent, success: t('participant:card.posted') })
  }

  if (intent === 'vote') {
    const pollId = id.safeParse(form.get('pollId'))
    const target = pollId.success ? pollId.data : undefined
    const wait = Math.max(limits.votesByParticipant.retryAfter(String(session.participant.id)), limits.votesByAddress.retryAfter(address))
    if (wait > 0) return refusedWith(429, intent, { form: t('participant:vote.tooMany', { count: Math.max(1, Math.ceil(wait / 60000)) }) })
    let poll
    try {
      poll = target ? pollRow(db, forum.id, target) : null
    } catch (error) {
      if (!(error instanceof PollError)) throw error
      poll = null
    }
    // Another forum's question is as unknown here as one that does not exist.
    if (!poll) return data({ intent, target, errors: { form: t('participant:vote.unknownPoll') } }, { status: 404 })
    const verdict = decide(session.actor, 'forum.vote', { forumId: forum.id, forumState: forum.state, pollState: poll.state })
    if (verdict !== 'allowed') return data({ intent, target, errors: { form: reasonMessage(context, verdict) } }, { status: 403 })
    const optionIds = form.getAll('optionId').map((v) => id.safeParse(v)).filter((r) => r.success).map((r) => r.data)
    try {
      castVote(db, forum.id, poll.id, session.participant.id, optionIds)
    } catch (error) {
      if (!(error instanceof PollError)) throw error
      return data({ intent, target, errors: { optionId: error.text(t) } }, { status: 400 })
    }
    limits.votesByParticipant.hit(String(session.participant.id))
    limits.votesByAddress.hit(address)
    return data({ intent, target, success: t('participant:vote.counted') })
  }

  return refusedWith(400, intent, { form: t('participant:reason.forbidden') })
}
