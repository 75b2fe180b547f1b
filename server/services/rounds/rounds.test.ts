import { beforeEach, describe, expect, it } from 'vitest'
import { and, asc, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { goalStatus, goals, measureStatus, measures, rounds } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { RoundError, closeRound, createRound, deleteDraftRound, listRoundsForManagement, openRound, switchOpenRound } from './rounds'

let db: Db
let openId: number
let historicalId: number

const roundRow = (id: number) =>
  db.select({ state: rounds.state, openedAt: rounds.openedAt, closedAt: rounds.closedAt, previousRoundId: rounds.previousRoundId }).from(rounds).where(eq(rounds.id, id)).get()!
const statusOf = (roundId: number, measureId: number) =>
  db.select().from(measureStatus).where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId))).get()

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  openId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!.id
  historicalId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, HISTORICAL_ROUND_NAME)).get()!.id
})

describe('createRound', () => {
  it('creates a draft with name, period and due date', () => {
    const id = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: '2027-03-31' })
    expect(db.select({ name: rounds.name, period: rounds.period, dueDate: rounds.dueDate, state: rounds.state }).from(rounds).where(eq(rounds.id, id)).get()).toEqual({
      name: 'Sachstand 2027',
      period: '2027',
      dueDate: '2027-03-31',
      state: 'draft',
    })
    expect(db.select().from(measureStatus).where(eq(measureStatus.roundId, id)).all()).toHaveLength(0)
  })

  it('refuses a name the concept already has, ignoring case, next to the name field', () => {
    const count = db.select().from(rounds).all().length
    const attempt = () => createRound(db, { name: FIRST_OPEN_ROUND_NAME.toUpperCase(), period: '2026', dueDate: null })
    expect(attempt).toThrow(RoundError)
    expect(attempt).toThrow(/gibt es in diesem Konzept schon/)
    try {
      attempt()
    } catch (error) {
      expect((error as RoundError).field).toBe('name')
    }
    expect(db.select().from(rounds).all()).toHaveLength(count)
  })
})

describe('openRound', () => {
  it('starts from the newest previous round: agreed values become the proposal, nothing is agreed yet', () => {
    const [agreedMeasure, proposedMeasure] = db.select({ id: measures.id }).from(measures).orderBy(asc(measures.id)).limit(2).all()
    const goal = db.select({ id: goals.id }).from(goals).orderBy(asc(goals.id)).get()!
    db.update(measureStatus)
      .set({
        proposalAttainment: 'low',
        proposalContinue: false,
        agreedAttainment: 'high',
        agreedMandatory: true,
        agreedRoutine: false,
        agreedContinue: true,
        agreedResponsibilityQuestionable: false,
        agreedChangedConditions: false,
        agreedAt: Date.now(),
        narrativeJson: '{"type":"doc","content":[]}',
        narrativeText: 'Stand der Dinge',
      })
      .where(and(eq(measureStatus.roundId, openId), eq(measureStatus.measureId, agreedMeasure!.id)))
      .run()
    db.update(measureStatus)
      .set({ proposalAttainment: 'medium', proposalChangedConditions: true, narrativeText: 'nur Vorschlag' })
      .where(and(eq(measureStatus.roundId, openId), eq(measureStatus.measureId, proposedMeasure!.id)))
      .run()
    db.insert(goalStatus).values({ roundId: openId, goalId: goal.id, narrativeText: 'Ziel-Sachstand' }).run()

    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    // One open round at a time: the open one is closed first; the new round starts from it.
    closeRound(db, openId, 1_799_000_000_000)
    const result = openRound(db, draft, 1_800_000_000_000)

    expect(result.previousRoundId).toBe(openId)
    expect(roundRow(draft)).toMatchObject({ state: 'open', openedAt: 1_800_000_000_000, previousRoundId: openId })
    expect(db.select().from(measureStatus).where(eq(measureStatus.roundId, draft)).all()).toHaveLength(134)
    expect(statusOf(draft, agreedMeasure!.id)).toMatchObject({
      proposalAttainment: 'high',
      proposalMandatory: true,
      proposalRoutine: false,
      proposalContinue: true,
      narrativeJson: '{"type":"doc","content":[]}',
      narrativeText: 'Stand der Dinge',
      agreedAttainment: null,
      agreedMandatory: null,
      agreedContinue: null,
      agreedAt: null,
    })
    expect(statusOf(draft, proposedMeasure!.id)).toMatchObject({
      proposalAttainment: 'medium',
      proposalChangedConditions: true,
      narrativeText: 'nur Vorschlag',
      agreedAttainment: null,
    })
    expect(db.select({ text: goalStatus.narrativeText }).from(goalStatus).where(eq(goalStatus.roundId, draft)).get()?.text).toBe('Ziel-Sachstand')
    // The source round is not touched.
    expect(statusOf(openId, agreedMeasure!.id)?.agreedAttainment).toBe('high')
  })

  it('refuses to open a second round while one is open, and leaves both as they were', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    expect(() => openRound(db, draft)).toThrow(RoundError)
    expect(() => openRound(db, draft)).toThrow(`„${FIRST_OPEN_ROUND_NAME}“ ist noch offen, und es kann immer nur eine Berichtsrunde offen sein.`)
    expect(roundRow(draft)).toMatchObject({ state: 'draft', openedAt: null })
    expect(roundRow(openId).state).toBe('open')
    expect(db.select().from(measureStatus).where(eq(measureStatus.roundId, draft)).all()).toHaveLength(0)
  })

  it('refuses to open a round that is open or closed', () => {
    expect(() => openRound(db, openId)).toThrow(/ist schon offen/)
    expect(() => openRound(db, historicalId)).toThrow(/abgeschlossen und kann nicht wieder geöffnet werden/)
    expect(roundRow(historicalId).state).toBe('closed')
  })
})

describe('closeRound', () => {
  it('closes an open round and records when', () => {
    closeRound(db, openId, 1_800_000_000_000)
    expect(roundRow(openId)).toMatchObject({ state: 'closed', closedAt: 1_800_000_000_000 })
  })

  it('refuses to close a round twice and keeps the first closing time', () => {
    closeRound(db, openId, 1_800_000_000_000)
    expect(() => closeRound(db, openId, 1_900_000_000_000)).toThrow(/ist schon abgeschlossen/)
    expect(roundRow(openId)).toMatchObject({ state: 'closed', closedAt: 1_800_000_000_000 })
  })

  it('refuses to close a draft and leaves it a draft', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    expect(() => closeRound(db, draft)).toThrow(RoundError)
    expect(() => closeRound(db, draft)).toThrow(/ist ein Entwurf/)
    expect(roundRow(draft)).toMatchObject({ state: 'draft', closedAt: null })
  })

  it('refuses an unknown round', () => {
    expect(() => closeRound(db, 9999)).toThrow(/gibt es nicht/)
  })
})

describe('switchOpenRound', () => {
  it('closes the open round and opens the draft from it in one step', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    switchOpenRound(db, { closeRoundId: openId, openRoundId: draft }, 1_800_000_000_000)
    expect(roundRow(openId)).toMatchObject({ state: 'closed', closedAt: 1_800_000_000_000 })
    expect(roundRow(draft)).toMatchObject({ state: 'open', openedAt: 1_800_000_000_000, previousRoundId: openId })
    expect(db.select().from(rounds).where(eq(rounds.state, 'open')).all()).toHaveLength(1)
  })

  it('changes nothing when either half is refused', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    expect(() => switchOpenRound(db, { closeRoundId: openId, openRoundId: historicalId })).toThrow(/kann nicht wieder geöffnet werden/)
    expect(() => switchOpenRound(db, { closeRoundId: historicalId, openRoundId: draft })).toThrow(/ist nicht mehr offen/)
    expect(roundRow(openId)).toMatchObject({ state: 'open', closedAt: null })
    expect(roundRow(draft).state).toBe('draft')
  })
})

describe('deleteDraftRound', () => {
  it('deletes a draft that was never opened', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    expect(deleteDraftRound(db, draft)).toEqual({ name: 'Sachstand 2027' })
    expect(db.select().from(rounds).where(eq(rounds.id, draft)).all()).toEqual([])
  })

  it('refuses to delete an open or a closed round', () => {
    expect(() => deleteDraftRound(db, openId)).toThrow(/ist kein Entwurf/)
    expect(() => deleteDraftRound(db, historicalId)).toThrow(/ist kein Entwurf/)
    expect(roundRow(openId).state).toBe('open')
    expect(roundRow(historicalId).state).toBe('closed')
  })
})

describe('listRoundsForManagement', () => {
  it('names the round each round started from', () => {
    const list = listRoundsForManagement(db)
    expect(list.find((r) => r.id === openId)?.previousRoundName).toBe(HISTORICAL_ROUND_NAME)
    expect(list.find((r) => r.id === historicalId)?.previousRoundName).toBeNull()
  })
})
