import { data, type RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { forumOfCode } from '../../../server/services/forums/join'
import { forumRow } from '../../../server/services/forums/forums'
import { rueckmeldung } from '../../../server/services/forums/moderation'
import { DISPOSITIONS, type Disposition } from '~/shared/vocabulary'
import { clientAddress, getParticipantT } from './participant.server'

type Ctx = Readonly<RouterContextProvider>

/**
 * The Rückmeldung of a forum, with its code: what became of every item (no names), by field and goal. Before the
 * Koordinierungsgruppe publishes it, the code gets "still in progress"; an unknown code the start page's answer.
 */
export function loadFeedback(context: Ctx, request: Request) {
  const { db, forumLimiter } = getServices(context)
  const t = getParticipantT(context)
  const code = (new URL(request.url).searchParams.get('code') ?? '').slice(0, 40)
  const base = { title: t('participant:feedback.title'), code }
  if (!code) return { ...base, state: 'ask' as const }
  const address = clientAddress(context)
  const wait = forumLimiter.join.failuresByAddress.retryAfter(address)
  if (wait > 0) return data({ ...base, state: 'ask' as const, error: t('participant:join.tooMany', { count: Math.max(1, Math.ceil(wait / 60000)) }) }, { status: 429 })
  const forumId = forumOfCode(db, code)
  if (forumId === null) {
    forumLimiter.join.failuresByAddress.hit(address)
    return data({ ...base, state: 'ask' as const, error: t('participant:join.unknownCode') }, { status: 404 })
  }
  const forum = forumRow(db, forumId)
  const header = { title: forum.title, formatPreset: forum.formatPreset, formatName: forum.formatName, date: forum.date, codeMode: forum.codeMode }
  if (forum.feedbackPublishedAt === null) return { ...base, state: 'notYet' as const, forum: header }
  const groups = rueckmeldung(db, forumId).map((field) => ({
    fieldNumber: field.fieldNumber,
    fieldTitle: field.fieldTitle,
    goals: field.goals.map((goal) => ({
      goalNumber: goal.goalNumber,
      goalDescription: goal.goalDescription,
      items: goal.items.map((item) => ({
        id: item.id,
        text: item.text,
        language: item.language,
        categoryPreset: item.categoryPreset,
        categoryLabel: item.categoryLabel,
        target: item.target,
        fieldNumber: item.fieldNumber,
        goalNumber: item.goalNumber ?? item.measureGoalNumber,
        measurePosition: item.measurePosition,
        disposition: item.disposition,
        reason: item.dispositionReason,
        date: item.dispositionDate,
      })),
    })),
  }))
  const summary = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition | 'none', number>
  summary.none = 0
  for (const field of groups) for (const goal of field.goals) for (const item of goal.items) summary[item.disposition ?? 'none']++
  return { ...base, state: 'published' as const, forum: header, groups, summary }
}
