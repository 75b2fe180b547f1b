import { describe, expect, test } from 'vitest'
import { SocketBudget, type SocketLimits } from './socket-budget'

const limits: SocketLimits = { burstMessages: 10, messagesPerSecond: 5, burstBytes: 1000, bytesPerSecond: 100, bytesBeforeAuthentication: 300 }

describe('the budget of one WebSocket', () => {
  test('a burst up to the bucket passes, the next message does not', () => {
    const budget = new SocketBudget(limits, 0)
    for (let i = 0; i < 10; i++) expect(budget.spend(10, true, 0)).toBeNull()
    expect(budget.spend(10, true, 0)).toBe('messages')
  })

  test('the buckets refill over time, up to the burst and no further', () => {
    const budget = new SocketBudget(limits, 0)
    for (let i = 0; i < 10; i++) budget.spend(1, true, 0)
    // one second later: five more messages
    for (let i = 0; i < 5; i++) expect(budget.spend(1, true, 1000 + i)).toBeNull()
    expect(budget.spend(1, true, 1005)).toBe('messages')
    // a long pause refills to the burst, not beyond
    const rested = new SocketBudget(limits, 0)
    for (let i = 0; i < 10; i++) expect(rested.spend(1, true, 60_000)).toBeNull()
    expect(rested.spend(1, true, 60_000)).toBe('messages')
  })

  test('bytes count on their own: few large messages empty the byte bucket', () => {
    const budget = new SocketBudget(limits, 0)
    expect(budget.spend(900, true, 0)).toBeNull()
    expect(budget.spend(200, true, 0)).toBe('bytes')
  })

  test('before any document is authorized, far fewer bytes pass', () => {
    const budget = new SocketBudget(limits, 0)
    expect(budget.spend(200, false, 0)).toBeNull()
    expect(budget.spend(200, false, 0)).toBe('beforeAuthentication')
    const authorized = new SocketBudget(limits, 0)
    expect(authorized.spend(200, false, 0)).toBeNull()
    expect(authorized.spend(200, true, 0)).toBeNull()
  })
})
