import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import type { Services } from '../../../server/context'
import { done, formValues, refused, refusalOf } from '../../../server/http/actions'
import { can, holdsRoleFor } from '../../../server/policies/can'
import { roundOpen } from '../../../server/policies/policy'
import { publishedRoundIds } from '../../../server/services/publications/publications'
import { roundIdsWithAttainment } from '../../../server/services/rounds/baseline'
import { closeRound, createRound, deleteDraftRound, listRoundsForManagement, openRound, switchOpenRound } from '../../../server/services/rounds/rounds'
import { userIdsWithSessions } from '../../../server/services/admin/users'
import { idField, msg, parseForm, requiredText } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadRounds(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'round.manage')
  const { db } = getServices(context)
  const rated = roundIdsWithAttainment(db)
  const published = publishedRoundIds(db)
  const publisher = holdsRoleFor(auth.actor, 'round.publish')
  const rounds = listRoundsForManagement(db).map((r) => ({
    ...r,
    /** A closed round without any attainment: its historical one may be entered, once (round.backfill). */
    backfill: can(auth.actor, 'round.backfill', { state: r.state, hasAttainment: rated.has(r.id) }),
    /** Overview and report exports of a round that has begun; the Excel goes back into an open round. */
    exportable: r.state !== 'draft' && can(auth.actor, 'report.export'),
    importable: can(auth.actor, 'report.import', { state: r.state }),
    /** A closed round's publication page (round.publish; the page says what stands in the way). */
    publication: publisher && r.state === 'closed' ? { published: published.has(r.id) } : null,
  }))
  // While a round is open, a draft opens only together with closing it (one confirmed step).
  const open = rounds.find((r) => roundOpen(r.state) === 'allowed')
  return { title: getT(context)('rounds:list.title'), rounds, openRound: open ? { id: open.id, name: open.name } : null }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Optional; the date picker sends JJJJ-MM-TT, and so must a client without one (the message says so). */
const dueDate = z
  .string()
  .trim()
  .refine((v) => v === '' || ISO_DATE.test(v), msg('validation:dateFormat'))
  .refine((v) => !ISO_DATE.test(v) || new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), msg('validation:dateMissingDay'))
  .transform((v) => (v === '' ? null : v))

/**
 * Opening: copy the previous round's report chapters (the checkbox, checked by default) or start the report empty. The
 * form says that it asked (`kapitelFrage`); a client that did not ask gets the default, the copy.
 */
const chapterChoice = { kapitelFrage: z.literal('1').optional(), kapitelUebernehmen: z.literal('ja').optional() }
const copyChapters = (input: { kapitelFrage?: '1'; kapitelUebernehmen?: 'ja' }) => input.kapitelFrage !== '1' || input.kapitelUebernehmen === 'ja'

const RoundSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('create'), name: requiredText('common:name', 120), period: requiredText('common:period', 40), dueDate }),
    z.object({ intent: z.literal('open'), roundId: idField('rounds:field.round'), ...chapterChoice }),
    z.object({ intent: z.enum(['close', 'delete']), roundId: idField('rounds:field.round') }),
    /** Close the open round `closeRoundId` and open the draft `roundId`. */
    z.object({ intent: z.literal('switch'), roundId: idField('rounds:field.round'), closeRoundId: idField('rounds:field.round'), ...chapterChoice }),
  ],
  { message: msg('validation:unknownAction') },
)

/** Opening and closing change which documents are writable for everyone who is connected. */
function notifyEveryone(services: Services) {
  for (const userId of userIdsWithSessions(services.db)) services.onAccessChanged(userId)
}

export async function changeRounds(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'round.manage')
  const services = getServices(context)
  const t = getT(context)
  const form = await request.formData()
  const which = { intent: String(form.get('intent') ?? ''), target: Number(form.get('roundId')) || undefined, values: formValues(form) }
  const parsed = parseForm(RoundSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, which)
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'create':
        createRound(services.db, input)
        return done(t('rounds:list.created', { name: input.name }), which)
      case 'open':
        openRound(services.db, input.roundId, Date.now(), { copyChapters: copyChapters(input) })
        notifyEveryone(services)
        return done(t('rounds:list.opened'), which)
      case 'close':
        closeRound(services.db, input.roundId)
        notifyEveryone(services)
        return done(t('rounds:list.closed'), which)
      case 'switch':
        switchOpenRound(services.db, { closeRoundId: input.closeRoundId, openRoundId: input.roundId, copyChapters: copyChapters(input) })
        notifyEveryone(services)
        return done(t('rounds:list.switched'), which)
      case 'delete': {
        const { name } = deleteDraftRound(services.db, input.roundId)
        return done(t('rounds:list.deleted', { name }), which)
      }
    }
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
