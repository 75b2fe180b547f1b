import type { Route } from './+types/export'
import { publishedFile } from './published.server'

/** A published round's overview (DOCX, PDF, XLSX, CSV) and report (DOCX, PDF), without login: see published.server.tsx. */
export function loader({ context, params }: Route.LoaderArgs) {
  return publishedFile(context, params)
}
