import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit'

describe('RateLimiter', () => {
  it('allows up to the limit and then asks to wait until the oldest attempt leaves the window', () => {
    const limiter = new RateLimiter(3, 60_000)
    const t0 = 1_000_000
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('k', t0 + i)).toBe(0)
      limiter.hit('k', t0 + i)
    }
    expect(limiter.retryAfter('k', t0 + 10)).toBe(60_000 - 10)
    expect(limiter.retryAfter('other', t0 + 10)).toBe(0)
    expect(limiter.retryAfter('k', t0 + 60_001)).toBe(0)
  })

  it('forgets a key on reset', () => {
    const limiter = new RateLimiter(1, 60_000)
    limiter.hit('k')
    expect(limiter.retryAfter('k')).toBeGreaterThan(0)
    limiter.reset('k')
    expect(limiter.retryAfter('k')).toBe(0)
  })
})
