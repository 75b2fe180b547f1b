import type { RouterContextProvider } from 'react-router'
import { getAuth, getServices } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { feedbackOn } from '../../../server/services/forums/feedback'
import { forumsOfRound } from '../../../server/services/forums/forums'

type Ctx = Readonly<RouterContextProvider>

/**
 * For the pages where decisions are made (goal page, Jour fixe item, report chapter): the forum feedback on a goal
 * (its own and its measures'), a measure or a field, for users who may read it (forum.feedback.read), else null.
 * Call it from the page's loader and hand the result to <ForumFeedbackPanel>.
 */
export function forumFeedbackFor(context: Ctx, on: { goalId: number } | { measureId: number } | { fieldId: number }) {
  const auth = getAuth(context)
  if (!auth || !can(auth.actor, 'forum.feedback.read')) return null
  return feedbackOn(getServices(context).db, on)
}

/** The forums that fed a round (whether, and which, external stakeholders took part), for the rounds page and the report. */
export function forumsFeedingRound(context: Ctx, roundId: number) {
  const auth = getAuth(context)
  if (!auth || !can(auth.actor, 'forum.feedback.read')) return []
  return forumsOfRound(getServices(context).db, roundId)
}
