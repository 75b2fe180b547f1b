import { describe, expect, test } from 'vitest'
import { CLOSE, closeCodeOfReason, CollabError } from './close-codes'

describe('close codes', () => {
  test('every code is unique (but the refused update with a gap, which shares 4422 with its own reason), in the application range 4000–4999, and has a German reason that fits a close frame', () => {
    const codes = Object.values(CLOSE).map((c) => c.code)
    expect(new Set(codes).size).toBe(codes.length - 1)
    expect(CLOSE.unknownState.code).toBe(CLOSE.rejected.code)
    for (const { code, reason } of Object.values(CLOSE)) {
      expect(code).toBeGreaterThanOrEqual(4000)
      expect(code).toBeLessThan(5000)
      expect(Buffer.byteLength(reason, 'utf8')).toBeLessThanOrEqual(123)
      expect(reason).toMatch(/[.–]/)
    }
    expect(new Set(Object.values(CLOSE).map((c) => c.reason)).size).toBe(codes.length)
  })

  test('a reason maps back to its code', () => {
    expect(closeCodeOfReason(CLOSE.forbidden.reason)).toBe(4403)
    expect(closeCodeOfReason('permission-denied')).toBeUndefined()
  })

  test('a CollabError carries code and reason for Hocuspocus, the detail only in its message', () => {
    const error = new CollabError(CLOSE.rejected, 'Bewertung „purple“')
    expect(error.code).toBe(4422)
    expect(error.reason).toBe(CLOSE.rejected.reason)
    expect(error.message).toContain('purple')
    expect(error.reason).not.toContain('purple')
  })
})
