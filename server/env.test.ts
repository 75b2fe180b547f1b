import { describe, expect, test } from 'vitest'
import { loadEnv } from './env'

describe('ZIELWERK_NARRATIVE_DELAY_MS', () => {
  test('defaults to 500 ms and takes a whole number of milliseconds up to a minute', () => {
    expect(loadEnv({}).ZIELWERK_NARRATIVE_DELAY_MS).toBe(500)
    expect(loadEnv({ ZIELWERK_NARRATIVE_DELAY_MS: '0' }).ZIELWERK_NARRATIVE_DELAY_MS).toBe(0)
    expect(loadEnv({ ZIELWERK_NARRATIVE_DELAY_MS: '60000' }).ZIELWERK_NARRATIVE_DELAY_MS).toBe(60_000)
  })

  test('anything else stops the start with a German message naming the setting', () => {
    expect(() => loadEnv({ ZIELWERK_NARRATIVE_DELAY_MS: 'bald' })).toThrow(/ZIELWERK_NARRATIVE_DELAY_MS muss eine Zahl sein/)
    expect(() => loadEnv({ ZIELWERK_NARRATIVE_DELAY_MS: '1.5' })).toThrow(/ganze Zahl/)
    expect(() => loadEnv({ ZIELWERK_NARRATIVE_DELAY_MS: '-1' })).toThrow(/nicht negativ/)
    expect(() => loadEnv({ ZIELWERK_NARRATIVE_DELAY_MS: '60001' })).toThrow(/höchstens 60000/)
  })
})

describe('ZIELWERK_CORE_RESERVATION_MS', () => {
  test('defaults to 500 ms, takes up to a minute, or off', () => {
    expect(loadEnv({}).ZIELWERK_CORE_RESERVATION_MS).toBe(500)
    expect(loadEnv({ ZIELWERK_CORE_RESERVATION_MS: '0' }).ZIELWERK_CORE_RESERVATION_MS).toBe(0)
    expect(loadEnv({ ZIELWERK_CORE_RESERVATION_MS: '60000' }).ZIELWERK_CORE_RESERVATION_MS).toBe(60_000)
    expect(loadEnv({ ZIELWERK_CORE_RESERVATION_MS: 'off' }).ZIELWERK_CORE_RESERVATION_MS).toBeNull()
  })

  test('refuses anything else in German, naming the variable', () => {
    for (const bad of ['bald', '-1', '1.5', '60001', 'OFF']) {
      expect(() => loadEnv({ ZIELWERK_CORE_RESERVATION_MS: bad })).toThrow(/ZIELWERK_CORE_RESERVATION_MS muss eine ganze Zahl von 0 bis 60000/)
    }
  })
})
