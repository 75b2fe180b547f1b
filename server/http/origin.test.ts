import { describe, expect, it } from 'vitest'
import { isAllowedOrigin } from './origin'

describe('isAllowedOrigin', () => {
  it('accepts the request’s own origin and refuses a foreign one', () => {
    expect(isAllowedOrigin({ origin: 'http://localhost:3000', host: 'localhost:3000' }, [])).toBe(true)
    expect(isAllowedOrigin({ origin: 'http://evil.example', host: 'localhost:3000' }, [])).toBe(false)
    expect(isAllowedOrigin({ origin: 'http://localhost:3001', host: 'localhost:3000' }, [])).toBe(false)
  })

  it('uses only the configured origins when there are some', () => {
    const configured = ['https://zielwerk.example.de']
    expect(isAllowedOrigin({ origin: 'https://zielwerk.example.de', host: 'internal:3000' }, configured)).toBe(true)
    expect(isAllowedOrigin({ origin: 'http://internal:3000', host: 'internal:3000' }, configured)).toBe(false)
  })

  it('refuses the opaque origin "null" and cross-site fetch metadata without an Origin', () => {
    expect(isAllowedOrigin({ origin: 'null', host: 'localhost:3000' }, [])).toBe(false)
    expect(isAllowedOrigin({ 'sec-fetch-site': 'cross-site', host: 'localhost:3000' }, [])).toBe(false)
    expect(isAllowedOrigin({ 'sec-fetch-site': 'same-origin', host: 'localhost:3000' }, [])).toBe(true)
  })
})
