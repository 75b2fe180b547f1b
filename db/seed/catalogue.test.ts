import { beforeEach, describe, expect, it } from 'vitest'
import { asc, count, eq, isNotNull } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { openDatabase, type Db } from '../client'
import { challenges, fields, goals, measureStatus, measures, rounds, units } from '../schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from './catalogue'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
})

const countOf = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n

describe('seedCatalogue', () => {
  it('creates 9 fields, 41 challenges, 89 goals and 134 measures', () => {
    expect(countOf(fields)).toBe(9)
    expect(countOf(challenges)).toBe(41)
    expect(countOf(goals)).toBe(89)
    expect(countOf(measures)).toBe(134)
  })

  it('numbers the goals 1..89 within the published field ranges', () => {
    const rows = db
      .select({ goal: goals.number, field: fields.number })
      .from(goals)
      .innerJoin(challenges, eq(challenges.id, goals.challengeId))
      .innerJoin(fields, eq(fields.id, challenges.fieldId))
      .orderBy(asc(goals.number))
      .all()
    expect(rows.map((r) => r.goal)).toEqual(Array.from({ length: 89 }, (_, i) => i + 1))
    const ranges: Record<number, [number, number]> = { 1: [1, 10], 2: [11, 19], 3: [20, 26], 4: [27, 40], 5: [41, 48], 6: [49, 57], 7: [58, 71], 8: [72, 79], 9: [80, 89] }
    for (const { goal, field } of rows) {
      const [from, to] = ranges[field]!
      expect(goal, `Ziel ${goal} in Handlungsfeld ${field}`).toBeGreaterThanOrEqual(from)
      expect(goal).toBeLessThanOrEqual(to)
    }
  })

  it('changes nothing when it runs again', () => {
    const before = { f: countOf(fields), g: countOf(goals), m: countOf(measures), r: countOf(rounds), u: countOf(units), s: countOf(measureStatus) }
    expect(seedCatalogue(db).created).toBe(false)
    const after = { f: countOf(fields), g: countOf(goals), m: countOf(measures), r: countOf(rounds), u: countOf(units), s: countOf(measureStatus) }
    expect(after).toEqual(before)
  })

  it('keeps the P/R marks of the source in a closed historical round without any attainment', () => {
    const historical = db.select().from(rounds).where(eq(rounds.name, HISTORICAL_ROUND_NAME)).get()!
    expect(historical.state).toBe('closed')
    const statuses = db.select().from(measureStatus).where(eq(measureStatus.roundId, historical.id)).all()
    expect(statuses).toHaveLength(134)
    expect(statuses.every((s) => s.proposalAttainment === null && s.agreedAttainment === null)).toBe(true)
    const mandatory = statuses.filter((s) => s.agreedMandatory).length
    const routine = statuses.filter((s) => s.agreedRoutine).length
    expect(mandatory).toBeGreaterThan(0)
    expect(routine).toBeGreaterThan(0)
    // Goal 2's only measure "Erstgespräch und Orientierung" is marked R in the source.
    const goal2 = db.select({ id: measures.id }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).where(eq(goals.number, 2)).get()!
    const s2 = statuses.find((s) => s.measureId === goal2.id)!
    expect(s2.agreedRoutine).toBe(true)
    expect(s2.agreedMandatory).toBe(false)
  })

  it('opens a first round in which no measure is rated yet', () => {
    const open = db.select().from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!
    expect(open.state).toBe('open')
    const rated = db.select({ n: count() }).from(measureStatus).where(isNotNull(measureStatus.proposalAttainment)).get()!.n
    expect(rated).toBe(0)
    expect(db.select({ n: count() }).from(measureStatus).where(eq(measureStatus.roundId, open.id)).get()!.n).toBe(134)
  })

  it('creates the organisational units named in the seed documents', () => {
    const names = db.select({ name: units.name }).from(units).all().map((u) => u.name)
    expect(names).toContain('Fachdienst Ordnung – Abteilung Integration und Ausländer')
    expect(names).toContain('MaßArbeit kAöR mit Migrationszentrum')
    expect(names).toHaveLength(10)
  })
})
