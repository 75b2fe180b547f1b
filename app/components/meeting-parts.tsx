import { Link } from 'react-router'
import { MeasureTimeline } from '~/components/timeline'
import type { AgendaItem } from '~/routes/meeting'
import { ITEM_STATE_SYMBOL, ITEM_STATE_TEXT } from '~/routes/meeting.labels'

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

export function ItemState({ state }: { state: AgendaItem['state'] }) {
  return (
    <span data-testid="item-state">
      <span aria-hidden="true">{ITEM_STATE_SYMBOL[state]} </span>
      {ITEM_STATE_TEXT[state]}
    </span>
  )
}

/** Shared by meeting mode: the measure's path across rounds. */
export function ItemTimeline({ item }: { item: AgendaItem }) {
  if (item.kind !== 'measure') return null
  return <MeasureTimeline entries={item.timeline} label={`Bewertungsverlauf: ${item.title}`} />
}
