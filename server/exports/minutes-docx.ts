import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { Language, T } from '../../app/shared/i18n'
import { berlinToday, formatLongDate } from '../../app/shared/dates'
import { FLAGS, type Attainment, type Flags, flagLabel, attainmentLabel, itemStateLabel, meetingStateLabel } from '../../app/shared/vocabulary'
import type { MeetingDetail } from '../services/meetings/detail'

/**
 * The minutes (Protokoll) of a meeting as a Word document: header, attendance, per agenda item the unit's
 * proposal, the agreed rating with its marks, the item's state and the decision note. Ratings are written out
 * in words; the cell shading repeats them in colour (never colour alone). The document is in the reader's
 * language (the words of the app's message files, dates through Intl); the catalogue's texts, names and notes are
 * the data as it is.
 */

const ATTAINMENT_FILL: Record<Attainment, string> = { high: 'C6EFCE', medium: 'FFEB9C', low: 'FFC7CE', unclear: 'E7E6E6' }

export type MinutesLanguage = { t: T; language: Language }

function cell(text: string, options: { bold?: boolean; fill?: string; width?: number } = {}) {
  return new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold })] })),
    shading: options.fill ? { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } : undefined,
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
  })
}

export async function minutesDocx(detail: MeetingDetail, { t, language }: MinutesLanguage): Promise<Buffer> {
  const { meeting, attendance, items } = detail
  const counts = { agreed: 0, deferred: 0, discussed: 0, open: 0 }
  for (const item of items) counts[item.state]++
  const attainmentText = (value: Attainment | null) => (value ? t(attainmentLabel(value)) : t('meetings:rating.none'))
  const marksText = (flags: Flags | null) =>
    flags ? FLAGS.filter((key) => flags[key]).map((key) => t(flagLabel(key))).join(', ') || t('meetings:minutes.noMarks') : '–'
  const columns = [
    t('meetings:minutes.number'),
    t('meetings:minutes.item'),
    t('meetings:minutes.proposal'),
    t('meetings:minutes.agreed'),
    t('meetings:minutes.agreedMarks'),
    t('meetings:minutes.state'),
    t('meetings:minutes.decision'),
  ]
  const header = new TableRow({ tableHeader: true, children: columns.map((title) => cell(title, { bold: true, fill: 'D9E2F3' })) })
  const rows = items.map((item) => {
    const agreedHere = item.kind === 'measure' && item.agreedHere
    const title = item.kind === 'goal' ? t('meetings:item.goalWhole', { number: item.goalNumber }) : t('meetings:item.goal', { number: item.goalNumber })
    return new TableRow({
      children: [
        cell(String(item.number), { width: 5 }),
        cell(`${title}: ${item.title}\n${item.units.map((u) => u.shortName).join(', ')}`, { width: 33 }),
        cell(item.kind === 'measure' ? attainmentText(item.proposal) : '–', { fill: item.proposal ? ATTAINMENT_FILL[item.proposal] : undefined, width: 9 }),
        cell(agreedHere ? `${attainmentText(item.agreed)}${item.agreedByName ? `\n(${item.agreedByName})` : ''}` : '–', {
          fill: item.agreed ? ATTAINMENT_FILL[item.agreed] : undefined,
          width: 11,
        }),
        cell(item.kind === 'measure' ? marksText(item.agreedFlags) : '–', { width: 14 }),
        cell(t(itemStateLabel(item.state)), { width: 9 }),
        cell(item.decisionNote || '–', { width: 19 }),
      ],
    })
  })
  const date = formatLongDate(meeting.date, language)
  const when = [meeting.time ? t('meetings:when.dateTime', { date, time: meeting.time }) : date, meeting.location].filter(Boolean).join(', ')
  const title = t('meetings:minutes.title', { title: meeting.title })
  const doc = new Document({
    creator: 'Zielwerk',
    title,
    description: t('meetings:minutes.description', { date }),
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: 'landscape' } } },
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: when }),
          new Paragraph({ text: t('meetings:minutes.round', { round: meeting.roundName }) }),
          ...(meeting.state !== 'closed'
            ? [new Paragraph({ children: [new TextRun({ text: t('meetings:minutes.provisionalShort', { state: t(meetingStateLabel(meeting.state)) }), bold: true })] })]
            : []),
          new Paragraph({ text: t('meetings:minutes.present'), heading: HeadingLevel.HEADING_1 }),
          ...(attendance.length
            ? attendance.map((a) => new Paragraph({ text: `${a.name}${a.organisation ? ` (${a.organisation})` : ''}`, bullet: { level: 0 } }))
            : [new Paragraph({ text: t('meetings:minutes.notRecorded') })]),
          new Paragraph({ text: t('meetings:minutes.results'), heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: t('meetings:minutes.summary', { count: items.length, ...counts }) }),
          new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } }),
          new Paragraph({ text: '' }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: t('meetings:minutes.madeWith', { date: formatLongDate(berlinToday(), language) }), italics: true, size: 16 })],
          }),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
