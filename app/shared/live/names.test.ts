import { describe, expect, test } from 'vitest'
import { agreedDocumentName, documentName, goalDocumentName, measureDocumentName, meetingDocumentName, parseDocumentName, posterDocumentName } from './names'

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
