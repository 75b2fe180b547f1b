import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import type { Services } from '../../../server/context'
import { RoundError, closeRound, createRound, listRoundsForManagement, openRound } from '../../../server/services/rounds/rounds'
import { userIdsWithSessions } from '../../../server/services/admin/users'
import { idField, parseForm, requiredText } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadRounds(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'round.manage')
  return { rounds: listRoundsForManagement(getServices(context).db) }
}

const dueDate = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-31.')
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Dieses Datum gibt es nicht.')
  .transform((v) => (v === '' ? null : v))

const RoundSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), name: requiredText('Name', 120), period: requiredText('Zeitraum', 40), dueDate }),
  z.object({ intent: z.enum(['open', 'close']), roundId: idField('Die Berichtsrunde') }),
])

/** Opening and closing change which documents are writable for everyone who is connected. */
function notifyEveryone(services: Services) {
  for (const userId of userIdsWithSessions(services.db)) services.onAccessChanged(userId)
}

export async function changeRounds(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'round.manage')
  const services = getServices(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const target = Number(form.get('roundId')) || undefined
  const values = { name: String(form.get('name') ?? ''), period: String(form.get('period') ?? ''), dueDate: String(form.get('dueDate') ?? '') }
  const parsed = parseForm(RoundSchema, form, getT(context))
  if (!parsed.ok) return data({ intent, target, errors: parsed.errors.intent ? { form: 'Unbekannte Aktion.' } : parsed.errors, values }, { status: 400 })
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'create':
        createRound(services.db, input)
        return { intent, success: `Die Berichtsrunde „${input.name}“ ist als Entwurf angelegt.` }
      case 'open':
        openRound(services.db, input.roundId)
        notifyEveryone(services)
        return { intent, target, success: 'Geöffnet; der Stand der vorigen Runde ist übernommen.' }
      case 'close':
        closeRound(services.db, input.roundId)
        notifyEveryone(services)
        return { intent, target, success: 'Abgeschlossen; die Runde ist jetzt schreibgeschützt.' }
    }
  } catch (error) {
    if (error instanceof RoundError) return data({ intent, target, errors: { [error.field]: error.message }, values }, { status: 400 })
    throw error
  }
}
