import { beforeEach, describe, expect, it } from 'vitest'
import { and, asc, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { challenges, fields, goals, measureStatus, measureUnits, measures, rounds, units } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { isUpdated, roundProgress, unitTodo } from './progress'
import { roundById, roundInWork, type RoundInfo } from './lookup'

let db: Db
let round: RoundInfo
let unitA: number
let unitB: number
/** The first four measures of the catalogue, in goal order. */
let m: number[]

const set = (measureId: number, values: Partial<typeof measureStatus.$inferInsert>) =>
  db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, round.id), eq(measureStatus.measureId, measureId))).run()

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  round = roundInWork(db)!
  const [a, b] = db.select({ id: units.id }).from(units).orderBy(asc(units.id)).limit(2).all()
  unitA = a!.id
  unitB = b!.id
  m = db
    .select({ id: measures.id })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .orderBy(asc(goals.number), asc(measures.position))
    .limit(4)
    .all()
    .map((r) => r.id)
  db.insert(measureUnits)
    .values([
      { measureId: m[0]!, unitId: unitA, role: 'lead' },
      { measureId: m[1]!, unitId: unitA, role: 'lead' },
      { measureId: m[2]!, unitId: unitA, role: 'contributing' },
      { measureId: m[2]!, unitId: unitB, role: 'lead' },
    ])
    .run()
  set(m[0]!, { updatedAt: Date.now(), proposalAttainment: 'medium' })
  set(m[2]!, { updatedAt: Date.now(), narrativeText: 'Begonnen.', agreedAttainment: 'low', proposalAttainment: 'low' })
})

describe('unitTodo', () => {
  it("lists a unit's measures of the open round, lead and contributing, with which are updated", () => {
    expect(round.name).toBe(FIRST_OPEN_ROUND_NAME)
    const todo = unitTodo(db, round, [unitA])
    expect(todo.map((t) => [t.measureId, t.role, t.updated, t.proposal])).toEqual([
      [m[0], 'lead', true, 'medium'],
      [m[1], 'lead', false, null],
      [m[2], 'contributing', true, 'low'],
    ])
  })

  it('returns nothing for a user without units', () => {
    expect(unitTodo(db, round, [])).toEqual([])
  })
})

describe('isUpdated', () => {
  it('does not count values carried over from the previous round as an update', () => {
    expect(isUpdated({ updatedAt: null, proposal: 'high', narrative: 'Alt.' }, { previousRoundId: 1 })).toBe(false)
    expect(isUpdated({ updatedAt: 5, proposal: null, narrative: '' }, { previousRoundId: 1 })).toBe(true)
  })

  it('counts a proposal or a narrative as an update in a round that carried nothing over', () => {
    expect(isUpdated({ updatedAt: null, proposal: 'high', narrative: '' }, { previousRoundId: null })).toBe(true)
    expect(isUpdated({ updatedAt: null, proposal: null, narrative: '  ' }, { previousRoundId: null })).toBe(false)
  })
})

describe('roundProgress', () => {
  it('counts measures, updated, proposed and agreed per unit', () => {
    const { units: byUnit } = roundProgress(db, round)
    const a = byUnit.find((u) => u.id === unitA)!
    const b = byUnit.find((u) => u.id === unitB)!
    expect(a).toMatchObject({ measures: 3, updated: 2, proposed: 2, agreed: 1 })
    expect(b).toMatchObject({ measures: 1, updated: 1, proposed: 1, agreed: 1 })
    expect(byUnit).toHaveLength(2)
  })

  it('counts every measure of the catalogue per field, assigned or not', () => {
    const { fields: byField, total } = roundProgress(db, round)
    expect(total).toEqual({ measures: 134, updated: 2, proposed: 2, agreed: 1 })
    expect(byField.reduce((n, f) => n + f.measures, 0)).toBe(134)
    const fieldOfGoal1 = db
      .select({ number: fields.number })
      .from(goals)
      .innerJoin(challenges, eq(challenges.id, goals.challengeId))
      .innerJoin(fields, eq(fields.id, challenges.fieldId))
      .where(eq(goals.number, 1))
      .get()!.number
    expect(byField.find((f) => f.id === fieldOfGoal1)).toMatchObject({ updated: 2, proposed: 2, agreed: 1 })
  })

  it('leaves a closed round with nothing updated at zero', () => {
    const closed = roundById(db, db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'closed')).get()!.id)!
    expect(roundProgress(db, closed).total).toMatchObject({ updated: 0, proposed: 0, agreed: 0 })
  })
})
