import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { meetingDetail, MeetingError } from '../../../server/services/meetings/meetings'
import { minutesDocx } from '../../../server/exports/minutes-docx'

type Ctx = Readonly<RouterContextProvider>

const IdSchema = z.coerce.number().int().positive().max(2 ** 31 - 1)

/** The minutes exist once a meeting has begun (while it runs they are provisional); everyone who reads the
 * concept may read them. */
function minutesOf(context: Ctx, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'internal.read')
  const id = IdSchema.safeParse(param)
  if (!id.success) throw notFound(`Eine Sitzung „${param ?? ''}“ gibt es nicht.`)
  let detail: ReturnType<typeof meetingDetail>
  try {
    detail = meetingDetail(getServices(context).db, id.data)
  } catch (error) {
    if (error instanceof MeetingError) throw notFound(error.message)
    throw error
  }
  if (detail.meeting.state === 'planned') throw notFound('Diese Sitzung hat noch nicht begonnen; ein Protokoll gibt es erst danach.')
  return detail
}

export function loadMinutes(context: Ctx, request: Request, param: string | undefined) {
  const detail = minutesOf(context, request, param)
  return { meeting: detail.meeting, attendance: detail.attendance, items: detail.items.map(({ narrative: _narrative, ...item }) => item) }
}

export async function downloadMinutes(context: Ctx, request: Request, param: string | undefined) {
  const detail = minutesOf(context, request, param)
  const body = await minutesDocx(detail)
  const file = `Protokoll-${detail.meeting.date}-${detail.meeting.id}.docx`
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
