import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { addListEntry, listFormats, listTargetGroups, setListEntryArchived } from '../../../server/services/forums/lists'
import { parseForm, requiredText } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadLists(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'forum.manage')
  const db = getServices(context).db
  return { title: getT(context)('forums:lists.title'), formats: listFormats(db), targetGroups: listTargetGroups(db) }
}

const AddSchema = z.object({ kind: z.enum(['format', 'targetGroup']), name: requiredText('forums:lists.name', 160) })
const ArchiveSchema = z.object({ kind: z.enum(['format', 'targetGroup']), target: z.coerce.number().int().positive(), archived: z.enum(['true', 'false']) })

export async function listsAction(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'forum.manage')
  const db = getServices(context).db
  const t = getT(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const which = { intent: `${intent}:${String(form.get('kind') ?? '')}` }
  try {
    if (intent === 'add') {
      const parsed = parseForm(AddSchema, form, t)
      if (!parsed.ok) return refused(parsed.errors, which)
      addListEntry(db, parsed.data.kind, parsed.data.name)
      return done(t('forums:lists.added'), which)
    }
    if (intent === 'archive') {
      const parsed = parseForm(ArchiveSchema, form, t)
      if (!parsed.ok) return refused({ form: t('forums:error.listUnknown') }, which)
      setListEntryArchived(db, parsed.data.kind, parsed.data.target, parsed.data.archived === 'true')
      return done(t('forums:lists.changed'), which)
    }
    return refused({ form: t('forums:error.unknownIntent') }, which)
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
