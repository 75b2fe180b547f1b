import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { CARD_TEXT_MAX } from '../../../server/services/forums/feedback'
import { posterPageData } from '../../../server/services/forums/posters'
import { TEXT_LANGUAGES } from '../participate/limits'
import { requireForum } from './guard.server'

/**
 * A table's poster for the Tischpate or moderator (a tablet at the table): the same live document as the
 * participants' phones, on /collab with the staff session. Moderation (move, merge, hide) is on the cards page.
 */
export function loadStaffPoster(context: Readonly<RouterContextProvider>, request: Request, params: { id?: string; table?: string; phase?: string }) {
  const { forum, auth } = requireForum(context, request, params.id, 'forum.moderate')
  const tableId = requireIdParam(context, params.table, 'forums:error.unknownTable')
  const phaseId = requireIdParam(context, params.phase, 'forums:error.unknownPhase')
  const poster = posterPageData(getServices(context).db, forum.id, tableId, phaseId)
  if (!poster) throw notFound(getT(context)('forums:poster.unknown'))
  const canWrite = can(auth.actor, 'poster.write', { forumId: forum.id, forumState: forum.state, phaseState: poster.phase.state, tableId, ownTableId: null, anyTable: forum.anyTable })
  return {
    title: getT(context)('forums:poster.title', { number: poster.table.number, phase: poster.phase.title }),
    forum: { id: forum.id, title: forum.title },
    ...poster,
    canWrite,
    me: auth.user.name,
    textMax: CARD_TEXT_MAX,
    textLanguages: TEXT_LANGUAGES,
  }
}
