import { data, type RouterContextProvider } from 'react-router'
import { translateKey, type T } from '../../shared/i18n'
import { tFor } from '../../shared/i18n/resources'
import { measureDocumentName } from '../../shared/live/names'
import { STATUS_MAP } from '../../shared/live/layout'
import { attainmentLabel, FLAGS } from '../../shared/vocabulary'
import { getServices, getT, notFound, requireAuth, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { checkPreview, lastChangeId, markSource, MAX_IMPORT_BYTES, readImport, type ImportChange, type ImportError, type Proposal } from '../../../server/services/report/import'
import { ReportRefusal, requireRound } from '../../../server/services/report/overview'
import { readLimitedForm } from '../../../server/http/upload'

type Ctx = Readonly<RouterContextProvider>

/** What the page shows after a step: the preview (every change old → new), the line errors, or the confirmation. */
export type ImportResult = {
  intent: 'preview' | 'apply'
  fileName?: string
  changes?: ShownChange[]
  /** The preview's changes, sent back unchanged by the confirming form (checked again there). */
  payload?: string
  errors?: string[]
  success?: string
}
export type ShownChange = { measureId: number; number: string; title: string; rows: { what: string; before: string; after: string }[] }

const MB = MAX_IMPORT_BYTES / 1024 / 1024

function roundFor(context: Ctx, request: Request, param: string | undefined) {
  requireAuth(context, request)
  const roundId = requireIdParam(context, param, 'report:errors.roundNotFound')
  const { db } = getServices(context)
  let round: ReturnType<typeof requireRound>
  try {
    round = requireRound(db, roundId)
  } catch (error) {
    if (error instanceof ReportRefusal) throw notFound(error.text(getT(context)))
    throw error
  }
  // Commissioner only, open round only: the policy says which and why (403 with its reason otherwise).
  const auth = requireUserWithAbility(context, request, 'report.import', { state: round.state })
  return { round, auth }
}

export function loadImport(context: Ctx, request: Request, param: string | undefined) {
  const { round } = roundFor(context, request, param)
  const t = getT(context)
  return { round: { id: round.id, name: round.name }, title: t('report:import.title'), maxMb: MB }
}


const refuse = (result: ImportResult) => data<ImportResult>(result, { status: 400 })
const texts = (t: T, errors: ImportError[]) => errors.map((e) => translateKey(t, e.key, e.values))

function shown(t: T, changes: ImportChange[]): ShownChange[] {
  const rating = (p: Proposal) => t(attainmentLabel(p.attainment))
  const yesNo = (value: boolean) => t(value ? 'report:yes' : 'report:no')
  return changes.map((c) => ({
    measureId: c.measureId,
    number: c.number,
    title: c.title,
    rows: [
      ...(c.before.attainment !== c.after.attainment ? [{ what: t('report:columns.attainment'), before: rating(c.before), after: rating(c.after) }] : []),
      ...FLAGS.filter((f) => c.before.flags[f] !== c.after.flags[f]).map((f) => ({ what: t(`report:legend.flag.${f}`), before: yesNo(c.before.flags[f]), after: yesNo(c.after.flags[f]) })),
    ],
  }))
}

/**
 * Step 1 (`preview`): the uploaded file is read against the round; the page shows every change or every line error,
 * nothing is stored. Step 2 (`apply`): the preview's changes come back, are checked again (still as previewed?) and
 * written through the measures' live documents, one edit each, the audit rows naming the file.
 */
export async function importAction(context: Ctx, request: Request, param: string | undefined) {
  const { round, auth } = roundFor(context, request, param)
  const t = getT(context)
  const { db, live } = getServices(context)
  const form = await readLimitedForm(request, MAX_IMPORT_BYTES + 256 * 1024)
  if (!form) return refuse({ intent: 'preview', errors: [t('report:import.error.tooLarge', { mb: MB })] })
  const intent = form.get('intent')
  if (intent === 'preview') {
    const file = form.get('file')
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) return refuse({ intent, errors: [t('report:import.error.noFile')] })
    const fileName = file.name.slice(0, 200)
    if (file.size > MAX_IMPORT_BYTES) return refuse({ intent, fileName, errors: [t('report:import.error.tooLarge', { mb: MB })] })
    const reading = await readImport(db, round.id, new Uint8Array(await file.arrayBuffer()), fileName)
    if (!reading.ok) return refuse({ intent, fileName, errors: texts(t, reading.errors) })
    return { intent, fileName, changes: shown(t, reading.changes), payload: JSON.stringify(reading.changes) } satisfies ImportResult
  }
  if (intent === 'apply') {
    const fileName = String(form.get('fileName') ?? '').slice(0, 200)
    const checked = checkPreview(db, round.id, String(form.get('payload') ?? ''))
    if (!checked.ok || !fileName) return refuse({ intent, fileName, errors: texts(t, checked.ok ? [{ key: 'report:import.error.badPreview' }] : checked.errors) })
    // Stored once, in German (the audit is the county's record), whatever the importer's language.
    const source = translateKey(tFor('de'), 'report:import.source', { file: fileName })
    for (const change of checked.changes) {
      const afterId = lastChangeId(db)
      await live.edit(measureDocumentName(round.id, change.measureId), auth.user.id, (doc) => {
        const status = doc.getMap(STATUS_MAP)
        status.set('attainment', change.after.attainment)
        for (const flag of FLAGS) status.set(flag, change.after.flags[flag])
      })
      markSource(db, { roundId: round.id, measureId: change.measureId, userId: auth.user.id, afterId, source })
    }
    return { intent, fileName, success: t('report:import.done', { count: checked.changes.length, file: fileName }) } satisfies ImportResult
  }
  return refuse({ intent: 'preview', errors: [t('report:import.error.noFile')] })
}
