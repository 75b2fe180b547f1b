import { describe, expect, it } from 'vitest'
import { shownAttainment, trendBetween, type TimelineEntry } from './timeline'

const entry = (values: Partial<TimelineEntry>): TimelineEntry => ({
  round: { id: 1, name: 'R', period: '', state: 'closed' },
  hasStatus: true,
  agreedAttainment: null,
  agreedMarks: null,
  proposalAttainment: null,
  agreedAt: null,
  agreedByName: null,
  meeting: null,
  ...values,
})

describe('trendBetween', () => {
  it('orders high above medium above low', () => {
    expect(trendBetween('low', 'high')).toBe('better')
    expect(trendBetween('medium', 'high')).toBe('better')
    expect(trendBetween('high', 'medium')).toBe('worse')
    expect(trendBetween('medium', 'low')).toBe('worse')
    expect(trendBetween('medium', 'medium')).toBe('same')
  })

  it('compares "unclear" only with itself and nothing with a missing rating', () => {
    expect(trendBetween('unclear', 'unclear')).toBe('same')
    expect(trendBetween('unclear', 'high')).toBe('none')
    expect(trendBetween('low', 'unclear')).toBe('none')
    expect(trendBetween(null, 'high')).toBe('none')
    expect(trendBetween('high', null)).toBe('none')
    expect(trendBetween(null, null)).toBe('none')
  })
})

describe('shownAttainment', () => {
  it('shows the agreed rating where something is agreed, else the proposal', () => {
    expect(shownAttainment(entry({ agreedAttainment: 'high', proposalAttainment: null }))).toBe('high')
    expect(shownAttainment(entry({ proposalAttainment: 'low' }))).toBe('low')
    const marksOnly = { mandatory: true, routine: false, continue: false, responsibilityQuestionable: false, changedConditions: false }
    expect(shownAttainment(entry({ agreedMarks: marksOnly, proposalAttainment: 'low' }))).toBeNull()
  })
})
