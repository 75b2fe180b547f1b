import { beforeEach, describe, expect, it } from 'vitest'
import { asc, eq } from 'drizzle-orm'
import { openDatabase, type Db } from '../../../db/client'
import { measureUnits, measures, goals, units } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { readAssignmentCsv } from '../../imports/assignments'
import { MAX_CSV_BYTES, decodeCsv } from '../../imports/csv'
import { addAssignment, assignmentTemplateCsv, importAssignments, loadAssignmentLookup, removeAssignment } from './assignments'

let db: Db
/** The first three measures of the catalogue, with their goal numbers and titles. */
let m: { id: number; goal: number; title: string }[]
let unit: Record<'ordnung' | 'soziales' | 'vhs', { id: number; name: string; shortName: string }>

const HEADER = 'massnahme_id;ziel;massnahme;einheit;rolle'
const table = () =>
  db
    .select({ measureId: measureUnits.measureId, unitId: measureUnits.unitId, role: measureUnits.role })
    .from(measureUnits)
    .orderBy(asc(measureUnits.measureId), asc(measureUnits.unitId))
    .all()
const line = (measure: { id: number; goal: number; title: string }, unitName: string, role: string) =>
  `${measure.id};${measure.goal};${measure.title};${unitName};${role}`

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  m = db
    .select({ id: measures.id, goal: goals.number, title: measures.title })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .orderBy(asc(goals.number), asc(measures.position))
    .limit(3)
    .all()
  const byShort = (s: string) => db.select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.shortName, s)).get()!
  unit = { ordnung: byShort('FD Ordnung'), soziales: byShort('FD Soziales'), vhs: byShort('VHS') }
  // An existing state that bad imports must leave alone and good imports replace only where named.
  db.insert(measureUnits)
    .values([
      { measureId: m[0]!.id, unitId: unit.vhs.id, role: 'lead' },
      { measureId: m[2]!.id, unitId: unit.vhs.id, role: 'contributing' },
    ])
    .run()
})

describe('importAssignments', () => {
  it('replaces the assignments of the named measures and leaves the others untouched', () => {
    const csv = [
      HEADER,
      line(m[0]!, unit.ordnung.shortName, 'federführend'),
      line(m[0]!, unit.soziales.name, 'beteiligt'),
      line(m[1]!, 'fd soziales', 'Federführend'),
    ].join('\n')
    const result = importAssignments(db, csv)
    expect(result).toMatchObject({ ok: true, assignments: 3, measures: 2, message: '3 Zuordnungen für 2 Maßnahmen übernommen.' })
    expect(table()).toEqual(
      [
        { measureId: m[0]!.id, unitId: unit.ordnung.id, role: 'lead' },
        { measureId: m[0]!.id, unitId: unit.soziales.id, role: 'contributing' },
        { measureId: m[1]!.id, unitId: unit.soziales.id, role: 'lead' },
        { measureId: m[2]!.id, unitId: unit.vhs.id, role: 'contributing' },
      ].sort((a, b) => a.measureId - b.measureId || a.unitId - b.unitId),
    )
  })

  it('accepts a byte order mark, Windows line endings and commas as the delimiter', () => {
    const csv = `\uFEFFmassnahme_id,ziel,massnahme,einheit,rolle\r\n${m[1]!.id},${m[1]!.goal},"${m[1]!.title}",VHS,beteiligt\r\n`
    expect(importAssignments(db, csv)).toMatchObject({ ok: true, message: '1 Zuordnung für 1 Maßnahme übernommen.' })
    expect(table()).toContainEqual({ measureId: m[1]!.id, unitId: unit.vhs.id, role: 'contributing' })
  })

  it('skips template lines without unit and role, so the downloaded template can be filled in part', () => {
    const template = assignmentTemplateCsv(db).split('\r\n')
    expect(template[0]).toBe(`\uFEFF${HEADER}`)
    expect(template.filter((l) => l !== '')).toHaveLength(1 + 134)
    template[2] = template[2]!.replace(/;;$/, ';FD Ordnung;federführend')
    const result = importAssignments(db, template.join('\r\n'))
    // The template holds the two existing assignments as well: three in the file, one of them new.
    expect(result).toMatchObject({ ok: true, assignments: 3, measures: 3, changed: 1 })
    expect(table()).toContainEqual({ measureId: m[1]!.id, unitId: unit.ordnung.id, role: 'lead' })
    expect(table()).toContainEqual({ measureId: m[0]!.id, unitId: unit.vhs.id, role: 'lead' })
  })

  it('ships the current assignments in the template, so that a round trip through Excel changes nothing', () => {
    addAssignment(db, { measureId: m[0]!.id, unitId: unit.soziales.id, role: 'contributing' })
    const before = table()
    const template = assignmentTemplateCsv(db)
    expect(template.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true)
    expect(template.endsWith('\r\n')).toBe(true)
    expect(template.replaceAll('\r\n', '')).not.toContain('\n')
    const lines = template.split('\r\n')
    expect(lines).toContain(line(m[0]!, 'VHS', 'federführend'))
    expect(lines).toContain(line(m[0]!, 'FD Soziales', 'beteiligt'))
    expect(lines).toContain(line(m[2]!, 'VHS', 'beteiligt'))
    expect(lines).toContain(`${m[1]!.id};${m[1]!.goal};${m[1]!.title};;`)
    expect(lines.filter((l) => l !== '')).toHaveLength(1 + 134 + 1)

    const result = importAssignments(db, template)
    expect(result).toMatchObject({ ok: true, assignments: 3, measures: 2, changed: 0, unitIds: [] })
    expect(result.ok && result.message).toBe('Nichts geändert: Die 2 Maßnahmen der Datei waren schon so zugeordnet.')
    expect(table()).toEqual(before)

    // Edited in Excel: the second unit of the first measure now leads instead, VHS contributes.
    const edited = template
      .replace(line(m[0]!, 'VHS', 'federführend'), line(m[0]!, 'VHS', 'beteiligt'))
      .replace(line(m[0]!, 'FD Soziales', 'beteiligt'), line(m[0]!, 'FD Soziales', 'federführend'))
    const changed = importAssignments(db, edited)
    expect(changed).toMatchObject({ ok: true, changed: 1 })
    expect(changed.ok && changed.message).toBe(
      '3 Zuordnungen für 2 Maßnahmen übernommen. Geändert hat sich davon 1 Maßnahme; die übrigen waren schon so zugeordnet.',
    )
    expect(changed.ok && [...changed.unitIds].sort()).toEqual([unit.soziales.id, unit.vhs.id].sort())
    expect(table().filter((r) => r.measureId === m[0]!.id)).toEqual(
      [
        { measureId: m[0]!.id, unitId: unit.soziales.id, role: 'lead' },
        { measureId: m[0]!.id, unitId: unit.vhs.id, role: 'contributing' },
      ].sort((a, b) => a.unitId - b.unitId),
    )
  })

  it('writes a unit name that Excel would run as a formula as text, and reads it back as the unit', () => {
    const evil = db.insert(units).values({ name: '=HYPERLINK("http://evil.example";"Klick")', shortName: '@Zauberei' }).returning({ id: units.id }).get().id
    addAssignment(db, { measureId: m[1]!.id, unitId: evil, role: 'lead' })
    const before = table()
    const template = assignmentTemplateCsv(db)
    expect(template.split('\r\n')).toContain(`${m[1]!.id};${m[1]!.goal};${m[1]!.title};'@Zauberei;federführend`)
    expect(template).not.toMatch(/;[=+\-@]/)
    expect(importAssignments(db, template)).toMatchObject({ ok: true, changed: 0 })
    expect(table()).toEqual(before)
  })

  it('finds units whatever their case, spacing and Unicode composition, and says which unit each spelling meant', () => {
    const massarbeit = db.select({ id: units.id }).from(units).where(eq(units.shortName, 'MaßArbeit')).get()!.id
    const csv = [
      HEADER,
      line(m[0]!, '  maßarbeit ', 'federführend'),
      line(m[0]!, 'vhs osnabru\u0308cker  land', 'beteiligt'),
      line(m[1]!, 'MAẞARBEIT', 'beteiligt'),
      line(m[2]!, unit.ordnung.name, 'federführend'),
    ].join('\r\n')
    const result = importAssignments(db, csv)
    expect(result).toMatchObject({ ok: true, assignments: 4, measures: 3 })
    if (!result.ok) return
    expect(result.matches).toEqual([
      { written: 'maßarbeit', unitName: 'MaßArbeit kAöR mit Migrationszentrum' },
      { written: 'vhs osnabrücker  land', unitName: 'VHS Osnabrücker Land' },
      { written: 'MAẞARBEIT', unitName: 'MaßArbeit kAöR mit Migrationszentrum' },
    ])
    expect(table()).toContainEqual({ measureId: m[0]!.id, unitId: massarbeit, role: 'lead' })
    expect(table()).toContainEqual({ measureId: m[0]!.id, unitId: unit.vhs.id, role: 'contributing' })
    expect(table()).toContainEqual({ measureId: m[1]!.id, unitId: massarbeit, role: 'contributing' })
  })

  it('keeps ß and ss apart, but names the unit a near miss stands for', () => {
    const before = table()
    const result = importAssignments(db, [HEADER, line(m[1]!, 'massarbeit', 'beteiligt')].join('\n'))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((e) => e.message)).toEqual([
      'Zeile 2: Die Organisationseinheit „massarbeit“ gibt es nicht; meinten Sie „MaßArbeit“? (ß und ss, Umlaute und Akzente gelten als verschiedene Buchstaben.)',
    ])
    expect(table()).toEqual(before)
  })

  const bad: { title: string; csv: () => string; error: RegExp }[] = [
    {
      title: 'an unknown measure',
      csv: () => [HEADER, line(m[0]!, 'VHS', 'beteiligt'), '999;1;Gibt es nicht;VHS;beteiligt'].join('\n'),
      error: /^Zeile 3: Maßnahme 999 gibt es nicht\.$/,
    },
    {
      title: 'an unknown unit',
      csv: () => [HEADER, line(m[0]!, 'Fachdienst Zauberei', 'beteiligt')].join('\n'),
      error: /^Zeile 2: Die Organisationseinheit „Fachdienst Zauberei“ gibt es nicht/,
    },
    {
      title: 'a wrong header',
      csv: () => ['massnahme;ziel;titel;einheit;rolle', line(m[0]!, 'VHS', 'beteiligt')].join('\n'),
      error: /^Zeile 1: Die Kopfzeile muss „massnahme_id;ziel;massnahme;einheit;rolle“ lauten/,
    },
    {
      title: 'the same measure and unit twice',
      csv: () => [HEADER, line(m[1]!, 'VHS', 'beteiligt'), line(m[1]!, 'VHS Osnabrücker Land', 'federführend')].join('\n'),
      error: /^Zeile 3: Maßnahme \d+ ist „VHS Osnabrücker Land“ schon in Zeile 2 zugeordnet\.$/,
    },
    {
      title: 'two leads for one measure',
      csv: () => [HEADER, line(m[1]!, 'VHS', 'federführend'), line(m[1]!, 'FD Ordnung', 'federführend')].join('\n'),
      error: /^Zeile 3: Maßnahme \d+ hat schon in Zeile 2 eine federführende Einheit/,
    },
    {
      title: 'a goal number that is not the measure’s goal',
      csv: () => [HEADER, line({ ...m[1]!, goal: m[1]!.goal + 7 }, 'VHS', 'beteiligt')].join('\n'),
      error: /^Zeile 2: Maßnahme \d+ gehört zu Ziel \d+, nicht zu Ziel \d+\.$/,
    },
    {
      title: 'an unknown role',
      csv: () => [HEADER, line(m[1]!, 'VHS', 'zuständig')].join('\n'),
      error: /^Zeile 2: Die Rolle „zuständig“ gibt es nicht/,
    },
    {
      title: 'a line with too few columns',
      csv: () => [HEADER, `${m[1]!.id};${m[1]!.goal};VHS`].join('\n'),
      error: /^Zeile 2: 3 Spalten statt 5/,
    },
    { title: 'an empty file', csv: () => '', error: /^Zeile 1: Die Datei ist leer/ },
    { title: 'a file with only the header', csv: () => `${HEADER}\n`, error: /^Zeile 2: Die Datei enthält nur die Kopfzeile/ },
  ]
  for (const { title, csv, error } of bad) {
    it(`refuses a file with ${title}, names the line and changes nothing`, () => {
      const before = table()
      const result = importAssignments(db, csv())
      expect(result.ok).toBe(false)
      if (result.ok) return
      const messages = result.errors.map((e) => e.message)
      expect(messages.some((e) => error.test(e)), messages.join('\n')).toBe(true)
      expect(table()).toEqual(before)
    })
  }

  it('collects the errors of every line instead of stopping at the first', () => {
    const csv = [HEADER, '999;1;x;VHS;beteiligt', line(m[1]!, 'Nirgendwo', 'beteiligt'), line(m[2]!, 'VHS', 'irgendwie'), line(m[0]!, 'VHS', 'beteiligt')].join('\n')
    const result = readAssignmentCsv(csv, loadAssignmentLookup(db))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map((e) => e.message.slice(0, 8))).toEqual(['Zeile 2:', 'Zeile 3:', 'Zeile 4:'])
  })

  it('refuses a file larger than 1 MB and one that is not UTF-8', () => {
    const before = table()
    const big = `${HEADER}\n${line(m[0]!, 'VHS', 'beteiligt')}\n`.padEnd(MAX_CSV_BYTES + 1, ' ')
    const result = importAssignments(db, big)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors[0]!.message).toMatch(/zu groß/)
    expect(decodeCsv(new Uint8Array(MAX_CSV_BYTES + 1))).toMatchObject({ ok: false })
    expect(decodeCsv(new Uint8Array([0x66, 0x65, 0x64, 0x65, 0x72, 0x66, 0xfc, 0x68, 0x72]))).toMatchObject({ ok: false })
    expect(decodeCsv(new TextEncoder().encode('federführend'))).toEqual({ ok: true, text: 'federführend' })
    expect(table()).toEqual(before)
  })
})

describe('assignments by hand', () => {
  it('adds a unit to a measure and removes it again', () => {
    addAssignment(db, { measureId: m[1]!.id, unitId: unit.soziales.id, role: 'lead' })
    expect(table()).toContainEqual({ measureId: m[1]!.id, unitId: unit.soziales.id, role: 'lead' })
    removeAssignment(db, { measureId: m[1]!.id, unitId: unit.soziales.id })
    expect(table()).not.toContainEqual(expect.objectContaining({ measureId: m[1]!.id }))
  })

  it('refuses a second lead and a unit that is already assigned', () => {
    const before = table()
    expect(() => addAssignment(db, { measureId: m[0]!.id, unitId: unit.ordnung.id, role: 'lead' })).toThrow(/nur eine federführende Einheit/)
    expect(() => addAssignment(db, { measureId: m[0]!.id, unitId: unit.vhs.id, role: 'contributing' })).toThrow(/schon zugeordnet/)
    expect(table()).toEqual(before)
  })
})
