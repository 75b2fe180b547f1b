import { describe, expect, it } from 'vitest'
import { allowedOrigins, isAllowedOrigin } from './origin'

const local = allowedOrigins([], 3000)

describe('isAllowedOrigin', () => {
  it('accepts loopback origins on the app’s port when no origin is configured, and nothing else', () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
      expect(isAllowedOrigin({ origin, host: 'localhost:3000' }, local), origin).toBe(true)
    }
    expect(isAllowedOrigin({ origin: 'http://localhost:3001', host: 'localhost:3000' }, local)).toBe(false)
    expect(isAllowedOrigin({ origin: 'http://evil.example', host: 'localhost:3000' }, local)).toBe(false)
  })

  it('never trusts the request’s own Host or X-Forwarded-Host (forged, or delivered by DNS rebinding)', () => {
    expect(isAllowedOrigin({ origin: 'http://evil.example', host: 'evil.example' }, local)).toBe(false)
    expect(isAllowedOrigin({ origin: 'http://evil.example', host: 'localhost:3000', 'x-forwarded-host': 'evil.example' }, local)).toBe(false)
    expect(isAllowedOrigin({ origin: 'https://evil.example', host: 'zielwerk.lkos.de', 'x-forwarded-host': 'evil.example' }, ['https://zielwerk.lkos.de'])).toBe(false)
  })

  it('uses only the configured origins when there are some', () => {
    const configured = allowedOrigins(['https://zielwerk.example.de'], 3000)
    expect(isAllowedOrigin({ origin: 'https://zielwerk.example.de', host: 'internal:3000' }, configured)).toBe(true)
    expect(isAllowedOrigin({ origin: 'http://internal:3000', host: 'internal:3000' }, configured)).toBe(false)
    expect(isAllowedOrigin({ origin: 'http://localhost:3000', host: 'localhost:3000' }, configured)).toBe(false)
  })

  it('refuses the opaque origin "null" and cross-site fetch metadata without an Origin', () => {
    expect(isAllowedOrigin({ origin: 'null', host: 'localhost:3000' }, local)).toBe(false)
    expect(isAllowedOrigin({ 'sec-fetch-site': 'cross-site', host: 'localhost:3000' }, local)).toBe(false)
    expect(isAllowedOrigin({ 'sec-fetch-site': 'same-origin', host: 'localhost:3000' }, local)).toBe(true)
  })
})
