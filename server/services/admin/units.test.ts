import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { createUnit, listActiveUnits, listUnitNames, renameUnit, setUnitActive } from './units'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
})

const vhsId = () => listUnitNames(db).find((u) => u.shortName === 'VHS')!.id

describe('unit names', () => {
  it('refuses a name that the import could not tell from another unit’s: other case of umlauts, decomposed umlauts, doubled spaces', () => {
    const before = listUnitNames(db).length
    for (const name of ['VHS OSNABRÜCKER LAND', 'vhs osnabru\u0308cker land', 'VHS  Osnabrücker Land', 'maßarbeit']) {
      expect(() => createUnit(db, { name, shortName: `Neu ${name.length}` }), name).toThrow(/ist schon Name oder Kurzbezeichnung der Einheit/)
    }
    expect(() => createUnit(db, { name: 'Neue Einheit', shortName: 'FD ORDNUNG' })).toThrow(expect.objectContaining({ field: 'shortName' }))
    expect(listUnitNames(db)).toHaveLength(before)
  })

  it('lets a unit keep its own names when renamed, and keeps ß and ss apart', () => {
    const id = vhsId()
    renameUnit(db, id, { name: 'VHS OSNABRÜCKER LAND', shortName: 'vhs' })
    expect(listUnitNames(db).find((u) => u.id === id)).toMatchObject({ name: 'VHS OSNABRÜCKER LAND', shortName: 'vhs' })
    createUnit(db, { name: 'Massarbeit Beratung', shortName: 'Massarbeit' })
    expect(listUnitNames(db).some((u) => u.shortName === 'Massarbeit')).toBe(true)
  })

  it('offers active units only, by name', () => {
    setUnitActive(db, vhsId(), false)
    const offered = listActiveUnits(db)
    expect(offered.some((u) => u.id === vhsId())).toBe(false)
    expect(offered.map((u) => u.name)).toEqual(offered.map((u) => u.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })
})
