import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam } from '../../../server/auth/require'
import { PollError, pollResult } from '../../../server/services/forums/polls'
import { requireForum } from './guard.server'

export function loadProjector(context: Readonly<RouterContextProvider>, request: Request, forumParam: string | undefined, pollParam: string | undefined) {
  const { forum } = requireForum(context, request, forumParam)
  const pollId = requireIdParam(context, pollParam, 'forums:poll.unknown')
  try {
    const result = pollResult(getServices(context).db, forum.id, pollId)
    return { title: getT(context)('forums:projector.title', { question: result.question }), forum: { id: forum.id, title: forum.title }, result }
  } catch (error) {
    if (error instanceof PollError) throw notFound(error.text(getT(context)))
    throw error
  }
}
