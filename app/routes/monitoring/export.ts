import type { Route } from './+types/export'
import { exportMonitoringFile } from './export.server'

/** A data sheet, the data report of a year or the quarterly report as tagged PDF or DOCX, for staff: see export.server.tsx. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return exportMonitoringFile(context, request, params, 'staff')
}
