import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { MeasureTimeline } from '~/ui/timeline'
import { useFormat } from '~/ui/use-format'
import { ITEM_STATE_SYMBOL, itemStateLabel, type ItemState } from '~/shared/vocabulary'
import type { AgendaItem, ItemHeading } from './types'

/** Pieces that the meeting page, meeting mode and the minutes all show. */

/** "Ziel 3: <the measure>" or "Ziel 3 (Ziel als Ganzes): <the goal>"; the catalogue's text stays German. */
export function ItemTitle({ item }: { item: ItemHeading }) {
  const { t } = useTranslation()
  return (
    <>
      <Link to={`/ziele/${item.goalNumber}`}>{t('meetings:item.goal', { number: item.goalNumber })}</Link>
      {item.kind === 'goal' ? ` ${t('meetings:item.wholeGoal')}` : ''}: <span lang="de">{item.title}</span>
    </>
  )
}

export function ItemStateBadge({ state }: { state: ItemState }) {
  const { t } = useTranslation()
  return (
    <span data-testid="item-state">
      <span aria-hidden="true">{ITEM_STATE_SYMBOL[state]} </span>
      {t(itemStateLabel(state))}
    </span>
  )
}

/** The measure's path across rounds (meeting mode). */
export function ItemTimeline({ item }: { item: AgendaItem }) {
  const { t } = useTranslation()
  if (item.kind !== 'measure') return null
  return <MeasureTimeline entries={item.timeline} label={t('meetings:mode.timelineOf', { title: item.title })} />
}

/** Who attended, accounts and guests alike; "Noch nicht erfasst." while nobody is recorded. */
export function AttendanceList({ attendance, testId }: { attendance: { id: number; name: string; organisation: string }[]; testId: string }) {
  const { t } = useTranslation()
  if (attendance.length === 0) return <p>{t('meetings:attendance.none')}</p>
  return (
    <ul className="list-inside list-disc" data-testid={testId}>
      {attendance.map((a) => (
        <li key={a.id}>
          {a.name}
          {a.organisation ? ` (${a.organisation})` : ''}
        </li>
      ))}
    </ul>
  )
}

/** "26.11.2026, 09:30 Uhr" in the page's language (the time only where one is set). */
export function useMeetingDate() {
  const { t } = useTranslation()
  const format = useFormat()
  return (date: string, time: string | null) => (time ? t('meetings:when.dateTime', { date: format.date(date), time }) : format.date(date))
}

/** The line under a meeting's title: date, time and place. */
export function MeetingWhen({ meeting }: { meeting: { date: string; time: string | null; location: string } }) {
  const when = useMeetingDate()
  return (
    <>
      {when(meeting.date, meeting.time)}
      {meeting.location ? ` · ${meeting.location}` : ''}
    </>
  )
}

/** The name of a round: data, and German (WCAG 3.1.2: the language of parts). */
export function RoundName({ name }: { name: string }) {
  return <span lang="de">{name}</span>
}
