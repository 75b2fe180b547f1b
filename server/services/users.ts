import { and, count, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { memberships, users, type Role } from '../../db/schema'
import { generatePassword, hashPassword } from '../auth/password'
import { invalidateUserSessions } from '../auth/session'

/** On the first start with an empty database: an administrator with a random password, shown once. */
export async function ensureFirstAdmin(db: Db, email: string): Promise<{ email: string; password: string } | null> {
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
  db: Db,
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

export function findUserByEmail(db: Db, email: string) {
  return db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .get()
}

export function setUserActive(db: Db, userId: number, active: boolean): void {
  db.transaction((tx) => {
    tx.update(users).set({ active }).where(eq(users.id, userId)).run()
    if (!active) invalidateUserSessions(tx as unknown as Db, userId)
  })
}

export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run()
    invalidateUserSessions(tx as unknown as Db, userId)
  })
}

export function countActiveAdmins(db: Db): number {
  const rows = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'admin'), eq(users.active, true), isNull(memberships.unitId)))
    .all()
  return new Set(rows.map((r) => r.userId)).size
}
