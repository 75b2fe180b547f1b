import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { memberships, sessions, units, users } from '../../../db/schema'
import { type Role, isUnitRole } from '../../../app/shared/vocabulary'
import { generatePassword, hashPassword, verifyPassword } from '../../auth/password'
import { invalidateUserSessions } from '../../auth/session'
import { Refusal } from '../refusal'
import { findUnit } from './units'

/** On the first start with an empty database: an administrator with a random password, shown once. */
export async function ensureFirstAdmin(db: DbOrTx, email: string): Promise<{ email: string; password: string } | null> {
  const [row] = db.select({ n: count() }).from(users).all()
  if (row && row.n > 0) return null
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({ email, name: 'Administration', passwordHash })
      .returning({ id: users.id })
      .get()
    tx.insert(memberships).values({ userId: user.id, unitId: null, role: 'admin' }).run()
  })
  return { email, password }
}

export async function createUser(
  db: DbOrTx,
  input: { email: string; name: string; password: string; role: Role; unitId: number | null; demo?: boolean },
): Promise<number> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, passwordHash, demo: input.demo ?? false })
      .returning({ id: users.id })
      .get()
    tx.insert(memberships).values({ userId: user.id, unitId: input.unitId, role: input.role }).run()
    return user.id
  })
}

export function findUserByEmail(db: DbOrTx, email: string) {
  return db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .get()
}

async function setPassword(db: DbOrTx, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run()
    invalidateUserSessions(tx, userId)
  })
}

function countActiveAdmins(db: DbOrTx): number {
  const rows = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'admin'), eq(users.active, true), isNull(memberships.unitId)))
    .all()
  return new Set(rows.map((r) => r.userId)).size
}

// ── Administration ───────────────────────────────────────────────────────────────────────────────────────

/** This service's refusals (message key, form field): see Refusal. */
export class UserError extends Refusal {
  override name = 'UserError'
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT_UNIQUE')
}

/** Only unit editors act for a unit; every other role applies across the concept, so its unit is dropped. */
function resolveUnit(db: DbOrTx, role: Role, unitId: number | null | undefined): number | null {
  if (!isUnitRole(role)) return null
  if (!unitId) throw new UserError('admin:users.unitRequired', { field: 'unitId' })
  const unit = findUnit(db, unitId)
  if (!unit) throw new UserError('admin:users.errors.unitNotFound', { field: 'unitId' })
  if (!unit.active) throw new UserError('admin:users.errors.unitInactive', { field: 'unitId' })
  return unitId
}

/** Creates an account with one role and a generated first password, which the caller shows exactly once. */
export async function createUserAccount(
  db: DbOrTx,
  input: { name: string; email: string; role: Role; unitId?: number | null },
): Promise<{ id: number; password: string }> {
  const email = input.email.trim().toLowerCase()
  const unitId = resolveUnit(db, input.role, input.unitId)
  if (findUserByEmail(db, email)) throw new UserError('admin:users.errors.emailTaken', { field: 'email' })
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  try {
    const id = db.transaction((tx) => {
      const user = tx.insert(users).values({ email, name: input.name.trim(), passwordHash }).returning({ id: users.id }).get()
      tx.insert(memberships).values({ userId: user.id, unitId, role: input.role }).run()
      return user.id
    })
    return { id, password }
  } catch (error) {
    // Two admins creating the same address at once: the unique index decides, the message stays the same.
    if (isUniqueViolation(error)) throw new UserError('admin:users.errors.emailTaken', { field: 'email' })
    throw error
  }
}

function isActiveAdmin(db: DbOrTx, userId: number): boolean {
  const row = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'admin'), isNull(memberships.unitId), eq(users.active, true)))
    .get()
  return !!row
}

/** Deactivates an account and ends its sessions; the last active administrator and oneself are refused. */
export function deactivateUser(db: DbOrTx, input: { actorId: number; userId: number }): void {
  if (input.actorId === input.userId) throw new UserError('admin:users.errors.deactivateSelf')
  db.transaction((tx) => {
    const user = tx.select({ active: users.active }).from(users).where(eq(users.id, input.userId)).get()
    if (!user) throw new UserError('admin:users.errors.notFound')
    if (!user.active) throw new UserError('admin:users.errors.alreadyInactive')
    if (isActiveAdmin(tx, input.userId) && countActiveAdmins(tx) <= 1) {
      throw new UserError('admin:users.errors.lastAdmin')
    }
    tx.update(users).set({ active: false }).where(eq(users.id, input.userId)).run()
    invalidateUserSessions(tx, input.userId)
  })
}

export function activateUser(db: DbOrTx, userId: number): void {
  const result = db.update(users).set({ active: true }).where(eq(users.id, userId)).run()
  if (result.changes === 0) throw new UserError('admin:users.errors.notFound')
}

/**
 * A new generated password (shown once by the caller); every session of the account ends. One's own password is
 * changed on the account page, with the current one (changeOwnPassword).
 */
export async function resetPassword(db: DbOrTx, input: { actorId: number; userId: number }): Promise<string> {
  const { userId } = input
  if (input.actorId === userId) throw new UserError('admin:users.errors.ownPassword')
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new UserError('admin:users.errors.notFound')
  const password = generatePassword()
  await setPassword(db, userId, password)
  return password
}

export function addMembership(db: DbOrTx, input: { userId: number; role: Role; unitId?: number | null }): number {
  const unitId = resolveUnit(db, input.role, input.unitId)
  try {
    return db.insert(memberships).values({ userId: input.userId, unitId, role: input.role }).returning({ id: memberships.id }).get().id
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UserError(unitId === null ? 'admin:users.errors.roleTaken' : 'admin:users.errors.roleTakenForUnit', { field: 'role' })
    }
    throw error
  }
}

/** Removes one membership; the admin role of the last active administrator stays. */
export function removeMembership(db: DbOrTx, input: { userId: number; membershipId: number }): void {
  db.transaction((tx) => {
    const membership = tx
      .select({ role: memberships.role, unitId: memberships.unitId })
      .from(memberships)
      .where(and(eq(memberships.id, input.membershipId), eq(memberships.userId, input.userId)))
      .get()
    if (!membership) throw new UserError('admin:users.errors.noSuchMembership')
    if (membership.role === 'admin' && membership.unitId === null && isActiveAdmin(tx, input.userId) && countActiveAdmins(tx) <= 1) {
      throw new UserError('admin:users.errors.lastAdminRole')
    }
    tx.delete(memberships).where(eq(memberships.id, input.membershipId)).run()
  })
}

/** Changes one's own password after checking the current one; ends every session (the caller opens a new one). */
export async function changeOwnPassword(db: DbOrTx, input: { userId: number; currentPassword: string; newPassword: string }): Promise<void> {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).get()
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new UserError('admin:users.errors.currentPasswordWrong', { field: 'currentPassword' })
  }
  if (input.currentPassword === input.newPassword) throw new UserError('admin:users.errors.newPasswordSame', { field: 'newPassword' })
  await setPassword(db, input.userId, input.newPassword)
}

export type MembershipView = { id: number; role: Role; unitId: number | null; unitName: string | null }

function membershipsOf(db: DbOrTx, userIds?: number[]) {
  const query = db
    .select({ id: memberships.id, userId: memberships.userId, role: memberships.role, unitId: memberships.unitId, unitName: units.name })
    .from(memberships)
    .leftJoin(units, eq(units.id, memberships.unitId))
  const rows = (userIds ? query.where(inArray(memberships.userId, userIds)) : query).orderBy(asc(memberships.role), asc(units.name)).all()
  const map = new Map<number, MembershipView[]>()
  for (const { userId, ...m } of rows) map.set(userId, [...(map.get(userId) ?? []), m])
  return map
}

export function listUsers(db: DbOrTx) {
  const rows = db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active, demo: users.demo })
    .from(users)
    .orderBy(asc(users.name), asc(users.id))
    .all()
  const roles = membershipsOf(db)
  return rows.map((u) => ({ ...u, memberships: roles.get(u.id) ?? [] }))
}

export function userDetail(db: DbOrTx, userId: number) {
  const user = db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active, demo: users.demo, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId))
    .get()
  if (!user) return undefined
  const [sessionRow] = db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)).all()
  return { ...user, memberships: membershipsOf(db, [userId]).get(userId) ?? [], sessionCount: sessionRow?.n ?? 0 }
}

/** Everyone who is logged in somewhere: when a round opens or closes, every connection's rights change. */
export function userIdsWithSessions(db: DbOrTx): number[] {
  return db.selectDistinct({ userId: sessions.userId }).from(sessions).all().map((r) => r.userId)
}
