import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx'
import type { Language } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'
import { chartTable, creditText, type GlossaryEntry, type SheetView } from '../../app/shared/monitoring-figures'
import type { QuarterlyReport, Sheet } from '../../app/shared/monitoring'
import { exportQuarterlyView, exportSheetView, monitoringLabels, type MonitoringLabels } from './monitoring-layout'

/**
 * The monitoring's Word documents: a data sheet, the data report (cover, a TOC field over the sheets' Heading 1,
 * the structure, the glossary once, the 22 sheets from a new page each: the county, then the municipalities in
 * alphabetical order), the quarterly report. Headings are Word's heading styles (sheet 1, area 2, indicator 3), every
 * table has a repeated header row, "Demo-Daten, keine echten Zahlen" stands in the header of every page of a
 * document that shows a demo value.
 *
 * The charts are left out; each one's figures stand as its table, with the chart's title as the table's heading, its
 * summary and its sources and reference date, exactly the rows the chart's own table has on the page and in the PDF
 * (chartTable). A DOCX is the copy people edit and paste from: a table goes on working there, a picture of a chart
 * goes stale the moment someone corrects a figure in it, and Word's alternative text gets lost in many conversions.
 * The tagged PDF is the rendition with the charts. (And the data report would carry some 1,500 pictures.)
 */

const FONT = 'Arial'
const BODY = 19
const SMALL = 16
const TEXT_WIDTH = 9638 // A4 portrait (11906 twips) minus 2 × 1134
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134 }
const HEADER_FILL = 'E5EAF3'
const border = { style: BorderStyle.SINGLE, size: 4, color: '9CA3AF' }
const borders = { top: border, bottom: border, left: border, right: border }

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text, font: FONT, size: options.size ?? BODY, bold: options.bold, italics: options.italics, color: options.color })
const para = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string; keepNext?: boolean; after?: number } = {}) =>
  new Paragraph({ keepNext: options.keepNext, spacing: { after: options.after ?? 80 }, children: [run(text, options)] })

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const
const HEADING_SIZES = { 1: 30, 2: 25, 3: 22, 4: 20 } as const
function heading(text: string, level: 1 | 2 | 3 | 4, pageBreakBefore = false) {
  return new Paragraph({
    heading: HEADINGS[level],
    pageBreakBefore,
    keepNext: true,
    spacing: { before: level === 1 ? 240 : level === 2 ? 240 : 160, after: 80 },
    children: [run(text, { bold: true, size: HEADING_SIZES[level], color: '1F3864' })],
  })
}

/** A table with a header row that repeats on every page it runs onto; the first column as row labels. */
function table(header: string[], rows: string[][], options: { widths?: number[]; strongLast?: boolean } = {}): Table {
  const widths = options.widths ?? defaultWidths(header.length)
  const cell = (text: string, i: number, bold: boolean, fill?: string) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
      margins: { top: 30, bottom: 30, left: 70, right: 70 },
      children: [new Paragraph({ alignment: i > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, { bold, size: SMALL + 1 })] })],
    })
  return new Table({
    columnWidths: widths,
    width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true, HEADER_FILL)) }),
      ...rows.map((r, k) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, !!options.strongLast && k === rows.length - 1)) })),
    ],
  })
}

function defaultWidths(columns: number): number[] {
  if (columns <= 2) return [4200, 3000]
  const first = 2600
  const rest = Math.floor((TEXT_WIDTH - first) / (columns - 1))
  return [first, ...Array.from({ length: columns - 1 }, () => rest)]
}

const gap = () => new Paragraph({ spacing: { after: 60 }, children: [] })

function furniture(labels: MonitoringLabels): Pick<ISectionOptions, 'headers' | 'footers'> {
  const head = [run(labels.runningHead, { size: SMALL, color: '4B5563' })]
  if (labels.showsDemo) head.push(run(`   ${labels.demo}`, { size: SMALL, bold: true, color: '92400E' }))
  return {
    headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: head })] }) },
    footers: {
      default: new Footer({
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: SMALL, children: [`${labels.page} `, PageNumber.CURRENT, ` ${labels.of} `, PageNumber.TOTAL_PAGES] })] })],
      }),
    },
  }
}

function demoNote(labels: MonitoringLabels): Paragraph[] {
  return labels.showsDemo ? [new Paragraph({ spacing: { after: 120 }, children: [run(labels.demo, { bold: true, color: '92400E' }), run(` – ${labels.demoText}`)] })] : []
}

function sheetBlocks(view: SheetView, labels: MonitoringLabels, options: { report: boolean }): (Paragraph | Table)[] {
  const t = labels.t
  const sheet = view.sheet
  const out: (Paragraph | Table)[] = [
    heading(labels.sheetHeading(view), 1, options.report),
    para(view.subtitle, { size: SMALL, color: '374151' }),
    para(`${view.kind} · ${view.published}`, { size: SMALL, color: '374151' }),
    ...(sheet.demo ? demoNote(labels) : []),
    para(view.noRanking, { size: SMALL }),
    para(view.protection, { size: SMALL, color: '374151' }),
    ...(options.report ? [] : [para(t('monitoring:export.chartsLeftOut'), { size: SMALL, italics: true })]),
  ]
  for (const area of view.areas) {
    out.push(heading(area.label, 2))
    for (const v of area.indicators) {
      out.push(heading(v.indicator.name, 3), para(v.unitLine, { size: SMALL, color: '374151', keepNext: true }))
      if (!v.hasAny) out.push(para(t('monitoring:sheet.noValues'), { italics: true }))
      if (v.keyFigures) {
        out.push(
          para(t('monitoring:export.keyFigures', { name: v.indicator.name }), { bold: true, size: SMALL + 1, keepNext: true, after: 40 }),
          table([t('monitoring:export.keyWhat'), t('monitoring:export.keyValue')], v.keyFigures.map((k) => [k.label, k.value]), { widths: [3600, 6000] }),
          gap(),
        )
      }
      for (const chart of v.charts) {
        const rows = chartTable(chart)
        out.push(
          para(chart.title, { bold: true, size: SMALL + 1, keepNext: true, after: 40 }),
          table(rows.header, rows.rows),
          para(chart.summary, { size: SMALL, after: 20 }),
          ...chart.credits.map((c, i) => para(creditText(c), { size: SMALL - 1, color: '374151', after: i === chart.credits.length - 1 ? 140 : 0 })),
        )
      }
      if (v.notes.length > 0) {
        out.push(para(t('monitoring:sheet.notes'), { bold: true, size: SMALL, keepNext: true, after: 20 }))
        for (const note of v.notes) out.push(new Paragraph({ bullet: { level: 0 }, spacing: { after: 20 }, children: [run(note, { size: SMALL })] }))
      }
    }
  }
  out.push(heading(t('monitoring:sheet.interpretation'), 2), para(t('monitoring:sheet.interpretationHint'), { size: SMALL, color: '374151' }))
  if (sheet.interpretation) {
    for (const line of sheet.interpretation.text.split('\n')) out.push(para(line))
    out.push(para(labels.interpretationBy(sheet.interpretation), { size: SMALL, color: '374151' }))
  } else out.push(para(t('monitoring:sheet.interpretationNone'), { italics: true }))
  if (!options.report) out.push(...glossaryBlocks(view.glossary, labels, 2))
  return out
}

function glossaryBlocks(entries: GlossaryEntry[], labels: MonitoringLabels, level: 1 | 2): Paragraph[] {
  const t = labels.t
  const out = [heading(t('monitoring:sheet.glossary'), level, level === 1)]
  for (const g of entries) {
    const parts = [g.definition ?? t('monitoring:overview.warning.definition')]
    if (g.numerator) parts.push(`${t('monitoring:sheet.numerator')}: ${g.numerator}.`)
    if (g.denominator) parts.push(`${t('monitoring:sheet.denominator')}: ${g.denominator}.`)
    const meta = [`${t('monitoring:export.glossaryUnit')}: ${g.unit}`, `${t('monitoring:export.glossaryReference')}: ${g.reference}`]
    if (g.source) meta.push(`${t('monitoring:credits.sourceLabel')} ${g.source}`)
    if (g.presentation) meta.push(`${t('monitoring:credits.presentationLabel')} ${g.presentation}`)
    out.push(
      para(g.name, { bold: true, keepNext: true, after: 20 }),
      para(parts.join(' '), { after: 20, italics: !g.definition && parts.length === 1 }),
      para(meta.join(' · '), { size: SMALL, color: '374151', after: 120 }),
    )
  }
  return out
}

async function pack(title: string, labels: MonitoringLabels, children: (Paragraph | Table | TableOfContents)[], options: { toc?: boolean } = {}): Promise<Uint8Array> {
  const document = new Document({
    title,
    creator: 'Zielwerk',
    description: labels.runningHead,
    styles: { default: { document: { run: { font: FONT, size: BODY } } }, paragraphStyles: [] },
    // The contents' page numbers: Word fills them in when it opens the file (it asks to update the fields).
    ...(options.toc ? { features: { updateFields: true } } : {}),
    sections: [{ properties: { page: { margin: MARGIN } }, ...furniture(labels), children }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

export async function sheetDocx(sheet: Sheet, language: Language): Promise<Uint8Array> {
  const view = exportSheetView(sheet, language)
  const labels = monitoringLabels(language, { demo: sheet.demo, head: `${view.title}: ${sheet.territory.name}` })
  return pack(labels.sheetHeading(view), labels, sheetBlocks(view, labels, { report: false }))
}

export async function datenreportDocx(report: { year: number; sheets: Sheet[] }, language: Language): Promise<Uint8Array> {
  const t = tFor(language)
  const demo = report.sheets.some((s) => s.demo)
  const title = t('monitoring:export.reportTitle', { year: report.year })
  const labels = monitoringLabels(language, { demo, head: title })
  const views = report.sheets.map((s) => exportSheetView(s, language))
  const about = t('monitoring:export.about')
  const cover = [
    new Paragraph({ spacing: { before: 2400, after: 400 }, children: [run(title, { bold: true, size: 52, color: '1F3864' })] }),
    para(t('monitoring:export.reportSubtitle'), { bold: true, size: 24, after: 200 }),
    para(labels.reportDate(report.year), { size: 22 }),
    ...demoNote(labels),
    new Paragraph({ children: [new PageBreak()] }),
  ]
  const headings = [about, t('monitoring:sheet.glossary'), ...views.map((v) => labels.sheetHeading(v))]
  const toc = [
    para(t('monitoring:export.toc'), { bold: true, size: 30, color: '1F3864', after: 200 }),
    new TableOfContents(t('monitoring:export.toc'), { hyperlink: true, headingStyleRange: '1-1', cachedEntries: headings.map((title) => ({ title, level: 1 })), beginDirty: true }),
  ]
  const front = [
    heading(about, 1, true),
    para(t('monitoring:export.aboutText')),
    para(t('monitoring:export.chartsLeftOut'), { italics: true }),
    para(views[0]?.noRanking ?? ''),
    para(t('monitoring:export.interpretationNote')),
    para(views[0]?.protection ?? '', { size: SMALL, color: '374151' }),
    ...glossaryBlocks(views[0]?.glossary ?? [], labels, 1),
  ]
  return pack(title, labels, [...cover, ...toc, ...front, ...views.flatMap((v) => sheetBlocks(v, labels, { report: true }))], { toc: true })
}

export async function quarterlyDocx(report: QuarterlyReport, language: Language): Promise<Uint8Array> {
  const t = tFor(language)
  const view = exportQuarterlyView(report, language)
  const title = `${view.title} ${t('monitoring:quarterly.quarterOption', { quarter: report.quarter, year: report.year })}`
  const labels = monitoringLabels(language, { demo: report.demo, head: title, quarterly: true })
  const out: (Paragraph | Table)[] = [
    heading(view.title, 1),
    para(view.subtitle, { bold: true }),
    para(view.sources, { size: SMALL }),
    para(view.protection, { size: SMALL, color: '374151' }),
    ...demoNote(labels),
    para(t('monitoring:export.chartsLeftOut'), { size: SMALL, italics: true }),
  ]
  for (const s of view.sections) {
    out.push(heading(s.heading, 2))
    if (s.empty) out.push(para(s.empty, { italics: true }))
    if (s.single) out.push(para(s.single))
    s.charts.forEach((c, i) => {
      if (i === s.overviewFrom && s.overviewHeading) out.push(heading(s.overviewHeading, 3))
      const rows = chartTable(c.chart)
      out.push(
        para(c.chart.title, { bold: true, size: SMALL + 1, keepNext: true, after: 40 }),
        table(rows.header, rows.rows),
        para(c.chart.summary, { size: SMALL, after: 20 }),
        ...(c.note ? [para(c.note, { size: SMALL, after: 20 })] : []),
        ...c.chart.credits.map((line, k) => para(creditText(line), { size: SMALL - 1, color: '374151', after: k === c.chart.credits.length - 1 ? 140 : 0 })),
      )
    })
    if (s.benefits) {
      out.push(heading(`${s.benefits.heading}: ${s.benefits.name}`, 3), table(s.benefits.header, s.benefits.rows), ...s.benefits.credits.map((c) => para(creditText(c), { size: SMALL - 1, color: '374151', after: 140 })))
    }
  }
  const q = view.quota
  out.push(
    heading(q.heading, 2),
    para(q.intro),
    para(q.caption, { bold: true, size: SMALL + 1, keepNext: true, after: 40 }),
    table(q.header, q.rows.map((r) => [r.territory, ...r.cells.map((c) => (c.note ? `${c.text} *` : c.text))]), { strongLast: true }),
    para(q.credits.map(creditText).join(' · '), { size: SMALL - 1, color: '374151', after: 60 }),
    ...q.notes.map((n) => para(`* ${n}`, { size: SMALL, after: 20 })),
  )
  return pack(title, labels, out)
}
