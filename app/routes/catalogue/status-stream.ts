import type { Route } from './+types/status-stream'
import { streamStatus } from './status-stream.server'

export function loader({ context, request }: Route.LoaderArgs) {
  return streamStatus(context, request)
}
