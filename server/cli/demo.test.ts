import { describe, expect, it } from 'vitest'
import { count, eq } from 'drizzle-orm'
import { openDatabase } from '../../db/client'
import { measureUnits, memberships, users } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { seedDemo } from './demo'

describe('seedDemo', () => {
  it('adds one labelled demo account per role and demo assignments, and changes nothing when run again', async () => {
    const db = openDatabase(':memory:')
    seedCatalogue(db)
    const first = await seedDemo(db)
    expect(first.created.length).toBeGreaterThanOrEqual(6)
    const roles = new Set(db.select({ role: memberships.role }).from(memberships).all().map((m) => m.role))
    for (const role of ['commissioner', 'coordinator', 'editor', 'participant', 'viewer']) expect(roles).toContain(role)
    expect(db.select({ n: count() }).from(users).where(eq(users.demo, false)).get()!.n).toBe(0)
    const assignments = db.select({ n: count() }).from(measureUnits).get()!.n
    expect(assignments).toBeGreaterThan(0)
    const second = await seedDemo(db)
    expect(second.created).toEqual([])
    expect(db.select({ n: count() }).from(measureUnits).get()!.n).toBe(assignments)
  })
})
