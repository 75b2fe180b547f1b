import { AlignmentType, BorderStyle, HeadingLevel, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { Language } from '../../app/shared/i18n'
import { DISPOSITION_KEYS, type ParticipationAnnex, type ParticipationForum } from '../services/forums/participation'
import { forumLabels, languageTag, textDirection, type ForumLabels } from './forum-layout'

/**
 * The report's annex "Beteiligung" as Word blocks (report-docx.ts puts them in a portrait section after the overview
 * annex): the annex heading at Heading 1 like the overview's, each forum at Heading 3 and "Aufgenommene Beiträge" at
 * Heading 4, below the TOC's range (1–2), so the contents list the annex once and number nothing in it.
 */

const FONT = 'Arial'
const BODY = 20
const SMALL = 17
const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' }
const borders = { top: border, bottom: border, left: border, right: border }

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string; lang?: string; rtl?: boolean } = {}) =>
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

const para = (children: TextRun[], after = 100, keepNext = false) => new Paragraph({ spacing: { after }, keepNext, children })

function heading(level: 1 | 3 | 4, text: string, lang?: string) {
  const size = { 1: 30, 3: 24, 4: 21 }[level]
  return new Paragraph({
    heading: { 1: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 }[level],
    keepNext: true,
    spacing: { before: level === 1 ? 360 : 240, after: 120 },
    children: [run(text, { bold: true, size, color: '1F3864', lang })],
  })
}

function countsTable(forum: ParticipationForum, labels: ForumLabels): Table {
  const { t } = labels
  const first = 1900
  const other = Math.floor((9600 - first) / (DISPOSITION_KEYS.length + 1))
  const widths = [first, ...DISPOSITION_KEYS.map(() => other), other]
  const cell = (text: string, i: number, options: { bold?: boolean; fill?: string; lang?: string; size?: number } = {}) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      margins: { top: 30, bottom: 30, left: 50, right: 50 },
      shading: options.fill ? { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } : undefined,
      children: [new Paragraph({ alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT, children: [run(text, { bold: options.bold, size: options.size ?? SMALL, lang: options.lang })] })],
    })
  const row = (label: string, counts: number[], options: { bold?: boolean; header?: boolean; lang?: string } = {}) =>
    new TableRow({ tableHeader: options.header, cantSplit: true, children: [cell(label, 0, { bold: true, fill: options.header ? 'D9E2F3' : undefined, lang: options.lang }), ...counts.map((n, i) => cell(labels.number(n), i + 1, { bold: options.bold }))] })
  return new Table({
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [t('forums:annex.category'), ...DISPOSITION_KEYS.map((key) => labels.disposition(key === 'none' ? null : key)), t('forums:annex.total')].map((text, i) => cell(text, i, { bold: true, fill: 'D9E2F3', size: SMALL - 2 })),
      }),
      ...forum.categories.map((c) => row(labels.category(c), [...DISPOSITION_KEYS.map((key) => c.counts[key]), c.total], { lang: c.preset ? undefined : 'de-DE' })),
      row(t('forums:annex.sum'), [...DISPOSITION_KEYS.map((key) => forum.totals[key]), forum.total], { bold: true }),
    ],
  })
}

function forumBlocks(forum: ParticipationForum, labels: ForumLabels): (Paragraph | Table)[] {
  const { t } = labels
  const groups = forum.targetGroups.length > 0 ? t('forums:annex.targetGroups', { groups: forum.targetGroups.map((g) => labels.targetGroup(g)).join('; ') }) : t('forums:annex.noTargetGroups')
  return [
    heading(3, forum.title, 'de-DE'),
    para([run(t('forums:annex.meta', { date: labels.date(forum.date), format: labels.format(forum.format) }))], 40),
    para([run(groups)], 120),
    ...(forum.total === 0
      ? [para([run(t('forums:annex.noCards'), { italics: true })])]
      : [para([run(t('forums:annex.countsTitle', { title: '' }), { bold: true, size: SMALL }), run(forum.title, { bold: true, size: SMALL, lang: 'de-DE' })], 60, true), countsTable(forum, labels)]),
    heading(4, t('forums:annex.takenUp')),
    ...(forum.takenUp.length === 0
      ? [para([run(t('forums:annex.noneTakenUp'), { italics: true })])]
      : forum.takenUp.flatMap((item) => {
          const rtl = textDirection(item.text) === 'rtl'
          const disposition = item.date ? t('forums:documentation.dispositionDate', { disposition: labels.disposition(item.disposition), date: labels.shortDate(item.date) }) : labels.disposition(item.disposition)
          return [
            new Paragraph({ bidirectional: rtl, keepNext: true, spacing: { after: 0 }, indent: { left: 200 }, children: [run(item.text, { lang: languageTag(item.language), rtl })] }),
            new Paragraph({
              spacing: { after: 120 },
              indent: { left: 200 },
              children: [
                run([labels.category(item.category), labels.target(item), disposition].join(' · '), { size: SMALL, color: '374151' }),
                ...(item.reason ? [run(` · ${t('forums:documentation.reason', { reason: '' })}`, { size: SMALL, color: '374151' }), run(item.reason, { size: SMALL, color: '374151', lang: 'de-DE' })] : []),
              ],
            }),
          ]
        })),
  ]
}

export function participationAnnexDocx(annex: ParticipationAnnex, language: Language): (Paragraph | Table)[] {
  const labels = forumLabels(language)
  const { t } = labels
  return [heading(1, t('forums:annex.title')), para([run(annex.forums.length === 0 ? t('forums:annex.none') : t('forums:annex.intro'))], 200), ...annex.forums.flatMap((forum) => forumBlocks(forum, labels))]
}
