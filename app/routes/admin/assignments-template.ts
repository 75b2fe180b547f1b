import type { Route } from './+types/assignments-template'
import { downloadTemplate } from './assignments.server'

/** The CSV template of the import on /admin/zuordnungen: one line per measure, for Excel. */
export function loader({ context, request }: Route.LoaderArgs) {
  return downloadTemplate(context, request)
}
