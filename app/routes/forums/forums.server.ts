import { redirect, type RouterContextProvider } from 'react-router'
import { getServices, getT, requireRole, requireUserWithAbility } from '../../../server/auth/require'
import { refused, refusalOf } from '../../../server/http/actions'
import { createForum, listForums } from '../../../server/services/forums/forums'
import { berlinToday } from '~/shared/dates'
import { parseForm } from '~/shared/forms'
import { forumChoices } from './choices.server'
import { forumFormInput, ForumFormSchema } from './forum-form.schema'
import { COUNTY } from '../../../server/services/forums/presets'

type Ctx = Readonly<RouterContextProvider>

export function loadForums(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'forum.manage')
  const db = getServices(context).db
  const choices = forumChoices(db)
  return {
    title: getT(context)('forums:list.title'),
    forums: listForums(db),
    choices,
    defaults: {
      title: '',
      formatId: choices.formats.find((f) => f.preset === 'conference')?.id ?? null,
      date: berlinToday(),
      time: null,
      place: '',
      invitedBy: COUNTY,
      moderators: '',
      languages: ['de', 'en', 'ar', 'uk', 'tr', 'ru'],
      interpreting: '',
      materialUrl: '',
      roundId: null,
      codeMode: 'open' as const,
      anyTable: false,
      targetGroupIds: [],
    },
  }
}

export async function createForumAction(context: Ctx, request: Request) {
  const auth = requireRole(context, request, 'forum.manage')
  const form = await request.formData()
  const parsed = parseForm(ForumFormSchema, forumFormInput(form), getT(context))
  if (!parsed.ok) return refused(parsed.errors, { intent: 'create' })
  let id: number
  try {
    id = createForum(getServices(context).db, parsed.data, auth.user.id)
  } catch (error) {
    return refusalOf(context, error, { intent: 'create' })
  }
  return redirect(`/foren/${id}?angelegt=1`)
}
