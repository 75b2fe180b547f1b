import { describe, expect, test } from 'vitest'
import { goalReferences, splitGoalReferences } from './goal-references'

const known = new Set([1, 12, 89])

describe('goal references in report chapters', () => {
  test('"Ziel 12" becomes a reference to goal 12, the text around it stays as it is', () => {
    expect(splitGoalReferences('Wie Ziel 12 zeigt, und Ziel 95 nicht.', known)).toEqual([
      { text: 'Wie ' },
      { text: 'Ziel 12', goal: 12, known: true },
      { text: ' zeigt, und ' },
      { text: 'Ziel 95', goal: 95, known: false },
      { text: ' nicht.' },
    ])
  })

  test('a number the concept has no goal for is flagged, each number listed once', () => {
    expect(goalReferences('Ziel 1, Ziel 95, Ziel 1 und Ziel 0; Zielgruppe 12; Ziele 12', known)).toEqual({ linked: [1], unknown: [95, 0] })
  })

  test('a text without references is one plain run', () => {
    expect(splitGoalReferences('Kein Verweis.', known)).toEqual([{ text: 'Kein Verweis.' }])
    expect(splitGoalReferences('', known)).toEqual([])
  })
})
