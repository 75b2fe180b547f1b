import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { download } from '../../../server/http/download'
import { decodeCsv, MAX_CSV_BYTES } from '../../../server/imports/csv'
import type { Services } from '../../../server/context'
import {
  AssignmentError,
  addAssignment,
  assignmentTemplateCsv,
  findMeasureAssignments,
  importAssignments,
  importSummary,
  listFieldChoices,
  removeAssignment,
} from '../../../server/services/admin/assignments'
import { listActiveUnits, userIdsOfUnits } from '../../../server/services/admin/units'
import { idField, msg, parseForm } from '~/shared/forms'
import { UNIT_ROLES_ON_MEASURE } from '~/shared/vocabulary'
import type { ImportAnswer } from './types'
import { readLimitedForm } from '../../../server/http/upload'

type Ctx = Readonly<RouterContextProvider>

const FilterSchema = z.object({
  feld: z.coerce.number().int().min(1).max(99).optional().catch(undefined),
  ohne: z.literal('1').optional().catch(undefined),
})

export function loadAssignments(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'assignment.manage')
  const { db } = getServices(context)
  const t = getT(context)
  const filters = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const { total, measures } = findMeasureAssignments(db, { field: filters.feld, withoutLead: !!filters.ohne })
  return { title: t('admin:pageTitle', { page: t('assignments') }), filters, total, measures, fields: listFieldChoices(db), units: listActiveUnits(db) }
}

export function downloadTemplate(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'assignment.manage')
  return download(assignmentTemplateCsv(getServices(context).db), 'zuordnungen-vorlage.csv', 'csv')
}

const ChangeSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('add'),
      measureId: idField('admin:field.measure'),
      unitId: z.coerce.number().int().positive(msg('admin:assignments.unitMissing')),
      role: z.enum(UNIT_ROLES_ON_MEASURE, { message: msg('admin:assignments.roleMissing') }),
    }),
    z.object({ intent: z.literal('remove'), measureId: idField('admin:field.measure'), unitId: idField('admin:field.unit') }),
    z.object({ intent: z.literal('import'), file: z.instanceof(File, { message: msg('admin:import.chooseFile') }) }),
  ],
  { message: msg('validation:unknownAction') },
)


/** The editors of the units concerned may now edit other measures than before. */
function notifyUnits(services: Services, unitIds: number[]) {
  for (const userId of userIdsOfUnits(services.db, unitIds)) services.onAccessChanged(userId)
}

export async function changeAssignments(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'assignment.manage')
  const services = getServices(context)
  const t = getT(context)
  const form = await readLimitedForm(request, MAX_CSV_BYTES + 64 * 1024)
  if (!form) return refused({ file: t('admin:import.fileTooLarge') }, { intent: 'import' })
  const intent = String(form.get('intent') ?? '')
  const target = Number(form.get('measureId')) || undefined
  const which = { intent, target }
  const parsed = parseForm(ChangeSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, which)
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'add':
        addAssignment(services.db, input)
        notifyUnits(services, [input.unitId])
        return done(t('admin:assignments.added'), which)
      case 'remove':
        removeAssignment(services.db, input)
        notifyUnits(services, [input.unitId])
        return done(t('admin:assignments.removed'), which)
      case 'import': {
        const file = input.file
        if (file.size === 0 && file.name === '') return refused({ file: t('admin:import.chooseFile') }, { intent })
        if (!/\.(csv|txt)$/i.test(file.name)) return refused({ file: t('admin:import.notCsv', { name: file.name }) }, { intent })
        const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()))
        const result = decoded.ok ? importAssignments(services.db, decoded.text) : decoded
        if (!result.ok) {
          const answer: ImportAnswer = {
            intent,
            errors: { file: t('admin:import.refused', { count: result.errors.length }) },
            lines: result.errors.map((e) => e.text(t)),
          }
          return data(answer, { status: 400 })
        }
        notifyUnits(services, result.unitIds)
        const answer: ImportAnswer = { ...done(importSummary(t, result), { intent }), matches: result.matches }
        return answer
      }
    }
  } catch (error) {
    if (!(error instanceof AssignmentError)) throw error
    return refusalOf(context, error, which)
  }
}
