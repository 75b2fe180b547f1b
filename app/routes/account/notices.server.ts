import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, requireAuth } from '../../../server/auth/require'
import { NoticeError, listNotices, markAllNoticesRead, markNoticeRead } from '../../../server/services/notices/notices'
import { idField, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

/** Everyone who is logged in has notices of their own; nobody sees anyone else's. */
export function loadNotices(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const notices = listNotices(getServices(context).db, auth.user.id)
  return {
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      message: n.message,
      createdAt: n.createdAt,
      read: n.readAt !== null,
      emailed: n.emailed,
      roundName: n.roundName,
      unitName: n.unitName,
      senderName: n.senderName,
    })),
  }
}

const NoticeSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), noticeId: idField('Der Hinweis') }),
  z.object({ intent: z.literal('readAll') }),
])

export async function changeNotices(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const { db } = getServices(context)
  const parsed = parseForm(NoticeSchema, await request.formData())
  if (!parsed.ok) return data({ errors: parsed.errors.intent ? { form: 'Unbekannte Aktion.' } : parsed.errors }, { status: 400 })
  const input = parsed.data
  if (input.intent === 'readAll') {
    const n = markAllNoticesRead(db, auth.user.id)
    return { success: n === 0 ? 'Es gab keine ungelesenen Hinweise.' : `${n} ${n === 1 ? 'Hinweis' : 'Hinweise'} als gelesen markiert.` }
  }
  try {
    markNoticeRead(db, auth.user.id, input.noticeId)
    return { success: 'Als gelesen markiert.' }
  } catch (error) {
    if (error instanceof NoticeError) return data({ errors: { form: error.message } }, { status: 400 })
    throw error
  }
}
