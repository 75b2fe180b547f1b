import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { cardsOf, CARD_TEXT_MAX, postCard } from '../../../server/services/forums/feedback'
import { changesOf, hideCard, mergeCards, moveCard, unhideCard } from '../../../server/services/forums/moderation'
import { parseTargetRef, targetByNumber } from '../../../server/services/forums/targets'
import { tablesOf } from '../../../server/services/forums/forums'
import { phasesOf } from '../../../server/services/forums/phases'
import { posterCardsOf } from '../../../server/services/forums/posters'
import { mirrorOnPosters } from './poster-mirror.server'
import { msg, parseForm, label } from '~/shared/forms'
import { requireForum } from './guard.server'

type Ctx = Readonly<RouterContextProvider>
const id = z.coerce.number().int().positive().max(2 ** 31 - 1)

export function loadCards(context: Ctx, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param, 'forum.moderate')
  const db = getServices(context).db
  const url = new URL(request.url)
  const phases = phasesOf(db, forum.id)
  const phaseId = id.safeParse(url.searchParams.get('phase')).data ?? phases.find((p) => p.state === 'open')?.id ?? phases[0]?.id
  const tableId = id.safeParse(url.searchParams.get('tisch')).data
  return {
    title: `${getT(context)('forums:cards.title')} – ${forum.title}`,
    forum: { id: forum.id, title: forum.title },
    phases,
    tables: tablesOf(db, forum.id),
    phaseId: phaseId ?? null,
    tableId: tableId ?? null,
    cards: phaseId ? cardsOf(db, forum.id, { phaseId, tableId }) : [],
    changes: changesOf(db, forum.id).slice(-50).reverse(),
    textMax: CARD_TEXT_MAX,
  }
}

/** A target as staff type it: a reference (goal:12, measure:101 …) or a catalogue number (12, 12.1). */
function targetOf(db: Parameters<typeof targetByNumber>[0], value: string) {
  return parseTargetRef(value.trim()) ?? targetByNumber(db, value)
}

export async function cardsAction(context: Ctx, request: Request, param: string | undefined) {
  const { forum, auth } = requireForum(context, request, param, 'forum.moderate')
  const db = getServices(context).db
  const t = getT(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const target = id.safeParse(form.get('target')).data
  const which = { intent, target }
  try {
    switch (intent) {
      case 'move': {
        const ref = String(form.get('targetRef') ?? '').trim()
        const categoryId = id.safeParse(form.get('categoryId')).data
        const tableRaw = String(form.get('tableId') ?? '')
        const move: Parameters<typeof moveCard>[3] = {}
        if (ref) {
          const resolved = targetOf(db, ref)
          if (!resolved) return refused({ targetRef: t('forums:cards.targetUnknown') }, which)
          move.target = resolved
        }
        if (categoryId) move.categoryId = categoryId
        if (tableRaw) move.tableId = id.safeParse(tableRaw).data ?? null
        // A poster's card belongs to its table's document: it changes category or target, not table.
        const onPoster = posterCardsOf(db, forum.id, [target ?? 0])
        if (onPoster.length > 0 && move.tableId !== undefined && move.tableId !== null && !onPoster[0]!.documentName.includes(`/table/${move.tableId}/`)) {
          return refused({ tableId: t('forums:cards.posterTableFixed') }, which)
        }
        moveCard(db, forum.id, target ?? 0, move, auth.user.id, String(form.get('reason') ?? '').slice(0, 500))
        await mirrorOnPosters(context, forum.id, [target ?? 0], 'move', auth.user.id)
        return done(t('forums:cards.moved'), which)
      }
      case 'merge': {
        const ids = String(form.get('duplicates') ?? '')
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((v) => id.safeParse(v))
        if (ids.length === 0 || ids.some((r) => !r.success)) return refused({ duplicates: t('forums:cards.invalidIds') }, which)
        mergeCards(db, forum.id, target ?? 0, ids.map((r) => r.data!), auth.user.id)
        await mirrorOnPosters(context, forum.id, ids.map((r) => r.data!).filter((d) => d !== target), 'remove', auth.user.id)
        return done(t('forums:cards.merged'), which)
      }
      case 'hide':
        hideCard(db, forum.id, target ?? 0, String(form.get('reason') ?? '').slice(0, 500), auth.user.id)
        await mirrorOnPosters(context, forum.id, [target ?? 0], 'remove', auth.user.id)
        return done(t('forums:cards.hiddenDone'), which)
      case 'unhide':
        unhideCard(db, forum.id, target ?? 0, auth.user.id)
        await mirrorOnPosters(context, forum.id, [target ?? 0], 'put', auth.user.id)
        return done(t('forums:cards.unhidden'), which)
      case 'enter': {
        const parsed = parseForm(EnterSchema, form, t)
        if (!parsed.ok) return refused(parsed.errors, which)
        const ref = targetOf(db, parsed.data.targetRef)
        if (!ref) return refused({ targetRef: t('forums:cards.targetUnknown') }, which)
        const entered = postCard(db, { forumId: forum.id, phaseId: parsed.data.phaseId, tableId: parsed.data.tableId, categoryId: parsed.data.categoryId, target: ref, text: parsed.data.text, language: parsed.data.language, source: 'moderator', participantId: null, enteredBy: auth.user.id })
        await mirrorOnPosters(context, forum.id, [entered.id], 'put', auth.user.id)
        return done(t('forums:cards.entered'), which)
      }
      default:
        return refused({ form: t('forums:error.unknownIntent') }, which)
    }
  } catch (error) {
    return refusalOf(context, error, which)
  }
}

const EnterSchema = z.object({
  phaseId: id,
  tableId: z.preprocess((v) => (v === '' || v === undefined ? null : v), id.nullable()),
  categoryId: id,
  targetRef: z.string().trim().default('concept'),
  text: z.string().trim().min(1, msg('validation:missing', { label: label('forums:cards.text') })).max(CARD_TEXT_MAX, msg('validation:tooLong', { label: label('forums:cards.text'), max: CARD_TEXT_MAX })),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).default('de'),
})
