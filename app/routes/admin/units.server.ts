import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { UnitError, createUnit, listUnits, renameUnit, setUnitActive, userIdsOfUnits } from '../../../server/services/admin/units'
import { idField, msg, parseForm, requiredText } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadUnits(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'unit.manage')
  const t = getT(context)
  return { title: t('admin:pageTitle', { page: t('units') }), units: listUnits(getServices(context).db) }
}

const names = { name: requiredText('admin:field.name', 120), shortName: requiredText('admin:field.shortName', 40) }
const UnitSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('create'), ...names }),
    z.object({ intent: z.literal('rename'), unitId: idField('admin:field.unit'), ...names }),
    z.object({ intent: z.enum(['deactivate', 'activate']), unitId: idField('admin:field.unit') }),
  ],
  { message: msg('validation:unknownAction') },
)

export async function changeUnits(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'unit.manage')
  const services = getServices(context)
  const { db } = services
  const t = getT(context)
  const form = await request.formData()
  const submitted = String(form.get('intent') ?? '')
  // Both toggle buttons answer in the same place of their row.
  const intent = submitted === 'deactivate' || submitted === 'activate' ? 'active' : submitted
  const target = Number(form.get('unitId')) || undefined
  const which = { intent, target, values: { name: String(form.get('name') ?? ''), shortName: String(form.get('shortName') ?? '') } }
  const parsed = parseForm(UnitSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, which)
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'create':
        createUnit(db, input)
        return done(t('admin:units.created', { name: input.name }), { intent })
      case 'rename':
        renameUnit(db, input.unitId, input)
        return done(t('admin:units.renamed', { name: input.name, shortName: input.shortName }), { intent, target })
      case 'deactivate':
      case 'activate':
        setUnitActive(db, input.unitId, input.intent === 'activate')
        // Members' rights depend on the unit being active: re-check their open live connections.
        for (const userId of userIdsOfUnits(db, [input.unitId])) services.onAccessChanged(userId)
        return done(input.intent === 'activate' ? t('admin:units.activated') : t('admin:units.deactivated'), { intent, target })
    }
  } catch (error) {
    if (!(error instanceof UnitError)) throw error
    return refusalOf(context, error, which)
  }
}
