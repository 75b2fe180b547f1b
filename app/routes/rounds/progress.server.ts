import { data, redirect, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, notFound, requireRole, requireUserWithAbility } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { NoticeError, REMINDER_MESSAGE_MAX, describeReminder, lastRemindedByUnit, remindUnits, unitShortNames } from '../../../server/services/notices/notices'
import { roundById, roundProgress } from '../../../server/services/rounds/progress'
import { currentRound, listRounds } from '../../../server/services/catalogue/catalogue'
import { berlinToday, daysUntil } from '~/shared/dates'
import { idField, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

const IdSchema = z.coerce.number().int().positive()

function requireRound(context: Ctx, param: string | undefined) {
  const id = IdSchema.safeParse(param)
  const round = id.success ? roundById(getServices(context).db, id.data) : undefined
  if (!round) throw notFound(`Eine Berichtsrunde „${param ?? ''}“ gibt es nicht.`)
  return round
}

export function loadProgress(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'progress.read')
  const { db, mailer } = getServices(context)
  const round = requireRound(context, param)
  const progress = roundProgress(db, round)
  const last = lastRemindedByUnit(db, round.id)
  const shortNames = unitShortNames(db)
  return {
    round: {
      id: round.id,
      name: round.name,
      state: round.state,
      dueDate: round.dueDate,
      daysLeft: round.dueDate && round.state === 'open' ? daysUntil(round.dueDate, berlinToday()) : null,
    },
    rounds: listRounds(db).map((r) => ({ id: r.id, name: r.name })),
    ...progress,
    reminders: {
      /** The controls show only where the server would accept them: unit.remind, and an open round. */
      allowed: can(auth.actor, 'unit.remind', { state: round.state }),
      mail: mailer !== null,
      openUnits: progress.units.filter((u) => u.updated < u.measures).length,
      byUnit: Object.fromEntries(progress.units.map((u) => [u.id, { shortName: shortNames.get(u.id) ?? u.label, lastAt: last.get(u.id) ?? null }])),
    },
  }
}

const RemindSchema = z.object({
  /** "all": every unit with measures not yet updated; else one unit's id. */
  unitId: z.union([z.literal('all'), idField('Die Organisationseinheit')], { message: 'Bitte eine Organisationseinheit wählen.' }),
  message: z
    .string()
    .trim()
    .max(REMINDER_MESSAGE_MAX, `Die Nachricht darf höchstens ${REMINDER_MESSAGE_MAX} Zeichen lang sein.`)
    .optional()
    .transform((v) => v ?? ''),
})

/** POST on the progress page: remind one unit or all units with open measures (unit.remind, open round). */
export async function remindFromProgress(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'unit.remind')
  const { db, mailer, env } = getServices(context)
  const round = requireRound(context, param)
  const parsed = parseForm(RemindSchema, await request.formData(), getT(context))
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
  const { unitId, message } = parsed.data
  try {
    // A closed or draft round, an unknown unit: the service refuses with a German message and writes nothing.
    const result = await remindUnits(db, mailer, {
      roundId: round.id,
      unitIds: unitId === 'all' ? 'withOpenMeasures' : [unitId],
      message,
      byUserId: auth.user.id,
      appOrigin: publicOrigin(env, request),
    })
    return { success: describeReminder(result), at: Date.now() }
  } catch (error) {
    if (error instanceof NoticeError) return data({ errors: { [error.field]: error.message } }, { status: 400 })
    throw error
  }
}

/** /fortschritt: the progress of the chosen round (?runde=), else of the open round, else of the newest one. */
export function redirectToProgress(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'progress.read')
  const { db } = getServices(context)
  const wanted = IdSchema.safeParse(new URL(request.url).searchParams.get('runde'))
  const round = (wanted.success ? roundById(db, wanted.data) : undefined) ?? currentRound(db)
  if (!round) throw notFound('Es ist noch keine Berichtsrunde angelegt.')
  return redirect(`/runden/${round.id}/fortschritt`)
}
