import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices } from '../../../server/auth/require'
import { eventStream } from '../../../server/events/sse'
import { subscribeForum } from '../../../server/services/forums/events'
import { pollResult } from '../../../server/services/forums/polls'
import { requireForum } from './guard.server'

const id = z.coerce.number().int().positive().max(2 ** 31 - 1)

/**
 * Server-sent events for the plenary, the projector and the moderation pages. With ?poll=<id> the stream carries
 * that question's result itself (counted when the event is sent), so the projector needs no second request.
 */
export function streamForum(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined): Response {
  const { forum } = requireForum(context, request, param)
  const db = getServices(context).db
  const pollId = id.safeParse(new URL(request.url).searchParams.get('poll')).data
  return eventStream(request, (send) =>
    subscribeForum(forum.id, (event) => {
      if (event.kind === 'poll' && pollId !== undefined) {
        if (event.pollId === pollId) send({ kind: 'result', result: pollResult(db, forum.id, pollId) })
        return
      }
      send(event)
    }),
  )
}
