import type { loadMeeting } from './meeting.server'
import type { loadMinutes } from './minutes.server'

/**
 * The data the Jour fixe's components take, in one leaf module: components import their types from here, never
 * from a route module (route modules import components, so that would be a cycle).
 */

export type MeetingData = ReturnType<typeof loadMeeting>
export type AgendaItem = MeetingData['items'][number]
export type MinutesData = ReturnType<typeof loadMinutes>
export type MinutesItem = MinutesData['items'][number]
/** An item as the pieces both pages show need it (title, state). */
export type ItemHeading = Pick<AgendaItem, 'kind' | 'goalNumber' | 'title'>
