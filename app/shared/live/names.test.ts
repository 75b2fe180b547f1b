import { describe, expect, test } from 'vitest'
import { agreedDocumentName, CHAPTER_SLUGS, chapterDocumentName, chapterField, documentName, goalDocumentName, measureDocumentName, meetingDocumentName, parseDocumentName, posterDocumentName } from './names'

describe('document names', () => {
  test('the three kinds are built and parsed back', () => {
    expect(parseDocumentName(measureDocumentName(2, 17))).toEqual({ kind: 'measure', roundId: 2, measureId: 17 })
    expect(parseDocumentName(goalDocumentName(2, 89))).toEqual({ kind: 'goal', roundId: 2, goalNumber: 89 })
    expect(parseDocumentName(agreedDocumentName(3, 1))).toEqual({ kind: 'agreed', roundId: 3, measureId: 1 })
    expect(parseDocumentName(meetingDocumentName(3, 9))).toEqual({ kind: 'meeting', roundId: 3, meetingId: 9 })
    expect(parseDocumentName('round/3/meeting/09')).toBeNull()
    expect(parseDocumentName('meeting/9')).toBeNull()
    expect(documentName({ kind: 'goal', roundId: 5, goalNumber: 4 })).toBe('round/5/goal/4')
  })

  test.each([
    '',
    'round/2/measure/',
    'round/2/measure/x',
    'round/02/measure/1',
    'round/2/measure/01',
    'round/0/measure/1',
    'round/2/measure/-1',
    'round/2/measure/1.5',
    'round/2/measure/1/',
    '/round/2/measure/1',
    'round/2/measure/1 ',
    'round/2/Measure/1',
    'round/2/feedback/1',
    'round/99999999999/measure/1',
    'round/2/measure/2147483648',
    'round/2/measure/1\u0000abc',
    'round/2/chapter/',
    'round/2/chapter/field-0',
    'round/2/chapter/field-10',
    'round/2/chapter/field-01',
    'round/2/chapter/Introduction',
    'round/2/chapter/cover',
    'round/02/chapter/method',
    'round/99999999999/chapter/method',
    'round/2/chapter/method/',
    'forum/1/table/2',
    'forum/1/table/2/phase/0',
    'forum/01/table/2/phase/3',
    'forum/1/table/2/phase/3/',
    'forum/1/phase/3/table/2',
    'round/1/poster/2',
    'forum/1/table/2147483648/phase/1',
  ])('%j is not a document name', (name) => {
    expect(parseDocumentName(name)).toBeNull()
  })

  test('the report chapters are built and parsed back, in the report order', () => {
    expect(CHAPTER_SLUGS).toEqual(['introduction', 'method', 'field-1', 'field-2', 'field-3', 'field-4', 'field-5', 'field-6', 'field-7', 'field-8', 'field-9', 'conclusion'])
    for (const slug of CHAPTER_SLUGS) expect(parseDocumentName(chapterDocumentName(4, slug))).toEqual({ kind: 'chapter', roundId: 4, slug })
    expect(chapterDocumentName(4, 'field-3')).toBe('round/4/chapter/field-3')
    expect(documentName({ kind: 'chapter', roundId: 5, slug: 'conclusion' })).toBe('round/5/chapter/conclusion')
    expect(chapterField('field-7')).toBe(7)
    expect(chapterField('method')).toBeNull()
    // @ts-expect-error an unknown slug is no chapter
    expect(() => chapterDocumentName(4, 'cover')).toThrow(RangeError)
    expect(() => chapterDocumentName(0, 'method')).toThrow(RangeError)
  })

  test('a table poster of a phase is built and parsed back', () => {
    expect(posterDocumentName(4, 12, 7)).toBe('forum/4/table/12/phase/7')
    expect(parseDocumentName('forum/4/table/12/phase/7')).toEqual({ kind: 'poster', forumId: 4, tableId: 12, phaseId: 7 })
    expect(documentName({ kind: 'poster', forumId: 1, tableId: 2, phaseId: 3 })).toBe('forum/1/table/2/phase/3')
    expect(() => posterDocumentName(1, 0, 1)).toThrow(RangeError)
  })

  test('a value that is no string is not a document name', () => {
    expect(parseDocumentName(undefined)).toBeNull()
    expect(parseDocumentName(42)).toBeNull()
  })

  test('building a name from an invalid number throws instead of producing a name outside the scheme', () => {
    expect(() => measureDocumentName(0, 1)).toThrow(RangeError)
    expect(() => goalDocumentName(1, 1.5)).toThrow(RangeError)
    expect(() => agreedDocumentName(1, Number.NaN)).toThrow(RangeError)
  })
})
