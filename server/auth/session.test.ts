import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../db/client'
import { sessions, users } from '../../db/schema'
import {
  SESSION_LIFETIME,
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  sessionCookie,
  sessionIdFromToken,
  startSessionSweep,
  validateSessionToken,
} from './session'

const DAY = 24 * 60 * 60 * 1000
let db: Db
let userId: number

beforeEach(() => {
  db = openDatabase(':memory:')
  userId = db.insert(users).values({ email: 'a@example.org', name: 'A' }).returning({ id: users.id }).get().id
})

describe('sessions', () => {
  it('stores only the SHA-256 of the token, never the token itself', () => {
    const token = generateSessionToken()
    createSession(db, token, userId)
    const rows = db.select().from(sessions).all()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.id).not.toBe(token)
    expect(rows[0]!.id).toBe(sessionIdFromToken(token))
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('validates a fresh session and returns its user', () => {
    const token = generateSessionToken()
    createSession(db, token, userId)
    const result = validateSessionToken(db, token)
    expect(result?.user.email).toBe('a@example.org')
    expect(result?.renewed).toBe(false)
  })

  it('rejects an unknown or malformed token', () => {
    expect(validateSessionToken(db, generateSessionToken())).toBeNull()
    expect(validateSessionToken(db, "x' or 1=1 --")).toBeNull()
  })

  it('expires a session after its lifetime and deletes the row', () => {
    const token = generateSessionToken()
    const now = Date.now()
    createSession(db, token, userId, now)
    expect(validateSessionToken(db, token, now + SESSION_LIFETIME + 1)).toBeNull()
    expect(db.select().from(sessions).all()).toHaveLength(0)
  })

  it('renews the expiry once less than half the lifetime is left', () => {
    const token = generateSessionToken()
    const now = Date.now()
    createSession(db, token, userId, now)
    const later = now + 20 * DAY
    const result = validateSessionToken(db, token, later)
    expect(result?.renewed).toBe(true)
    expect(result?.session.expiresAt).toBe(later + SESSION_LIFETIME)
    expect(db.select().from(sessions).get()?.expiresAt).toBe(later + SESSION_LIFETIME)
  })

  it('ends a session on logout and all sessions of a user on password change', () => {
    const t1 = generateSessionToken()
    const t2 = generateSessionToken()
    const s1 = createSession(db, t1, userId)
    createSession(db, t2, userId)
    invalidateSession(db, s1.id)
    expect(validateSessionToken(db, t1)).toBeNull()
    expect(validateSessionToken(db, t2)).not.toBeNull()
    invalidateUserSessions(db, userId)
    expect(validateSessionToken(db, t2)).toBeNull()
  })

  it('refuses the session of a deactivated user', () => {
    const token = generateSessionToken()
    createSession(db, token, userId)
    db.update(users).set({ active: false }).where(eq(users.id, userId)).run()
    expect(validateSessionToken(db, token)).toBeNull()
  })

  it('writes an HttpOnly SameSite=Lax cookie, Secure when asked, and reads it back', () => {
    const token = generateSessionToken()
    const plain = sessionCookie(token, Date.now() + DAY, false)
    expect(plain).toContain('HttpOnly')
    expect(plain).toContain('SameSite=Lax')
    expect(plain).not.toContain('Secure')
    expect(sessionCookie(token, Date.now() + DAY, true)).toContain('; Secure')
    expect(readSessionToken(`zw_lang=de; zw_session=${token}; other=1`)).toBe(token)
    expect(readSessionToken('zw_lang=de')).toBeNull()
  })

  describe('the periodic sweep', () => {
    afterEach(() => vi.useRealTimers())

    it('deletes expired sessions whose token never comes back, at start and then every interval, and keeps live ones', () => {
      vi.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00Z') })
      createSession(db, generateSessionToken(), userId, Date.now() - SESSION_LIFETIME - 1)
      const live = generateSessionToken()
      createSession(db, live, userId)
      const stop = startSessionSweep(db, 60_000)
      expect(db.select().from(sessions).all()).toHaveLength(1)
      // One that expires later is gone after the next sweep.
      createSession(db, generateSessionToken(), userId, Date.now() - SESSION_LIFETIME + 30_000)
      expect(db.select().from(sessions).all()).toHaveLength(2)
      vi.advanceTimersByTime(60_000)
      expect(db.select({ id: sessions.id }).from(sessions).all()).toEqual([{ id: sessionIdFromToken(live) }])
      stop()
    })
  })
})
