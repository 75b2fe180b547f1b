import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { currentRound, listRounds } from '../../../server/services/catalogue/catalogue'
import { compareRounds, wordDiff } from '../../../server/services/rounds/compare'
import { msg, parseForm } from '~/shared/forms'
import { COMPARISON_FILTERS } from './types'

const roundParam = (name: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, msg('rounds:comparison.badParam', { name }))
    .transform(Number)
    .optional()

const QuerySchema = z.object({
  von: roundParam('von'),
  nach: roundParam('nach'),
  nur: z.enum(COMPARISON_FILTERS, { message: msg('rounds:comparison.badFilter') }).default('alle'),
})

const badRequest = (message: string) =>
  new Response(message, { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export function loadComparison(context: Readonly<RouterContextProvider>, request: Request) {
  requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const t = getT(context)
  const params = new URL(request.url).searchParams
  const parsed = parseForm(QuerySchema, { von: params.get('von') ?? undefined, nach: params.get('nach') ?? undefined, nur: params.get('nur') || undefined }, t)
  if (!parsed.ok) throw badRequest(Object.values(parsed.errors).join(' '))
  const query = parsed.data
  if ((query.von === undefined) !== (query.nach === undefined)) throw badRequest(t('rounds:comparison.bothRounds'))

  const rounds = listRounds(db)
  const byId = new Map(rounds.map((r) => [r.id, r]))
  let to = query.nach === undefined ? currentRound(db, rounds) : byId.get(query.nach)
  let from = query.von === undefined ? rounds.find((r) => to && r.id !== to.id && r.state !== 'draft') : byId.get(query.von)
  if (query.von !== undefined && !from) throw badRequest(t('rounds:comparison.noSuchRound', { id: query.von, param: 'von' }))
  if (query.nach !== undefined && !to) throw badRequest(t('rounds:comparison.noSuchRound', { id: query.nach, param: 'nach' }))
  if (from && to && from.id === to.id) throw badRequest(t('rounds:comparison.sameRound'))
  // listRounds is newest first: without a choice, compare the older round against the newer one.
  if (query.von === undefined && from && to && rounds.indexOf(from) < rounds.indexOf(to)) [from, to] = [to, from]

  const title = t('rounds:comparison.title')
  const options = rounds.map((r) => ({ id: r.id, name: r.name }))
  if (!from || !to) return { title, options, from: null, to: null, filter: query.nur, total: 0, changedCount: 0, betterCount: 0, worseCount: 0, measures: [] }

  const all = compareRounds(db, from.id, to.id)
  const keep = { alle: () => true, geaendert: (m: (typeof all)[number]) => m.changed, verbessert: (m: (typeof all)[number]) => m.better, verschlechtert: (m: (typeof all)[number]) => m.worse }[query.nur]
  const shown = all.filter(keep)
  return {
    title,
    options,
    from: { id: from.id, name: from.name },
    to: { id: to.id, name: to.name },
    filter: query.nur,
    total: all.length,
    changedCount: all.filter((m) => m.changed).length,
    betterCount: all.filter((m) => m.better).length,
    worseCount: all.filter((m) => m.worse).length,
    measures: shown.map((m) => ({
      id: m.measureId,
      goalNumber: m.goalNumber,
      title: m.title,
      changed: m.changed,
      worse: m.worse,
      better: m.better,
      before: { attainment: m.before.attainment, agreed: m.before.agreed, flags: m.before.flags },
      after: { attainment: m.after.attainment, agreed: m.after.agreed, flags: m.after.flags },
      // Only changed narratives travel to the page; unchanged ones are just marked so.
      diff: m.narrativeChanged ? wordDiff(m.before.narrative, m.after.narrative) : null,
      hasNarrative: m.after.narrative.trim() !== '',
    })),
  }
}
