import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type ISectionOptions,
} from 'docx'
import type { Language } from '../../app/shared/i18n'
import type { OverviewData, OverviewGoal, OverviewMeasure } from '../services/report/overview'
import { ATTAINMENT_COLOURS, ATTAINMENT_SHAPE, marksText, overviewLabels, ratingWords, type OverviewLabels } from './overview-layout'

/**
 * The overview as an editable Word document (the `docx` library), laid out as the source's annex: landscape A4, the
 * legend "Bewertungsschema" once at the start, one section per field with a real table Ziel | Herausforderung &
 * Zielbeschreibung | Maßnahmen | Bewertung whose header row repeats on every continuation page, a challenge as a
 * row spanning the table, the goal's number and description merged vertically over its measures, and a rating per
 * measure only: a word and a shape, the cell shaded in its colour, the marks as their symbols. Running head
 * "Evaluation" (plus "Entwurf" while the round is open) and "Seite X von Y" in the footer.
 *
 * The blocks (legend, field sections) are exported for the report, which puts the table in its annex.
 */

/** A4 landscape with 2 cm margins: 16838 × 11906 twips; the text is 14570 twips wide. */
export const LANDSCAPE = { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }
export const MARGIN = 1134
const COLUMN_WIDTHS = [900, 6100, 4870, 2700]
const HEADER_FILL = 'D9E2F3'
const CHALLENGE_FILL = 'F2F2F2'
const FONT = 'Arial'
export const SMALL = 18
export const BODY = 20

const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' }
const borders = { top: border, bottom: border, left: border, right: border }

const text = (value: string, options: { bold?: boolean; size?: number; color?: string; italics?: boolean } = {}) =>
  new TextRun({ text: value, font: FONT, size: options.size ?? BODY, bold: options.bold, color: options.color, italics: options.italics })

const para = (runs: TextRun[], options: { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; spacingAfter?: number } = {}) =>
  new Paragraph({ children: runs, alignment: options.alignment, spacing: { after: options.spacingAfter ?? 0 } })

function cell(children: Paragraph[], options: { width: number; fill?: string; columnSpan?: number; rowSpan?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]; center?: boolean }) {
  return new TableCell({
    children,
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    verticalMerge: options.rowSpan,
    verticalAlign: options.center ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    shading: options.fill ? { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } : undefined,
    borders,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  })
}

/** Title, subtitle, round, "Stand", the values shown and the filters: what the first page states. */
export function overviewTitleBlock(labels: OverviewLabels, titleLevel: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1): Paragraph[] {
  return [
    new Paragraph({ heading: titleLevel, children: [text(labels.title, { bold: true, size: 30 })], spacing: { after: 80 } }),
    para([text(labels.subtitle, { bold: true, size: 24 })], { spacingAfter: 120 }),
    para([text(`${labels.round} · ${labels.stand}`)], { spacingAfter: 60 }),
    para([text(`${labels.valuesLabel}: `, { bold: true }), text(labels.values)], { spacingAfter: 60 }),
    para([text(`${labels.filtersLabel}: `, { bold: true }), text(labels.filters.join('; '))], { spacingAfter: labels.draftNote ? 60 : 200 }),
    ...(labels.draftNote ? [para([text(labels.draftNote, { italics: true })], { spacingAfter: 200 })] : []),
  ]
}

/** The legend "Bewertungsschema": four attainments and "not rated" as swatch plus words, the five marks as symbol plus words. */
export function legendBlock(labels: OverviewLabels, headingLevel: (typeof HeadingLevel)[keyof typeof HeadingLevel]): (Paragraph | Table)[] {
  const widths = [700, 4500, 700, 6500]
  const rows = Array.from({ length: Math.max(labels.legendAttainments.length, labels.legendFlags.length) }, (_, i) => {
    const a = labels.legendAttainments[i]
    const f = labels.legendFlags[i]
    return new TableRow({
      cantSplit: true,
      children: [
        cell([para(a ? [text(a.shape, { color: a.colours?.shape ?? '6B7280', size: 24 })] : [], { alignment: AlignmentType.CENTER })], {
          width: widths[0]!,
          fill: a?.colours?.fill,
          center: true,
        }),
        cell([para(a ? [text(a.label)] : [])], { width: widths[1]! }),
        cell([para(f ? [text(f.symbol, { bold: true })] : [], { alignment: AlignmentType.CENTER })], { width: widths[2]!, center: true }),
        cell([para(f ? [text(f.label)] : [])], { width: widths[3]! }),
      ],
    })
  })
  return [
    new Paragraph({ heading: headingLevel, children: [text(labels.legendTitle, { bold: true, size: 24 })], spacing: { before: 120, after: 80 } }),
    new Table({ rows, columnWidths: widths, width: { size: widths.reduce((a, b) => a + b), type: WidthType.DXA }, layout: TableLayoutType.FIXED }),
    para([text(labels.legendProposal, { size: SMALL })], { spacingAfter: 200 }),
  ]
}

function ratingCell(m: OverviewMeasure, labels: OverviewLabels): TableCell {
  const shape = ATTAINMENT_SHAPE[m.attainment ?? 'none']
  const colours = m.attainment ? ATTAINMENT_COLOURS[m.attainment] : null
  const marks = marksText(m, labels)
  const children = [para([text(`${shape} `, { color: colours?.shape ?? '6B7280', size: 22 }), text(ratingWords(m, labels), { bold: !!m.attainment, color: colours?.text })])]
  if (marks) children.push(para([text(marks, { bold: true })]))
  return cell(children, { width: COLUMN_WIDTHS[3]!, fill: colours?.fill })
}

function measureCell(m: OverviewMeasure): TableCell {
  const children = [para([text(m.title)])]
  if (m.units.length > 0) children.push(para([text(m.units.join(', '), { size: SMALL, color: '4B5563' })]))
  return cell(children, { width: COLUMN_WIDTHS[2]! })
}

function goalRows(goal: OverviewGoal, labels: OverviewLabels): TableRow[] {
  return goal.measures.map((m, index) => {
    const merge = goal.measures.length > 1 ? (index === 0 ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE) : undefined
    const first = index === 0
    return new TableRow({
      cantSplit: true,
      children: [
        cell([para(first ? [text(String(goal.number), { bold: true })] : [], { alignment: AlignmentType.CENTER })], { width: COLUMN_WIDTHS[0]!, rowSpan: merge, center: true }),
        cell([para(first ? [text(goal.description)] : [])], { width: COLUMN_WIDTHS[1]!, rowSpan: merge }),
        measureCell(m),
        ratingCell(m, labels),
      ],
    })
  })
}

/** One section per field: its heading and the table (header row repeated on every page the table runs onto). */
export function fieldSections(data: OverviewData, labels: OverviewLabels, headingLevel: (typeof HeadingLevel)[keyof typeof HeadingLevel]): (Paragraph | Table)[] {
  if (data.fields.length === 0) return [para([text(labels.empty, { italics: true })])]
  return data.fields.flatMap((field, index) => {
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [labels.columns.goal, labels.columns.description, labels.columns.measures, labels.columns.rating].map((title, i) =>
        cell([para([text(title, { bold: true })])], { width: COLUMN_WIDTHS[i]!, fill: HEADER_FILL }),
      ),
    })
    const rows = field.challenges.flatMap((challenge) => [
      new TableRow({
        cantSplit: true,
        children: [cell([para([text(challenge.title, { bold: true })])], { width: COLUMN_WIDTHS.reduce((a, b) => a + b), columnSpan: 4, fill: CHALLENGE_FILL })],
      }),
      ...challenge.goals.flatMap((goal) => goalRows(goal, labels)),
    ])
    return [
      new Paragraph({
        heading: headingLevel,
        pageBreakBefore: index > 0,
        keepNext: true,
        children: [text(labels.fieldHeading(field.title), { bold: true, size: 24 })],
        spacing: { before: 120, after: 120 },
      }),
      new Table({ rows: [header, ...rows], columnWidths: COLUMN_WIDTHS, width: { size: COLUMN_WIDTHS.reduce((a, b) => a + b), type: WidthType.DXA }, layout: TableLayoutType.FIXED }),
    ]
  })
}

/** The running head "Evaluation" (and "Entwurf" for an open round) and the footer "Seite X von Y". */
export function pageFurniture(labels: OverviewLabels): Pick<ISectionOptions, 'headers' | 'footers'> {
  const head = [text(labels.runningHead, { size: SMALL, color: '4B5563' })]
  if (labels.draft) head.push(text(`   ${labels.draftMark.toLocaleUpperCase(labels.language)}`, { size: SMALL, bold: true, color: 'B42318' }))
  return {
    headers: { default: new Header({ children: [para(head, { alignment: AlignmentType.RIGHT })] }) },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ font: FONT, size: SMALL, children: [`${labels.page} `, PageNumber.CURRENT, ` ${labels.of} `, PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
    },
  }
}

export const DOCUMENT_STYLES = {
  default: { document: { run: { font: FONT, size: BODY } } },
  paragraphStyles: [],
}

export async function overviewDocx(data: OverviewData, language: Language): Promise<Uint8Array> {
  const labels = overviewLabels(data, language)
  const document = new Document({
    title: labels.documentTitle,
    subject: labels.subtitle,
    creator: 'Zielwerk',
    description: `${labels.round} · ${labels.stand}`,
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: { page: { size: LANDSCAPE, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        ...pageFurniture(labels),
        children: [...overviewTitleBlock(labels), ...legendBlock(labels, HeadingLevel.HEADING_2), ...fieldSections(data, labels, HeadingLevel.HEADING_2)],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
