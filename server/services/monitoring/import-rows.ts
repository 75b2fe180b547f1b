import type { DbOrTx } from '../../../db/client'
import { PARTITION_DIMENSIONS, type Dimension, type IndicatorUnit, type Sex } from '../../../app/shared/vocabulary'
import { IMPORT_COLUMNS, normalizeWord, type Cell, type ImportColumn, type ImportProblem, type RawRow } from '../../imports/indicator-values'
import { listIndicators, listTerritories, type IndicatorInfo } from './common'

/**
 * The lines of an indicator-values file, read (server/imports/) and checked: each against the indicators and
 * territories (names, reference dates, breakdowns, numbers), and across lines for duplicates and for parts that do not
 * add up to their total. import.ts compares what passes with what is stored and applies it.
 */

/** How far the parts may miss their total: the greater of 1 and 0.1 % of the total (rounding in the sources). */
export const SUM_TOLERANCE = { absolute: 1, relative: 0.001 }
export const allowedDifference = (total: number) => Math.max(SUM_TOLERANCE.absolute, Math.abs(total) * SUM_TOLERANCE.relative)

/** The German words of the file for breakdowns and sexes (the template's second sheet lists them). */
export const DIMENSION_WORDS: Record<Dimension, string> = {
  total: 'gesamt',
  origin: 'Herkunft',
  nationality: 'Staatsangehörigkeit',
  ageGroup: 'Altersgruppe',
  lengthOfStay: 'Aufenthaltsdauer',
  protectionStatus: 'Schutzstatus',
  benefits: 'Leistungsbezug',
  allocation: 'Zuweisung',
}
export const SEX_WORDS: Record<Sex, string> = { all: 'gesamt', male: 'männlich', female: 'weiblich', diverse: 'divers' }
const DIMENSION_BY_WORD = new Map<string, Dimension>(Object.entries(DIMENSION_WORDS).map(([d, w]) => [normalizeWord(w), d as Dimension]))
DIMENSION_BY_WORD.set('', 'total')
const SEX_BY_WORD = new Map<string, Sex>([
  ...Object.entries(SEX_WORDS).map(([s, w]) => [normalizeWord(w), s as Sex] as [string, Sex]),
  ['', 'all'],
  ['m', 'male'],
  ['w', 'female'],
  ['d', 'diverse'],
])

export type ImportRow = {
  line: number
  indicatorId: number
  territoryId: number
  referenceDate: string
  dimension: Dimension
  category: string
  sex: Sex
  value: number | null
  count: number | null
  base: number | null
  source: string
  note: string
}

const column = (name: ImportColumn) => IMPORT_COLUMNS.indexOf(name) + 1
const text = (cell: Cell) => (typeof cell === 'number' ? String(cell) : cell.normalize('NFC').trim())

/** A number in German notation ("3,7", "28.831", "-47") or a spreadsheet's number; null for an empty cell. */
export function parseGermanNumber(cell: Cell): number | null | 'invalid' {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 'invalid'
  const t = cell.trim().replace(/\u00a0/g, '')
  if (t === '') return null
  if (/^-?\d+(,\d+)?$/.test(t)) return Number(t.replace(',', '.'))
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'))
  return 'invalid'
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31']

/** "31.12.2023", "2023-12-31", "2023", "Q4 2023", "4. Quartal 2023" → JJJJ-MM-TT, or null. */
export function parseReferenceDate(cell: Cell): string | null {
  const t = text(cell)
  let m = /^(\d{4})$/.exec(t)
  if (m) return `${m[1]}-12-31`
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t)
  if (m) return validDate(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`)
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  if (m) return validDate(t)
  m = /^(?:q([1-4])\s*[/-]?\s*(\d{4})|(\d{4})\s*[/-]?\s*q([1-4])|([1-4])\.\s*quartal\s+(\d{4}))$/i.exec(t)
  if (m) {
    const quarter = Number(m[1] ?? m[4] ?? m[5])
    const year = m[2] ?? m[3] ?? m[6]
    return `${year}-${QUARTER_END[quarter - 1]}`
  }
  return null
}

function validDate(iso: string): string | null {
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || !d.toISOString().startsWith(iso) ? null : iso
}

function fitsReferenceKind(date: string, indicator: IndicatorInfo): boolean {
  const monthDay = date.slice(5)
  return indicator.referenceKind === 'quarter' ? QUARTER_END.includes(monthDay) : monthDay === '12-31'
}

const ALLOWED_DIMENSION: Record<Exclude<Dimension, 'total'>, string> = {
  origin: 'origin',
  nationality: 'nationality',
  ageGroup: 'ageGroup',
  lengthOfStay: 'lengthOfStay',
  protectionStatus: 'protectionStatus',
  benefits: 'benefits',
  allocation: 'allocation',
}

export type CheckResult = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] }

/** Checks every line against indicators and territories, then duplicates and sums across lines; reports all problems. */
export function checkRows(db: DbOrTx, raw: RawRow[]): CheckResult {
  const indicatorsByWord = new Map<string, IndicatorInfo>()
  for (const i of listIndicators(db)) {
    indicatorsByWord.set(normalizeWord(i.key), i)
    indicatorsByWord.set(normalizeWord(i.name), i)
  }
  const territoryByWord = new Map<string, number>()
  for (const t of listTerritories(db)) {
    territoryByWord.set(normalizeWord(t.name), t.id)
    if (t.shortName) territoryByWord.set(normalizeWord(t.shortName), t.id)
  }
  const problems: ImportProblem[] = []
  const rows: ImportRow[] = []
  const unitOf = new Map<number, IndicatorUnit>()
  for (const { line, cells } of raw) {
    const before = problems.length
    const fail = (col: ImportColumn | null, key: string, values: ImportProblem['values'] = {}) =>
      problems.push({ line, column: col ? column(col) : null, key: `monitoring:import.problem.${key}`, values })
    const indicator = indicatorsByWord.get(normalizeWord(text(cells.kennzahl)))
    if (text(cells.kennzahl) === '') fail('kennzahl', 'indicatorMissing')
    else if (!indicator) fail('kennzahl', 'indicatorUnknown', { name: text(cells.kennzahl) })
    else if (!indicator.active) fail('kennzahl', 'indicatorInactive', { name: indicator.name })
    const territoryId = territoryByWord.get(normalizeWord(text(cells.gebiet)))
    if (text(cells.gebiet) === '') fail('gebiet', 'territoryMissing')
    else if (!territoryId) fail('gebiet', 'territoryUnknown', { name: text(cells.gebiet) })
    const referenceDate = parseReferenceDate(cells.stichtag)
    const year = referenceDate ? Number(referenceDate.slice(0, 4)) : 0
    if (!referenceDate) fail('stichtag', 'dateInvalid', { found: text(cells.stichtag) })
    else if (year < 1990 || year > 2100) fail('stichtag', 'dateRange', { found: text(cells.stichtag) })
    else if (indicator && !fitsReferenceKind(referenceDate, indicator)) fail('stichtag', `dateKind.${indicator.referenceKind}`, { found: text(cells.stichtag), name: indicator.name })
    const dimension = DIMENSION_BY_WORD.get(normalizeWord(text(cells.merkmal)))
    const category = text(cells.auspraegung)
    if (!dimension) fail('merkmal', 'dimensionUnknown', { found: text(cells.merkmal), allowed: Object.values(DIMENSION_WORDS).join(', ') })
    else if (dimension === 'total' && category !== '' && normalizeWord(category) !== 'gesamt') fail('auspraegung', 'categoryWithTotal', { found: category })
    else if (dimension !== 'total' && category === '') fail('auspraegung', 'categoryMissing', { dimension: DIMENSION_WORDS[dimension] })
    else if (dimension && dimension !== 'total' && indicator && !indicator.breakdowns.includes(ALLOWED_DIMENSION[dimension] as never)) {
      fail('merkmal', 'dimensionNotDeclared', { dimension: DIMENSION_WORDS[dimension], name: indicator.name })
    }
    if (category.length > 120) fail('auspraegung', 'tooLong', { max: 120 })
    const sex = SEX_BY_WORD.get(normalizeWord(text(cells.geschlecht)))
    if (!sex) fail('geschlecht', 'sexUnknown', { found: text(cells.geschlecht) })
    else if (sex !== 'all' && indicator && !indicator.breakdowns.includes('sex')) fail('geschlecht', 'sexNotDeclared', { name: indicator.name })
    const value = parseGermanNumber(cells.wert)
    const count = parseGermanNumber(cells.anzahl)
    const base = parseGermanNumber(cells.bezugsgroesse)
    const note = text(cells.hinweis)
    const source = text(cells.quelle)
    if (value === 'invalid') fail('wert', 'notANumber', { found: text(cells.wert) })
    if (count === 'invalid') fail('anzahl', 'notANumber', { found: text(cells.anzahl) })
    if (base === 'invalid') fail('bezugsgroesse', 'notANumber', { found: text(cells.bezugsgroesse) })
    if (value === null && note === '') fail('wert', 'gapWithoutNote')
    if (typeof count === 'number' && (!Number.isInteger(count) || count < 0)) fail('anzahl', 'notACount', { found: text(cells.anzahl) })
    if (typeof base === 'number' && (!Number.isInteger(base) || base <= 0)) fail('bezugsgroesse', 'notABase', { found: text(cells.bezugsgroesse) })
    if (indicator && typeof value === 'number') {
      if (indicator.unit === 'count') {
        if (!Number.isInteger(value)) fail('wert', 'notACount', { found: text(cells.wert) })
        else if (value < 0 && dimension !== 'allocation') fail('wert', 'negativeCount', { found: text(cells.wert) })
        if (typeof count === 'number' && count !== value) fail('anzahl', 'countDiffers')
      } else if (indicator.unit === 'percent' && (value < 0 || value > 100)) fail('wert', 'percentRange', { found: text(cells.wert) })
      else if (indicator.unit === 'per1000' && (value < 0 || value > 1000)) fail('wert', 'per1000Range', { found: text(cells.wert) })
      if (typeof count === 'number' && typeof base === 'number' && count > base) fail('anzahl', 'countAboveBase')
    }
    if (source.length > 300) fail('quelle', 'tooLong', { max: 300 })
    if (note.length > 500) fail('hinweis', 'tooLong', { max: 500 })
    if (problems.length > before || !indicator || !territoryId || !referenceDate || !dimension || !sex) continue
    unitOf.set(indicator.id, indicator.unit)
    rows.push({
      line,
      indicatorId: indicator.id,
      territoryId,
      referenceDate,
      dimension,
      category: dimension === 'total' ? '' : category,
      sex,
      value: value as number | null,
      count: indicator.unit === 'count' ? null : (count as number | null),
      base: base as number | null,
      source: source || indicator.dataSource,
      note,
    })
  }
  problems.push(...duplicates(rows), ...sums(rows, unitOf))
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)) }
  return { ok: true, rows }
}

export const keyOf = (r: Pick<ImportRow, 'indicatorId' | 'territoryId' | 'referenceDate' | 'dimension' | 'category' | 'sex'>) =>
  `${r.indicatorId}|${r.territoryId}|${r.referenceDate}|${r.dimension}|${normalizeWord(r.category)}|${r.sex}`

function duplicates(rows: ImportRow[]): ImportProblem[] {
  const seen = new Map<string, number>()
  const problems: ImportProblem[] = []
  for (const row of rows) {
    const key = keyOf(row)
    const first = seen.get(key)
    if (first !== undefined) problems.push({ line: row.line, column: column('kennzahl'), key: 'monitoring:import.problem.duplicate', values: { first, last: column('geschlecht') } })
    else seen.set(key, row.line)
  }
  return problems
}

/**
 * Parts must add up to their total, in the file itself: the categories of a partition (EU + Drittstaaten = gesamt)
 * for each sex, and the sexes (männlich + weiblich + divers = gesamt) for each category. Counts are compared: the
 * value of a count, the absolute number behind a share.
 */
function sums(rows: ImportRow[], unitOf: Map<number, IndicatorUnit>): ImportProblem[] {
  const amount = (r: ImportRow) => (unitOf.get(r.indicatorId) === 'count' ? r.value : r.count)
  const totals = new Map<string, ImportRow>()
  for (const r of rows) totals.set(keyOf(r), r)
  const problems: ImportProblem[] = []
  const groups = new Map<string, { total: ImportRow | undefined; parts: ImportRow[]; kind: 'categories' | 'sexes' }>()
  for (const r of rows) {
    if (PARTITION_DIMENSIONS.includes(r.dimension)) {
      const total = totals.get(keyOf({ ...r, dimension: 'total', category: '' }))
      const id = `c|${r.indicatorId}|${r.territoryId}|${r.referenceDate}|${r.dimension}|${r.sex}`
      const group = groups.get(id) ?? { total, parts: [], kind: 'categories' as const }
      group.parts.push(r)
      groups.set(id, group)
    }
    if (r.sex !== 'all') {
      const total = totals.get(keyOf({ ...r, sex: 'all' }))
      const id = `s|${r.indicatorId}|${r.territoryId}|${r.referenceDate}|${r.dimension}|${normalizeWord(r.category)}`
      const group = groups.get(id) ?? { total, parts: [], kind: 'sexes' as const }
      group.parts.push(r)
      groups.set(id, group)
    }
  }
  for (const { total, parts, kind } of groups.values()) {
    if (!total || parts.length < 2) continue
    const whole = amount(total)
    const values = parts.map(amount)
    if (whole === null || values.some((v) => v === null)) continue
    const sum = values.reduce<number>((a, v) => a + (v ?? 0), 0)
    const difference = Math.abs(sum - whole)
    if (difference > allowedDifference(whole)) {
      problems.push({
        line: total.line,
        column: column(unitOf.get(total.indicatorId) === 'count' ? 'wert' : 'anzahl'),
        key: `monitoring:import.problem.sum.${kind}`,
        values: {
          lines: parts.map((p) => p.line).join(', '),
          sum: formatDe(sum),
          total: formatDe(whole),
          difference: formatDe(difference),
          allowed: formatDe(Math.floor(allowedDifference(whole) * 10) / 10),
          dimension: DIMENSION_WORDS[total.dimension === 'total' ? parts[0]!.dimension : total.dimension],
        },
      })
    }
  }
  return problems
}

// The problem texts are German or English by the request, but numbers in them are interpolated as strings here.
const formatDe = (n: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(n)
