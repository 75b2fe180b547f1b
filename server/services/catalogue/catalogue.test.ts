import { beforeEach, describe, expect, it } from 'vitest'
import { asc, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { goals, measureUnits, measures, rounds, units } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { goalNeighbours, goalUnitIds, listRounds, roundOrCurrent, unitChoices } from './catalogue'

let db: Db

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
})

const goalId = (number: number) => db.select({ id: goals.id }).from(goals).where(eq(goals.number, number)).get()!.id
const measuresOf = (number: number) =>
  db.select({ id: measures.id }).from(measures).where(eq(measures.goalId, goalId(number))).orderBy(asc(measures.position)).all().map((m) => m.id)
const unit = (name: string, shortName: string) => db.insert(units).values({ name, shortName }).returning({ id: units.id }).get().id

describe('goalUnitIds', () => {
  it('names each unit responsible for any measure of the goal once, and no unit of another goal', () => {
    const [a, b, c] = [unit('Fachdienst A', 'FD A'), unit('Fachdienst B', 'FD B'), unit('Fachdienst C', 'FD C')]
    const [first, second] = measuresOf(3)
    expect(second).toBeDefined()
    db.insert(measureUnits)
      .values([
        { measureId: first!, unitId: a, role: 'lead' },
        { measureId: second!, unitId: a, role: 'contributing' },
        { measureId: second!, unitId: b, role: 'lead' },
        { measureId: measuresOf(4)[0]!, unitId: c, role: 'lead' },
      ])
      .run()
    expect(goalUnitIds(db, goalId(3))).toEqual([a, b].sort((x, y) => x - y))
    expect(goalUnitIds(db, goalId(4))).toEqual([c])
    expect(goalUnitIds(db, goalId(5))).toEqual([])
  })
})

describe('goalNeighbours', () => {
  it('gives the goal numbers before and after, and null at either end of the concept', () => {
    expect(goalNeighbours(db, 1)).toEqual({ previous: null, next: 2 })
    expect(goalNeighbours(db, 42)).toEqual({ previous: 41, next: 43 })
    expect(goalNeighbours(db, 89)).toEqual({ previous: 88, next: null })
  })
})

describe('roundOrCurrent', () => {
  it('takes the asked-for round, and the current (open) one for an unknown or missing id', () => {
    const all = listRounds(db)
    const open = all.find((r) => r.state === 'open')!
    const closed = all.find((r) => r.state === 'closed')!
    expect(roundOrCurrent(db, closed.id, all)?.id).toBe(closed.id)
    expect(roundOrCurrent(db, undefined, all)?.id).toBe(open.id)
    const missing = Math.max(...db.select({ id: rounds.id }).from(rounds).all().map((r) => r.id)) + 1
    expect(roundOrCurrent(db, missing)?.id).toBe(open.id)
  })
})

describe('unitChoices', () => {
  it('lists every unit in the order of its name, with its id and name only', () => {
    const last = unit('Zzz Dienst', 'ZD')
    const first = unit('Aaa Dienst', 'AD')
    const choices = unitChoices(db)
    expect(choices).toHaveLength(db.select({ id: units.id }).from(units).all().length)
    expect(choices[0]).toEqual({ id: first, name: 'Aaa Dienst' })
    expect(choices.at(-1)).toEqual({ id: last, name: 'Zzz Dienst' })
    const names = choices.map((c) => c.name)
    expect(names).toEqual([...names].sort())
  })
})
