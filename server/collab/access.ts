import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { sessions, users } from '../../db/schema'
import { loadActor } from '../auth/actor'
import { can, type Actor, type ForumSessionActor } from '../policies/can'
import { isForumSession } from '../policies/policy'
import { CLOSE, type CloseCode } from '../../app/shared/live/close-codes'
import type { DocumentMeta, RoundDocumentMeta } from './documents'

export type Access = 'read' | 'write'

/**
 * The same `can()` as the HTTP routes decides per document: reading needs 'concept.read'; writing a measure or
 * goal needs 'work.edit' (a unit editor only where his unit is responsible, nobody in a round that is not
 * open); writing the agreed rating needs 'work.agree'; writing a meeting's live state needs 'meeting.run' (a
 * running meeting in an open round). A report chapter is read with 'report.read' (no participant account) and
 * written with 'report.write' (commissioner and coordinators, open round).
 */
export function decideAccess(
  actor: Actor | ForumSessionActor | null,
  doc: DocumentMeta,
  /** A poster: the table the forum session sits at in the poster's phase (server/collab/poster-access.ts). */
  ownTableId: number | null = null,
): { access: Access } | { refuse: CloseCode } {
  if (!actor) return { refuse: CLOSE.unauthenticated }
  if (doc.kind === 'poster') {
    // A table's poster: 'poster.read' to open it, 'poster.write' to add or remove cards (staff and forum sessions).
    const subject = { forumId: doc.forumId, forumState: doc.forumState, phaseState: doc.phaseState, tableId: doc.tableId, ownTableId, anyTable: doc.anyTable }
    if (!can(actor, 'poster.read', subject)) return { refuse: CLOSE.forbidden }
    return { access: can(actor, 'poster.write', subject) ? 'write' : 'read' }
  }
  // A forum session reaches no round's document.
  if (isForumSession(actor) || !can(actor, 'concept.read')) return { refuse: CLOSE.forbidden }
  if (doc.kind === 'chapter') return decideChapterAccess(actor, doc)
  let write: boolean
  if (doc.kind === 'meeting') write = doc.meetingState !== null && can(actor, 'meeting.run', { state: doc.meetingState, roundState: doc.roundState })
  else if (doc.kind === 'agreed') write = can(actor, 'work.agree', { state: doc.roundState })
  else write = can(actor, 'work.edit', { kind: doc.kind, unitIds: doc.unitIds, roundState: doc.roundState })
  return { access: write ? 'write' : 'read' }
}

/** The actor behind a session id (the token's hash) as it is now, or null when the session ended or the user was
 * deactivated. Used to re-check open connections when access changes. */
export function actorOfSession(db: Db, sessionId: string, now = Date.now()): Actor | null {
  const row = db
    .select({ userId: sessions.userId, expiresAt: sessions.expiresAt, active: users.active })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .get()
  if (!row || !row.active || now >= row.expiresAt) return null
  return loadActor(db, row.userId)
}

function decideChapterAccess(actor: Actor, doc: RoundDocumentMeta): { access: Access } | { refuse: CloseCode } {
  if (!can(actor, 'report.read')) return { refuse: CLOSE.forbidden }
  return { access: can(actor, 'report.write', { state: doc.roundState }) ? 'write' : 'read' }
}
