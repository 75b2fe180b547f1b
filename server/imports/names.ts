/**
 * How an import recognises a unit by what someone typed: the same name or short name, whatever its case and
 * spacing, whether the umlauts are composed (NFC, as Windows writes them) or decomposed (NFD, as macOS does), and
 * without the invisible characters that copying from Word or a web page brings along (soft hyphens, zero-width
 * spaces). Nothing more: "ß" and "ss", "ü" and "u" are different letters, so "Massarbeit" is not "MaßArbeit";
 * such a near miss is only offered as a suggestion.
 */

/** The key two spellings of one name share. The units service keeps names unique under it. */
export function nameKey(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('de')
}

/** A looser key, only for suggestions: accents and umlauts dropped, "ß" as "ss". */
function looseKey(value: string): string {
  return nameKey(value).normalize('NFD').replace(/\p{M}/gu, '').replaceAll('ß', 'ss')
}

export type NamedUnit = { id: number; name: string; shortName: string; active: boolean }

export type UnitMatcher = {
  /** The unit whose name or short name this is (see nameKey). */
  find(written: string): NamedUnit | undefined
  /** For a name that matches none: the one name or short name it nearly matches (see looseKey), if exactly one unit's. */
  suggest(written: string): string | undefined
}

export function unitMatcher(units: readonly NamedUnit[]): UnitMatcher {
  const exact = new Map<string, NamedUnit>()
  const loose = new Map<string, { unitIds: Set<number>; spelling: string }>()
  for (const unit of units) {
    for (const name of [unit.name, unit.shortName]) {
      exact.set(nameKey(name), unit)
      const key = looseKey(name)
      const entry = loose.get(key) ?? { unitIds: new Set(), spelling: name }
      loose.set(key, entry)
      entry.unitIds.add(unit.id)
    }
  }
  return {
    find: (written) => exact.get(nameKey(written)),
    suggest: (written) => {
      const near = loose.get(looseKey(written))
      return near?.unitIds.size === 1 ? near.spelling : undefined
    },
  }
}
