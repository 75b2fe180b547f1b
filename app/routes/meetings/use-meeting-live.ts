import type * as Y from 'yjs'
import type { LiveDocument } from '~/collab/connection'
import { useSynced, useYMap } from '~/collab/use-live'
import { AGREED_MAP, MEETING_MAP, readAgreed, readMeeting, readRating, STATUS_MAP, type MeetingLive } from '~/shared/live/layout'
import { agreedMarks } from '~/shared/live/meeting'
import type { Attainment, Flags } from '~/shared/vocabulary'
import type { AgendaItem } from './types'

/**
 * Meeting mode's view of its live documents, read through the layout's readers (app/shared/live/layout.ts), so the
 * browser reads them as the server admits and projects them. Each hook re-renders on a change of its map.
 */

export type LiveRating = { attainment: Attainment | null; flags: Flags | null }

/** The meeting document: the moderator's item, states, notes, whether it ended; null until it is open. */
export function useMeetingLive(live: LiveDocument | undefined): { map: Y.Map<unknown>; meeting: MeetingLive } | null {
  const map = live?.doc.getMap<unknown>(MEETING_MAP)
  useYMap(map)
  return map ? { map, meeting: readMeeting(map) } : null
}

/** The agreed rating as its live document holds it (marks null until all five are agreed); until the document
 * has synced, what the loader sent. */
export function useAgreed(live: LiveDocument | undefined, item: AgendaItem): LiveRating {
  const map = live?.doc.getMap<unknown>(AGREED_MAP)
  useYMap(map)
  const synced = useSynced(live)
  if (!map || !synced) return { attainment: item.agreed, flags: item.agreedFlags }
  const agreed = readAgreed(map)
  return { attainment: agreed.attainment, flags: agreedMarks(agreed) }
}

/** The unit's proposal as the measure's live document holds it (a unit may still change it during the meeting). */
export function useProposal(live: LiveDocument | undefined, item: AgendaItem): LiveRating {
  const map = live && item.kind === 'measure' ? live.doc.getMap<unknown>(STATUS_MAP) : undefined
  useYMap(map)
  const synced = useSynced(live)
  if (!map || !synced) return { attainment: item.proposal, flags: item.proposalFlags }
  return readRating(map)
}
