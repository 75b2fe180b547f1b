import { describe, expect, test } from 'vitest'
import { agreedDocumentName, documentName, goalDocumentName, measureDocumentName, meetingDocumentName, parseDocumentName } from './names'

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
  ])('%j is not a document name', (name) => {
    expect(parseDocumentName(name)).toBeNull()
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
