import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, reasonText } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { decide } from '../../../server/policies/can'
import { addTable, closeForum, conceptFields, deleteTable, forumCounts, forumTargetGroupIds, forumTargetGroupsOf, openForum, setFeedbackPublished, tablesOf, updateForum, updateTable } from '../../../server/services/forums/forums'
import { addCategory, addPhase, deletePhase, phasesOf, removeCategory, renamePhase, setPhaseState } from '../../../server/services/forums/phases'
import { filesOf, MATERIAL_MAX_BYTES, setMaterial } from '../../../server/services/forums/files'
import { readLimitedForm } from '../../../server/http/upload'
import { forgetParticipantDetails } from '../../../server/services/forums/join'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { formatCode } from '../../../server/services/forums/codes'
import { label, msg, parseForm, requiredText } from '~/shared/forms'
import { FEEDBACK_CATEGORIES } from '~/shared/vocabulary'
import { forumChoices } from './choices.server'
import { forumFormInput, ForumFormSchema } from './forum-form.schema'
import { requireForum } from './guard.server'

type Ctx = Readonly<RouterContextProvider>

export function loadForum(context: Ctx, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param)
  const db = getServices(context).db
  const origin = publicOrigin(getServices(context).env, request)
  return {
    title: forum.title,
    created: new URL(request.url).searchParams.get('angelegt') === '1',
    forum: { ...forum, codeShown: formatCode(forum.code) },
    joinUrl: `${origin}/mitmachen?code=${forum.code}`,
    targetGroups: forumTargetGroupsOf(db, forum.id),
    targetGroupIds: forumTargetGroupIds(db, forum.id),
    counts: forumCounts(db, forum.id),
    phases: phasesOf(db, forum.id),
    tables: tablesOf(db, forum.id),
    fields: conceptFields(db),
    material: filesOf(db, forum.id, 'material')[0] ?? null,
    choices: forumChoices(db),
    presets: FEEDBACK_CATEGORIES,
  }
}

const id = z.coerce.number().int().positive().max(2 ** 31 - 1)
const TableSchema = z.object({
  name: requiredText('forums:tables.name', 120),
  capacity: z.coerce.number({ message: msg('forums:tables.capacityInvalid') }).int(msg('forums:tables.capacityInvalid')).min(1, msg('forums:tables.capacityInvalid')).max(30, msg('forums:tables.capacityInvalid')),
  host: z.string().trim().max(120, msg('validation:tooLong', { label: label('forums:tables.host'), max: 120 })).default(''),
  fieldId: z.preprocess((v) => (v === '' || v === undefined ? null : v), id.nullable()),
})
const PhaseTitle = z.object({ title: requiredText('forums:phases.phaseTitle', 160) })
const CategorySchema = z.object({
  preset: z.union([z.enum(FEEDBACK_CATEGORIES), z.literal('')]).default(''),
  label: z.string().trim().max(80, msg('validation:tooLong', { label: label('forums:phases.ownLabel'), max: 80 })).default(''),
})

/**
 * The forum page's forms. Set-up needs forum.manage; opening and closing phases is running the event
 * (forum.run: only while input is open), asked with the forum's state.
 */
export async function forumAction(context: Ctx, request: Request, param: string | undefined) {
  const { forum, auth } = requireForum(context, request, param)
  const db = getServices(context).db
  const t = getT(context)
  const isUpload = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')
  const form = isUpload ? await readLimitedForm(request, MATERIAL_MAX_BYTES + 64 * 1024) : await request.formData()
  if (!form) return refused({ material: t('forums:file.tooLarge') }, { intent: 'material' })
  const intent = String(form.get('intent') ?? '')
  const target = id.safeParse(form.get('target')).data
  const which = { intent, target }
  try {
    switch (intent) {
      case 'details': {
        const parsed = parseForm(ForumFormSchema, forumFormInput(form), t)
        if (!parsed.ok) return refused(parsed.errors, which)
        updateForum(db, forum.id, parsed.data)
        return done(t('forums:form.saved'), which)
      }
      case 'open':
        openForum(db, forum.id)
        getServices(context).live.recheckForum(forum.id)
        return done(t('forums:forum.opened'), which)
      case 'close':
        closeForum(db, forum.id)
        // Open table posters become read-only (their connections are re-checked and reconnect).
        getServices(context).live.recheckForum(forum.id)
        return done(t('forums:forum.closed'), which)
      case 'publish':
      case 'unpublish':
        setFeedbackPublished(db, forum.id, intent === 'publish')
        return done(t(intent === 'publish' ? 'forums:forum.published' : 'forums:forum.unpublished'), which)
      case 'forget':
        forgetParticipantDetails(db, forum.id)
        return done(t('forums:forum.forgotten'), which)
      case 'phaseOpen':
      case 'phaseClose': {
        const verdict = decide(auth.actor, 'forum.run', { state: forum.state })
        if (verdict !== 'allowed') return data({ ...which, errors: { form: reasonText(context, verdict) } }, { status: 403 })
        setPhaseState(db, forum.id, target ?? 0, intent === 'phaseOpen' ? 'open' : 'closed')
        getServices(context).live.recheckForum(forum.id)
        return done(t(intent === 'phaseOpen' ? 'forums:phases.opened' : 'forums:phases.closedDone'), which)
      }
      case 'phaseRename': {
        const parsed = parseForm(PhaseTitle, form, t)
        if (!parsed.ok) return refused(parsed.errors, which)
        renamePhase(db, forum.id, target ?? 0, parsed.data.title)
        return done(t('forums:phases.renamed'), which)
      }
      case 'phaseDelete':
        deletePhase(db, forum.id, target ?? 0)
        return done(t('forums:phases.deleted'), which)
      case 'phaseAdd': {
        const parsed = parseForm(PhaseTitle, form, t)
        if (!parsed.ok) return refused(parsed.errors, which)
        addPhase(db, forum.id, parsed.data.title)
        return done(t('forums:phases.added'), which)
      }
      case 'categoryAdd': {
        const parsed = parseForm(CategorySchema, form, t)
        if (!parsed.ok) return refused(parsed.errors, which)
        if (!parsed.data.preset && !parsed.data.label) return refused({ category: t('validation:missing', { label: t('forums:phases.preset') }) }, which)
        addCategory(db, forum.id, target ?? 0, parsed.data.preset ? { preset: parsed.data.preset } : { label: parsed.data.label })
        return done(t('forums:phases.categoryAdded'), which)
      }
      case 'categoryRemove':
        removeCategory(db, forum.id, target ?? 0)
        return done(t('forums:phases.categoryRemoved'), which)
      case 'tableSave':
      case 'tableAdd': {
        const parsed = parseForm(TableSchema, form, t)
        if (!parsed.ok) return refused(parsed.errors, which)
        if (intent === 'tableAdd') addTable(db, forum.id, parsed.data)
        else updateTable(db, forum.id, target ?? 0, parsed.data)
        return done(t(intent === 'tableAdd' ? 'forums:tables.added' : 'forums:tables.saved'), which)
      }
      case 'tableDelete':
        deleteTable(db, forum.id, target ?? 0)
        return done(t('forums:tables.deleted'), which)
      case 'material': {
        const file = form.get('material')
        if (!(file instanceof File) || file.size === 0) return refused({ material: t('forums:photos.missing') }, which)
        setMaterial(db, forum.id, file.name, new Uint8Array(await file.arrayBuffer()), auth.user.id)
        return done(t('forums:forum.materialSaved'), which)
      }
      default:
        return refused({ form: t('forums:error.unknownIntent') }, which)
    }
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
