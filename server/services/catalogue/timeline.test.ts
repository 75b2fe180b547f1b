import { beforeEach, describe, expect, it } from 'vitest'
import { and, asc, count, desc, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { concepts, goals, measureStatus, measures, meetings, rounds, users } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { createRound } from '../rounds/rounds'
import { measureNarratives, measureTimeline, measureWithGoal } from './timeline'

let db: Db
let historicalId: number
let openId: number
let goalMeasures: number[]

const roundId = (name: string) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, name)).get()!.id
const setStatus = (round: number, measureId: number, values: Partial<typeof measureStatus.$inferInsert>) =>
  db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, round), eq(measureStatus.measureId, measureId))).run()

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  historicalId = roundId(HISTORICAL_ROUND_NAME)
  openId = roundId(FIRST_OPEN_ROUND_NAME)
  // The goal with the most measures, so the tests cover several measures at once.
  const goal = db
    .select({ id: measures.goalId, count: count() })
    .from(measures)
    .groupBy(measures.goalId)
    .orderBy(desc(count()), asc(measures.goalId))
    .get()!
  goalMeasures = db.select({ id: measures.id }).from(measures).where(eq(measures.goalId, goal.id)).orderBy(asc(measures.position)).all().map((m) => m.id)
})

describe('measureTimeline', () => {
  it('lists every round oldest first for each measure, by creation time rather than id', () => {
    const conceptId = db.select({ id: concepts.id }).from(concepts).get()!.id
    // Inserted last, but created before the historical round: it must come first.
    const earliest = db
      .insert(rounds)
      .values({ conceptId, name: 'Erhebung 2017', period: '2017', state: 'closed', createdAt: 1 })
      .returning({ id: rounds.id })
      .get().id
    const timeline = measureTimeline(db, goalMeasures)
    expect([...timeline.keys()].sort((a, b) => a - b)).toEqual([...goalMeasures].sort((a, b) => a - b))
    for (const id of goalMeasures) {
      expect(timeline.get(id)!.map((e) => e.round.id)).toEqual([earliest, historicalId, openId])
    }
    expect(timeline.get(goalMeasures[0]!)![2]!.round).toEqual({ id: openId, name: FIRST_OPEN_ROUND_NAME, period: '2026', state: 'open' })
  })

  it('keeps a round without a status row for the measure as an entry with nothing in it', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    const entries = measureTimeline(db, [goalMeasures[0]!]).get(goalMeasures[0]!)!
    expect(entries.map((e) => e.round.name)).toEqual([HISTORICAL_ROUND_NAME, FIRST_OPEN_ROUND_NAME, 'Sachstand 2027'])
    expect(entries[2]).toEqual({
      round: { id: draft, name: 'Sachstand 2027', period: '2027', state: 'draft' },
      hasStatus: false,
      agreedAttainment: null,
      agreedMarks: null,
      proposalAttainment: null,
      agreedAt: null,
      agreedByName: null,
      meeting: null,
    })
    expect(entries[0]!.hasStatus).toBe(true)
  })

  it('names who agreed a rating and the meeting it was agreed in, and hides the proposal once agreed', () => {
    const [measureId] = goalMeasures
    const coordinator = db.insert(users).values({ email: 'k@example.org', name: 'Karla Koordination' }).returning({ id: users.id }).get().id
    const meeting = db
      .insert(meetings)
      .values({ roundId: openId, title: 'Jour fixe Migration und Integration', date: '2026-03-12' })
      .returning({ id: meetings.id })
      .get().id
    const at = Date.UTC(2026, 2, 12, 10)
    setStatus(openId, measureId!, {
      proposalAttainment: 'low',
      agreedAttainment: 'medium',
      agreedMandatory: true,
      agreedRoutine: false,
      agreedContinue: true,
      agreedResponsibilityQuestionable: false,
      agreedChangedConditions: false,
      agreedAt: at,
      agreedBy: coordinator,
      agreedInMeeting: meeting,
    })
    const open = measureTimeline(db, [measureId!]).get(measureId!)![1]!
    expect(open).toMatchObject({
      hasStatus: true,
      agreedAttainment: 'medium',
      agreedMarks: { mandatory: true, routine: false, continue: true, responsibilityQuestionable: false, changedConditions: false },
      proposalAttainment: null,
      agreedAt: at,
      agreedByName: 'Karla Koordination',
      meeting: { id: meeting, title: 'Jour fixe Migration und Integration', date: '2026-03-12' },
    })
  })

  it('gives the proposal only where nothing is agreed, and counts agreed marks without a rating as agreed', () => {
    const [first, second] = goalMeasures
    setStatus(openId, first!, { proposalAttainment: 'low' })
    setStatus(historicalId, first!, { proposalAttainment: 'high' })
    const timeline = measureTimeline(db, [first!, second!])
    const [historical, open] = timeline.get(first!)!
    // The seed agrees the historical marks (P/R from the source) but no rating: agreed, so no proposal.
    expect(historical).toMatchObject({ agreedAttainment: null, proposalAttainment: null, agreedByName: null, meeting: null })
    expect(historical!.agreedMarks).not.toBeNull()
    expect(open).toMatchObject({ hasStatus: true, agreedAttainment: null, agreedMarks: null, proposalAttainment: 'low', agreedAt: null })
    expect(timeline.get(second!)![1]).toMatchObject({ hasStatus: true, proposalAttainment: null, agreedAttainment: null })
  })

  it('reads all measures of a goal in one query and leaves unknown ids out', () => {
    const prepare = db.$client.prepare.bind(db.$client)
    let queries = 0
    db.$client.prepare = ((source: string) => {
      queries++
      return prepare(source)
    }) as typeof db.$client.prepare
    const timeline = measureTimeline(db, [...goalMeasures, 999_999])
    db.$client.prepare = prepare
    expect(goalMeasures.length).toBeGreaterThan(1)
    expect(queries).toBe(1)
    expect(timeline.has(999_999)).toBe(false)
    expect(timeline.size).toBe(goalMeasures.length)
    expect(measureTimeline(db, []).size).toBe(0)
  })
})

describe('measureWithGoal and measureNarratives', () => {
  it('finds a measure with its goal and its narrative per round, and nothing for an unknown id', () => {
    const [measureId] = goalMeasures
    setStatus(openId, measureId!, { narrativeText: 'Läuft seit März.' })
    const goalNumber = db.select({ n: goals.number }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).where(eq(measures.id, measureId!)).get()!.n
    expect(measureWithGoal(db, measureId!)).toMatchObject({ id: measureId, goalNumber, position: 1 })
    expect(measureWithGoal(db, 999_999)).toBeUndefined()
    const narratives = measureNarratives(db, measureId!)
    expect(narratives.get(openId)).toBe('Läuft seit März.')
    expect(narratives.get(historicalId)).toBe('')
  })
})
