import { redirect, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, notFound, requireUserWithAbility } from '../../server/auth/require'
import { roundById, roundProgress } from '../../server/services/progress'
import { currentRound, listRounds } from '../../server/services/catalogue'
import { berlinToday, daysUntil } from '~/lib/dates'

const IdSchema = z.coerce.number().int().positive()

export function loadProgress(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'progress.read')
  const { db } = getServices(context)
  const id = IdSchema.safeParse(param)
  const round = id.success ? roundById(db, id.data) : undefined
  if (!round) throw notFound(`Eine Berichtsrunde „${param ?? ''}“ gibt es nicht.`)
  const progress = roundProgress(db, round)
  return {
    round: {
      id: round.id,
      name: round.name,
      state: round.state,
      dueDate: round.dueDate,
      daysLeft: round.dueDate && round.state === 'open' ? daysUntil(round.dueDate, berlinToday()) : null,
    },
    rounds: listRounds(db).map((r) => ({ id: r.id, name: r.name })),
    ...progress,
  }
}

/** /fortschritt: the progress of the chosen round (?runde=), else of the open round, else of the newest one. */
export function redirectToProgress(context: Readonly<RouterContextProvider>, request: Request) {
  requireUserWithAbility(context, request, 'progress.read')
  const { db } = getServices(context)
  const wanted = IdSchema.safeParse(new URL(request.url).searchParams.get('runde'))
  const round = (wanted.success ? roundById(db, wanted.data) : undefined) ?? currentRound(db)
  if (!round) throw notFound('Es ist noch keine Berichtsrunde angelegt.')
  return redirect(`/runden/${round.id}/fortschritt`)
}
