import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CLOSE } from '../../app/shared/live/close-codes'
import { CARDS_MAP, posterCardProblem, readPoster } from '../../app/shared/live/layout'
import { forumFeedback, forumParticipants } from '../../db/schema'
import { createForum, openForum, tablesOf } from '../services/forums/forums'
import { listFormats } from '../services/forums/lists'
import { phasesOf, setPhaseState } from '../services/forums/phases'
import { resolveDocument, type PosterDocumentMeta } from './documents'
import { testDb } from './extensions/test-fakes'
import { checkPoster, MAX_CARDS } from './poster-schema'
import { posterDocumentName, parseDocumentName } from '../../app/shared/live/names'
import type { Db } from '../../db/client'

let db: Db
let meta: PosterDocumentMeta
let categories: number[]
let otherPhaseCategory: number
let participantId: number

beforeAll(() => {
  db = testDb().db
  const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
  const forumId = createForum(db, { title: 'F', formatId, date: '2027-03-10', time: null, place: '', invitedBy: '', moderators: '', languages: [], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] }, null)
  openForum(db, forumId)
  const [one, two] = phasesOf(db, forumId)
  setPhaseState(db, forumId, one!.id, 'open')
  categories = one!.categories.map((c) => c.id)
  otherPhaseCategory = two!.categories[0]!.id
  const table = tablesOf(db, forumId)[0]!.id
  meta = resolveDocument(db, parseDocumentName(posterDocumentName(forumId, table, one!.id))!) as PosterDocumentMeta
  participantId = db.insert(forumParticipants).values({ forumId }).returning({ id: forumParticipants.id }).get().id
})

const card = (over: Record<string, unknown> = {}) => ({ text: 'Mehr Abendkurse', category: categories[0]!, target: 'goal:12', language: 'de', createdAt: 1_800_000_000_000, ...over })

function withCard(base: Y.Doc, key: string, fields: Record<string, unknown>): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const map = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
  copy.getMap(CARDS_MAP).set(key, map)
  return copy
}

describe('what a poster takes', () => {
  test('a well-formed card in a category of the phase about a goal that exists', () => {
    const real = new Y.Doc()
    expect(checkPoster(db, meta, real, withCard(real, 'card-good-0001', card()), participantId)).toBeNull()
    expect(readPoster(withCard(real, 'card-good-0001', card()).getMap(CARDS_MAP))).toMatchObject([{ key: 'card-good-0001', text: 'Mehr Abendkurse', author: '' }])
  })

  test.each([
    ['a category of another phase', () => card({ category: otherPhaseCategory }), CLOSE.rejected],
    ['an unknown measure', () => card({ target: 'measure:99999' }), CLOSE.rejected],
    ['a text above the card limit', () => card({ text: 'x'.repeat(501) }), CLOSE.tooLarge],
    ['a category that is text', () => card({ category: 'Lob' }), CLOSE.rejected],
    ['a time that is no number', () => card({ createdAt: 'gestern' }), CLOSE.rejected],
  ])('refuses %s', (_what, make, close) => {
    const real = new Y.Doc()
    expect(checkPoster(db, meta, real, withCard(real, 'card-bad-00001', make()), participantId)?.close).toBe(close)
  })

  test('refuses a key that is no card key, and a key a stored card already has', () => {
    const real = new Y.Doc()
    expect(checkPoster(db, meta, real, withCard(real, 'kurz', card()), participantId)?.close).toBe(CLOSE.rejected)
    db.insert(forumFeedback).values({ forumId: meta.forumId, cardKey: 'card-taken-001', phaseId: meta.phaseId, tableId: meta.tableId, categoryId: categories[0]!, target: 'concept', text: 'da', language: 'de', source: 'participant' }).run()
    expect(checkPoster(db, meta, real, withCard(real, 'card-taken-001', card()), participantId)?.detail).toContain('schon vergeben')
  })

  test('refuses a card value that is not a card map, and more cards than a poster holds', () => {
    const real = new Y.Doc()
    const copy = new Y.Doc()
    copy.getMap(CARDS_MAP).set('card-string-01', 'nur Text')
    expect(checkPoster(db, meta, real, copy, participantId)?.close).toBe(CLOSE.rejected)
    const full = new Y.Doc()
    for (let i = 0; i <= MAX_CARDS; i++) full.getMap(CARDS_MAP).set(`card-many-${String(i).padStart(4, '0')}`, new Y.Map())
    expect(checkPoster(db, meta, real, full, participantId)?.close).toBe(CLOSE.tooLarge)
  })

  test('a participant removes only their own card; staff (no participant) any', () => {
    const mine = new Y.Doc()
    const map = new Y.Map<unknown>()
    mine.getMap(CARDS_MAP).set('card-taken-001', map)
    const without = new Y.Doc()
    expect(checkPoster(db, meta, mine, without, participantId)?.detail).toContain('nicht die eigene')
    expect(checkPoster(db, meta, mine, without, null)).toBeNull()
  })
})

describe('the card check of the layout', () => {
  test('names what is wrong and whether it is too large', () => {
    const doc = new Y.Doc()
    const map = doc.getMap<Y.Map<unknown>>('x')
    const c = new Y.Map<unknown>()
    map.set('k', c)
    for (const [k, v] of Object.entries(card({ author: 'n'.repeat(81) }))) c.set(k, v)
    expect(posterCardProblem('card-auth-0001', c)).toEqual({ tooLarge: true, detail: 'Name länger als 80 Zeichen' })
    c.set('author', 'Amal')
    expect(posterCardProblem('card-auth-0001', c)).toBeNull()
    c.set('colour', 'rot')
    expect(posterCardProblem('card-auth-0001', c)?.detail).toContain('colour')
  })
})
