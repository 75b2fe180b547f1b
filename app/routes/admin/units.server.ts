import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { UnitError, createUnit, listUnits, renameUnit, setUnitActive, userIdsOfUnits } from '../../../server/services/admin/units'
import { idField, parseForm, requiredText } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadUnits(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'unit.manage')
  return { units: listUnits(getServices(context).db) }
}

const names = { name: requiredText('Name', 120), shortName: requiredText('Kurzbezeichnung', 40) }
const UnitSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), ...names }),
  z.object({ intent: z.literal('rename'), unitId: idField('Die Organisationseinheit'), ...names }),
  z.object({ intent: z.enum(['deactivate', 'activate']), unitId: idField('Die Organisationseinheit') }),
])

export async function changeUnits(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'unit.manage')
  const { db } = getServices(context)
  const form = await request.formData()
  const submitted = String(form.get('intent') ?? '')
  // Both toggle buttons answer in the same place of their row.
  const intent = submitted === 'deactivate' || submitted === 'activate' ? 'active' : submitted
  const target = Number(form.get('unitId')) || undefined
  const values = { name: String(form.get('name') ?? ''), shortName: String(form.get('shortName') ?? '') }
  const parsed = parseForm(UnitSchema, form, getT(context))
  if (!parsed.ok) {
    const errors = parsed.errors.intent ? { form: 'Unbekannte Aktion.' } : parsed.errors
    return data({ intent, target, errors, values }, { status: 400 })
  }
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'create':
        createUnit(db, input)
        return { intent, success: `Die Organisationseinheit „${input.name}“ ist angelegt.` }
      case 'rename':
        renameUnit(db, input.unitId, input)
        return { intent, target, success: `Gespeichert: „${input.name}“ (${input.shortName}).` }
      case 'deactivate':
      case 'activate':
        setUnitActive(db, input.unitId, input.intent === 'activate')
        // Members' rights depend on the unit being active: re-check their open live connections.
        for (const userId of userIdsOfUnits(db, [input.unitId])) getServices(context).onAccessChanged(userId)
        return { intent, target, success: input.intent === 'activate' ? 'Wieder aktiv.' : 'Deaktiviert.' }
    }
  } catch (error) {
    if (error instanceof UnitError) return data({ intent, target, errors: { [error.field]: error.message }, values }, { status: 400 })
    throw error
  }
}
