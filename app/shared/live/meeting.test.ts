import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { AGREED_MAP, MEETING_MAP, readAgreed, readMeeting } from './layout'
import { agree, agreeAsProposed, agreedMarks, callItem, markEnded, setItemState, step, stepTarget, writeNote } from './meeting'
import { noFlags } from '../vocabulary'

const meetingMap = () => new Y.Doc().getMap<unknown>(MEETING_MAP)
const agreedMap = () => new Y.Doc().getMap<unknown>(AGREED_MAP)
const ITEMS = [11, 12, 13]

describe('stepping through the agenda', () => {
  test('before any item is called, "next" calls the first item and "previous" goes nowhere', () => {
    expect(stepTarget(ITEMS, null, 'next')).toBe(11)
    expect(stepTarget(ITEMS, null, 'previous')).toBeNull()
    expect(stepTarget([], null, 'next')).toBeNull()
  })

  test('from the moderator\u2019s item one forward or back, and nowhere past either end', () => {
    expect(stepTarget(ITEMS, 11, 'next')).toBe(12)
    expect(stepTarget(ITEMS, 12, 'previous')).toBe(11)
    expect(stepTarget(ITEMS, 13, 'next')).toBeNull()
    expect(stepTarget(ITEMS, 11, 'previous')).toBeNull()
    // An item that left the agenda counts as none called.
    expect(stepTarget(ITEMS, 99, 'next')).toBe(11)
  })

  test('a step sets the moderator\u2019s item and marks an open item discussed, in one transaction', () => {
    const map = meetingMap()
    let transactions = 0
    map.doc!.on('afterTransaction', () => transactions++)
    expect(step(map, ITEMS, 'next')).toBe(11)
    expect(transactions).toBe(1)
    expect(readMeeting(map)).toMatchObject({ current: 11, states: new Map([[11, 'discussed']]) })
    expect(step(map, ITEMS, 'next')).toBe(12)
    expect(readMeeting(map).states).toEqual(new Map([[11, 'discussed'], [12, 'discussed']]))
  })

  test('calling an item keeps a state that was set already', () => {
    const map = meetingMap()
    map.set('state:12', 'deferred')
    callItem(map, 12)
    expect(readMeeting(map)).toMatchObject({ current: 12, states: new Map([[12, 'deferred']]) })
  })

  test('a step with nowhere to go writes nothing', () => {
    const map = meetingMap()
    callItem(map, 13)
    const before = Y.encodeStateAsUpdate(map.doc!)
    expect(step(map, ITEMS, 'next')).toBeNull()
    expect(Y.encodeStateAsUpdate(map.doc!)).toEqual(before)
  })
})

describe('item states and notes', () => {
  test('a measure becomes "agreed" only with an agreed rating; a goal as a whole without one', () => {
    const map = meetingMap()
    expect(setItemState(map, { id: 11, kind: 'measure' }, 'agreed', null)).toBe(false)
    expect(map.has('state:11')).toBe(false)
    expect(setItemState(map, { id: 11, kind: 'measure' }, 'agreed', 'medium')).toBe(true)
    expect(setItemState(map, { id: 12, kind: 'goal' }, 'agreed', null)).toBe(true)
    expect(setItemState(map, { id: 13, kind: 'measure' }, 'deferred', null)).toBe(true)
    expect(readMeeting(map).states).toEqual(new Map([[11, 'agreed'], [12, 'agreed'], [13, 'deferred']]))
  })

  test('a decision note is cut to what the document admits', () => {
    const map = meetingMap()
    writeNote(map, 11, 'x'.repeat(5000))
    expect(readMeeting(map).notes.get(11)).toHaveLength(4000)
  })

  test('the end is a marker every reader sees', () => {
    const map = meetingMap()
    expect(readMeeting(map).ended).toBe(false)
    markEnded(map)
    expect(readMeeting(map).ended).toBe(true)
  })
})

describe('agreeing', () => {
  const proposal = { ...noFlags(), mandatory: true }

  test('every write names all five marks (untouched ones from the proposal) and the meeting', () => {
    const map = agreedMap()
    agree(map, { attainment: 'low' }, proposal, 7)
    expect(readAgreed(map)).toEqual({ attainment: 'low', flags: proposal, meetingId: 7 })
    agree(map, { flags: { routine: true } }, { ...proposal, mandatory: false }, 7)
    // A mark agreed before stays agreed; the proposal fills only what was never agreed.
    expect(readAgreed(map).flags).toEqual({ ...proposal, routine: true })
  })

  test('taking the proposal over agrees its attainment and all its marks', () => {
    const map = agreedMap()
    agree(map, { flags: { changedConditions: true } }, null, 3)
    agreeAsProposed(map, { attainment: 'high', flags: proposal }, 3)
    expect(readAgreed(map)).toEqual({ attainment: 'high', flags: proposal, meetingId: 3 })
  })

  test('the agreed marks exist as a whole only when all five are agreed', () => {
    const map = agreedMap()
    map.set('mandatory', true)
    expect(agreedMarks(readAgreed(map))).toBeNull()
    agree(map, {}, noFlags(), 1)
    expect(agreedMarks(readAgreed(map))).toEqual({ ...noFlags(), mandatory: true })
  })
})
