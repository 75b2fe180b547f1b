import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, requireUserWithAbility } from '../../../server/auth/require'
import { eventStream } from '../../../server/events/sse'
import { subscribeStatusChanges } from '../../../server/events/status-changes'
import { IdParam } from '~/shared/forms'

const QuerySchema = z.object({ runde: IdParam })

/** A text/event-stream of rating changes of one round, for the overview's badges. */
export function streamStatus(context: Readonly<RouterContextProvider>, request: Request): Response {
  requireUserWithAbility(context, request, 'concept.read')
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) return new Response(getT(context)('errors:badRoundParameter'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const roundId = query.data.runde
  return eventStream(request, (send) =>
    subscribeStatusChanges((event) => {
      if (event.roundId === roundId) send(event)
    }),
  )
}
