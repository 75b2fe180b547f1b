import { z } from 'zod'
import { emailField, idField, msg, requiredText } from '~/shared/forms'
import { ROLES, UNIT_ROLE } from '~/shared/vocabulary'

const optionalUnit = z.preprocess((v) => (v === '' || v === null ? undefined : v), idField('admin:field.unit').optional())
const role = z.enum(ROLES, { message: msg('admin:users.roleMissing') })

/** A unit only for unit editors; for every other role a chosen unit is dropped rather than refused. */
function unitForRole<T extends { role: (typeof ROLES)[number]; unitId?: number }>(value: T, ctx: z.RefinementCtx<T>) {
  if (value.role === UNIT_ROLE && !value.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: msg('admin:users.unitRequired') })
}
const withUnit = <T extends { role: (typeof ROLES)[number]; unitId?: number }>(value: T) => ({
  ...value,
  unitId: value.role === UNIT_ROLE ? (value.unitId ?? null) : null,
})

export const CreateUserSchema = z
  .object({ intent: z.literal('create'), name: requiredText('admin:field.name', 120), email: emailField, role, unitId: optionalUnit })
  .superRefine(unitForRole)
  .transform(withUnit)

export const AddMembershipSchema = z
  .object({ intent: z.literal('add-membership'), role, unitId: optionalUnit })
  .superRefine(unitForRole)
  .transform(withUnit)

export const RemoveMembershipSchema = z.object({ intent: z.literal('remove-membership'), membershipId: idField('admin:field.membership') })
