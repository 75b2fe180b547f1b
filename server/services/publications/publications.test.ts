import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { roundPublicationLog, roundPublications, rounds, users } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import type { Actor } from '../../policies/can'
import { saveSiteText } from '../site/texts'
import { emptySiteTexts, isRoundPublished, PublicationError, publicationLog, publicationOf, publishedRoundIds, publishedRounds, publishRound, withdrawPublication } from './publications'

let db: Db
let closedId: number
let openId: number
let commissioner: Actor
let coordinator: Actor

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  const round = (name: string) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, name)).get()!.id
  closedId = round(HISTORICAL_ROUND_NAME)
  openId = round(FIRST_OPEN_ROUND_NAME)
  const user = (email: string, name: string) => db.insert(users).values({ email, name }).returning({ id: users.id }).get().id
  commissioner = { id: user('b@example.org', 'Beauftragte'), active: true, memberships: [{ role: 'commissioner', unitId: null }] }
  coordinator = { id: user('k@example.org', 'Koordination'), active: true, memberships: [{ role: 'coordinator', unitId: null }] }
})

const refusal = (run: () => unknown): PublicationError => {
  try {
    run()
  } catch (error) {
    if (error instanceof PublicationError) return error
    throw error
  }
  throw new Error('not refused')
}
const nothingWritten = () => {
  expect(db.select().from(roundPublications).all()).toEqual([])
  expect(db.select().from(roundPublicationLog).all()).toEqual([])
}

describe('publishRound', () => {
  it('publishes a closed round: public from then on, listed, and logged with who and when', () => {
    publishRound(db, commissioner, closedId, 1_800_000_000_000)
    expect(isRoundPublished(db, closedId)).toBe(true)
    expect([...publishedRoundIds(db)]).toEqual([closedId])
    expect(publishedRounds(db)).toEqual([expect.objectContaining({ id: closedId, name: HISTORICAL_ROUND_NAME, publishedAt: 1_800_000_000_000 })])
    expect(publicationOf(db, closedId)).toEqual({ published: true, publishedAt: 1_800_000_000_000, publishedBy: 'Beauftragte', withdrawnAt: null, withdrawnBy: null })
    expect(publicationLog(db, closedId)).toEqual([{ action: 'publish', at: 1_800_000_000_000, by: 'Beauftragte' }])
  })

  it('refuses an open round with a German message naming it, and writes nothing', () => {
    const error = refusal(() => publishRound(db, commissioner, openId))
    expect(error.message).toBe(`„${FIRST_OPEN_ROUND_NAME}“ ist noch nicht abgeschlossen: Veröffentlichen lässt sich nur eine abgeschlossene Berichtsrunde. Es wurde nichts veröffentlicht.`)
    expect(isRoundPublished(db, openId)).toBe(false)
    nothingWritten()
  })

  it('refuses while a site text is empty, naming the empty ones, and writes nothing', () => {
    saveSiteText(db, { key: 'privacy', language: 'de', body: '  ' }, commissioner.id)
    expect(emptySiteTexts(db)).toEqual(['privacy'])
    expect(refusal(() => publishRound(db, commissioner, closedId)).message).toContain('„Datenschutz“ ist leer: Solange ein Text der Website fehlt, lässt sich nichts veröffentlichen')
    saveSiteText(db, { key: 'accessibility', language: 'de', body: '' }, commissioner.id)
    expect(refusal(() => publishRound(db, commissioner, closedId)).message).toContain('„Erklärung zur Barrierefreiheit“ und „Datenschutz“ sind leer')
    nothingWritten()
    // An English text does not stand in for the German one, and a filled German text clears the way.
    saveSiteText(db, { key: 'privacy', language: 'de', body: 'Datenschutzhinweise.' }, commissioner.id)
    saveSiteText(db, { key: 'accessibility', language: 'de', body: 'Erklärung.' }, commissioner.id)
    publishRound(db, commissioner, closedId)
    expect(isRoundPublished(db, closedId)).toBe(true)
  })

  it('refuses an unknown round (404), a coordinator (403) and a second publication of a public round', () => {
    expect(refusal(() => publishRound(db, commissioner, 99_999))).toMatchObject({ status: 404, message: 'Eine Berichtsrunde „99999“ gibt es nicht.' })
    expect(refusal(() => publishRound(db, coordinator, closedId))).toMatchObject({ status: 403 })
    nothingWritten()
    publishRound(db, commissioner, closedId)
    expect(refusal(() => publishRound(db, commissioner, closedId)).message).toBe(`„${HISTORICAL_ROUND_NAME}“ ist bereits veröffentlicht.`)
    expect(publicationLog(db, closedId)).toHaveLength(1)
  })
})

describe('withdrawPublication', () => {
  it('takes the round off the public pages and logs it; publishing again makes it public again, each step logged', () => {
    publishRound(db, commissioner, closedId, 1_000)
    withdrawPublication(db, commissioner, closedId, 2_000)
    expect(isRoundPublished(db, closedId)).toBe(false)
    expect(publishedRounds(db)).toEqual([])
    expect(publicationOf(db, closedId)).toMatchObject({ published: false, withdrawnAt: 2_000, withdrawnBy: 'Beauftragte' })
    publishRound(db, commissioner, closedId, 3_000)
    expect(publicationOf(db, closedId)).toMatchObject({ published: true, publishedAt: 3_000, withdrawnAt: null })
    expect(publicationLog(db, closedId).map((e) => [e.action, e.at])).toEqual([
      ['publish', 1_000],
      ['withdraw', 2_000],
      ['publish', 3_000],
    ])
  })

  it('withdraws even while a site text is empty (nothing but the role counts), and refuses what is not public or not the commissioner’s', () => {
    publishRound(db, commissioner, closedId)
    saveSiteText(db, { key: 'privacy', language: 'de', body: '' }, commissioner.id)
    expect(refusal(() => withdrawPublication(db, coordinator, closedId))).toMatchObject({ status: 403 })
    expect(isRoundPublished(db, closedId)).toBe(true)
    withdrawPublication(db, commissioner, closedId)
    expect(isRoundPublished(db, closedId)).toBe(false)
    expect(refusal(() => withdrawPublication(db, commissioner, closedId)).message).toBe(`„${HISTORICAL_ROUND_NAME}“ ist nicht veröffentlicht: Es gibt nichts zurückzuziehen.`)
    expect(refusal(() => withdrawPublication(db, commissioner, openId)).message).toContain('ist nicht veröffentlicht')
    expect(publicationLog(db, closedId).map((e) => e.action)).toEqual(['publish', 'withdraw'])
  })
})
