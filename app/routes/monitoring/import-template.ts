import type { Route } from './+types/import-template'
import { downloadTemplate } from './import.server'

/** The import templates: CSV (/monitoring/import/vorlage.csv) and Excel (/monitoring/import/vorlage.xlsx). */
export function loader({ context, request }: Route.LoaderArgs) {
  return downloadTemplate(context, request, new URL(request.url).pathname.endsWith('.xlsx') ? 'xlsx' : 'csv')
}
