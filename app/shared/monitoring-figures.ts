import { formatDate, formatNumber } from './dates'
import type { Language, T } from './i18n'
import type { Figure, QuarterlyReport, Sheet, SheetIndicator } from './monitoring'
import { dimensionLabel, indicatorAreaLabel, sexLabel, type IndicatorArea, type IndicatorUnit, type ReferenceKind } from './vocabulary'

/**
 * What a data sheet and the quarterly report say, as data: every figure worded (in the language of the page or the
 * export, protected figures as "< 3", "zurückgehalten", "keine Angabe"), and every chart with its title, summary,
 * credits and the rows of its table. The pages (app/routes/monitoring), the tagged PDF and the DOCX
 * (server/exports/monitoring-*) draw from the same description, so an export says exactly what the page says and
 * never more: the figures have passed small-number protection on the server before they get here.
 */

// ── Figures in words ─────────────────────────────────────────────────────────────────────────────────────────────

export type FigureFormat = ReturnType<typeof figureFormat>

export function figureFormat(t: T, language: Language, threshold: number) {
  const number = (value: number, unit: IndicatorUnit) =>
    formatNumber(value, language, unit === 'count' ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 0, maximumFractionDigits: 1 })
  const withUnit = (value: number, unit: IndicatorUnit) => t(`monitoring:unitValue.${unit}`, { value: number(value, unit) })
  const value = (figure: Figure, unit: IndicatorUnit): string => {
    switch (figure.state) {
      case 'shown':
        return figure.value === null ? t('monitoring:figure.missing') : withUnit(figure.value, unit)
      case 'suppressed':
        return t('monitoring:figure.suppressed', { threshold })
      case 'withheld':
        return t('monitoring:figure.withheld')
      case 'gap':
        return t('monitoring:figure.gap')
      default:
        return t('monitoring:figure.missing')
    }
  }
  /** The absolute number beside a share: "1.519 Personen", "< 3 Personen", or null when there is none. */
  const count = (figure: Figure): string | null => {
    if (figure.countSuppressed) return t('monitoring:figure.fewPersons', { threshold })
    if (figure.count === null) return null
    return t('monitoring:figure.persons', { count: figure.count, formatted: formatNumber(figure.count, language) })
  }
  /** Value and, for a share, its absolute number: "3,7 % (492 Personen)". */
  const full = (figure: Figure, unit: IndicatorUnit) => {
    const c = unit === 'count' ? null : count(figure)
    return c ? `${value(figure, unit)} (${c})` : value(figure, unit)
  }
  const referenceDate = (date: string, kind: ReferenceKind) =>
    kind === 'year' ? t('monitoring:credits.year', { year: date.slice(0, 4) }) : t('monitoring:credits.date', { date: formatDate(date, language) })
  return { threshold, language, value, count, full, number, withUnit, referenceDate, chartValue: (figure: Figure) => (figure.state === 'shown' ? figure.value : null) }
}

/** One line of credits under a chart: "Datenquelle: …" (the text German data), "Darstellung und Berechnung: …", the date. */
export type Credit = { label: string | null; text: string; lang: 'de' | null }

export function creditLines(t: T, source: string, presentation: string, date: string): Credit[] {
  return [
    ...(source ? [{ label: t('monitoring:credits.sourceLabel'), text: source, lang: 'de' as const }] : []),
    ...(presentation ? [{ label: t('monitoring:credits.presentationLabel'), text: presentation, lang: 'de' as const }] : []),
    { label: null, text: date, lang: null },
  ]
}

export const creditText = (c: Credit) => (c.label ? `${c.label} ${c.text}` : c.text)

// ── Charts as data ───────────────────────────────────────────────────────────────────────────────────────────────

type ChartBase = { id: string; title: string; summary: string; credits: Credit[]; formatTick: (n: number) => string; testId: string }
export type RangeChartView = ChartBase & {
  kind: 'range'
  range: { min: number; max: number; label: string; minDisplay: string; maxDisplay: string } | null
  marks: { name: string; value: number | null; display: string }[]
  header: [string, string]
}
export type LineChartView = ChartBase & { kind: 'line'; xLabel: string; series: { name: string; points: { x: string; y: number | null; display: string }[] }[] }
export type BarChartView = ChartBase & { kind: 'bar'; header: [string, string]; bars: { label: string; value: number | null; display: string }[] }
export type ChartView = RangeChartView | LineChartView | BarChartView

/** The rows of a chart's table, as the chart components print them: header, then one row per line, label first. */
export function chartTable(chart: ChartView): { header: string[]; rows: string[][] } {
  switch (chart.kind) {
    case 'range':
      return {
        header: chart.header,
        rows: [...chart.marks.map((m) => [m.name, m.display]), ...(chart.range ? [[chart.range.label, `${chart.range.minDisplay} – ${chart.range.maxDisplay}`]] : [])],
      }
    case 'bar':
      return { header: chart.header, rows: chart.bars.map((b) => [b.label, b.display]) }
    case 'line': {
      const xs = [...new Set(chart.series.flatMap((s) => s.points.map((p) => p.x)))]
      return { header: [chart.xLabel, ...chart.series.map((s) => s.name)], rows: xs.map((x) => [x, ...chart.series.map((s) => s.points.find((p) => p.x === x)?.display ?? '–')]) }
    }
  }
}

// ── A data sheet ─────────────────────────────────────────────────────────────────────────────────────────────────

export type KeyFigure = { key: 'own' | 'ownCount' | 'county' | 'range'; label: string; lang: 'de' | null; hint: string | null; value: string }
export type IndicatorView = {
  indicator: SheetIndicator
  unitLine: string
  hasAny: boolean
  /** Null when neither the territory nor the county has a figure (then no range chart either). */
  keyFigures: KeyFigure[] | null
  charts: ChartView[]
  notes: string[]
}
export type GlossaryEntry = { name: string; definition: string | null; numerator: string | null; denominator: string | null; unit: string; reference: string; source: string; presentation: string }
export type SheetView = {
  sheet: Sheet
  title: string
  subtitle: string
  kind: string
  published: string
  noRanking: string
  protection: string
  areas: { area: IndicatorArea; label: string; indicators: IndicatorView[] }[]
  glossary: GlossaryEntry[]
}

/**
 * A sheet as the page shows it. `idPrefix` keeps the chart ids of several sheets in one document apart (the data
 * report prints 22); a page has one sheet and no prefix.
 */
export function sheetView(sheet: Sheet, t: T, f: FigureFormat, idPrefix = ''): SheetView {
  return {
    sheet,
    title: t('monitoring:sheet.titleShort', { year: sheet.year }),
    subtitle: t('monitoring:sheet.subtitle', { date: formatDate(sheet.referenceDate, f.language) }),
    kind: sheet.territory.kind === 'county' ? t('monitoring:sheet.countyKind') : (sheet.territory.municipalityKind ?? ''),
    published: sheet.published ? t('monitoring:sheet.publishedNote') : t('monitoring:sheet.unpublishedNote'),
    noRanking: t('monitoring:sheet.noRanking'),
    protection: t('monitoring:figure.protectionNote', { threshold: sheet.threshold, below: sheet.threshold - 1 }),
    areas: sheet.areas.map((a) => ({ area: a.area, label: t(indicatorAreaLabel(a.area)), indicators: a.indicators.map((i) => indicatorView(sheet, i, t, f, idPrefix)) })),
    glossary: glossary(sheet.areas.flatMap((a) => a.indicators), t),
  }
}

export function glossary(indicators: SheetIndicator[], t: T): GlossaryEntry[] {
  return indicators.map((i) => ({
    name: i.name,
    definition: i.definition || null,
    numerator: i.numerator || null,
    denominator: i.denominator || null,
    unit: t(`vocabulary:monitoring.unit.${i.unit}`),
    reference: t(`vocabulary:monitoring.referenceKind.${i.referenceKind}`),
    source: i.dataSource,
    presentation: i.presentation,
  }))
}

function indicatorView(sheet: Sheet, i: SheetIndicator, t: T, f: FigureFormat, idPrefix: string): IndicatorView {
  const isCounty = sheet.territory.kind === 'county'
  const territory = sheet.territory.name
  const id = (suffix: string) => `${idPrefix}${i.key}-${suffix}`
  const base = (title: string, summary: string, testId: string) => ({
    title,
    summary,
    credits: creditLines(t, i.dataSource, i.presentation, f.referenceDate(sheet.referenceDate, i.referenceKind)),
    formatTick: (n: number) => f.number(n, i.unit),
    testId,
  })
  const notes = [...new Set([i.own, i.county, ...i.breakdowns.flatMap((b) => b.parts.map((p) => p.figure)), ...(i.sexes?.parts.map((p) => p.figure) ?? [])].map((x) => x.note).filter(Boolean))]
  const range = i.range
    ? { min: i.range.min, max: i.range.max, label: t('monitoring:sheet.range'), minDisplay: f.withUnit(i.range.min, i.unit), maxDisplay: f.withUnit(i.range.max, i.unit) }
    : null
  // A municipality's count beside the county's would only show the county's size: counts are set in the municipal
  // range alone (the county's count stands in the key figures), shares and rates beside the county's.
  const withCounty = isCounty || i.unit !== 'count'
  const charts: ChartView[] = []
  let keyFigures: KeyFigure[] | null = null
  if (i.own.state !== 'missing' || i.county.state !== 'missing') {
    const ownCount = i.unit !== 'count' ? f.count(i.own) : null
    keyFigures = [
      ...(isCounty ? [] : [{ key: 'own' as const, label: territory, lang: 'de' as const, hint: null, value: f.value(i.own, i.unit) }]),
      ...(!isCounty && ownCount ? [{ key: 'ownCount' as const, label: t('monitoring:sheet.absolute'), lang: null, hint: null, value: ownCount }] : []),
      { key: 'county', label: t('monitoring:sheet.county'), lang: 'de', hint: null, value: f.full(i.county, i.unit) },
      {
        key: 'range',
        label: t('monitoring:sheet.range'),
        lang: null,
        hint: t('monitoring:sheet.rangeHint'),
        value: range && i.range ? t('monitoring:sheet.rangeOf', { min: range.minDisplay, max: range.maxDisplay, count: i.range.municipalities, of: i.range.of }) : t('monitoring:sheet.rangeNone'),
      },
    ]
    const rangeSummary = range
      ? isCounty
        ? t('monitoring:sheet.rangeSummaryCounty', { county: f.full(i.county, i.unit), min: range.minDisplay, max: range.maxDisplay })
        : t('monitoring:sheet.rangeSummary', { territory, own: f.full(i.own, i.unit), county: f.full(i.county, i.unit), min: range.minDisplay, max: range.maxDisplay })
      : t('monitoring:sheet.rangeSummaryNone', { territory, own: f.full(i.own, i.unit), county: f.full(i.county, i.unit) })
    charts.push({
      kind: 'range',
      id: id('range'),
      ...base(t('monitoring:sheet.rangeTitle', { name: i.name }), rangeSummary, 'range-chart'),
      range,
      marks: [
        ...(isCounty ? [] : [{ name: territory, value: f.chartValue(i.own), display: f.full(i.own, i.unit) }]),
        ...(withCounty ? [{ name: t('monitoring:sheet.county'), value: f.chartValue(i.county), display: f.full(i.county, i.unit) }] : []),
      ],
      header: [t('monitoring:sheet.part'), t('monitoring:sheet.value')],
    })
  }
  const series = i.series.length >= 2 ? i.series : []
  const lead = (p: (typeof series)[number]) => (isCounty ? p.county : p.own)
  const first = series.find((p) => lead(p).state === 'shown')
  const last = series.findLast((p) => lead(p).state === 'shown')
  if (first && last && first !== last) {
    const summary = `${t('monitoring:sheet.developmentSummary', { territory, from: first.year, first: f.full(lead(first), i.unit), to: last.year, last: f.full(lead(last), i.unit) })}${
      i.comparableFrom ? ` ${t('monitoring:sheet.developmentFrom', { year: i.comparableFrom })}` : ''
    }`
    charts.push({
      kind: 'line',
      id: id('development'),
      ...base(t('monitoring:sheet.developmentTitle', { name: i.name }), summary, 'development-chart'),
      xLabel: t('monitoring:sheet.year'),
      series: [
        ...(isCounty ? [] : [{ name: territory, points: series.map((p) => ({ x: String(p.year), y: f.chartValue(p.own), display: f.full(p.own, i.unit) })) }]),
        ...(withCounty ? [{ name: t('monitoring:sheet.county'), points: series.map((p) => ({ x: String(p.year), y: f.chartValue(p.county), display: f.full(p.county, i.unit) })) }] : []),
      ],
    })
  }
  const breakdown = (suffix: string, title: string, parts: { label: string; figure: Figure }[]): BarChartView => {
    const shown = parts.filter((p) => p.figure.state === 'shown' && p.figure.value !== null)
    const largest = shown.reduce<(typeof parts)[number] | null>((a, p) => (!a || (p.figure.value ?? 0) > (a.figure.value ?? 0) ? p : a), null)
    const summary = largest
      ? t('monitoring:sheet.breakdownSummary', { count: parts.length, largest: largest.label, value: f.full(largest.figure, i.unit) })
      : t('monitoring:sheet.breakdownSummaryNone', { count: parts.length })
    return {
      kind: 'bar',
      id: id(suffix),
      ...base(t('monitoring:sheet.breakdownTitle', { name: `${i.name} – ${sheet.territory.name}`, dimension: title }), summary, 'breakdown-chart'),
      header: [title, t('monitoring:sheet.value')],
      bars: parts.map((p) => ({ label: p.label, value: f.chartValue(p.figure), display: f.full(p.figure, i.unit) })),
    }
  }
  if (i.sexes) charts.push(breakdown('sex', t('vocabulary:monitoring.breakdown.sex'), i.sexes.parts.map((p) => ({ label: t(sexLabel(p.sex)), figure: p.figure }))))
  for (const b of i.breakdowns) charts.push(breakdown(b.dimension, t(dimensionLabel(b.dimension)), b.parts))
  return {
    indicator: i,
    unitLine: `${t(`vocabulary:monitoring.unit.${i.unit}`)} · ${t(`vocabulary:monitoring.referenceKind.${i.referenceKind}`)}`,
    hasAny: i.own.state !== 'missing' || i.breakdowns.length > 0 || i.sexes !== null,
    keyFigures,
    charts,
    notes,
  }
}

// ── The quarterly report ─────────────────────────────────────────────────────────────────────────────────────────

export type QuarterlySectionView = {
  section: number
  heading: string
  /** Set when the section's indicator is not defined, or has no values for the quarter. */
  empty: string | null
  /** A single quarter's value, as a sentence (no chart for one point). */
  single: string | null
  charts: { chart: ChartView; note: string | null }[]
  /** Heading of the overview part ("1.2 Überblick …"), before the breakdown charts. */
  overviewHeading: string | null
  /** Index into charts where the overview part begins. */
  overviewFrom: number
  benefits: { heading: string; name: string; caption: string; header: string[]; rows: string[][]; credits: Credit[] } | null
}
export type QuarterlyView = {
  report: QuarterlyReport
  title: string
  subtitle: string
  sources: string
  protection: string
  dateText: string
  sections: QuarterlySectionView[]
  quota: { heading: string; intro: string; caption: string; header: string[]; rows: { territory: string; cells: { text: string; note: string }[]; county: boolean }[]; credits: Credit[]; notes: string[] }
}

export function quarterlyView(report: QuarterlyReport, t: T, f: FigureFormat): QuarterlyView {
  const dateText = t('monitoring:credits.quarter', { date: formatDate(report.date, f.language), quarter: report.quarter, year: report.year })
  const quarterLabel = (date: string) => t('monitoring:quarterly.quarterOption', { year: date.slice(0, 4), quarter: Math.ceil(Number(date.slice(5, 7)) / 3) })
  const summaryOf = (parts: { label: string; figure: Figure }[]) => {
    const largest = parts.reduce<(typeof parts)[number] | null>((a, p) => (p.figure.value !== null && (!a || p.figure.value > (a.figure.value ?? 0)) ? p : a), null)
    return largest
      ? t('monitoring:sheet.breakdownSummary', { count: parts.length, largest: largest.label, value: f.value(largest.figure, 'count') })
      : t('monitoring:sheet.breakdownSummaryNone', { count: parts.length })
  }
  const bars = (parts: { label: string; figure: Figure }[]) => parts.map((p) => ({ label: p.label, value: f.chartValue(p.figure), display: f.value(p.figure, 'count') }))
  const sections = report.sections.map((s): QuarterlySectionView => {
    const base = (id: string, title: string, summary: string) => ({
      id: `q${s.section}-${id}`,
      title,
      summary,
      credits: creditLines(t, s.indicator?.dataSource ?? '', s.indicator?.presentation ?? '', dateText),
      formatTick: (n: number) => f.number(n, 'count'),
      testId: `q-${id}`,
    })
    const first = s.development[0]
    const last = s.development.at(-1)
    const charts: QuarterlySectionView['charts'] = []
    if (first && last && s.development.length >= 2) {
      charts.push({
        chart: {
          kind: 'line',
          ...base(
            'development',
            `${s.section}.1 ${t('monitoring:quarterly.development')}`,
            t('monitoring:quarterly.developmentSummary', { from: quarterLabel(first.date), first: f.value(first.figure, 'count'), to: quarterLabel(last.date), last: f.value(last.figure, 'count') }),
          ),
          xLabel: t('monitoring:quarterly.date'),
          series: [{ name: s.indicator?.name ?? '', points: s.development.map((d) => ({ x: quarterLabel(d.date), y: f.chartValue(d.figure), display: f.value(d.figure, 'count') })) }],
        },
        note: null,
      })
    }
    const overviewFrom = charts.length
    if (s.sexes.length > 0) {
      charts.push({
        chart: {
          kind: 'bar',
          ...base('sex', t('vocabulary:monitoring.breakdown.sex'), `${s.indicator?.name ?? ''}: ${f.value(s.total, 'count')}`),
          header: [t('vocabulary:monitoring.breakdown.sex'), t('monitoring:sheet.value')],
          bars: bars(s.sexes.map((x) => ({ label: t(sexLabel(x.sex)), figure: x.figure }))),
        },
        note: null,
      })
    }
    for (const b of s.breakdowns) {
      charts.push({
        chart: { kind: 'bar', ...base(b.dimension, t(dimensionLabel(b.dimension)), summaryOf(b.parts)), header: [t(dimensionLabel(b.dimension)), t('monitoring:sheet.value')], bars: bars(b.parts) },
        note: s.section === 2 && b.dimension === 'nationality' ? t('monitoring:quarterly.minorGrouped') : null,
      })
    }
    const labels = [...new Set(s.benefits.development.flatMap((r) => r.parts.map((p) => p.label)))]
    return {
      section: s.section,
      heading: t(`monitoring:quarterly.section${s.section as 1 | 2 | 3}`),
      empty: !s.indicator ? t('monitoring:quarterly.noIndicator') : s.total.state === 'missing' ? t('monitoring:quarterly.noValues') : null,
      single: first && last && s.development.length < 2 ? `${s.section}.1 ${t('monitoring:quarterly.development')}: ${quarterLabel(first.date)} ${f.value(first.figure, 'count')}` : null,
      charts,
      overviewHeading: s.sexes.length > 0 || s.breakdowns.length > 0 ? `${s.section}.${first ? 2 : 1} ${t('monitoring:quarterly.overview')}` : null,
      overviewFrom,
      benefits:
        s.benefits.indicator && s.benefits.development.length > 0
          ? {
              heading: t('monitoring:quarterly.benefits'),
              name: s.benefits.indicator.name,
              caption: s.benefits.indicator.name,
              header: [t('monitoring:quarterly.date'), ...labels],
              rows: s.benefits.development.map((r) => [quarterLabel(r.date), ...labels.map((l) => {
                const part = r.parts.find((p) => p.label === l)
                return part ? f.value(part.figure, 'count') : '–'
              })]),
              credits: [{ label: t('monitoring:credits.sourceLabel'), text: s.benefits.indicator.dataSource, lang: 'de' }],
            }
          : null,
    }
  })
  const a = report.allocation
  return {
    report,
    title: t('monitoring:quarterly.title'),
    subtitle: t('monitoring:quarterly.subtitle', { quarter: report.quarter, year: report.year }),
    sources: t('monitoring:quarterly.sources'),
    protection: t('monitoring:figure.protectionNote', { threshold: report.threshold, below: report.threshold - 1 }),
    dateText,
    sections,
    quota: {
      heading: t('monitoring:quarterly.section4'),
      intro: t('monitoring:quarterly.quotaIntro', { date: formatDate(report.date, f.language) }),
      caption: t('monitoring:quarterly.quotaCaption'),
      header: [t('monitoring:quarterly.municipality'), ...a.columns],
      rows: [
        ...a.rows.map((r) => ({ territory: r.territory, cells: r.cells.map((c) => ({ text: f.value(c, 'count'), note: c.note })), county: false })),
        { territory: t('monitoring:quarterly.countyRow'), cells: a.county.map((c) => ({ text: f.value(c, 'count'), note: '' })), county: true },
      ],
      credits: [{ label: t('monitoring:credits.sourceLabel'), text: a.sources.join('; ') || a.indicator?.dataSource || '–', lang: 'de' }, { label: null, text: dateText, lang: null }],
      notes: a.rows.flatMap((r) => r.cells.filter((c) => c.note).map((c) => `${r.territory}: ${c.note}`)),
    },
  }
}
