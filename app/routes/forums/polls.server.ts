import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, reasonText } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { download } from '../../../server/http/download'
import { decide } from '../../../server/policies/can'
import { createPoll, deletePoll, pollResults, pollsOf, setPollState } from '../../../server/services/forums/polls'
import { resultsCsv, resultsXlsx } from '../../../server/services/forums/exports'
import { codeModeLabel, pollKindLabel, pollStateLabel, POLL_KINDS } from '~/shared/vocabulary'
import { requireForum } from './guard.server'

type Ctx = Readonly<RouterContextProvider>
const id = z.coerce.number().int().positive().max(2 ** 31 - 1)

export function loadPolls(context: Ctx, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param)
  const db = getServices(context).db
  const results = new Map(pollResults(db, forum.id).map((r) => [r.pollId, r]))
  return {
    title: `${getT(context)('forums:poll.title')} – ${forum.title}`,
    forum: { id: forum.id, title: forum.title, state: forum.state },
    polls: pollsOf(db, forum.id).map((poll) => ({ ...poll, result: results.get(poll.id)! })),
    kinds: POLL_KINDS,
  }
}

const PollSchema = z.object({ question: z.string().default(''), kind: z.enum(POLL_KINDS), options: z.string().default('') })

export async function pollsAction(context: Ctx, request: Request, param: string | undefined) {
  const { forum, auth } = requireForum(context, request, param)
  const db = getServices(context).db
  const t = getT(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const target = id.safeParse(form.get('target')).data
  const which = { intent, target }
  try {
    switch (intent) {
      case 'create': {
        const parsed = PollSchema.safeParse(Object.fromEntries(form))
        if (!parsed.success) return refused({ kind: t('validation:invalid', { label: t('forums:poll.kind') }) }, which)
        createPoll(db, forum.id, { question: parsed.data.question, kind: parsed.data.kind, options: parsed.data.options.split(/\r?\n/) })
        return done(t('forums:poll.created'), which)
      }
      case 'open':
      case 'close': {
        // Opening and closing questions is running the event: only while the forum is open for input.
        const verdict = decide(auth.actor, 'forum.run', { state: forum.state })
        if (verdict !== 'allowed' && intent === 'open') return data({ ...which, errors: { form: reasonText(context, verdict) } }, { status: 403 })
        setPollState(db, forum.id, target ?? 0, intent === 'open' ? 'open' : 'closed')
        return done(t(intent === 'open' ? 'forums:poll.opened' : 'forums:poll.closedDone'), which)
      }
      case 'delete':
        deletePoll(db, forum.id, target ?? 0)
        return done(t('forums:poll.deleted'), which)
      default:
        return refused({ form: t('forums:error.unknownIntent') }, which)
    }
  } catch (error) {
    return refusalOf(context, error, which)
  }
}

/** The results of every question as CSV or XLSX, in the user's language (aggregates only). */
export async function downloadResults(context: Ctx, request: Request, param: string | undefined, kind: 'csv' | 'xlsx') {
  const { forum } = requireForum(context, request, param)
  const t = getT(context)
  const db = getServices(context).db
  const results = pollResults(db, forum.id)
  const col = (key: 'forum' | 'date' | 'codeMode' | 'question' | 'kind' | 'state' | 'voters' | 'answer' | 'count' | 'percent') => t(`forums:poll.col.${key}`)
  const header = { forum: col('forum'), date: col('date'), codeMode: col('codeMode'), question: col('question'), kind: col('kind'), state: col('state'), voters: col('voters'), answer: col('answer'), count: col('count'), percent: col('percent') }
  const mode = t(codeModeLabel(forum.codeMode))
  const kindLabel = (r: { kind: (typeof POLL_KINDS)[number] }) => t(pollKindLabel(r.kind))
  const stateLabel = (r: { state: 'prepared' | 'open' | 'closed' }) => t(pollStateLabel(r.state))
  const name = `${t('forums:poll.sheet')} ${forum.title} ${forum.date}`
  if (kind === 'csv') return download(resultsCsv(header, forum.title, forum.date, mode, results, kindLabel, stateLabel), `${name}.csv`, 'csv')
  return download(await resultsXlsx(header, t('forums:poll.sheet'), forum.title, forum.date, mode, results, kindLabel, stateLabel), `${name}.xlsx`, 'xlsx')
}
