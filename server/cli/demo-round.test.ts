import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'
import { measureStatus, rounds } from '../../db/schema'
import { FIRST_OPEN_ROUND_NAME, seedCatalogue } from '../../db/seed/catalogue'
import { currentRound } from '../services/catalogue/catalogue'
import { createRound, openRound, closeRound } from '../services/rounds/rounds'
import { DEMO_ROUND_NAME, seedDemoRound } from './demo-round'

describe('the demo round', () => {
  it('rates every measure with marks and a labelled narrative, closed, without touching the real rounds, and only once', () => {
    const db = openDatabase(':memory:')
    seedCatalogue(db)
    const before = db.select().from(measureStatus).all()
    const { created, roundId } = seedDemoRound(db)
    expect(created).toBe(true)
    expect(seedDemoRound(db)).toEqual({ created: false, roundId })
    const demo = db.select().from(rounds).where(eq(rounds.id, roundId)).get()!
    expect(demo).toMatchObject({ name: DEMO_ROUND_NAME, state: 'closed', demo: true })
    const rows = db.select().from(measureStatus).where(eq(measureStatus.roundId, roundId)).all()
    expect(rows).toHaveLength(134)
    expect(rows.every((r) => r.agreedAttainment !== null && r.proposalAttainment !== null)).toBe(true)
    expect(rows.every((r) => r.narrativeText.startsWith('Beispieltext (Demo-Runde, keine echten Angaben)'))).toBe(true)
    expect(new Set(rows.map((r) => r.agreedAttainment)).size).toBe(4)
    // The real rounds are as they were.
    expect(db.select().from(measureStatus).all().filter((r) => r.roundId !== roundId)).toEqual(before)
  })

  it('is never the default round, and never the start of a real round', () => {
    const db = openDatabase(':memory:')
    seedCatalogue(db)
    const open = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!.id
    closeRound(db, open)
    const { roundId } = seedDemoRound(db)
    expect(currentRound(db)?.id).not.toBe(roundId)
    const next = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    expect(openRound(db, next).previousRoundId).toBe(open)
  })
})
