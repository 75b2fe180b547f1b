import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import type { Services } from '../../../server/context'
import {
  AssignmentError,
  MAX_CSV_BYTES,
  addAssignment,
  assignmentTemplateCsv,
  decodeCsv,
  importAssignments,
  findMeasureAssignments,
  listFieldChoices,
  removeAssignment,
} from '../../../server/services/admin/assignments'
import { listActiveUnits, userIdsOfUnits } from '../../../server/services/admin/units'
import { idField, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

const FilterSchema = z.object({
  feld: z.coerce.number().int().min(1).max(99).optional().catch(undefined),
  ohne: z.literal('1').optional().catch(undefined),
})

export function loadAssignments(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'assignment.manage')
  const { db } = getServices(context)
  const filters = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const { total, measures } = findMeasureAssignments(db, { field: filters.feld, withoutLead: !!filters.ohne })
  return { filters, total, measures, fields: listFieldChoices(db), units: listActiveUnits(db) }
}

export function downloadTemplate(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'assignment.manage')
  return new Response(assignmentTemplateCsv(getServices(context).db), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="zuordnungen-vorlage.csv"',
      'Cache-Control': 'no-store',
    },
  })
}

const ChangeSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add'),
    measureId: idField('Die Maßnahme'),
    unitId: z.coerce.number().int().positive('Bitte eine Organisationseinheit wählen.'),
    role: z.enum(['lead', 'contributing'], { message: 'Bitte „federführend“ oder „beteiligt“ wählen.' }),
  }),
  z.object({ intent: z.literal('remove'), measureId: idField('Die Maßnahme'), unitId: idField('Die Organisationseinheit') }),
  z.object({ intent: z.literal('import'), file: z.instanceof(File, { message: 'Bitte eine CSV-Datei auswählen.' }) }),
])

/** Multipart bodies are buffered by formData(): stop reading at the limit instead of after the whole upload. */
async function readLimitedForm(request: Request, limit: number): Promise<FormData | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null
  if (!request.body) return request.formData()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return new Request(request.url, { method: 'POST', headers: request.headers, body: Buffer.concat(chunks) }).formData()
}

/** The editors of the units concerned may now edit other measures than before. */
function notifyUnits(services: Services, unitIds: number[]) {
  for (const userId of userIdsOfUnits(services.db, unitIds)) services.onAccessChanged(userId)
}

const TOO_LARGE = 'Die Datei ist zu groß; erlaubt ist höchstens 1 MB.'

export async function changeAssignments(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'assignment.manage')
  const services = getServices(context)
  const form = await readLimitedForm(request, MAX_CSV_BYTES + 64 * 1024)
  if (!form) return data({ intent: 'import', errors: { file: TOO_LARGE }, lines: [] as string[] }, { status: 400 })
  const intent = String(form.get('intent') ?? '')
  const target = Number(form.get('measureId')) || undefined
  const parsed = parseForm(ChangeSchema, form, getT(context))
  if (!parsed.ok) return data({ intent, target, errors: parsed.errors.intent ? { form: 'Unbekannte Aktion.' } : parsed.errors }, { status: 400 })
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'add':
        addAssignment(services.db, input)
        notifyUnits(services, [input.unitId])
        return { intent, target, success: 'Zugeordnet.' }
      case 'remove':
        removeAssignment(services.db, input)
        notifyUnits(services, [input.unitId])
        return { intent, target, success: 'Zuordnung entfernt.' }
      case 'import': {
        const file = input.file
        if (file.size === 0 && file.name === '') return data({ intent, errors: { file: 'Bitte eine CSV-Datei auswählen.' } }, { status: 400 })
        if (!/\.(csv|txt)$/i.test(file.name)) {
          return data({ intent, errors: { file: `„${file.name}“ ist keine CSV-Datei. Bitte in Excel „Speichern unter … CSV UTF-8“ wählen.` } }, { status: 400 })
        }
        const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()))
        const result = decoded.ok ? importAssignments(services.db, decoded.text) : decoded
        if (!result.ok) {
          const count = result.errors.length
          const summary = `Die Datei wurde nicht übernommen; nichts wurde geändert. ${count === 1 ? '1 Fehler' : `${count} Fehler`}:`
          return data({ intent, errors: { file: summary }, lines: result.errors }, { status: 400 })
        }
        notifyUnits(services, result.unitIds)
        return { intent, success: result.message }
      }
    }
  } catch (error) {
    if (error instanceof AssignmentError) return data({ intent, target, errors: { [error.field]: error.message } }, { status: 400 })
    throw error
  }
}
