import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { forumParticipants, forumSessions, forums } from '../../db/schema'
import { readForumSessionToken, sessionsValid, validateForumSession } from '../auth/forum-session'
import type { ForumSessionActor } from '../policies/can'
import { tableInPhase } from '../services/forums/join'

/**
 * Forum sessions on the WebSocket (forums, phase B). The participant's cookie `zw_forum` has Path=/mitmachen, so
 * the browser sends it only to upgrades below that path: participants' pages connect to `/mitmachen/collab`, served
 * by the same Hocuspocus as `/collab`. There only a forum session authenticates (never a staff session), and only
 * poster documents can be opened; on `/collab` only staff sessions authenticate. Node clients (tests, benchmark)
 * pass the token in the provider's token field instead.
 */

export type ForumConnectionSession = {
  actor: ForumSessionActor
  sessionId: string
  participant: { id: number; name: string; seatTableId: number | null }
}

/** The forum session of an upgrade on /mitmachen/collab: from its cookie, else from the provider's token. */
export function forumSessionOfUpgrade(db: Db, cookieHeader: string | null, token: string | undefined): ForumConnectionSession | null {
  const fromCookie = readForumSessionToken(cookieHeader)
  const session = (fromCookie ? validateForumSession(db, fromCookie) : null) ?? (token ? validateForumSession(db, token) : null)
  if (!session) return null
  return { actor: session.actor, sessionId: session.sessionId, participant: { id: session.participant.id, name: session.participant.name, seatTableId: session.participant.seatTableId } }
}

/** The forum session behind a session id as it is now (re-checks of open connections), or null when it ended. */
export function forumSessionById(db: Db, sessionId: string, now = Date.now()): ForumConnectionSession | null {
  const row = db
    .select({ forumId: forums.id, state: forums.state, closedAt: forums.closedAt, participantId: forumParticipants.id, name: forumParticipants.name, seatTableId: forumParticipants.seatTableId })
    .from(forumSessions)
    .innerJoin(forumParticipants, eq(forumParticipants.id, forumSessions.participantId))
    .innerJoin(forums, eq(forums.id, forumSessions.forumId))
    .where(eq(forumSessions.id, sessionId))
    .get()
  if (!row || !sessionsValid(row, now)) return null
  return {
    actor: { kind: 'forumSession', forumId: row.forumId, participantId: row.participantId },
    sessionId,
    participant: { id: row.participantId, name: row.name, seatTableId: row.seatTableId },
  }
}

/** The table a participant sits at in a phase (their choice, else their seat's). */
export function ownTable(db: Db, participant: { id: number; seatTableId: number | null }, phaseId: number): number | null {
  return tableInPhase(db, participant, phaseId)
}
