import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { requireUserWithAbility } from '../../../server/auth/require'
import { subscribeStatusChanges } from '../../../server/events/status-changes'

const QuerySchema = z.object({ runde: z.coerce.number({ message: 'runde fehlt' }).int().positive('runde ist ungültig') })

/** A text/event-stream of rating changes of one round, for the overview's badges. */
export function streamStatus(context: Readonly<RouterContextProvider>, request: Request): Response {
  requireUserWithAbility(context, request, 'concept.read')
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) return new Response('Ungültige Anfrage: Parameter „runde“ fehlt oder ist keine Zahl.', { status: 400 })
  const roundId = query.data.runde
  const encoder = new TextEncoder()
  let cleanup = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          cleanup()
        }
      }
      send('retry: 3000\n\n')
      const unsubscribe = subscribeStatusChanges((event) => {
        if (event.roundId === roundId) send(`data: ${JSON.stringify(event)}\n\n`)
      })
      const heartbeat = setInterval(() => send(': ping\n\n'), 25_000)
      cleanup = () => {
        clearInterval(heartbeat)
        unsubscribe()
      }
      request.signal.addEventListener('abort', () => {
        cleanup()
        try {
          controller.close()
        } catch {
          // already closed
        }
      })
    },
    cancel() {
      cleanup()
    },
  })
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  })
}
