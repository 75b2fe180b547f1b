import type { RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { requireForumSession } from '../../../server/auth/forum-session'
import { eventStream } from '../../../server/events/sse'
import { subscribeForum } from '../../../server/services/forums/events'

/** Only the forum's state changes reach participants (not every card or vote: a hundred phones reloading per card). */
export function streamParticipantEvents(context: Readonly<RouterContextProvider>, request: Request): Response {
  const session = requireForumSession(getServices(context).db, request)
  return eventStream(request, (send) =>
    subscribeForum(session.forum.id, (event) => {
      if (event.kind === 'state') send({ kind: 'state' })
    }),
  )
}
