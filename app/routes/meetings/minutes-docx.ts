import type { Route } from './+types/minutes-docx'
import { downloadMinutes } from './minutes.server'

/** The minutes of a meeting as a Word document. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return downloadMinutes(context, request, params.id)
}
