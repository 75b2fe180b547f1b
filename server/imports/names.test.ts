import { describe, expect, it } from 'vitest'
import { nameKey, unitMatcher, type NamedUnit } from './names'

const massarbeit: NamedUnit = { id: 7, name: 'MaßArbeit kAöR mit Migrationszentrum', shortName: 'MaßArbeit', active: true }
const vhs: NamedUnit = { id: 8, name: 'VHS Osnabrücker Land', shortName: 'VHS', active: true }

describe('nameKey', () => {
  it('is the same for every case and spacing of a name, and for composed and decomposed umlauts', () => {
    for (const spelling of ['maßarbeit', '  MaßArbeit ', 'MAẞARBEIT', 'MAßARBEIT', 'Maß\u00ADArbeit', 'Maß\u200BArbeit']) {
      expect(nameKey(spelling), spelling).toBe(nameKey('MaßArbeit'))
    }
    expect(nameKey('vhs  osnabru\u0308cker\u00A0land')).toBe(nameKey('VHS Osnabrücker Land'))
  })

  it('keeps ß and ss, ü and u apart', () => {
    expect(nameKey('massarbeit')).not.toBe(nameKey('MaßArbeit'))
    expect(nameKey('VHS Osnabrucker Land')).not.toBe(nameKey('VHS Osnabrücker Land'))
  })
})

describe('unitMatcher', () => {
  const units = unitMatcher([massarbeit, vhs])

  it('finds a unit by its name or short name in any case and spacing', () => {
    expect(units.find(' maßarbeit ')).toBe(massarbeit)
    expect(units.find('maßarbeit kaör mit migrationszentrum')).toBe(massarbeit)
    expect(units.find('vhs')).toBe(vhs)
    expect(units.find('massarbeit')).toBeUndefined()
  })

  it('suggests the one name a near miss (ß as ss, no umlauts) stands for, and nothing for two or none', () => {
    expect(units.suggest('massarbeit')).toBe('MaßArbeit')
    expect(units.suggest('VHS Osnabrucker Land')).toBe('VHS Osnabrücker Land')
    expect(units.suggest('Fachdienst Zauberei')).toBeUndefined()
    const twins = unitMatcher([
      { id: 1, name: 'Maße', shortName: 'M1', active: true },
      { id: 2, name: 'Masse', shortName: 'M2', active: true },
    ])
    expect(twins.find('masse')?.id).toBe(2)
    expect(twins.suggest('MASSE ')).toBeUndefined()
  })
})
