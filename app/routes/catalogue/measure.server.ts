import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { goalByNumber } from '../../../server/services/catalogue/catalogue'
import { measureNarratives, measureTimeline, measureWithGoal } from '../../../server/services/catalogue/timeline'

/** /massnahmen/:id: one measure with its goal, units, the timeline and per round the narrative and the agreement. */
export function loadMeasure(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'concept.read')
  const { db } = getServices(context)
  const t = getT(context)
  const id = requireIdParam(context, param, 'catalogue:measure.notFound')
  const found = measureWithGoal(db, id)
  const goal = found ? goalByNumber(db, found.goalNumber) : undefined
  if (!found || !goal) throw notFound(t('catalogue:measure.notFound', { id: param ?? '' }))
  const index = goal.measures.findIndex((m) => m.id === found.id)
  const timeline = measureTimeline(db, [found.id]).get(found.id) ?? []
  const narratives = measureNarratives(db, found.id)
  const position = { index: index + 1, of: goal.measures.length }
  return {
    title: t('catalogue:measure.title', { goal: goal.number, index: position.index }),
    goal: { number: goal.number, description: goal.description, fieldNumber: goal.fieldNumber, fieldTitle: goal.fieldTitle, challengeTitle: goal.challengeTitle },
    measure: { id: found.id, title: found.title, sourceUncertain: found.sourceUncertain, units: goal.measures[index]?.units ?? [] },
    position,
    previous: goal.measures[index - 1]?.id ?? null,
    next: goal.measures[index + 1]?.id ?? null,
    timeline,
    narratives: timeline.map((e) => narratives.get(e.round.id) ?? null),
  }
}
