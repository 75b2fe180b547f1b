import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { ForumError, forumRow } from '../../../server/services/forums/forums'
import type { Auth } from '../../../server/context'

type Ctx = Readonly<RouterContextProvider>

/**
 * The staff forum pages' guard: the user may take `action` (forum.manage for set-up and reading, forum.moderate,
 * forum.review), and the forum in the path exists (else 404 in the user's language).
 */
export function requireForum(context: Ctx, request: Request, param: string | undefined, action: 'forum.manage' | 'forum.moderate' | 'forum.review' = 'forum.manage') {
  const auth: Auth = requireUserWithAbility(context, request, action)
  const id = requireIdParam(context, param, 'forums:error.unknownForum')
  try {
    return { auth, forum: forumRow(getServices(context).db, id) }
  } catch (error) {
    if (error instanceof ForumError) throw notFound(error.text(getT(context)))
    throw error
  }
}
