import type { Route } from './+types/assignments-template'
import { downloadTemplate } from './assignments.server'

/** The CSV template: one line per measure with unit and role left empty, for the import on /admin/zuordnungen. */
export function loader({ context, request }: Route.LoaderArgs) {
  return downloadTemplate(context, request)
}
