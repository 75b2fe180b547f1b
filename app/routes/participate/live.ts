import type { Route } from './+types/live'
import { streamParticipantEvents } from './live.server'

/** The participant page's event stream: a phase or a question opened or closed. */
export function loader({ context, request }: Route.LoaderArgs) {
  return streamParticipantEvents(context, request)
}
