import { redirect, type RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireIdParam, requireRole, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { can, type Actor } from '../../../server/policies/can'
import { meetingRunning } from '../../../server/policies/meetings'
import { roundOpen } from '../../../server/policies/policy'
import { goalUnitIds } from '../../../server/services/catalogue/catalogue'
import { measureTimeline } from '../../../server/services/catalogue/timeline'
import { addItems, agendaOptions, agendaProposals, moveItem, removeItem, type AgendaPick } from '../../../server/services/meetings/agenda'
import { attendanceCandidates, parseGuests, setAttendance } from '../../../server/services/meetings/attendance'
import { meetingDetail, type MeetingDetail, type MeetingItem } from '../../../server/services/meetings/detail'
import { closeMeeting, deleteMeeting, MeetingError, startMeeting, updateMeeting } from '../../../server/services/meetings/meetings'
import { meetingSubject } from '../../../server/services/meetings/meeting-row'
import { agreedDocumentName, goalDocumentName, measureDocumentName, meetingDocumentName } from '~/shared/live/names'
import { berlinToday } from '~/shared/dates'
import { IdParam, parseForm } from '~/shared/forms'
import { ActionSchema } from './meeting.schema'
import { endLive, liveAction } from './meeting-live.server'
import { forumFeedbackFor } from '~/routes/forums/feedback-panel.server'

type Ctx = Readonly<RouterContextProvider>

/** The meeting with everything its page shows, or 404 (a malformed id, or no such meeting). */
export function detailOr404(context: Ctx, param: string | undefined): MeetingDetail {
  const id = requireIdParam(context, param, 'meetings:notFoundParam')
  try {
    return meetingDetail(getServices(context).db, id)
  } catch (error) {
    if (error instanceof MeetingError) throw notFound(error.text(getT(context)))
    throw error
  }
}

/** An agenda item as the page shows it, with its live documents (none once the round is no longer open). */
function agendaItem(context: Ctx, actor: Actor, meeting: MeetingDetail['meeting'], item: MeetingItem, timeline: ReturnType<typeof measureTimeline>) {
  const { db } = getServices(context)
  const open = roundOpen(meeting.roundState) === 'allowed'
  // The item's own live document (measure: proposal and narrative; goal: its narrative), co-edited in the
  // meeting by whoever may edit it anyway.
  const unitIds = item.kind === 'measure' ? item.units.map((u) => u.id) : goalUnitIds(db, item.goalId!)
  return {
    id: item.id,
    number: item.number,
    kind: item.kind,
    measureId: item.measureId,
    goalNumber: item.goalNumber,
    title: item.title,
    units: item.units.map((u) => ({ shortName: u.shortName, name: u.name, role: u.role })),
    reason: item.reason,
    state: item.state,
    decisionNote: item.decisionNote,
    proposal: item.proposal,
    proposalFlags: item.proposalFlags,
    agreed: item.agreed,
    agreedFlags: item.agreedFlags,
    narrative: item.narrative,
    timeline: item.measureId === null ? [] : (timeline.get(item.measureId) ?? []),
    agreedDocument: item.measureId === null || !open ? null : agreedDocumentName(meeting.roundId, item.measureId),
    liveDocument: !open ? null : item.measureId === null ? goalDocumentName(meeting.roundId, item.goalNumber) : measureDocumentName(meeting.roundId, item.measureId),
    canEdit: can(actor, 'work.edit', { kind: item.kind, unitIds, roundState: meeting.roundState }),
    /** What the participation forums said on this measure or goal (for those who may read it). */
    forumFeedback: forumFeedbackFor(context, item.measureId !== null ? { measureId: item.measureId } : { goalId: item.goalId! }),
  }
}

export function loadMeeting(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const t = getT(context)
  const detail = detailOr404(context, param)
  const { meeting } = detail
  const subject = meetingSubject(meeting)
  const canManage = can(auth.actor, 'meeting.manage', subject)
  const canRun = can(auth.actor, 'meeting.run', subject)
  const timelines = measureTimeline(
    db,
    detail.items.flatMap((i) => (i.measureId === null ? [] : [i.measureId])),
  )
  return {
    title: t('meetings:meeting.pageTitle', { title: meeting.title }),
    meeting: {
      id: meeting.id,
      roundId: meeting.roundId,
      title: meeting.title,
      date: meeting.date,
      time: meeting.time,
      location: meeting.location,
      state: meeting.state,
      roundName: meeting.roundName,
    },
    attendance: detail.attendance,
    items: detail.items.map((item) => agendaItem(context, auth.actor, meeting, item, timelines)),
    live: {
      /** Meeting mode is on while the meeting runs in an open round (the policy's meetingRunning). */
      running: meetingRunning(subject) === 'allowed',
      meetingDocument: meetingDocumentName(meeting.roundId, meeting.id),
      me: { id: auth.user.id, name: auth.user.name, unit: '' },
    },
    canManage,
    /** Meeting mode: stepping, item states, decision notes (the meeting document's 'meeting.run'). */
    canRun,
    /** Meeting mode: agreeing ratings, which takes running the meeting and agreeing in its round. */
    canAgree: canRun && can(auth.actor, 'work.agree', { state: meeting.roundState }),
    proposals: canManage ? agendaProposals(db, meeting.id, berlinToday()) : [],
    catalogue: canManage ? agendaOptions(db) : [],
    candidates: canManage ? attendanceCandidates(db) : [],
  }
}

/** The ids ticked in a list of checkboxes, or a refusal of the whole list. */
function idsOf(values: FormDataEntryValue[], refusal: MeetingError): number[] {
  const ids = values.map((v) => IdParam.safeParse(v))
  if (ids.some((id) => !id.success)) throw refusal
  return ids.map((id) => id.data!)
}

export async function changeMeeting(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'meeting.manage')
  const services = getServices(context)
  const { db, live } = services
  const t = getT(context)
  const detail = detailOr404(context, param)
  const { meeting } = detail
  const id = meeting.id
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const target = Number(form.get('itemId')) || undefined
  const which = { intent, target }
  const parsed = parseForm(ActionSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, which)
  const input = parsed.data
  try {
    const item = 'itemId' in input && input.itemId !== undefined ? detail.items.find((i) => i.id === input.itemId) : undefined
    if ('itemId' in input && input.itemId !== undefined && !item) throw new MeetingError('meetings:refusal.unknownItem')
    switch (input.intent) {
      case 'update':
        updateMeeting(db, id, input)
        return done(t('meetings:done.saved'), which)
      case 'delete':
        deleteMeeting(db, id)
        return redirect('/sitzungen')
      case 'start':
        startMeeting(db, id)
        live.recheckRound(meeting.roundId)
        return done(t('meetings:done.started'), which)
      case 'close':
        closeMeeting(db, id)
        // Every open screen of the meeting learns at once that it ended (meeting mode shows the way to the minutes).
        await endLive(context, meeting, auth.user.id)
        live.recheckRound(meeting.roundId)
        return redirect(`/sitzungen/${id}/protokoll`)
      case 'add': {
        const [kind, value] = input.pick.split(':') as ['measure' | 'goal', string]
        const pick: AgendaPick = kind === 'measure' ? { measureId: Number(value) } : { goalId: Number(value) }
        const added = addItems(db, id, [pick])
        return done(added ? t('meetings:done.added') : t('meetings:done.alreadyOnAgenda'), which)
      }
      case 'propose': {
        const chosen = idsOf(form.getAll('measureId'), new MeetingError('meetings:refusal.invalidProposal', { field: 'proposals' }))
        if (chosen.length === 0) throw new MeetingError('meetings:refusal.noProposalTicked', { field: 'proposals' })
        const proposals = agendaProposals(db, id, berlinToday())
        const picks = chosen.map((measureId) => ({ measureId, reason: proposals.find((p) => p.measureId === measureId)?.reasons[0] ?? ('manual' as const) }))
        const added = addItems(db, id, picks)
        return done(t('meetings:done.proposalsAdded', { count: added }), which)
      }
      case 'remove':
        removeItem(db, id, input.itemId)
        return done(t('meetings:done.removed'), which)
      case 'move':
        moveItem(db, id, input.itemId, input.direction)
        return done(t('meetings:done.moved'), which)
      case 'attendance': {
        const userIds = idsOf(form.getAll('userId'), new MeetingError('meetings:refusal.invalidAccount', { field: 'attendance' }))
        setAttendance(db, id, userIds, parseGuests(input.guests))
        return done(t('meetings:done.attendance'), which)
      }
      case 'step':
      case 'state':
      case 'note':
      case 'agree': {
        const result = await liveAction(context, auth, detail, input, item)
        return done(result.success, { intent, target: result.itemId })
      }
    }
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
