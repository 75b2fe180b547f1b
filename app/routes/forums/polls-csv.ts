import type { Route } from './+types/polls-csv'
import { downloadResults } from './polls.server'

/** The televoting results of a forum as CSV. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return downloadResults(context, request, params.id, 'csv')
}
