import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { berlinToday } from '../../app/shared/dates'
import type { Language } from '../../app/shared/i18n'
import { cardsByCategory, tablesWithCards, type DocumentationCard, type ForumDocumentation } from '../services/forums/documentation'
import type { PollResult } from '../services/forums/polls'
import { forumLabels, languageTag, phasePrefix, photoWhere, pollSummary, textDirection, type ForumLabels } from './forum-layout'
import { chartHeight, CHART_WIDTH } from './html/forum-chart'

/**
 * The forum documentation as an editable Word document: Word heading styles (navigation pane, a TOC if the county
 * adds one), the forum's data as a two-column table, the cards per phase (Heading 3), table (Heading 4) and category
 * (Heading 5) as paragraphs each in its language (w:lang; right-to-left paragraphs and runs for Arabic script), the
 * language, target and disposition beneath each; each televoting result as a chart (PNG, alt text with every count
 * and share) and a table with a repeated header row; the poster photos as stored (JPEG) with alt text and caption.
 * "Forumsdokumentation" as running head, "Seite X von Y" in the footer.
 */

const FONT = 'Arial'
const BODY = 21
const SMALL = 17
/** A4 portrait with 2 cm margins: the text is 9638 twips (≈ 642 px at 96 dpi) wide. */
const MARGIN = 1134
const TEXT_WIDTH_PX = 620
const PHOTO_MAX_HEIGHT_PX = 780

type Run = { bold?: boolean; italics?: boolean; size?: number; color?: string; lang?: string; rtl?: boolean }
const run = (text: string, options: Run = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: options.size ?? BODY,
    bold: options.bold,
    italics: options.italics,
    color: options.color,
    rightToLeft: options.rtl,
    ...(options.lang ? { language: options.rtl ? { value: options.lang, bidirectional: options.lang } : { value: options.lang } } : {}),
  })

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4, 5: HeadingLevel.HEADING_5 } as const
const HEADING_SIZE = { 1: 34, 2: 28, 3: 25, 4: 22, 5: 21 } as const

function heading(level: 1 | 2 | 3 | 4 | 5, runs: TextRun[] | string, options: { pageBreakBefore?: boolean } = {}) {
  // The size and colour are the runs' own; Word's heading style gives the outline level.
  const children = typeof runs === 'string' ? [run(runs, { bold: true, size: HEADING_SIZE[level], color: '1F3864' })] : runs
  return new Paragraph({
    heading: HEADINGS[level],
    keepNext: true,
    pageBreakBefore: options.pageBreakBefore,
    spacing: { before: level <= 2 ? 320 : 200, after: 100 },
    children,
  })
}

/** A heading that starts with the document's words and ends with a German text of the county. */
const mixed = (level: 1 | 2 | 3 | 4 | 5, label: string, german: string, options?: { pageBreakBefore?: boolean }) =>
  heading(level, [run(label, { bold: true, size: HEADING_SIZE[level], color: '1F3864' }), run(german, { bold: true, size: HEADING_SIZE[level], color: '1F3864', lang: 'de-DE' })], options)

const plain = (text: string, options: Run & { after?: number } = {}) => new Paragraph({ spacing: { after: options.after ?? 120 }, children: [run(text, options)] })

const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' }
const borders = { top: border, bottom: border, left: border, right: border }

function cell(text: string | TextRun[], width: number, options: { bold?: boolean; fill?: string; right?: boolean } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    margins: { top: 40, bottom: 40, left: 90, right: 90 },
    shading: options.fill ? { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } : undefined,
    children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: typeof text === 'string' ? [run(text, { bold: options.bold, size: BODY - 1 })] : text })],
  })
}

function dataTable(doc: ForumDocumentation, labels: ForumLabels): Table {
  const { t } = labels
  const f = doc.forum
  const none = t('forums:documentation.none')
  const german = (text: string) => (text ? [run(text, { size: BODY - 1, lang: 'de-DE' })] : none)
  const rows: [string, string | TextRun[]][] = [
    [t('forums:documentation.format'), labels.format(f.format)],
    [t('forums:documentation.targetGroups'), f.targetGroups.length ? f.targetGroups.map((g) => labels.targetGroup(g)).join('; ') : none],
    [t('forums:documentation.date'), labels.date(f.date)],
    [t('forums:documentation.time'), f.time ?? none],
    [t('forums:documentation.place'), german(f.place)],
    [t('forums:documentation.invitedBy'), german(f.invitedBy)],
    [t('forums:documentation.moderators'), f.moderators.length ? f.moderators.join(', ') : none],
    [t('forums:documentation.languages'), f.languages.map((l) => labels.languageName(l)).join(', ')],
    [t('forums:documentation.interpreting'), german(f.interpreting)],
    [t('forums:documentation.material'), f.materialFile || f.materialUrl ? [f.materialFile, f.materialUrl].filter(Boolean).join(' · ') : none],
    ...(f.roundName ? ([[t('forums:documentation.round'), german(f.roundName)]] as [string, TextRun[] | string][]) : []),
    [t('forums:documentation.codeMode'), labels.codeMode(f.codeMode)],
    [t('forums:documentation.joined'), labels.number(f.joined)],
    [t('forums:documentation.state'), labels.forumState(f.state)],
  ]
  const widths = [3000, 6600]
  return new Table({
    columnWidths: widths,
    width: { size: widths[0]! + widths[1]!, type: WidthType.DXA },
    rows: rows.map(([label, value]) => new TableRow({ cantSplit: true, children: [cell(label, widths[0]!, { bold: true, fill: 'F2F2F2' }), cell(value, widths[1]!)] })),
  })
}

function cardParagraphs(card: DocumentationCard, labels: ForumLabels): Paragraph[] {
  const { t } = labels
  const rtl = textDirection(card.text) === 'rtl'
  const bar = { left: { style: BorderStyle.SINGLE, size: 12, color: '9CA3AF', space: 6 } }
  const meta = [
    t('forums:documentation.language', { language: labels.languageName(card.language) }),
    t('forums:documentation.target', { target: labels.target(card) }),
    ...(card.merged > 0 ? [t('forums:documentation.merged', { count: card.merged })] : []),
  ].join(' · ')
  const out = [
    new Paragraph({ bidirectional: rtl, border: bar, indent: { left: 200 }, keepNext: true, spacing: { after: 0 }, children: [run(card.text, { lang: languageTag(card.language), rtl })] }),
    new Paragraph({ border: bar, indent: { left: 200 }, keepNext: card.disposition !== null, spacing: { after: card.disposition ? 0 : 140 }, children: [run(meta, { size: SMALL, color: '374151' })] }),
  ]
  if (card.disposition) {
    const disposition = card.dispositionDate ? t('forums:documentation.dispositionDate', { disposition: labels.disposition(card.disposition), date: labels.shortDate(card.dispositionDate) }) : labels.disposition(card.disposition)
    out.push(
      new Paragraph({
        border: bar,
        indent: { left: 200 },
        spacing: { after: 140 },
        children: [
          run(t('forums:documentation.disposition', { disposition }), { size: SMALL }),
          ...(card.dispositionReason ? [run(`. ${t('forums:documentation.reason', { reason: '' })}`, { size: SMALL }), run(card.dispositionReason, { size: SMALL, lang: 'de-DE' })] : []),
        ],
      }),
    )
  }
  return out
}

function contributions(doc: ForumDocumentation, labels: ForumLabels): (Paragraph | Table)[] {
  const { t } = labels
  const out: (Paragraph | Table)[] = [heading(2, t('forums:documentation.cards'), { pageBreakBefore: true }), plain(t('forums:documentation.cardsIntro'))]
  if (doc.hidden > 0) out.push(plain(t('forums:documentation.hidden', { count: doc.hidden }), { size: SMALL, italics: true }))
  for (const phase of doc.phases) {
    out.push(mixed(3, phasePrefix(labels, phase), phase.title))
    const tables = tablesWithCards(doc, phase.id)
    if (tables.length === 0) out.push(plain(t('forums:documentation.noCards'), { italics: true }))
    for (const table of tables) {
      out.push(table ? mixed(4, t('forums:documentation.table', { number: table.number, name: '' }), table.name) : heading(4, [run(t('forums:documentation.noTable'), { bold: true, size: HEADING_SIZE[4], color: '1F3864' })]))
      if (table?.host) out.push(plain(t('forums:documentation.host', { name: table.host }), { size: SMALL, color: '374151', after: 60 }))
      for (const { category, cards } of cardsByCategory(doc, phase.id, table?.id ?? null)) {
        out.push(heading(5, [run(labels.category(category), { bold: true, size: HEADING_SIZE[5], lang: category.preset ? undefined : 'de-DE' })]))
        for (const card of cards) out.push(...cardParagraphs(card, labels))
      }
    }
  }
  return out
}

function pollBlock(poll: PollResult, index: number, chart: Uint8Array | undefined, labels: ForumLabels): (Paragraph | Table)[] {
  const { t } = labels
  const title = t('forums:documentation.question', { number: index + 1, question: '' })
  const meta = [labels.pollKind(poll), labels.pollState(poll), t('forums:documentation.voters', { count: poll.voters }), ...(poll.mean !== null ? [t('forums:documentation.mean', { mean: labels.number(poll.mean, 1) })] : [])].join(' · ')
  const widths = [5600, 1800, 1800]
  const width = Math.min(TEXT_WIDTH_PX, CHART_WIDTH)
  return [
    mixed(3, title, poll.question),
    plain(meta),
    ...(chart
      ? [
          new Paragraph({
            keepNext: true,
            spacing: { after: 120 },
            children: [
              new ImageRun({
                type: 'png',
                data: chart,
                transformation: { width, height: Math.round((chartHeight(poll) * width) / CHART_WIDTH) },
                altText: { name: title + poll.question, title: title + poll.question, description: t('forums:documentation.chartAlt', { question: poll.question, summary: pollSummary(labels, poll) }) },
              }),
            ],
          }),
        ]
      : []),
    new Table({
      columnWidths: widths,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      rows: [
        new TableRow({ tableHeader: true, children: [t('forums:documentation.answer'), t('forums:documentation.votes'), t('forums:documentation.share')].map((text, i) => cell(text, widths[i]!, { bold: true, fill: 'D9E2F3', right: i > 0 })) }),
        ...poll.options.map((option) => new TableRow({ cantSplit: true, children: [cell([run(option.label, { size: BODY - 1, lang: 'de-DE' })], widths[0]!), cell(labels.number(option.count), widths[1]!, { right: true }), cell(labels.percent(option.percent), widths[2]!, { right: true })] })),
      ],
    }),
    plain(t('forums:documentation.shareNote'), { size: SMALL, italics: true, after: 240 }),
  ]
}

function photoBlock(doc: ForumDocumentation, labels: ForumLabels): Paragraph[] {
  const { t } = labels
  return doc.photos.flatMap((photo) => {
    const where = photoWhere(labels, photo)
    const w = photo.width ?? 1600
    const h = photo.height ?? 1200
    const scale = Math.min(TEXT_WIDTH_PX / w, PHOTO_MAX_HEIGHT_PX / h, 1)
    const alt = t('forums:documentation.photoAlt', { where })
    return [
      new Paragraph({
        keepNext: true,
        spacing: { before: 120, after: 40 },
        children: [new ImageRun({ type: 'jpg', data: photo.bytes, transformation: { width: Math.round(w * scale), height: Math.round(h * scale) }, altText: { name: photo.fileName, title: alt, description: alt } })],
      }),
      plain(t('forums:documentation.photoCaption', { where, file: photo.fileName }), { size: SMALL, italics: true, after: 240 }),
    ]
  })
}

/** `charts`: the PNG of each question's chart by poll id (forum-charts.ts, made on the main thread). */
export async function forumDocumentationDocx(doc: ForumDocumentation, language: Language, charts: [number, Uint8Array][], stand = berlinToday()): Promise<Uint8Array> {
  const labels = forumLabels(language)
  const { t } = labels
  const f = doc.forum
  const chartOf = new Map(charts)
  const children: (Paragraph | Table)[] = [
    mixed(1, `${t('forums:documentation.title')}: `, f.title),
    plain(`${labels.date(f.date)} · ${labels.format(f.format)}`, { bold: true, size: 24 }),
    plain(t('forums:documentation.stand', { date: labels.date(stand) })),
    plain(t('forums:documentation.intro'), { after: 240 }),
    heading(2, t('forums:documentation.data')),
    dataTable(doc, labels),
    heading(3, t('forums:documentation.phases')),
    ...doc.phases.map(
      (phase) =>
        new Paragraph({
          numbering: { reference: 'phases', level: 0 },
          children: [run(phase.title, { lang: 'de-DE' }), run(` – ${t('forums:documentation.categories')}: ${phase.categories.map((c) => labels.category(c)).join(', ')}`)],
        }),
    ),
    ...contributions(doc, labels),
    heading(2, t('forums:documentation.polls'), { pageBreakBefore: true }),
    plain(t('forums:documentation.pollsIntro')),
    ...(doc.polls.length === 0 ? [plain(t('forums:documentation.noPolls'), { italics: true })] : doc.polls.flatMap((poll, i) => pollBlock(poll, i, chartOf.get(poll.pollId), labels))),
    heading(2, t('forums:documentation.photos'), { pageBreakBefore: doc.photos.length > 0 }),
    ...(doc.photos.length === 0 ? [plain(t('forums:documentation.noPhotos'), { italics: true })] : photoBlock(doc, labels)),
  ]
  const document = new Document({
    title: t('forums:documentation.documentTitle', { title: f.title }),
    creator: 'Zielwerk',
    description: `${labels.date(f.date)} · ${labels.format(f.format)}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    numbering: { config: [{ reference: 'phases', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 500, hanging: 300 } } } }] }] },
    sections: [
      {
        properties: { page: { margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(t('forums:documentation.title'), { size: SMALL, color: '4B5563' })] })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: SMALL, children: [`${labels.page} `, PageNumber.CURRENT, ` ${labels.of} `, PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
