import type { Route } from './+types/public-export'
import { exportMonitoringFile } from './export.server'

/** A published data sheet or a published year's data report as tagged PDF or DOCX, without login: see export.server.tsx. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return exportMonitoringFile(context, request, params, 'published')
}
