import type { Route } from './+types/export'
import { exportFile } from './export.server'

/** The overview (DOCX, PDF, XLSX, CSV) and the report (DOCX, PDF) of a round as files: see export.server.ts. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return exportFile(context, request, params)
}
