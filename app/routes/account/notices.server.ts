import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireAuth } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { listNotices, markAllNoticesRead, markNoticeRead } from '../../../server/services/notices/notices'
import { idField, msg, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

/** Everyone who is logged in has notices of their own; nobody sees anyone else's. */
export function loadNotices(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const notices = listNotices(getServices(context).db, auth.user.id)
  return {
    title: getT(context)('account:notices.title'),
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

const NoticeSchema = z.discriminatedUnion(
  'intent',
  [z.object({ intent: z.literal('read'), noticeId: idField('account:notices.notice') }), z.object({ intent: z.literal('readAll') })],
  { message: msg('validation:unknownAction') },
)

export async function changeNotices(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const { db } = getServices(context)
  const t = getT(context)
  const parsed = parseForm(NoticeSchema, await request.formData(), t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors)
  const input = parsed.data
  if (input.intent === 'readAll') {
    const n = markAllNoticesRead(db, auth.user.id)
    return done(n === 0 ? t('account:notices.noneUnread') : t('account:notices.markedRead', { count: n }))
  }
  try {
    markNoticeRead(db, auth.user.id, input.noticeId)
    return done(t('account:notices.markedOne'))
  } catch (error) {
    return refusalOf(context, error)
  }
}
