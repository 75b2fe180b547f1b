/** Labels of the Jour fixe pages (UI modules do not import server/; keys as in db/schema.ts). */

export type MeetingStateKey = 'planned' | 'running' | 'closed'
export type ItemStateKey = 'open' | 'discussed' | 'agreed' | 'deferred'
export type ItemReasonKey = 'manual' | 'changed' | 'differs' | 'notAgreed' | 'overdue'

export const MEETING_STATE_TEXT: Record<MeetingStateKey, string> = { planned: 'geplant', running: 'läuft', closed: 'beendet' }

export const ITEM_STATE_TEXT: Record<ItemStateKey, string> = { open: 'offen', discussed: 'besprochen', agreed: 'abgestimmt', deferred: 'vertagt' }

/** A symbol per state, so that the list reads without colour. */
export const ITEM_STATE_SYMBOL: Record<ItemStateKey, string> = { open: '○', discussed: '◐', agreed: '●', deferred: '⏸' }

export const REASON_TEXT: Record<ItemReasonKey, string> = {
  manual: 'von Hand',
  changed: 'seit der letzten Sitzung geändert',
  differs: 'Vorschlag weicht von der letzten Abstimmung ab',
  notAgreed: 'noch nicht abgestimmt',
  overdue: 'überfällig',
}
