import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { cardsOf, REASON_MAX } from '../../../server/services/forums/feedback'
import { setDisposition } from '../../../server/services/forums/moderation'
import { berlinToday } from '~/shared/dates'
import { dateField, msg, parseForm } from '~/shared/forms'
import { DISPOSITIONS } from '~/shared/vocabulary'
import { requireForum } from './guard.server'

type Ctx = Readonly<RouterContextProvider>
const id = z.coerce.number().int().positive().max(2 ** 31 - 1)

export function loadReview(context: Ctx, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param, 'forum.review')
  const db = getServices(context).db
  const onlyOpen = new URL(request.url).searchParams.get('offen') === '1'
  const all = cardsOf(db, forum.id, { visibleOnly: true })
  return {
    title: `${getT(context)('forums:review.title')} – ${forum.title}`,
    forum: { id: forum.id, title: forum.title, code: forum.code, published: forum.feedbackPublishedAt !== null },
    today: berlinToday(),
    onlyOpen,
    total: all.length,
    done: all.filter((c) => c.disposition !== null).length,
    cards: onlyOpen ? all.filter((c) => c.disposition === null) : all,
    dispositions: DISPOSITIONS,
  }
}

const ReviewSchema = z.object({
  disposition: z.enum(DISPOSITIONS, { message: msg('validation:missing', { label: { $t: 'forums:review.disposition' } }) }),
  reason: z.string().trim().max(REASON_MAX, msg('forums:error.reasonTooLong', { max: REASON_MAX })).default(''),
  date: dateField('forums:review.date'),
})

/** One item (intent one, target = the card) or the checked ones (intent bulk, cardIds). */
export async function reviewAction(context: Ctx, request: Request, param: string | undefined) {
  const { forum, auth } = requireForum(context, request, param, 'forum.review')
  const db = getServices(context).db
  const t = getT(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const target = id.safeParse(form.get('target')).data
  const which = { intent, target }
  if (intent !== 'one' && intent !== 'bulk') return refused({ form: t('forums:error.unknownIntent') }, which)
  const parsed = parseForm(ReviewSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors, which)
  const ids = intent === 'one' ? (target ? [target] : []) : form.getAll('cardIds').map((v) => id.safeParse(v)).filter((r) => r.success).map((r) => r.data)
  try {
    const count = setDisposition(db, forum.id, ids, parsed.data, auth.user.id)
    return done(t('forums:review.applied', { count }), which)
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
