import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, requireUserWithAbility } from '../../../server/auth/require'
import { currentRound, listRounds } from '../../../server/services/catalogue/catalogue'
import { compareRounds, wordDiff } from '../../../server/services/rounds/compare'

export const COMPARISON_FILTERS = ['alle', 'geaendert', 'verschlechtert'] as const

const roundParam = (name: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `Der Parameter „${name}“ muss die Nummer einer Berichtsrunde sein.`)
    .transform(Number)
    .optional()

const QuerySchema = z.object({
  von: roundParam('von'),
  nach: roundParam('nach'),
  nur: z.enum(COMPARISON_FILTERS, { message: '„nur“ darf „alle“, „geaendert“ oder „verschlechtert“ sein.' }).default('alle'),
})

const badRequest = (message: string) => new Response(message, { status: 400, statusText: 'Bad Request' })

export function loadComparison(context: Readonly<RouterContextProvider>, request: Request) {
  requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const params = new URL(request.url).searchParams
  const parsed = QuerySchema.safeParse({
    von: params.get('von') ?? undefined,
    nach: params.get('nach') ?? undefined,
    nur: params.get('nur') || undefined,
  })
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join(' '))
  const query = parsed.data
  if ((query.von === undefined) !== (query.nach === undefined)) throw badRequest('Bitte beide Berichtsrunden angeben: „von“ und „nach“.')

  const rounds = listRounds(db)
  const byId = new Map(rounds.map((r) => [r.id, r]))
  let to = query.nach === undefined ? currentRound(db, rounds) : byId.get(query.nach)
  let from = query.von === undefined ? rounds.find((r) => to && r.id !== to.id && r.state !== 'draft') : byId.get(query.von)
  if (query.von !== undefined && !from) throw badRequest(`Eine Berichtsrunde ${query.von} („von“) gibt es nicht.`)
  if (query.nach !== undefined && !to) throw badRequest(`Eine Berichtsrunde ${query.nach} („nach“) gibt es nicht.`)
  if (from && to && from.id === to.id) throw badRequest('Bitte zwei verschiedene Berichtsrunden wählen.')
  // listRounds is newest first: without a choice, compare the older round against the newer one.
  if (query.von === undefined && from && to && rounds.indexOf(from) < rounds.indexOf(to)) [from, to] = [to, from]

  const options = rounds.map((r) => ({ id: r.id, name: r.name }))
  if (!from || !to) return { options, from: null, to: null, filter: query.nur, total: 0, changedCount: 0, worseCount: 0, measures: [] }

  const all = compareRounds(db, from.id, to.id)
  const shown = all.filter((m) => (query.nur === 'geaendert' ? m.changed : query.nur === 'verschlechtert' ? m.worse : true))
  return {
    options,
    from: { id: from.id, name: from.name },
    to: { id: to.id, name: to.name },
    filter: query.nur,
    total: all.length,
    changedCount: all.filter((m) => m.changed).length,
    worseCount: all.filter((m) => m.worse).length,
    measures: shown.map((m) => ({
      id: m.measureId,
      goalNumber: m.goalNumber,
      title: m.title,
      changed: m.changed,
      worse: m.worse,
      before: { attainment: m.before.attainment, agreed: m.before.agreed, flags: m.before.flags },
      after: { attainment: m.after.attainment, agreed: m.after.agreed, flags: m.after.flags },
      // Only changed narratives travel to the page; unchanged ones are just marked so.
      diff: m.narrativeChanged ? wordDiff(m.before.narrative, m.after.narrative) : null,
      hasNarrative: m.after.narrative.trim() !== '',
    })),
  }
}
