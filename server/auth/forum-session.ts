import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import { parseCookie, stringifySetCookie } from 'cookie'
import { redirect } from 'react-router'
import type { Db, DbOrTx } from '../../db/client'
import { forumParticipants, forumSessions, forums } from '../../db/schema'
import type { ForumState } from '../../app/shared/vocabulary'
import type { ForumSessionActor } from '../policies/can'
import { RateLimiter } from './rate-limit'
import { generateSessionToken, sessionIdFromToken } from './session'

/**
 * Participant sessions: taking part in a forum without an account. Joining by code (server/services/forums/join.ts)
 * gives a session of its own kind: a random token in an HttpOnly cookie of its own name, whose path is the
 * participant pages' (/mitmachen), only its SHA-256 in forum_sessions, scoped to one forum and one participant.
 * It is valid while the forum is planned or open for input, and for FORUM_SESSION_GRACE after input closed; then it
 * is deleted. It is no login: server/auth/actor.ts never reads it, so no staff page, no live document and no other
 * forum is reachable with it, and the policy lets a ForumSessionActor pass only the forum-session rules.
 */

export const FORUM_SESSION_COOKIE = 'zw_forum'
export const PARTICIPANT_PATH = '/mitmachen'
/** How long a session outlives the end of input: time to look at one's cards and the last results. */
export const FORUM_SESSION_GRACE = 2 * 60 * 60 * 1000

/**
 * Joining and posting are rate-limited per code and per address. The address limits are generous, because a
 * venue's wireless network puts a hundred phones behind one address; what they stop is guessing codes. One set per
 * server, made in server/index.ts and handed to the routes in Services (`forumLimiter`), like the login's; in memory,
 * so a second process moves them to Redis.
 */
export function forumLimiters() {
  return {
    join: {
      /** Failed attempts (unknown or expired codes) per address. */
      failuresByAddress: new RateLimiter(30, 10 * 60 * 1000),
      /** Joins with one personal code (a second device is fine, a copied code being passed around is not). */
      bySeatCode: new RateLimiter(10, 10 * 60 * 1000),
      /** Joins with one forum's open code: the size of the largest event, and then some. */
      byForumCode: new RateLimiter(600, 10 * 60 * 1000),
    },
    submit: {
      /** Cards per participant. */
      cardsByParticipant: new RateLimiter(30, 5 * 60 * 1000),
      /** Cards per address. */
      cardsByAddress: new RateLimiter(600, 5 * 60 * 1000),
      /** Votes (and changed votes) per participant. */
      votesByParticipant: new RateLimiter(60, 60 * 1000),
      /** Votes per address: 300 devices of a conference voting at once behind one address. */
      votesByAddress: new RateLimiter(3000, 60 * 1000),
    },
  }
}
export type ForumLimiters = ReturnType<typeof forumLimiters>

export type ForumSession = {
  sessionId: string
  actor: ForumSessionActor
  forum: { id: number; state: ForumState; closedAt: number | null }
  participant: { id: number; name: string; organisation: string; seatTableId: number | null }
}

/** Whether a forum still admits sessions: planned, open, or closed less than the grace ago. */
export function sessionsValid(forum: { state: ForumState; closedAt: number | null }, now = Date.now()): boolean {
  return forum.state !== 'closed' || (forum.closedAt !== null && now < forum.closedAt + FORUM_SESSION_GRACE)
}

export function createForumSession(db: DbOrTx, participantId: number, forumId: number): string {
  const token = generateSessionToken()
  db.insert(forumSessions).values({ id: sessionIdFromToken(token), participantId, forumId }).run()
  return token
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>()
const prepare = (db: Db) =>
  db
    .select({
      sessionId: forumSessions.id,
      forumId: forums.id,
      state: forums.state,
      closedAt: forums.closedAt,
      participantId: forumParticipants.id,
      name: forumParticipants.name,
      organisation: forumParticipants.organisation,
      seatTableId: forumParticipants.seatTableId,
    })
    .from(forumSessions)
    .innerJoin(forumParticipants, eq(forumParticipants.id, forumSessions.participantId))
    .innerJoin(forums, eq(forums.id, forumSessions.forumId))
    .where(eq(forumSessions.id, sql.placeholder('id')))
    .prepare()

/** The session behind a token, or null when unknown or past its forum's validity (an expired row is deleted). */
export function validateForumSession(db: Db, token: string, now = Date.now()): ForumSession | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  let statement = statements.get(db)
  if (!statement) statements.set(db, (statement = prepare(db)))
  const row = statement.get({ id: sessionIdFromToken(token) })
  if (!row) return null
  if (!sessionsValid(row, now)) {
    db.delete(forumSessions).where(eq(forumSessions.id, row.sessionId)).run()
    return null
  }
  return {
    sessionId: row.sessionId,
    actor: { kind: 'forumSession', forumId: row.forumId, participantId: row.participantId },
    forum: { id: row.forumId, state: row.state, closedAt: row.closedAt },
    participant: { id: row.participantId, name: row.name, organisation: row.organisation, seatTableId: row.seatTableId },
  }
}

export function readForumSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null
  return parseCookie(cookieHeader)[FORUM_SESSION_COOKIE] || null
}

/** The request's forum session, or a redirect to the start page (where a code can be entered). */
export function requireForumSession(db: Db, request: Request): ForumSession {
  const token = readForumSessionToken(request.headers.get('cookie'))
  const session = token ? validateForumSession(db, token) : null
  if (!session) throw redirect(`${PARTICIPANT_PATH}?abgelaufen=${token ? '1' : '0'}`, { headers: token ? { 'Set-Cookie': blankForumSessionCookie(false) } : {} })
  return session
}

export function forumSessionCookie(token: string, secure: boolean): string {
  // No expiry of its own: the server decides validity from the forum; the cookie ends with the browser session
  // at the latest (a shared tablet forgets it when closed).
  return stringifySetCookie({ name: FORUM_SESSION_COOKIE, value: token, httpOnly: true, sameSite: 'lax', path: PARTICIPANT_PATH, secure })
}

export function blankForumSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: FORUM_SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', path: PARTICIPANT_PATH, maxAge: 0, secure })
}

export function endForumSession(db: DbOrTx, sessionId: string): void {
  db.delete(forumSessions).where(eq(forumSessions.id, sessionId)).run()
}

/** Deletes the sessions of forums whose input closed more than the grace ago. */
export function deleteExpiredForumSessions(db: DbOrTx, now = Date.now()): number {
  const expired = db
    .select({ id: forums.id })
    .from(forums)
    .where(and(eq(forums.state, 'closed'), lt(forums.closedAt, now - FORUM_SESSION_GRACE)))
    .all()
    .map((f) => f.id)
  if (expired.length === 0) return 0
  return db.delete(forumSessions).where(inArray(forumSessions.forumId, expired)).run().changes
}
