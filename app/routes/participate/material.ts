import type { Route } from './+types/material'
import { downloadMaterial } from './material.server'

/** The material sent in advance, for the participants of its forum. */
export function loader({ context, request }: Route.LoaderArgs) {
  return downloadMaterial(context, request)
}
