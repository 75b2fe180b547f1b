import { editorUnitIds, hasRole, roundOpen, rule, type RoundSubject, type WorkSubject } from './policy'

/**
 * The status work of a round: a measure's proposal, marks and narrative, a goal's narrative (work.edit), and the
 * agreed rating of the Jour fixe (work.agree). Only in an open round. A unit editor edits where his unit is
 * responsible (for a goal: for any of its measures); commissioner and coordinators edit everything.
 */
export const workRules = {
  'work.edit': rule<WorkSubject>(['commissioner', 'coordinator', 'editor'], (work, actor) => {
    const state = roundOpen(work.roundState)
    if (state !== 'allowed') return state
    if (hasRole(actor, ['commissioner', 'coordinator'])) return 'allowed'
    const mine = editorUnitIds(actor)
    return work.unitIds.some((id) => mine.includes(id)) ? 'allowed' : 'forbidden'
  }),
  /** The agreed rating's own document; which meeting it names is admitted against the running meetings. */
  'work.agree': rule<RoundSubject>(['commissioner', 'coordinator'], (round) => roundOpen(round.state)),
}
