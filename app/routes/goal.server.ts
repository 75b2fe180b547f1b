import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, notFound, requireUserWithAbility } from '../../server/auth/require'
import { goalByNumber, measureHistory } from '../../server/services/catalogue'

export function loadGoal(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'concept.read')
  const number = z.coerce.number().int().min(1).max(9999).safeParse(param)
  if (!number.success) throw notFound(`Ein Ziel „${param ?? ''}“ gibt es nicht.`)
  const { db } = getServices(context)
  const goal = goalByNumber(db, number.data)
  if (!goal) throw notFound(`Ziel ${number.data} gibt es im Konzept nicht.`)
  const history = measureHistory(db, goal.measures.map((m) => m.id))
  return {
    goal,
    measures: goal.measures.map((m) => ({ ...m, history: history.get(m.id) ?? [] })),
    previous: number.data > 1 ? number.data - 1 : null,
    next: goalByNumber(db, number.data + 1) ? number.data + 1 : null,
  }
}
