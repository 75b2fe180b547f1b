import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { tFor } from '../../app/shared/i18n/resources'
import { FLAGS, type Attainment, type Flags, flagLabel, attainmentLabel, itemStateLabel, meetingStateLabel } from '../../app/shared/vocabulary'
import type { MeetingDetail } from '../services/meetings/meetings'

/**
 * The minutes (Protokoll) of a meeting as a Word document: header, attendance, per agenda item the unit's
 * proposal, the agreed rating with its marks, the item's state and the decision note. Ratings are written out
 * in words; the cell shading repeats them in colour (never colour alone).
 */

const ATTAINMENT_FILL: Record<Attainment, string> = { high: 'C6EFCE', medium: 'FFEB9C', low: 'FFC7CE', unclear: 'E7E6E6' }
/** The minutes are German, in the words the app uses (app/shared/i18n). */
const de = tFor('de')

const dateFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' })
export const meetingDate = (date: string) => dateFormat.format(new Date(`${date}T12:00:00Z`))

export const marksText = (flags: Flags | null) => (flags ? FLAGS.filter((key) => flags[key]).map((key) => de(flagLabel(key))).join(', ') || 'keine' : '–')
export const attainmentText = (value: Attainment | null) => (value ? de(attainmentLabel(value)) : 'ohne Bewertung')

function cell(text: string, options: { bold?: boolean; fill?: string; width?: number } = {}) {
  return new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold })] })),
    shading: options.fill ? { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } : undefined,
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
  })
}

export async function minutesDocx(detail: MeetingDetail): Promise<Buffer> {
  const { meeting, attendance, items } = detail
  const counts = { agreed: 0, deferred: 0, discussed: 0, open: 0 }
  for (const item of items) counts[item.state]++
  const header = new TableRow({
    tableHeader: true,
    children: ['Nr.', 'Maßnahme / Ziel', 'Vorschlag', 'Abgestimmt', 'Merkmale (abgestimmt)', 'Stand', 'Beschluss'].map((title) => cell(title, { bold: true, fill: 'D9E2F3' })),
  })
  const rows = items.map((item) => {
    const agreedHere = item.kind === 'measure' && item.agreedHere
    return new TableRow({
      children: [
        cell(String(item.number), { width: 5 }),
        cell(`Ziel ${item.goalNumber}${item.kind === 'goal' ? ' (als Ganzes)' : ''}: ${item.title}\n${item.units.map((u) => u.shortName).join(', ')}`, { width: 33 }),
        cell(item.kind === 'measure' ? attainmentText(item.proposal) : '–', { fill: item.proposal ? ATTAINMENT_FILL[item.proposal] : undefined, width: 9 }),
        cell(agreedHere ? `${attainmentText(item.agreed)}${item.agreedByName ? `\n(${item.agreedByName})` : ''}` : '–', {
          fill: item.agreed ? ATTAINMENT_FILL[item.agreed] : undefined,
          width: 11,
        }),
        cell(item.kind === 'measure' ? marksText(item.agreedFlags) : '–', { width: 14 }),
        cell(de(itemStateLabel(item.state)), { width: 9 }),
        cell(item.decisionNote || '–', { width: 19 }),
      ],
    })
  })
  const when = `${meetingDate(meeting.date)}${meeting.time ? `, ${meeting.time} Uhr` : ''}${meeting.location ? `, ${meeting.location}` : ''}`
  const doc = new Document({
    creator: 'Zielwerk',
    title: `Protokoll: ${meeting.title}`,
    description: `Protokoll der Sitzung vom ${meetingDate(meeting.date)}`,
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: 'landscape' } } },
        children: [
          new Paragraph({ text: `Protokoll: ${meeting.title}`, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: when }),
          new Paragraph({ text: `Berichtsrunde: ${meeting.roundName}` }),
          ...(meeting.state !== 'closed'
            ? [new Paragraph({ children: [new TextRun({ text: `Vorläufig: Die Sitzung ${de(meetingStateLabel(meeting.state))}.`, bold: true })] })]
            : []),
          new Paragraph({ text: 'Anwesend', heading: HeadingLevel.HEADING_1 }),
          ...(attendance.length
            ? attendance.map((a) => new Paragraph({ text: `${a.name}${a.organisation ? ` (${a.organisation})` : ''}`, bullet: { level: 0 } }))
            : [new Paragraph({ text: 'Nicht erfasst.' })]),
          new Paragraph({ text: 'Ergebnisse', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            text: `${items.length} Punkte: ${counts.agreed} abgestimmt, ${counts.deferred} vertagt, ${counts.discussed} besprochen, ${counts.open} offen.`,
          }),
          new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } }),
          new Paragraph({ text: '' }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: `Erstellt mit Zielwerk am ${dateFormat.format(new Date())}`, italics: true, size: 16 })],
          }),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
