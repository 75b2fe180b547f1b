import type { RouterContextProvider } from 'react-router'
import { redirect } from 'react-router'
import { z } from 'zod'
import { getServices, getT, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { done, formValues, refused, refusalOf } from '../../../server/http/actions'
import { indicatorById } from '../../../server/services/monitoring/common'
import { createIndicator, goalNumbersOf, updateIndicator, type IndicatorInput } from '../../../server/services/monitoring/indicators'
import { translateKey } from '~/shared/i18n'
import { IdParam, label, msg, parseForm, requiredText } from '~/shared/forms'
import { BREAKDOWNS, INDICATOR_AREAS, INDICATOR_UNITS, REFERENCE_KINDS } from '~/shared/vocabulary'

type Ctx = Readonly<RouterContextProvider>

/** "neu" or an indicator's id. */
function indicatorParam(context: Ctx, param: string | undefined): number | 'new' {
  if (param === 'neu') return 'new'
  const id = IdParam.safeParse(param)
  if (!id.success) throw notFound(translateKey(getT(context), 'monitoring:indicator.notFound', { id: param ?? '' }))
  return id.data
}

export function loadIndicator(context: Ctx, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'indicator.manage')
  const { db } = getServices(context)
  const t = getT(context)
  const which = indicatorParam(context, param)
  if (which === 'new') return { title: t('monitoring:indicator.newTitle'), indicator: null }
  const indicator = indicatorById(db, which)
  if (!indicator) throw notFound(t('monitoring:indicator.notFound', { id: String(which) }))
  return { title: t('monitoring:indicator.editTitle', { name: indicator.name }), indicator: { ...indicator, goalNumbers: goalNumbersOf(db, indicator.id) } }
}

const text = (field: Parameters<typeof label>[0], max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(max, msg('validation:tooLong', { label: label(field), max })))
/** An optional number in German notation ("56,5"). */
const optionalNumber = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(',', '.') : ''),
  z
    .string()
    .refine((v) => v === '' || /^-?\d+(\.\d+)?$/.test(v), msg('monitoring:indicator.numberInvalid'))
    .transform((v) => (v === '' ? null : Number(v))),
)
const optionalYear = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : ''),
  z
    .string()
    .refine((v) => v === '' || (/^\d{4}$/.test(v) && Number(v) >= 1990 && Number(v) <= 2100), msg('monitoring:indicator.yearInvalid'))
    .transform((v) => (v === '' ? null : Number(v))),
)

export const IndicatorSchema = z
  .object({
    name: requiredText('monitoring:indicator.name', 200),
    key: requiredText('monitoring:indicator.key', 60).pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, msg('monitoring:indicator.keyInvalid'))),
    area: z.enum(INDICATOR_AREAS, { message: msg('validation:missing', { label: label('monitoring:indicator.area') }) }),
    unit: z.enum(INDICATOR_UNITS, { message: msg('validation:missing', { label: label('monitoring:indicator.unit') }) }),
    referenceKind: z.enum(REFERENCE_KINDS, { message: msg('validation:missing', { label: label('monitoring:indicator.referenceKind') }) }),
    definition: text('monitoring:indicator.definition', 2000),
    numerator: text('monitoring:indicator.numerator', 300),
    numeratorSource: text('monitoring:indicator.numeratorSource', 300),
    denominator: text('monitoring:indicator.denominator', 300),
    denominatorSource: text('monitoring:indicator.denominatorSource', 300),
    dataSource: text('monitoring:indicator.dataSource', 500),
    presentation: text('monitoring:indicator.presentation', 300),
    rationale: requiredText('monitoring:indicator.rationale', 2000),
    goals: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z
        .string()
        .refine((v) => v.trim() === '' || /^\s*\d{1,3}(\s*[,;]\s*\d{1,3})*\s*$/.test(v), msg('monitoring:indicator.goalsInvalid'))
        .transform((v) => [...new Set(v.split(/[,;]/).map((s) => s.trim()).filter(Boolean).map(Number))]),
    ),
    comparableFrom: optionalYear,
    targetValue: optionalNumber,
    targetYear: optionalYear,
    thresholdValue: optionalNumber,
    thresholdYear: optionalYear,
    active: z.preprocess((v) => v === 'on' || v === '1', z.boolean()),
  })
  .refine((v) => v.targetYear === null || v.targetValue !== null, { path: ['targetYear'], message: msg('monitoring:indicator.yearWithoutValue') })
  .refine((v) => v.thresholdYear === null || v.thresholdValue !== null, { path: ['thresholdYear'], message: msg('monitoring:indicator.yearWithoutValue') })

export async function saveIndicator(context: Ctx, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'indicator.manage')
  const { db } = getServices(context)
  const t = getT(context)
  const which = indicatorParam(context, param)
  const form = await request.formData()
  const parsed = parseForm(IndicatorSchema, form, t)
  const values = formValues(form)
  if (!parsed.ok) return refused(parsed.errors, { values })
  const breakdowns = BREAKDOWNS.filter((b) => form.getAll('breakdowns').includes(b))
  const { goals, ...rest } = parsed.data
  const input: IndicatorInput = { ...rest, breakdowns, goalNumbers: goals }
  try {
    if (which === 'new') {
      const id = createIndicator(db, input)
      throw redirect(`/monitoring/kennzahlen/${id}?angelegt=1`)
    }
    updateIndicator(db, which, input)
    return done(t('monitoring:indicator.saved'))
  } catch (error) {
    if (error instanceof Response) throw error
    return refusalOf(context, error, { values })
  }
}
