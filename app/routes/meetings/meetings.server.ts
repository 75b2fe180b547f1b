import { redirect, type RouterContextProvider } from 'react-router'
import { getServices, getT, requireRole, requireUserWithAbility } from '../../../server/auth/require'
import { formValues, refused, refusalOf } from '../../../server/http/actions'
import { can, holdsRoleFor } from '../../../server/policies/can'
import { createMeeting, listMeetings, meetingRounds } from '../../../server/services/meetings/meetings'
import { parseForm } from '~/shared/forms'
import { CreateSchema } from './meeting.schema'

type Ctx = Readonly<RouterContextProvider>

export function loadMeetings(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const canManage = holdsRoleFor(auth.actor, 'meeting.create')
  // Meetings are planned in the rounds where the policy allows creating one (the open ones).
  const openRounds = canManage
    ? meetingRounds(db)
        .filter((round) => can(auth.actor, 'meeting.create', { state: round.state }))
        .map(({ id, name }) => ({ id, name }))
    : []
  return { title: getT(context)('common:meetings'), meetings: listMeetings(db), openRounds, canManage }
}

export async function createMeetingAction(context: Ctx, request: Request) {
  const auth = requireRole(context, request, 'meeting.create')
  const { db } = getServices(context)
  const form = await request.formData()
  const which = { values: formValues(form) }
  const parsed = parseForm(CreateSchema, form, getT(context))
  if (!parsed.ok) return refused(parsed.errors, which)
  try {
    const id = createMeeting(db, parsed.data, auth.user.id)
    return redirect(`/sitzungen/${id}`)
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
