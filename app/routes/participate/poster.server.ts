import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices } from '../../../server/auth/require'
import { can, decide } from '../../../server/policies/can'
import { CARD_TEXT_MAX } from '../../../server/services/forums/feedback'
import { forumRow, tablesOf } from '../../../server/services/forums/forums'
import { currentPhase } from '../../../server/services/forums/phases'
import { tableInPhase } from '../../../server/services/forums/join'
import { posterPageData } from '../../../server/services/forums/posters'
import { TEXT_LANGUAGES } from './limits'
import { forumSessionOf, reasonMessage } from './participant.server'

const id = z.coerce.number().int().positive().max(2 ** 31 - 1)

/**
 * The table's poster on a participant's phone: the poster of their table in the open phase (or, where the forum
 * allows posting at any table, of the table in `?tisch=`). The page says what stands in the way when there is no
 * poster to show (no open phase, no table chosen). Whether it may be read and written is the policy's, asked here
 * for the page and again by the collaboration server for the document.
 */
export function loadParticipantPoster(context: Readonly<RouterContextProvider>, request: Request) {
  const session = forumSessionOf(context, request)
  const db = getServices(context).db
  const verdict = decide(session.actor, 'forum.session.read', { forumId: session.forum.id })
  if (verdict !== 'allowed') throw new Response(reasonMessage(context, verdict), { status: 403 })
  const forum = forumRow(db, session.forum.id)
  const phase = currentPhase(db, forum.id)
  const base = { title: forum.title, forumTitle: forum.title, me: session.participant.name }
  if (!phase) return { ...base, poster: null, missing: (forum.state === 'closed' ? 'forumClosed' : 'noPhase') as 'forumClosed' | 'noPhase', tables: [] }
  const ownTableId = tableInPhase(db, session.participant, phase.id)
  const tables = tablesOf(db, forum.id)
  const asked = id.safeParse(new URL(request.url).searchParams.get('tisch')).data
  const tableId = forum.anyTable && asked && tables.some((t) => t.id === asked) ? asked : ownTableId
  if (tableId === null) return { ...base, poster: null, missing: 'noTable' as const, tables: [] }
  const subject = { forumId: forum.id, forumState: forum.state, phaseState: phase.state, tableId, ownTableId, anyTable: forum.anyTable }
  if (!can(session.actor, 'poster.read', subject)) return { ...base, poster: null, missing: 'noTable' as const, tables: [] }
  const poster = posterPageData(db, forum.id, tableId, phase.id)
  if (!poster) return { ...base, poster: null, missing: 'noTable' as const, tables: [] }
  return {
    ...base,
    missing: null,
    poster: { ...poster, canWrite: can(session.actor, 'poster.write', subject) },
    tables: forum.anyTable ? tables.map((t) => ({ id: t.id, number: t.number, name: t.name })) : [],
    textMax: CARD_TEXT_MAX,
    textLanguages: TEXT_LANGUAGES,
  }
}
