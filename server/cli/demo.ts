import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { goals, measureUnits, measures, units, users } from '../../db/schema'
import { type Role } from '../../app/shared/vocabulary'
import { createUser } from '../services/admin/users'

/** Clearly labelled demo accounts (one per role) and demo assignments, for trying Zielwerk out. */
export const DEMO_PASSWORD = 'demo-zielwerk-2026'
export const DEMO_DOMAIN = 'demo.zielwerk.invalid'

const DEMO_ACCOUNTS: { local: string; name: string; role: Role; unit?: string }[] = [
  { local: 'beauftragte', name: 'Demo: Integrationsbeauftragte', role: 'commissioner' },
  { local: 'koordination', name: 'Demo: Koordination Jour fixe', role: 'coordinator', unit: 'Strategische Planung' },
  { local: 'ordnung', name: 'Demo: FD Ordnung', role: 'editor', unit: 'FD Ordnung' },
  { local: 'massarbeit', name: 'Demo: MaßArbeit', role: 'editor', unit: 'MaßArbeit' },
  { local: 'vhs', name: 'Demo: VHS', role: 'editor', unit: 'VHS' },
  { local: 'forum', name: 'Demo: Forum-Teilnahme', role: 'participant' },
  { local: 'lesen', name: 'Demo: Lesezugriff', role: 'viewer' },
  { local: 'statistik', name: 'Demo: Statistik', role: 'statistics' },
]

/** Demo assignments by field of action (goal ranges): illustration only, not from the source. */
const DEMO_ASSIGNMENTS: { from: number; to: number; unit: string }[] = [
  { from: 1, to: 10, unit: 'FD Ordnung' },
  { from: 2, to: 5, unit: 'MaßArbeit' },
  { from: 20, to: 26, unit: 'VHS' },
  { from: 41, to: 48, unit: 'MaßArbeit' },
]

export async function seedDemo(db: Db): Promise<{ created: string[] }> {
  const created: string[] = []
  const unitByShort = new Map(db.select({ id: units.id, shortName: units.shortName }).from(units).all().map((u) => [u.shortName, u.id]))
  for (const account of DEMO_ACCOUNTS) {
    const email = `${account.local}@${DEMO_DOMAIN}`
    if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) continue
    const unitId = account.unit ? (unitByShort.get(account.unit) ?? null) : null
    await createUser(db, { email, name: account.name, password: DEMO_PASSWORD, role: account.role, unitId, demo: true })
    created.push(email)
  }
  db.transaction((tx) => {
    for (const a of DEMO_ASSIGNMENTS) {
      const unitId = unitByShort.get(a.unit)
      if (!unitId) continue
      const rows = tx.select({ id: measures.id, number: goals.number }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).all()
      for (const m of rows.filter((r) => r.number >= a.from && r.number <= a.to)) {
        const hasLead = tx.select({ unitId: measureUnits.unitId }).from(measureUnits).where(eq(measureUnits.measureId, m.id)).all()
        if (hasLead.some((h) => h.unitId === unitId)) continue
        tx.insert(measureUnits)
          .values({ measureId: m.id, unitId, role: hasLead.length === 0 ? 'lead' : 'contributing' })
          .run()
      }
    }
  })
  return { created }
}
