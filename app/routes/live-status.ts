import type { Route } from './+types/live-status'
import { streamStatus } from './live-status.server'

export function loader({ context, request }: Route.LoaderArgs) {
  return streamStatus(context, request)
}
