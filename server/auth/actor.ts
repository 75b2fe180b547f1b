import { and, eq, isNull, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { memberships, units } from '../../db/schema'
import type { Auth } from '../context'
import type { Actor } from '../policies/can'
import { readSessionToken, validateSessionToken, type ValidatedSession } from './session'

/** The user's memberships as the policy sees them; a deactivated unit's memberships grant nothing. */
export function loadActor(db: Db, userId: number, active = true): Actor {
  const rows = db
    .select({ unitId: memberships.unitId, role: memberships.role })
    .from(memberships)
    .leftJoin(units, eq(units.id, memberships.unitId))
    .where(and(eq(memberships.userId, userId), or(isNull(memberships.unitId), eq(units.active, true))))
    .all()
  return { id: userId, active, memberships: rows }
}

/** Session cookie → user and actor; the same function serves HTTP requests and WebSocket upgrades. */
export function authenticate(db: Db, cookieHeader: string | null | undefined): (Auth & { validated: ValidatedSession; token: string }) | null {
  const token = readSessionToken(cookieHeader)
  if (!token) return null
  const validated = validateSessionToken(db, token)
  if (!validated) return null
  return {
    user: validated.user,
    actor: loadActor(db, validated.user.id),
    sessionId: validated.session.id,
    validated,
    token,
  }
}
