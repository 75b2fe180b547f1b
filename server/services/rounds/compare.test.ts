import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { openDatabase } from '../../../db/client'
import { measureStatus, rounds } from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { compareRounds, isWorse, wordDiff, type DiffPart } from './compare'

const rebuild = (parts: DiffPart[], side: 'before' | 'after') =>
  parts.filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added')).map((p) => p.text).join('')

describe('wordDiff', () => {
  it('marks a replaced word as removed and added and keeps the rest as it was', () => {
    const parts = wordDiff('Die Kurse laufen gut an.', 'Die Kurse laufen schleppend an.')
    expect(parts).toEqual([
      { kind: 'same', text: 'Die Kurse laufen ' },
      { kind: 'removed', text: 'gut' },
      { kind: 'added', text: 'schleppend' },
      { kind: 'same', text: ' an.' },
    ])
  })

  it('finds words inserted in the middle without touching the words around them', () => {
    const parts = wordDiff('Beratung in Osnabrück', 'Beratung auf Arabisch und Farsi in Osnabrück')
    expect(parts.filter((p) => p.kind === 'removed')).toEqual([])
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['auf Arabisch und Farsi'])
  })

  it('keeps punctuation after a changed word as unchanged', () => {
    expect(wordDiff('Läuft wöchentlich.', 'Läuft monatlich.')).toEqual([
      { kind: 'same', text: 'Läuft ' },
      { kind: 'removed', text: 'wöchentlich' },
      { kind: 'added', text: 'monatlich' },
      { kind: 'same', text: '.' },
    ])
  })

  it('rebuilds both texts exactly from its parts, whitespace included', () => {
    const before = 'Eins zwei  drei\nvier fünf sechs sieben'
    const after = 'Eins drei\nvier FÜNF sechs acht sieben neun'
    const parts = wordDiff(before, after)
    expect(rebuild(parts, 'before')).toBe(before)
    expect(rebuild(parts, 'after')).toBe(after)
  })

  it('reports an empty old text as one addition and identical texts as unchanged', () => {
    expect(wordDiff('', 'Neu begonnen.')).toEqual([{ kind: 'added', text: 'Neu begonnen.' }])
    expect(wordDiff('Gleich.', 'Gleich.')).toEqual([{ kind: 'same', text: 'Gleich.' }])
    expect(wordDiff('', '')).toEqual([])
  })

  it('keeps a changed word in a long narrative as a small change', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `Wort${i}`)
    const before = `${words.join(' ')}.`
    const after = `${words.map((w, i) => (i === 10_000 ? 'geändert' : w)).join(' ')}.`
    const parts = wordDiff(before, after)
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'Wort10000' },
      { kind: 'added', text: 'geändert' },
    ])
  })

  it('falls back to "old removed, new added" for texts that differ in too many words', () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `alt${i}`).join(' ')
    const after = Array.from({ length: 3_000 }, (_, i) => `neu${i}`).join(' ')
    const started = performance.now()
    expect(wordDiff(before, after)).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ])
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('isWorse', () => {
  it('calls a step down the ordered scale high > medium > low worse', () => {
    expect(isWorse('high', 'medium')).toBe(true)
    expect(isWorse('high', 'low')).toBe(true)
    expect(isWorse('medium', 'low')).toBe(true)
  })

  it('does not call the same rating or a step up worse', () => {
    expect(isWorse('low', 'low')).toBe(false)
    expect(isWorse('low', 'high')).toBe(false)
    expect(isWorse('medium', 'high')).toBe(false)
  })

  it('does not order "unclear" or "not rated" against anything', () => {
    expect(isWorse('high', 'unclear')).toBe(false)
    expect(isWorse('unclear', 'low')).toBe(false)
    expect(isWorse(null, 'low')).toBe(false)
    expect(isWorse('high', null)).toBe(false)
  })
})

describe('compareRounds', () => {
  it('takes the agreed rating over the proposal and flags a measure whose agreed rating fell as changed and worse', () => {
    const db = openDatabase(':memory:')
    seedCatalogue(db)
    const roundId = (name: string) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, name)).get()!.id
    const before = roundId(HISTORICAL_ROUND_NAME)
    const after = roundId(FIRST_OPEN_ROUND_NAME)
    const [first, second] = db.select({ id: measureStatus.measureId }).from(measureStatus).where(eq(measureStatus.roundId, before)).limit(2).all()
    const set = (round: number, measure: number, values: Partial<typeof measureStatus.$inferInsert>) =>
      db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, round), eq(measureStatus.measureId, measure))).run()
    set(before, first!.id, { proposalAttainment: 'low', agreedAttainment: 'high', narrativeText: 'Läuft.' })
    set(after, first!.id, { proposalAttainment: 'high', agreedAttainment: 'medium', narrativeText: 'Läuft langsamer.' })
    set(after, second!.id, { proposalAttainment: 'unclear' })

    const result = compareRounds(db, before, after)
    expect(result).toHaveLength(134)
    const a = result.find((m) => m.measureId === first!.id)!
    expect([a.before.attainment, a.after.attainment]).toEqual(['high', 'medium'])
    expect(a).toMatchObject({ changed: true, worse: true, narrativeChanged: true })
    const b = result.find((m) => m.measureId === second!.id)!
    expect(b).toMatchObject({ changed: true, worse: false, narrativeChanged: false })
    expect(result.filter((m) => m.changed)).toHaveLength(2)
  })
})
