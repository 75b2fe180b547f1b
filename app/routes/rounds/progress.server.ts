import { redirect, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, notFound, requireIdParam, requireRole, requireUserWithAbility } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { roundOpen } from '../../../server/policies/policy'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { REMINDER_MESSAGE_MAX, describeReminder, lastRemindedByUnit, remindUnits, unitShortNames } from '../../../server/services/notices/notices'
import { roundProgress } from '../../../server/services/rounds/progress'
import { roundById } from '../../../server/services/rounds/lookup'
import { currentRound, listRounds } from '../../../server/services/catalogue/catalogue'
import { berlinToday, daysUntil } from '~/shared/dates'
import { IdParam, idField, msg, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

function requireRound(context: Ctx, param: string | undefined) {
  const id = requireIdParam(context, param, 'rounds:refusal.noSuchRound')
  const round = roundById(getServices(context).db, id)
  if (!round) throw notFound(getT(context)('rounds:refusal.noSuchRound', { id: param ?? '' }))
  return round
}

export function loadProgress(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'progress.read')
  const { db, mailer } = getServices(context)
  const round = requireRound(context, param)
  const progress = roundProgress(db, round)
  const last = lastRemindedByUnit(db, round.id)
  const shortNames = unitShortNames(db)
  /** The controls show only where the server would accept them: unit.remind, and an open round. */
  const remindAllowed = can(auth.actor, 'unit.remind', { state: round.state })
  return {
    // The round's (German) name stays out of the document title, which cannot say its language; the heading has it.
    title: getT(context)('rounds:progress.documentTitle'),
    round: {
      id: round.id,
      name: round.name,
      state: round.state,
      dueDate: round.dueDate,
      // Days left count only while units can still work on the round.
      daysLeft: round.dueDate && roundOpen(round.state) === 'allowed' ? daysUntil(round.dueDate, berlinToday()) : null,
    },
    rounds: listRounds(db).map((r) => ({ id: r.id, name: r.name })),
    ...progress,
    reminders: {
      allowed: remindAllowed,
      mail: mailer !== null,
      openUnits: progress.units.filter((u) => u.updated < u.measures).length,
      byUnit: Object.fromEntries(progress.units.map((u) => [u.id, { shortName: shortNames.get(u.id) ?? u.label, lastAt: last.get(u.id) ?? null }])),
    },
  }
}

const RemindSchema = z.object({
  /** "all": every unit with measures not yet updated; else one unit's id. */
  unitId: z.union([z.literal('all'), idField('rounds:field.unit')], { message: msg('rounds:reminders.chooseUnit') }),
  message: z
    .string()
    .trim()
    .max(REMINDER_MESSAGE_MAX, msg('rounds:reminders.refusal.messageTooLong', { max: REMINDER_MESSAGE_MAX }))
    .optional()
    .transform((v) => v ?? ''),
})

/** POST on the progress page: remind one unit or all units with open measures (unit.remind, open round). */
export async function remindFromProgress(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'unit.remind')
  const { db, mailer, env } = getServices(context)
  const t = getT(context)
  const round = requireRound(context, param)
  const parsed = parseForm(RemindSchema, await request.formData(), t)
  if (!parsed.ok) return refused(parsed.errors)
  const { unitId, message } = parsed.data
  try {
    // A closed or draft round, an unknown unit: the service refuses and writes nothing.
    const result = await remindUnits(db, mailer, {
      roundId: round.id,
      unitIds: unitId === 'all' ? 'withOpenMeasures' : [unitId],
      message,
      byUserId: auth.user.id,
      appOrigin: publicOrigin(env, request),
    })
    // `at` tells the form that this is a new confirmation (it clears the message after each one).
    return { ...done(describeReminder(result, t)), at: Date.now() }
  } catch (error) {
    return refusalOf(context, error)
  }
}

/** /fortschritt: the progress of the chosen round (?runde=), else of the open round, else of the newest one. */
export function redirectToProgress(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'progress.read')
  const { db } = getServices(context)
  const wanted = IdParam.safeParse(new URL(request.url).searchParams.get('runde'))
  const round = (wanted.success ? roundById(db, wanted.data) : undefined) ?? currentRound(db)
  if (!round) throw notFound(getT(context)('rounds:progress.noRound'))
  return redirect(`/runden/${round.id}/fortschritt`)
}
