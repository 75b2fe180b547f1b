import type { RouterContextProvider } from 'react-router'
import { forbidden, getServices, getT, reasonText } from '../../../server/auth/require'
import type { Auth } from '../../../server/context'
import { decide } from '../../../server/policies/can'
import type { MeetingDetail, MeetingItem } from '../../../server/services/meetings/detail'
import { MeetingError, meetingSubject, refuseUnlessAllowed, type MeetingRow } from '../../../server/services/meetings/meeting-row'
import { AGREED_MAP, MEETING_MAP } from '~/shared/live/layout'
import { agree, callItem, markEnded, setItemState, stateAllowed, step, writeNote } from '~/shared/live/meeting'
import { agreedDocumentName, meetingDocumentName } from '~/shared/live/names'
import type { LiveAction } from './meeting.schema'

type Ctx = Readonly<RouterContextProvider>

/**
 * The HTTP twin of meeting mode (forms without JavaScript, scripts, tests): the same policy decides (meeting.run,
 * work.agree), the same rules write (app/shared/live/meeting.ts), on the server's copy of the live documents
 * through services.live.edit, so the edit is logged, projected, audited and broadcast like one from a browser.
 */
export async function liveAction(context: Ctx, auth: Auth, detail: MeetingDetail, input: LiveAction, item: MeetingItem | undefined) {
  const { meeting, items } = detail
  const { live } = getServices(context)
  const t = getT(context)
  const verdict = decide(auth.actor, 'meeting.run', meetingSubject(meeting))
  if (verdict === 'forbidden') throw forbidden(reasonText(context, verdict))
  refuseUnlessAllowed(verdict, meeting)
  const meetingDoc = meetingDocumentName(meeting.roundId, meeting.id)
  const userId = auth.user.id
  switch (input.intent) {
    case 'step': {
      // The item to call, or the step from the moderator's item as the document holds it now.
      const called: { id: number | null } = { id: item?.id ?? null }
      await live.edit(meetingDoc, userId, (doc) => {
        const map = doc.getMap(MEETING_MAP)
        if (called.id !== null) callItem(map, called.id)
        else called.id = step(map, items.map((i) => i.id), input.direction ?? 'next')
      })
      const target = items.find((i) => i.id === called.id)
      if (!target) throw new MeetingError(input.direction === 'previous' ? 'meetings:refusal.noPreviousItem' : 'meetings:refusal.noNextItem')
      return { itemId: target.id, success: t('meetings:done.called', { number: target.number }) }
    }
    case 'state': {
      const target = item!
      if (!stateAllowed(target, input.state, target.agreed)) throw new MeetingError('meetings:refusal.agreeFirst')
      await live.edit(meetingDoc, userId, (doc) => setItemState(doc.getMap(MEETING_MAP), target, input.state, target.agreed))
      return { itemId: target.id, success: t('meetings:done.state') }
    }
    case 'note': {
      const target = item!
      await live.edit(meetingDoc, userId, (doc) => writeNote(doc.getMap(MEETING_MAP), target.id, input.note.trim()))
      return { itemId: target.id, success: t('meetings:done.note') }
    }
    case 'agree': {
      const target = item!
      if (target.kind !== 'measure' || target.measureId === null) throw new MeetingError('meetings:refusal.agreeGoal')
      const agreeing = decide(auth.actor, 'work.agree', { state: meeting.roundState })
      if (agreeing === 'forbidden') throw forbidden(reasonText(context, agreeing))
      refuseUnlessAllowed(agreeing, meeting)
      const { attainment, mandatory, routine, responsibilityQuestionable, changedConditions } = input
      const flags = { mandatory, routine, continue: input.continue, responsibilityQuestionable, changedConditions }
      await live.edit(agreedDocumentName(meeting.roundId, target.measureId), userId, (doc) => agree(doc.getMap(AGREED_MAP), { attainment, flags }, target.proposalFlags, meeting.id))
      await live.edit(meetingDoc, userId, (doc) => setItemState(doc.getMap(MEETING_MAP), target, 'agreed', attainment))
      return { itemId: target.id, success: t('meetings:done.agreed') }
    }
  }
}

/**
 * Tells every open screen of the meeting that it has ended (the 'ended' marker of the meeting document). The
 * meeting is closed in the database already; a failure here leaves open screens where they are until they
 * reload, which is no reason to refuse the close.
 */
export async function endLive(context: Ctx, meeting: Pick<MeetingRow, 'id' | 'roundId'>, userId: number): Promise<void> {
  try {
    await getServices(context).live.edit(meetingDocumentName(meeting.roundId, meeting.id), userId, (doc) => markEnded(doc.getMap(MEETING_MAP)))
  } catch (error) {
    console.error(`Sitzung ${meeting.id}: das Ende konnte nicht live gemeldet werden`, error)
  }
}
