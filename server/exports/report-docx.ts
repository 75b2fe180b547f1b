import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx'
import type { Language } from '../../app/shared/i18n'
import { isAllowedHref } from '../../app/shared/live/extensions'
import type { ReportData, ReportNode, ReportReferences } from '../services/report/report'
import { textOf, tocEntries as tocTitles } from './html/report'
import { BODY, DOCUMENT_STYLES, fieldSections, LANDSCAPE, legendBlock, MARGIN, overviewTitleBlock, pageFurniture, SMALL } from './overview-docx'
import { overviewLabels, reportLabels, type OverviewLabels, type ReportLabels } from './overview-layout'
import { participationAnnexDocx } from './forum-annex-docx'

/**
 * The whole report as an editable Word document: cover (title, authors as name + unit, "Stand"), a real Word table
 * of contents (a TOC field over the Heading 1–2 styles, so Word's navigation pane and "Update field" work; Word fills
 * in its page numbers on opening, other applications show the entries as written), chapters
 * 1–4 with 3.1–3.9 per field, the legend in chapter 2, the optional generated statistics, and the overview table as
 * the annex on landscape pages, its headings below the TOC's range (outside its numbering), and on request the
 * participation annex after it on portrait pages (forum-annex-docx.ts). "Entwurf" in the header
 * of every page while the round is open.
 */

const FONT = 'Arial'
const ORDERED = 'report-ordered'

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) => new TextRun({ text, font: FONT, size: options.size ?? BODY + 2, ...options })

function heading(text: string, level: 1 | 2, pageBreakBefore = false) {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    pageBreakBefore,
    keepNext: true,
    spacing: { before: level === 1 ? 360 : 240, after: 120 },
    children: [run(text, { bold: true, size: level === 1 ? 30 : 26, color: '1F3864' })],
  })
}

/** ProseMirror (narrative schema) → Word paragraphs: paragraphs, bold, italic, links, hard breaks, bullet and numbered lists. */
export function chapterParagraphs(node: ReportNode | null, labels: ReportLabels, references: ReportReferences): Paragraph[] {
  const blocks = node?.content ?? []
  if (blocks.length === 0 || !blocks.some((b) => textOf(b).trim())) return [new Paragraph({ children: [run(labels.emptyChapter, { italics: true })] })]
  const out: Paragraph[] = []
  let lists = 0
  const walk = (block: ReportNode, list: { kind: 'bullet' | 'ordered'; level: number; instance: number } | null) => {
    if (block.type === 'bulletList' || block.type === 'orderedList') {
      const kind = block.type === 'bulletList' ? 'bullet' : 'ordered'
      const level = list ? list.level + 1 : 0
      const instance = kind === 'ordered' ? ++lists : 0
      for (const item of block.content ?? []) for (const child of item.content ?? []) walk(child, { kind, level, instance })
      return
    }
    const children = inline(block.type === 'paragraph' ? (block.content ?? []) : [block], references)
    out.push(
      new Paragraph({
        children,
        spacing: { after: 120 },
        ...(list?.kind === 'bullet' ? { bullet: { level: list.level } } : {}),
        ...(list?.kind === 'ordered' ? { numbering: { reference: ORDERED, level: list.level, instance: list.instance } } : {}),
      }),
    )
  }
  for (const block of blocks) walk(block, null)
  return out
}

function inline(nodes: ReportNode[], references: ReportReferences): ParagraphChild[] {
  return nodes.map((node) => {
    if (node.type === 'hardBreak') return new TextRun({ break: 1 })
    if (node.type !== 'text') {
      const resolved = references.resolve(node)
      return resolved ? new TextRun({ text: resolved.text, font: FONT, size: BODY + 2, ...(resolved.lang ? { language: { value: 'de-DE' } } : {}) }) : run(textOf(node))
    }
    const marks = new Set((node.marks ?? []).map((m) => m.type))
    const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href
    const styled = new TextRun({ text: node.text ?? '', font: FONT, size: BODY + 2, bold: marks.has('bold'), italics: marks.has('italic'), ...(isAllowedHref(href) ? { style: 'Hyperlink' } : {}) })
    return isAllowedHref(href) ? new ExternalHyperlink({ link: href, children: [styled] }) : styled
  })
}

function statisticsTable(field: string, stats: NonNullable<ReportData['fields'][number]['statistics']>, labels: ReportLabels, overview: OverviewLabels): (Paragraph | Table)[] {
  const widths = [6200, 2200]
  const row = (label: string, value: string, bold = false) =>
    new TableRow({
      children: [label, value].map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            children: [new Paragraph({ alignment: i === 1 ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, { bold, size: BODY })] })],
          }),
      ),
    })
  return [
    new Paragraph({ keepNext: true, spacing: { before: 120, after: 40 }, children: [run(labels.statisticsTitle(field), { bold: true, size: BODY })] }),
    new Paragraph({ keepNext: true, spacing: { after: 60 }, children: [run(labels.statisticsNote, { italics: true, size: SMALL })] }),
    new Table({
      columnWidths: widths,
      width: { size: widths[0]! + widths[1]!, type: WidthType.DXA },
      rows: [
        new TableRow({ tableHeader: true, children: [labels.statisticsWhat, labels.statisticsCount].map((text, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: [new Paragraph({ children: [run(text, { bold: true, size: BODY })] })] })) }),
        ...overview.legendAttainments.map((a) => row(a.label, String(stats.attainments[a.key]))),
        ...overview.legendFlags.map((f) => row(`${f.symbol} ${f.label}`, String(stats.flags[f.key]))),
        row(labels.statisticsMeasures, String(stats.total), true),
      ],
    }),
    new Paragraph({ children: [] }),
  ]
}

export async function reportDocx(data: ReportData, language: Language): Promise<Uint8Array> {
  const labels = reportLabels(data.overview, language)
  const overview = overviewLabels(data.overview, language)
  const margin = { top: 1247, bottom: 1134, left: 1247, right: 1134 }
  const cover = [
    new Paragraph({ spacing: { before: 2400, after: 600 }, children: [run(data.title || labels.coverTitle, { bold: true, size: 44, color: '1F3864' })] }),
    ...data.authors.map((a) => new Paragraph({ spacing: { after: 80 }, children: [run(a.unit ? `${a.name}, ${a.unit}` : a.name, { size: 24 })] })),
    new Paragraph({ spacing: { before: 400 }, children: [run(overview.stand, { size: 24 })] }),
    ...(overview.draftNote ? [new Paragraph({ spacing: { before: 200 }, children: [run(overview.draftNote, { italics: true })] })] : []),
    new Paragraph({ children: [new PageBreak()] }),
  ]
  const toc = [
    new Paragraph({ spacing: { after: 200 }, children: [run(labels.toc, { bold: true, size: 32, color: '1F3864' })] }),
    new TableOfContents(labels.toc, {
      hyperlink: true,
      headingStyleRange: '1-2',
      // The entries as the headings are, for applications that show the field's last result (LibreOffice).
      cachedEntries: tocTitles(data, labels, language).map(({ title, level }) => ({ title, level })),
      beginDirty: true,
    }),
  ]
  const chapters = [
    heading(labels.chapter(1, labels.introduction), 1, true),
    ...chapterParagraphs(data.introduction, labels, data.references),
    heading(labels.chapter(2, labels.method), 1),
    ...chapterParagraphs(data.method, labels, data.references),
    ...legendBlock(overview, HeadingLevel.HEADING_3),
    heading(labels.chapter(3, labels.results), 1),
    ...data.fields.flatMap((f) => [
      heading(labels.chapter(`3.${f.number}`, f.title), 2),
      ...chapterParagraphs(f.text, labels, data.references),
      ...(f.statistics ? statisticsTable(f.title, f.statistics, labels, overview) : []),
    ]),
    heading(labels.chapter(4, labels.conclusion), 1),
    ...chapterParagraphs(data.conclusion, labels, data.references),
  ]
  const annex = [
    heading(labels.annex, 1),
    ...overviewTitleBlock(overview, HeadingLevel.HEADING_3),
    ...legendBlock(overview, HeadingLevel.HEADING_4),
    ...fieldSections(data.overview, overview, HeadingLevel.HEADING_3),
  ]
  const furniture = pageFurniture(overview)
  const document = new Document({
    title: labels.documentTitle,
    subject: overview.subtitle,
    creator: 'Zielwerk',
    description: `${overview.round} · ${overview.stand}`,
    styles: DOCUMENT_STYLES,
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [0, 1, 2].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    // docx lays the pages out itself and writes the TOC's page numbers; a guess where its width tables end.
    // Word fills in the contents' page numbers when it opens the file (it asks to update the fields). docx's own page
    // layout (docx/layout) could write them in, but takes ~3 s of blocked event loop for the annex on this machine.
    features: { updateFields: true },
    sections: [
      { properties: { page: { margin } }, ...furniture, children: [...cover, ...toc, ...chapters] },
      { properties: { page: { size: LANDSCAPE, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } }, ...furniture, children: annex },
      ...(data.participation ? [{ properties: { page: { margin } }, ...furniture, children: participationAnnexDocx(data.participation, language) }] : []),
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
