import type { Route } from './+types/polls-xlsx'
import { downloadResults } from './polls.server'

/** The televoting results of a forum as XLSX (exceljs). */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return downloadResults(context, request, params.id, 'xlsx')
}
