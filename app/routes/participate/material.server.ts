import type { RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { requireForumSession } from '../../../server/auth/forum-session'
import { download } from '../../../server/http/download'
import { fileBytes, filesOf } from '../../../server/services/forums/files'
import { getParticipantT } from './participant.server'

export function downloadMaterial(context: Readonly<RouterContextProvider>, request: Request): Response {
  const db = getServices(context).db
  const session = requireForumSession(db, request)
  const material = filesOf(db, session.forum.id, 'material')[0]
  if (!material) throw new Response(getParticipantT(context)('participant:error.notFoundText'), { status: 404 })
  const file = fileBytes(db, session.forum.id, material.id)
  return download(file.bytes, file.fileName, 'pdf', { inline: true })
}
