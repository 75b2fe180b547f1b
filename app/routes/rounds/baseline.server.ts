import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, notFound, requireIdParam, requireRole } from '../../../server/auth/require'
import { done, formValues, refused, refusalOf } from '../../../server/http/actions'
import { download } from '../../../server/http/download'
import { decide } from '../../../server/policies/can'
import { currentRound } from '../../../server/services/catalogue/catalogue'
import { MAX_SOURCE_LENGTH, baselineMeasures, baselineRecord, baselineRound, recordBaseline, type BaselineValue, type LineError } from '../../../server/services/rounds/baseline'
import { MAX_BASELINE_BYTES, baselineFormatOf, baselineTemplateCsv, baselineTemplateXlsx, readBaselineFile } from '../../../server/services/rounds/baseline-file'
import { translateKey, type T } from '~/shared/i18n'
import { ATTAINMENTS } from '~/shared/vocabulary'
import { msg, parseForm, type ActionResult } from '~/shared/forms'
import { readLimitedForm } from '../../../server/http/upload'

type Ctx = Readonly<RouterContextProvider>

/** The round of /runden/:id/nachtragen for the commissioner (round.backfill's role), or 404. */
function requireBaselineRound(context: Ctx, param: string | undefined) {
  const id = requireIdParam(context, param, 'rounds:refusal.noSuchRound')
  const round = baselineRound(getServices(context).db, id)
  if (!round) throw notFound(getT(context)('rounds:refusal.noSuchRound', { id: param ?? '' }))
  return round
}

export function loadBaseline(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'round.backfill')
  const { db } = getServices(context)
  const t = getT(context)
  const round = requireBaselineRound(context, param)
  const verdict = decide(auth.actor, 'round.backfill', round)
  const record = baselineRecord(db, round.id)
  const current = currentRound(db)
  return {
    title: t('rounds:baseline.documentTitle'),
    round: { id: round.id, name: round.name },
    /** Why entering is not possible (in the user's language), or null: it is. */
    refusal: verdict === 'allowed' ? null : t(`policy:${verdict}`),
    record: record ? { at: record.at, byName: record.byName, source: record.source, count: record.count } : null,
    measures: verdict === 'allowed' ? baselineMeasures(db, round.conceptId) : [],
    maxSource: MAX_SOURCE_LENGTH,
    /** The comparison from this round to the current one shows what became better or worse since. */
    compareTo: current && current.id !== round.id ? current.id : null,
  }
}

/** GET …/vorlage?format=xlsx|csv: every measure of the concept in catalogue order, the rating column empty. */
export async function downloadBaselineTemplate(context: Ctx, request: Request, param: string | undefined) {
  requireRole(context, request, 'round.backfill')
  const { db } = getServices(context)
  const t = getT(context)
  const round = requireBaselineRound(context, param)
  const format = new URL(request.url).searchParams.get('format') === 'csv' ? 'csv' : 'xlsx'
  const catalogue = baselineMeasures(db, round.conceptId)
  const name = t('rounds:baseline.templateFile', { name: round.name })
  return format === 'csv'
    ? download(baselineTemplateCsv(catalogue), `${name}.csv`, 'csv')
    : download(await baselineTemplateXlsx(catalogue, t('rounds:baseline.templateSheet')), `${name}.xlsx`, 'xlsx')
}

const sourceField = (required: boolean) =>
  z
    .string()
    .trim()
    .max(MAX_SOURCE_LENGTH, msg('rounds:baseline.sourceTooLong', { max: MAX_SOURCE_LENGTH }))
    .refine((v) => !required || v !== '', msg('rounds:baseline.sourceMissing'))

const BaselineSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('manual'), source: sourceField(true) }),
    z.object({ intent: z.literal('import'), source: sourceField(false), file: z.instanceof(File, { message: msg('rounds:baseline.upload.missing') }) }),
  ],
  { message: msg('validation:unknownAction') },
)


const lineText = (t: T, e: LineError) => {
  const message = translateKey(t, e.key, e.values)
  return e.line === undefined ? message : t('rounds:baseline.lineError', { line: e.line, message })
}

/** POST: the values from the form (one select per measure) or from a file, all or nothing. */
export async function enterBaseline(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'round.backfill')
  const { db } = getServices(context)
  const t = getT(context)
  const round = requireBaselineRound(context, param)
  const form = await readLimitedForm(request, MAX_BASELINE_BYTES + 64 * 1024)
  if (!form) return refused({ file: t('rounds:baseline.upload.tooLarge', { max: '1 MB' }) }, { intent: 'import' })
  const intent = String(form.get('intent') ?? '')
  const parsed = parseForm(BaselineSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, { intent })
  const input = parsed.data

  let values: BaselineValue[]
  let source = input.source
  if (input.intent === 'manual') {
    const errors: Record<string, string> = {}
    values = []
    for (const m of baselineMeasures(db, round.conceptId)) {
      const value = String(form.get(`m${m.id}`) ?? '')
      if (value === '') continue
      const attainment = ATTAINMENTS.find((a) => a === value)
      if (attainment) values.push({ measureId: m.id, attainment })
      else errors[`m${m.id}`] = t('rounds:baseline.badValue')
    }
    if (Object.keys(errors).length > 0) return refused(errors, { intent, values: formValues(form) })
  } else {
    const file = input.file
    if (file.size === 0 && file.name === '') return refused({ file: t('rounds:baseline.upload.missing') }, { intent })
    const format = baselineFormatOf(file.name)
    if (!format) return refused({ file: t('rounds:baseline.upload.wrongType', { name: file.name }) }, { intent })
    const read = await readBaselineFile(new Uint8Array(await file.arrayBuffer()), format, baselineMeasures(db, round.conceptId))
    if (!read.ok) {
      // Every problem at once, each with its line, below the file field.
      const errors = { file: t('rounds:baseline.upload.refused', { count: read.errors.length }) }
      return data<ActionResult & { lines: string[] }>({ intent, errors, lines: read.errors.map((e) => lineText(t, e)) }, { status: 400 })
    }
    values = read.values
    source ||= file.name
  }
  try {
    const { count } = recordBaseline(db, { roundId: round.id, values, source, byUserId: auth.user.id })
    return done(t('rounds:baseline.done', { count }), { intent })
  } catch (error) {
    return refusalOf(context, error, { intent, values: input.intent === 'manual' ? formValues(form) : undefined })
  }
}
