import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { addPhoto, deleteFile, filesOf, PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from '../../../server/services/forums/files'
import { readLimitedForm } from '../../../server/http/upload'
import { tablesOf } from '../../../server/services/forums/forums'
import { phasesOf } from '../../../server/services/forums/phases'
import { requireForum } from './guard.server'

type Ctx = Readonly<RouterContextProvider>
const id = z.coerce.number().int().positive().max(2 ** 31 - 1)
const optionalId = (v: FormDataEntryValue | null) => (v === null || v === '' ? null : (id.safeParse(v).data ?? -1))

export function loadPhotos(context: Ctx, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param)
  const db = getServices(context).db
  return {
    title: `${getT(context)('forums:photos.title')} – ${forum.title}`,
    forum: { id: forum.id, title: forum.title },
    photos: filesOf(db, forum.id, 'photo'),
    tables: tablesOf(db, forum.id),
    phases: phasesOf(db, forum.id).map((p) => ({ id: p.id, position: p.position, title: p.title })),
    maxMb: PHOTO_MAX_BYTES / 1024 / 1024,
    maxSide: PHOTO_MAX_SIDE,
  }
}

export async function photosAction(context: Ctx, request: Request, param: string | undefined) {
  const { forum, auth } = requireForum(context, request, param)
  const t = getT(context)
  const db = getServices(context).db
  const form = await readLimitedForm(request, PHOTO_MAX_BYTES + 64 * 1024)
  if (!form) return refused({ photo: t('forums:file.photoTooLarge', { max: PHOTO_MAX_BYTES / 1024 / 1024 }) }, { intent: 'upload' })
  const intent = String(form.get('intent') ?? '')
  const which = { intent }
  try {
    if (intent === 'delete') {
      deleteFile(db, forum.id, id.safeParse(form.get('target')).data ?? 0)
      return done(t('forums:photos.deleted'), which)
    }
    if (intent !== 'upload') return refused({ form: t('forums:error.unknownIntent') }, which)
    const file = form.get('photo')
    if (!(file instanceof File) || file.size === 0) return refused({ photo: t('forums:photos.missing') }, which)
    await addPhoto(db, forum.id, { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), tableId: optionalId(form.get('tableId')), phaseId: optionalId(form.get('phaseId')) }, auth.user.id)
    return done(t('forums:photos.uploaded'), which)
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
