import { createResponse } from 'better-sse'

/**
 * Every server-sent-events stream of Zielwerk goes through here (better-sse underneath: framing, retry hint,
 * keep-alive comments, disconnect detection): the live badges of the overview today, votes and projector views
 * tomorrow. `subscribe` gets a `send` and returns its unsubscribe, which runs when the client goes away.
 * Compression leaves event streams alone (server/app.ts), so each event leaves at once.
 */
export type Send = (data: unknown, event?: string) => void

export function eventStream(request: Request, subscribe: (send: Send) => () => void): Response {
  return createResponse(
    request,
    { retry: 3_000, keepAlive: 25_000, headers: { 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } },
    (session) => {
      const unsubscribe = subscribe((data, event) => {
        if (session.isConnected) session.push(data, event)
      })
      session.once('disconnected', unsubscribe)
    },
  )
}
