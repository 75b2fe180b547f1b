import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { memberships, units } from '../../db/schema'
import type { Auth } from '../context'
import type { Actor } from '../policies/can'
import { readSessionToken, validateSessionToken, type ValidatedSession } from './session'

/** The user's memberships as the policy sees them; a deactivated unit's memberships grant nothing. */
export function loadActor(db: Db, userId: number, active = true): Actor {
  let statement = membershipStatements.get(db)
  if (!statement) membershipStatements.set(db, (statement = prepareMemberships(db)))
  return { id: userId, active, memberships: statement.all({ userId }) }
}

// Read on every request: prepared once per database.
const membershipStatements = new WeakMap<Db, ReturnType<typeof prepareMemberships>>()
const prepareMemberships = (db: Db) =>
  db
    .select({ unitId: memberships.unitId, role: memberships.role })
    .from(memberships)
    .leftJoin(units, eq(units.id, memberships.unitId))
    .where(and(eq(memberships.userId, sql.placeholder('userId')), or(isNull(memberships.unitId), eq(units.active, true))))
    .prepare()

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
