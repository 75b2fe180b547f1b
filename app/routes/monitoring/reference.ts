import type { Route } from './+types/reference'
import { loadReferences } from './reference.server'

/** The values a report chapter may quote (JSON for the "Kennzahl einfügen" dialog): see reference.server.ts. */
export function loader({ context, request }: Route.LoaderArgs) {
  return loadReferences(context, request)
}
