import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { goalByNumber } from '../../../server/services/catalogue/catalogue'
import { measureNarratives, measureTimeline, measureWithGoal } from '../../../server/services/catalogue/timeline'

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** /massnahmen/:id: one measure with its goal, units, the timeline and per round the narrative and the agreement. */
export function loadMeasure(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'concept.read')
  const { db } = getServices(context)
  const id = IdSchema.safeParse(param)
  const found = id.success ? measureWithGoal(db, id.data) : undefined
  if (!found) throw notFound(`Eine Maßnahme „${param ?? ''}“ gibt es im Konzept nicht.`)
  const goal = goalByNumber(db, found.goalNumber)!
  const index = goal.measures.findIndex((m) => m.id === found.id)
  const timeline = measureTimeline(db, [found.id]).get(found.id) ?? []
  const narratives = measureNarratives(db, found.id)
  return {
    goal: { number: goal.number, description: goal.description, fieldNumber: goal.fieldNumber, fieldTitle: goal.fieldTitle, challengeTitle: goal.challengeTitle },
    measure: { id: found.id, title: found.title, sourceUncertain: found.sourceUncertain, units: goal.measures[index]?.units ?? [] },
    position: { index: index + 1, of: goal.measures.length },
    previous: goal.measures[index - 1]?.id ?? null,
    next: goal.measures[index + 1]?.id ?? null,
    timeline,
    narratives: timeline.map((e) => narratives.get(e.round.id) ?? null),
  }
}
