import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam } from '../../../server/auth/require'
import { download } from '../../../server/http/download'
import { fileBytes, FileError } from '../../../server/services/forums/files'
import { requireForum } from './guard.server'

export function downloadForumFile(context: Readonly<RouterContextProvider>, request: Request, forumParam: string | undefined, fileParam: string | undefined): Response {
  const { forum } = requireForum(context, request, forumParam)
  const fileId = requireIdParam(context, fileParam, 'forums:file.unknown')
  try {
    const file = fileBytes(getServices(context).db, forum.id, fileId)
    return download(file.bytes, file.fileName, file.kind === 'photo' ? 'jpeg' : 'pdf', { inline: true })
  } catch (error) {
    if (error instanceof FileError) throw notFound(error.text(getT(context)))
    throw error
  }
}
