import type { Route } from './+types/documents'
import { forumDocument } from './documents.server'

/** A forum's documents as files: the codes to print (PDF), the forum documentation (DOCX, PDF): see documents.server.ts. */
export function loader({ context, request, params }: Route.LoaderArgs) {
  return forumDocument(context, request, params.id, params.file)
}
