import { data, redirect, type RouterContextProvider } from 'react-router'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { rounds } from '../../../db/schema'
import { getT, getServices, requireRole, requireUserWithAbility } from '../../../server/auth/require'
import { holdsRoleFor } from '../../../server/policies/can'
import { createMeeting, listMeetings, MeetingError } from '../../../server/services/meetings/meetings'
import { dateField, idField, parseForm, requiredText, timeField } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadMeetings(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const openRounds = db.select({ id: rounds.id, name: rounds.name }).from(rounds).where(eq(rounds.state, 'open')).all()
  return { meetings: listMeetings(db), openRounds, canManage: holdsRoleFor(auth.actor, 'meeting.create') }
}

export const MeetingSchema = z.object({
  title: requiredText('Titel', 160),
  date: dateField('Datum'),
  time: timeField,
  location: z.preprocess((v) => v ?? '', z.string({ message: 'Der Ort ist ungültig.' }).trim().max(160, 'Der Ort darf höchstens 160 Zeichen lang sein.')),
})

const CreateSchema = MeetingSchema.extend({ roundId: idField('Die Berichtsrunde') })

export async function createMeetingAction(context: Ctx, request: Request) {
  const auth = requireRole(context, request, 'meeting.create')
  const { db } = getServices(context)
  const form = await request.formData()
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const parsed = parseForm(CreateSchema, form, getT(context))
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 })
  try {
    const id = createMeeting(db, parsed.data, auth.user.id)
    return redirect(`/sitzungen/${id}`)
  } catch (error) {
    if (error instanceof MeetingError) return data({ errors: { [error.field]: error.message }, values }, { status: 400 })
    throw error
  }
}
