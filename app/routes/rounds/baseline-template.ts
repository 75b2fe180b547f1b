import type { Route } from './+types/baseline-template'
import { downloadBaselineTemplate } from './baseline.server'

/** The template for entering a closed round's historical attainment (?format=xlsx or csv). */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return downloadBaselineTemplate(context, request, params.id)
}
