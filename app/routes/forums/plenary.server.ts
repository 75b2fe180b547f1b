import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam } from '../../../server/auth/require'
import { plenary } from '../../../server/services/forums/feedback'
import { phasesOf } from '../../../server/services/forums/phases'
import { requireForum } from './guard.server'

/** A phase's plenary: every table's visible cards, by field and category (no names). */
export function loadPlenary(context: Readonly<RouterContextProvider>, request: Request, forumParam: string | undefined, phaseParam: string | undefined) {
  const { forum } = requireForum(context, request, forumParam)
  const phaseId = requireIdParam(context, phaseParam, 'forums:error.unknownPhase')
  const db = getServices(context).db
  const phase = phasesOf(db, forum.id).find((p) => p.id === phaseId)
  if (!phase) throw notFound(getT(context)('forums:error.unknownPhase'))
  const groups = plenary(db, forum.id, phase.id).map((group) => ({
    fieldNumber: group.fieldNumber,
    fieldTitle: group.fieldTitle,
    categories: group.categories.map((category) => ({
      categoryId: category.categoryId,
      preset: category.preset,
      label: category.label,
      cards: category.cards.map((card) => ({
        id: card.id,
        text: card.text,
        language: card.language,
        target: card.target,
        fieldNumber: card.fieldNumber,
        goalNumber: card.goalNumber ?? card.measureGoalNumber,
        measurePosition: card.measurePosition,
        tableNumber: card.tableNumber,
      })),
    })),
  }))
  return { title: getT(context)('forums:plenary.title', { phase: phase.title }), forum: { id: forum.id, title: forum.title }, phase, groups }
}
