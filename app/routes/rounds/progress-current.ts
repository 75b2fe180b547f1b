import type { Route } from './+types/progress-current'
import { redirectToProgress } from './progress.server'

export function loader({ context, request }: Route.LoaderArgs) {
  return redirectToProgress(context, request)
}
