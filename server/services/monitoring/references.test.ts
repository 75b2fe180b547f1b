import { beforeEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { indicators, indicatorValues, territories } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { seedMonitoring } from '../../../db/seed/monitoring'
import { asIndicatorReference } from '../../../app/shared/live/indicator-reference'
import { setSmallNumberThreshold } from './common'
import { referenceChoices, referenceValues } from './references'

// What a report chapter may quote of the monitoring: protected figures only, each as the node's snapshot.

let db: Db
let county: number
let bramsche: number
const indicatorId = (key: string) => db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, key)).get()!.id
const territoryId = (name: string) => db.select({ id: territories.id }).from(territories).where(eq(territories.name, name)).get()!.id

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  seedMonitoring(db)
  county = db.select({ id: territories.id }).from(territories).where(eq(territories.kind, 'county')).get()!.id
  bramsche = territoryId('Bramsche')
})

describe('indicator values to quote in a chapter', () => {
  it('offers the indicators in use and the territories, the county first, then alphabetically', () => {
    const choices = referenceChoices(db)
    expect(choices.indicators.length).toBeGreaterThan(5)
    expect(choices.territories[0]!.id).toBe(county)
    const names = choices.territories.slice(1).map((t) => t.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')))
  })

  it('snapshots a shown value with unit, names, reference date and the indicator’s source, newest first', () => {
    const share = indicatorId('auslaenderanteil')
    db.insert(indicatorValues)
      .values([
        { indicatorId: share, territoryId: bramsche, referenceDate: '2023-12-31', dimension: 'total', category: '', value: 11.25, count: 3400, base: 30000 },
        { indicatorId: share, territoryId: bramsche, referenceDate: '2024-12-31', dimension: 'total', category: '', value: 12.4, count: 3700, base: 30000, demo: true },
      ])
      .run()
    const values = referenceValues(db, share, bramsche)
    expect(values.map((v) => v.referenceDate)).toEqual(['2024-12-31', '2023-12-31'])
    const [latest, before] = values
    expect(latest!.reference).toMatchObject({ indicatorId: share, territoryId: bramsche, referenceDate: '2024-12-31', value: '12,4 %', unit: 'percent', territoryName: 'Bramsche', demo: true })
    expect(before!.reference!.value).toBe('11,3 %')
    const indicator = db.select({ name: indicators.name, dataSource: indicators.dataSource }).from(indicators).where(eq(indicators.id, share)).get()!
    expect(latest!.reference!.indicatorName).toBe(indicator.name)
    expect(latest!.reference!.source).toBe(indicator.dataSource)
    // What the service offers is what admission accepts.
    expect(asIndicatorReference(latest!.reference)).not.toBeNull()
  })

  it('never offers a count below the threshold, nor a share built on one, as a value', () => {
    const naturalisations = indicatorId('einbuergerungen')
    const share = indicatorId('auslaenderanteil')
    db.insert(indicatorValues)
      .values([
        { indicatorId: naturalisations, territoryId: bramsche, referenceDate: '2024-12-31', dimension: 'total', category: '', value: 2 },
        { indicatorId: naturalisations, territoryId: bramsche, referenceDate: '2023-12-31', dimension: 'total', category: '', value: 4 },
        { indicatorId: share, territoryId: bramsche, referenceDate: '2024-12-31', dimension: 'total', category: '', value: 0.01, count: 2, base: 30000 },
      ])
      .run()
    const counts = referenceValues(db, naturalisations, bramsche)
    expect(counts.map((v) => [v.referenceDate, v.state, v.shown])).toEqual([
      ['2024-12-31', 'suppressed', '< 3'],
      ['2023-12-31', 'shown', '4'],
    ])
    expect(counts[0]!.reference).toBeNull()
    expect(counts[1]!.reference!.value).toBe('4')
    expect(JSON.stringify(counts)).not.toMatch(/"value":"?2\b/)
    const shares = referenceValues(db, share, bramsche)
    expect(shares[0]).toMatchObject({ state: 'withheld', reference: null })
    // A higher threshold protects the 4 as well.
    setSmallNumberThreshold(db, 5)
    expect(referenceValues(db, naturalisations, bramsche).every((v) => v.reference === null)).toBe(true)
  })

  it('refuses an unknown indicator or territory', () => {
    expect(() => referenceValues(db, 99999, bramsche)).toThrow(/Kennzahl/)
    expect(() => referenceValues(db, indicatorId('einbuergerungen'), 99999)).toThrow(/Gebiet/)
  })
})
