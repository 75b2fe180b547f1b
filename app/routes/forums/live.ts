import type { Route } from './+types/live'
import { streamForum } from './live.server'

/** The staff views' event stream of a forum: cards, question results (?poll=<id>), state. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return streamForum(context, request, params.id)
}
