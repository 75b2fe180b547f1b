import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../db/client'
import { seedCatalogue } from '../../db/seed/catalogue'
import { memberships, units, users } from '../../db/schema'
import { can } from '../policies/can'
import { loadActor } from './actor'

describe('loadActor', () => {
  it('drops the rights of a deactivated unit but keeps roles without a unit', () => {
    const db = openDatabase(':memory:')
    seedCatalogue(db)
    const unit = db.select({ id: units.id }).from(units).where(eq(units.shortName, 'VHS')).get()!
    const user = db.insert(users).values({ email: 'vhs@example.org', name: 'VHS' }).returning({ id: users.id }).get()
    db.insert(memberships).values([
      { userId: user.id, unitId: unit.id, role: 'editor' },
      { userId: user.id, unitId: null, role: 'viewer' },
    ]).run()
    const work = { kind: 'measure' as const, unitIds: [unit.id], roundState: 'open' as const }
    expect(can(loadActor(db, user.id), 'work.edit', work)).toBe(true)
    db.update(units).set({ active: false }).where(eq(units.id, unit.id)).run()
    const after = loadActor(db, user.id)
    expect(can(after, 'work.edit', work)).toBe(false)
    expect(after.memberships).toEqual([{ unitId: null, role: 'viewer' }])
  })
})
