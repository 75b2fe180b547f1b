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
