import { beforeEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { memberships, sessions, units, users } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { verifyPassword } from '../../auth/password'
import { createSession, generateSessionToken } from '../../auth/session'
import {
  UserError,
  activateUser,
  addMembership,
  changeOwnPassword,
  createUserAccount,
  deactivateUser,
  removeMembership,
  resetPassword,
} from './users'

let db: Db
let adminId: number
let unitId: number

const sessionCount = (userId: number) => db.select().from(sessions).where(eq(sessions.userId, userId)).all().length
const activeOf = (userId: number) => db.select({ active: users.active }).from(users).where(eq(users.id, userId)).get()?.active

beforeEach(async () => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  adminId = (await createUserAccount(db, { name: 'Erste Administration', email: 'admin@lkos.de', role: 'admin' })).id
  unitId = db.select({ id: units.id }).from(units).where(eq(units.shortName, 'FD Soziales')).get()!.id
})

describe('createUserAccount', () => {
  it('creates an account with a generated password that logs in, and drops the unit of a global role', async () => {
    const { id, password } = await createUserAccount(db, { name: 'Beauftragte', email: ' Beauftragte@LKOS.de ', role: 'commissioner', unitId })
    expect(password).toMatch(/^[a-z2-7]{20}$/)
    const row = db.select({ email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, id)).get()!
    expect(row.email).toBe('beauftragte@lkos.de')
    expect(await verifyPassword(row.hash!, password)).toBe(true)
    expect(db.select({ role: memberships.role, unitId: memberships.unitId }).from(memberships).where(eq(memberships.userId, id)).all()).toEqual([
      { role: 'commissioner', unitId: null },
    ])
  })

  it('refuses an e-mail address that is already in use, next to the e-mail field, and creates nothing', async () => {
    const before = db.select().from(users).all().length
    const attempt = createUserAccount(db, { name: 'Doppelt', email: 'ADMIN@lkos.de', role: 'viewer' })
    await expect(attempt).rejects.toThrow(UserError)
    await expect(createUserAccount(db, { name: 'Doppelt', email: 'admin@lkos.de', role: 'viewer' })).rejects.toMatchObject({
      field: 'email',
      message: 'Diese E-Mail-Adresse wird schon für ein anderes Konto verwendet.',
    })
    expect(db.select().from(users).all()).toHaveLength(before)
  })

  it('requires a unit for the editor role', async () => {
    await expect(createUserAccount(db, { name: 'Ohne Einheit', email: 'x@lkos.de', role: 'editor' })).rejects.toMatchObject({ field: 'unitId' })
    expect(db.select().from(users).where(eq(users.email, 'x@lkos.de')).all()).toHaveLength(0)
  })
})

describe('deactivateUser', () => {
  it('refuses to deactivate the last active administrator', async () => {
    const other = await createUserAccount(db, { name: 'Zweite', email: 'zwei@lkos.de', role: 'admin' })
    deactivateUser(db, { actorId: adminId, userId: other.id })
    expect(() => deactivateUser(db, { actorId: other.id, userId: adminId })).toThrow(/letzte aktive Administrationskonto/)
    expect(activeOf(adminId)).toBe(true)
  })

  it('refuses to let administrators deactivate themselves', async () => {
    await createUserAccount(db, { name: 'Zweite', email: 'zwei@lkos.de', role: 'admin' })
    expect(() => deactivateUser(db, { actorId: adminId, userId: adminId })).toThrow(/eigenes Konto/)
    expect(activeOf(adminId)).toBe(true)
  })

  it('ends every session of the deactivated account and leaves other sessions alone', async () => {
    const { id } = await createUserAccount(db, { name: 'Bearbeitung', email: 'b@lkos.de', role: 'editor', unitId })
    createSession(db, generateSessionToken(), id)
    createSession(db, generateSessionToken(), id)
    createSession(db, generateSessionToken(), adminId)
    deactivateUser(db, { actorId: adminId, userId: id })
    expect(activeOf(id)).toBe(false)
    expect(sessionCount(id)).toBe(0)
    expect(sessionCount(adminId)).toBe(1)
    activateUser(db, id)
    expect(activeOf(id)).toBe(true)
  })
})

describe('passwords', () => {
  it('resets a password to a new generated one and ends the sessions', async () => {
    const { id, password } = await createUserAccount(db, { name: 'Lesend', email: 'l@lkos.de', role: 'viewer' })
    createSession(db, generateSessionToken(), id)
    const fresh = await resetPassword(db, { actorId: adminId, userId: id })
    expect(fresh).not.toBe(password)
    const hash = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id)).get()!.hash!
    expect(await verifyPassword(hash, fresh)).toBe(true)
    expect(await verifyPassword(hash, password)).toBe(false)
    expect(sessionCount(id)).toBe(0)
  })

  it('refuses to reset one’s own password (that is changed on the account page) and keeps it', async () => {
    const hash = () => db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, adminId)).get()!.hash
    const before = hash()
    await expect(resetPassword(db, { actorId: adminId, userId: adminId })).rejects.toMatchObject({
      key: 'admin:users.errors.ownPassword',
      message: 'Ihr eigenes Passwort ändern Sie unter „Mein Konto“.',
    })
    expect(hash()).toBe(before)
  })

  it('changes one’s own password only with the right current password', async () => {
    const { id, password } = await createUserAccount(db, { name: 'Lesend', email: 'l@lkos.de', role: 'viewer' })
    createSession(db, generateSessionToken(), id)
    await expect(changeOwnPassword(db, { userId: id, currentPassword: 'falsch-falsch-falsch', newPassword: 'ein-neues-langes-Passwort' })).rejects.toMatchObject({
      field: 'currentPassword',
    })
    expect(sessionCount(id)).toBe(1)
    await changeOwnPassword(db, { userId: id, currentPassword: password, newPassword: 'ein-neues-langes-Passwort' })
    const hash = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id)).get()!.hash!
    expect(await verifyPassword(hash, 'ein-neues-langes-Passwort')).toBe(true)
    expect(sessionCount(id)).toBe(0)
  })
})

describe('memberships', () => {
  it('refuses the same role for the same unit twice with a German message', async () => {
    const { id } = await createUserAccount(db, { name: 'Bearbeitung', email: 'b@lkos.de', role: 'editor', unitId })
    expect(() => addMembership(db, { userId: id, role: 'editor', unitId })).toThrow(/für diese Organisationseinheit bereits/)
    addMembership(db, { userId: id, role: 'viewer', unitId })
    expect(() => addMembership(db, { userId: id, role: 'viewer' })).toThrow(/Diese Rolle hat das Konto bereits/)
    expect(db.select().from(memberships).where(eq(memberships.userId, id)).all()).toHaveLength(2)
  })

  it('keeps the admin role of the last active administrator', () => {
    const admin = db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, adminId)).get()!
    expect(() => removeMembership(db, { userId: adminId, membershipId: admin.id })).toThrow(/nicht verlieren/)
    expect(db.select().from(memberships).where(eq(memberships.userId, adminId)).all()).toHaveLength(1)
  })
})
