import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { parseCookie, stringifySetCookie } from 'cookie'
import { eq, lt, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../db/client'
import { sessions, users } from '../../db/schema'

// Sessions as the Lucia guide teaches them: a random token goes into the cookie, only its SHA-256 into the
// database, so a leaked database row cannot be replayed as a cookie.

export const SESSION_COOKIE = 'zw_session'
const DAY = 24 * 60 * 60 * 1000
export const SESSION_LIFETIME = 30 * DAY
/** Renew (slide) the expiry once less than half of the lifetime is left. */
const RENEW_BEFORE = 15 * DAY

export type SessionRecord = { id: string; userId: number; expiresAt: number }
export type SessionUser = { id: number; email: string; name: string; locale: 'de' | 'en'; demo: boolean }
export type ValidatedSession = { session: SessionRecord; user: SessionUser; renewed: boolean }

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export function createSession(db: Db, token: string, userId: number, now = Date.now()): SessionRecord {
  const session = { id: sessionIdFromToken(token), userId, expiresAt: now + SESSION_LIFETIME }
  db.insert(sessions).values(session).run()
  return session
}

// Every request reads its session: prepared once per database (building the query each time costs ~50x more).
const sessionStatements = new WeakMap<Db, ReturnType<typeof prepareSession>>()
const prepareSession = (db: Db) =>
  db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      locale: users.locale,
      demo: users.demo,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare()

/** Returns the session and its (active) user, renewing the expiry when due; null when unknown, expired or the
 * user is deactivated (an expired row is deleted on the way). */
export function validateSessionToken(db: Db, token: string, now = Date.now()): ValidatedSession | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const id = sessionIdFromToken(token)
  let statement = sessionStatements.get(db)
  if (!statement) sessionStatements.set(db, (statement = prepareSession(db)))
  const row = statement.get({ id })
  if (!row) return null
  if (now >= row.expiresAt || !row.active) {
    db.delete(sessions).where(eq(sessions.id, id)).run()
    return null
  }
  let renewed = false
  let expiresAt = row.expiresAt
  if (now >= row.expiresAt - RENEW_BEFORE) {
    expiresAt = now + SESSION_LIFETIME
    db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run()
    renewed = true
  }
  return {
    session: { id, userId: row.userId, expiresAt },
    user: { id: row.userId, email: row.email, name: row.name, locale: row.locale, demo: row.demo },
    renewed,
  }
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run()
}

export function invalidateUserSessions(db: DbOrTx, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run()
}

/** Deletes every session past its expiry; the number deleted. */
export function deleteExpiredSessions(db: Db, now = Date.now()): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes
}

/**
 * Expired sessions are deleted by a periodic sweep (and once at start), not only when their token comes back: a
 * session whose browser never returns would otherwise stay in the table for good. Returns the stop function.
 */
export function startSessionSweep(db: Db, every = 60 * 60 * 1000): () => void {
  const sweep = () => {
    try {
      deleteExpiredSessions(db)
    } catch (error) {
      console.error('Zielwerk: Abgelaufene Sitzungen konnten nicht gelöscht werden:', (error as Error).message)
    }
  }
  sweep()
  const timer = setInterval(sweep, every)
  timer.unref()
  return () => clearInterval(timer)
}

export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: token, httpOnly: true, sameSite: 'lax', path: '/', expires: new Date(expiresAt), secure })
}

export function blankSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0, secure })
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null
  return parseCookie(cookieHeader)[SESSION_COOKIE] || null
}
