import { Link } from 'react-router'
import { MeasureTimeline } from '~/ui/timeline'
import type { AgendaItem } from '~/routes/meetings/meeting'
import { ITEM_STATE_SYMBOL } from '~/shared/vocabulary'
import { itemStateLabel } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'

/** Pieces of the meeting page that meeting mode shows too. */

export function ItemTitle({ item }: { item: AgendaItem }) {
  return item.kind === 'measure' ? (
    <>
      <Link to={`/ziele/${item.goalNumber}`}>Ziel {item.goalNumber}</Link>: {item.title}
    </>
  ) : (
    <>
      <Link to={`/ziele/${item.goalNumber}`}>Ziel {item.goalNumber}</Link> (Ziel als Ganzes): {item.title}
    </>
  )
}

export function ItemStateBadge({ state }: { state: AgendaItem['state'] }) {
  const { t } = useTranslation()
  return (
    <span data-testid="item-state">
      <span aria-hidden="true">{ITEM_STATE_SYMBOL[state]} </span>
      {t(itemStateLabel(state))}
    </span>
  )
}

/** Shared by meeting mode: the measure's path across rounds. */
export function ItemTimeline({ item }: { item: AgendaItem }) {
  if (item.kind !== 'measure') return null
  return <MeasureTimeline entries={item.timeline} label={`Bewertungsverlauf: ${item.title}`} />
}

/** Who attended, accounts and guests alike; "Noch nicht erfasst." while nobody is recorded. */
export function AttendanceList({ attendance, testId }: { attendance: { id: number; name: string; organisation: string }[]; testId: string }) {
  if (attendance.length === 0) return <p>Noch nicht erfasst.</p>
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
