import { formatDate } from '../../app/shared/dates'
import type { Language } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'
import { ATTAINMENTS, FLAGS, FLAG_SYMBOL, attainmentLabel, type Attainment, type Flag, type Flags } from '../../app/shared/vocabulary'
import type { OverviewData, OverviewMeasure } from '../services/report/overview'

/**
 * What every export format of the overview shares, so DOCX, PDF, XLSX and CSV say the same in the same words: the
 * labels in the export's language (the `report` namespace; catalogue texts stay German), the traffic-light colours
 * with their shapes (the rating never by colour alone), the flat table of XLSX and CSV with its columns, and the
 * defusing of spreadsheet formulas.
 */

/** The app's theme tokens (styles/app.css): light fill, dark text, and the shape's colour. */
export const ATTAINMENT_COLOURS: Record<Attainment, { fill: string; text: string; shape: string }> = {
  high: { fill: 'E3F4E6', text: '14532D', shape: '1F7A3A' },
  medium: { fill: 'FDF3D3', text: '6B4A00', shape: '9A6A00' },
  low: { fill: 'FDE4E4', text: '7F1D1D', shape: 'B42318' },
  unclear: { fill: 'E8EAF0', text: '2E3445', shape: '4B5368' },
}
/** The shape per rating, as the app's badge draws it: circle, triangle, square, diamond; a ring for "not rated". */
export const ATTAINMENT_SHAPE: Record<Attainment | 'none', string> = { high: '●', medium: '▲', low: '■', unclear: '◆', none: '○' }

export type OverviewLabels = ReturnType<typeof overviewLabels>

export function overviewLabels(data: OverviewData, language: Language) {
  const t = tFor(language)
  const concept = conceptName(data.concept)
  const draft = data.round.state !== 'closed'
  return {
    language,
    t,
    draft,
    title: t('report:overview.title', { concept, period: data.concept.period }),
    subtitle: t('report:overview.subtitle'),
    documentTitle: t('report:overview.documentTitle', { round: data.round.name }),
    round: t('report:meta.round', { name: data.round.name }),
    stand: t('report:meta.stand', { date: formatDate(data.stand, language) }),
    valuesLabel: t('report:meta.values'),
    values: t(`report:values.${data.values}`),
    filtersLabel: t('report:meta.filters'),
    filters: filterTexts(data, language),
    draftNote: draft ? t('report:meta.draftNote') : null,
    empty: t('report:filters.empty'),
    legendTitle: t('report:legend.title'),
    legendAttainments: [...ATTAINMENTS, 'none' as const].map((key) => ({
      key,
      shape: ATTAINMENT_SHAPE[key],
      colours: key === 'none' ? null : ATTAINMENT_COLOURS[key],
      label: t(`report:legend.attainment.${key}`),
    })),
    legendFlags: FLAGS.map((key) => ({ key, symbol: FLAG_SYMBOL[key], label: t(`report:legend.flag.${key}`) })),
    legendProposal: t('report:legend.proposal'),
    fieldHeading: (title: string) => t('report:table.field', { title }),
    columns: { goal: t('report:table.goal'), description: t('report:table.description'), measures: t('report:table.measures'), rating: t('report:table.rating') },
    proposal: t('report:table.proposal'),
    marks: t('report:table.marks'),
    runningHead: t('report:page.runningHead'),
    draftMark: t('report:page.draft'),
    page: t('report:page.page'),
    of: t('report:page.of'),
    attainment: (value: Attainment | null) => t(attainmentLabel(value)),
    flag: (flag: Flag) => t(`report:legend.flag.${flag}`),
    sheet: t('report:overview.sheet'),
  }
}

export type ReportLabels = ReturnType<typeof reportLabels>

/** The report's own words (cover, contents, chapters, annex, statistics) in the export's language. */
export function reportLabels(data: OverviewData, language: Language) {
  const t = tFor(language)
  const period = data.concept.period.replace(/\s*[–-]\s*/, ` ${t('report:report.periodJoin')} `)
  return {
    coverTitle: t('report:report.coverTitle', { concept: conceptName(data.concept), region: data.concept.region, period }),
    documentTitle: t('report:report.documentTitle', { round: data.round.name }),
    toc: t('report:report.toc'),
    introduction: t('report:report.introduction'),
    method: t('report:report.method'),
    results: t('report:report.results'),
    conclusion: t('report:report.conclusion'),
    annex: t('report:report.annex'),
    emptyChapter: t('report:report.emptyChapter'),
    chapter: (number: number | string, title: string) => `${number} ${title}`,
    statisticsTitle: (field: string) => t('report:report.statistics.title', { field }),
    statisticsNote: t('report:report.statistics.note'),
    statisticsWhat: t('report:report.statistics.what'),
    statisticsCount: t('report:report.statistics.count'),
    statisticsMeasures: t('report:report.statistics.measures'),
  }
}

/** "Konzept Migration und Integration" from "Konzept Migration und Integration im Landkreis Osnabrück 2018 – 2022". */
export function conceptName(concept: { title: string; region: string }): string {
  const escaped = concept.region.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return concept.title
    .replace(new RegExp(`\\s+im\\s+${escaped}`), '')
    .replace(/\s*\d{4}\s*[–-]\s*\d{4}\s*$/, '')
    .trim()
}

function filterTexts(data: OverviewData, language: Language): string[] {
  const t = tFor(language)
  const f = data.filters
  const list: string[] = []
  if (f.field) list.push(t('report:filters.field', { number: f.field.number, title: f.field.title }))
  if (f.unit) list.push(t('report:filters.unit', { name: f.unit.name }))
  if (f.attainment) list.push(t('report:filters.attainment', { label: t(attainmentLabel(f.attainment === 'none' ? null : f.attainment)) }))
  if (f.flag) list.push(t('report:filters.flag', { label: t(`report:legend.flag.${f.flag}`) }))
  if (f.search) list.push(t('report:filters.search', { text: f.search }))
  return list.length > 0 ? list : [t('report:filters.none')]
}

/** The rating's words: "hoch", "hoch (Vorschlag)", "noch nicht bewertet" (a proposal without attainment says so by its marks). */
export function ratingWords(m: Pick<OverviewMeasure, 'attainment' | 'kind'>, labels: OverviewLabels): string {
  const word = labels.attainment(m.attainment)
  return m.kind === 'proposal' && m.attainment !== null ? `${word} (${labels.proposal})` : word
}

/** The marks as their symbols ("P  R"), "(Vorschlag)" added where a proposal shows marks but no attainment. */
export function marksText(m: Pick<OverviewMeasure, 'attainment' | 'kind' | 'flags'>, labels: OverviewLabels): string {
  const symbols = setFlags(m.flags).map((f) => FLAG_SYMBOL[f])
  if (symbols.length === 0) return ''
  return m.kind === 'proposal' && m.attainment === null ? `${symbols.join('  ')} (${labels.proposal})` : symbols.join('  ')
}

export const setFlags = (flags: Flags): Flag[] => FLAGS.filter((key) => flags[key])

// ── The flat table (XLSX, CSV) ─────────────────────────────────────────────────────────────────────────────

export const FLAT_COLUMNS = [
  'fieldNumber',
  'field',
  'challenge',
  'goalNumber',
  'goalDescription',
  'measureNumber',
  'measure',
  'units',
  'attainment',
  'ratingKind',
  ...FLAGS,
  'narrative',
  'agreedBy',
  'agreedAt',
  'meeting',
] as const
export type FlatColumn = (typeof FLAT_COLUMNS)[number]
export type FlatRow = { values: Record<FlatColumn, string | number>; attainment: Attainment | null }

export function flatHeader(labels: OverviewLabels): Record<FlatColumn, string> {
  const { t } = labels
  const header = {} as Record<FlatColumn, string>
  for (const column of FLAT_COLUMNS) {
    header[column] = (FLAGS as readonly string[]).includes(column) ? labels.flag(column as Flag) : t(`report:columns.${column as Exclude<FlatColumn, Flag>}`)
  }
  return header
}

/** The headers every language gives a column (the import accepts a file exported in any of them). */
export function flatHeaderAliases(languages: readonly Language[]): Map<string, FlatColumn> {
  const aliases = new Map<string, FlatColumn>()
  for (const language of languages) {
    const header = flatHeader(overviewLabels(PLACEHOLDER, language))
    for (const column of FLAT_COLUMNS) aliases.set(normaliseHeader(header[column]), column)
  }
  return aliases
}
export const normaliseHeader = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de')

const PLACEHOLDER: OverviewData = {
  concept: { title: '', period: '', region: '' },
  round: { id: 1, name: '', state: 'closed', period: '' },
  stand: '2000-01-01',
  values: 'agreed',
  filters: {},
  fields: [],
}

/** One row per measure, in catalogue order. */
export function flatRows(data: OverviewData, labels: OverviewLabels): FlatRow[] {
  const { t, language } = labels
  const rows: FlatRow[] = []
  for (const field of data.fields)
    for (const challenge of field.challenges)
      for (const goal of challenge.goals)
        for (const m of goal.measures) {
          const values = {
            fieldNumber: field.number,
            field: field.title,
            challenge: challenge.title,
            goalNumber: goal.number,
            goalDescription: goal.description,
            measureNumber: m.number,
            measure: m.title,
            units: m.units.join(', '),
            attainment: labels.attainment(m.attainment),
            ratingKind: t(`report:kind.${m.kind}`),
            narrative: m.narrative,
            agreedBy: m.agreedBy ?? '',
            agreedAt: m.agreedAt === null ? '' : formatDate(berlinDate(m.agreedAt), language),
            meeting: m.meeting ? `${m.meeting.title} (${formatDate(m.meeting.date, language)})` : '',
          } as Record<FlatColumn, string | number>
          for (const flag of FLAGS) values[flag] = m.flags[flag] ? t('report:yes') : t('report:no')
          rows.push({ values, attainment: m.attainment })
        }
  return rows
}

export function berlinDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

/**
 * Text a spreadsheet would take for a formula (=, +, -, @, or a leading tab or carriage return, OWASP's list) gets an
 * apostrophe in front, so Excel and LibreOffice show it as text; the import takes it off again.
 */
export function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
export function undefuse(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/** A file name for Content-Disposition: the words of the export, without characters file systems refuse. */
export function exportFileName(base: string, extension: string): string {
  const safe = [...base].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '-' : c)).join('')
  return `${safe.replace(/-+/g, '-').trim()}.${extension}`
}
