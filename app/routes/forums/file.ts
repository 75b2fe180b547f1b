import type { Route } from './+types/file'
import { downloadForumFile } from './file.server'

/** A forum's file (a poster photo, the material) for staff. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return downloadForumFile(context, request, params.id, params.file)
}
