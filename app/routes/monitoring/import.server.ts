import { data, redirect, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { download } from '../../../server/http/download'
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, readIndicatorValuesCsv, toCsv, type ImportProblem } from '../../../server/imports/indicator-values'
import { indicatorValuesTemplateXlsx, readIndicatorValuesXlsx } from '../../../server/imports/indicator-values-xlsx'
import { listIndicators, listTerritories, smallNumberThreshold } from '../../../server/services/monitoring/common'
import { applyImport, discardImport, pendingChangeSet, prepareImport, recentImports, recentValueChanges, type Change } from '../../../server/services/monitoring/import'
import { checkRows, DIMENSION_WORDS, SEX_WORDS } from '../../../server/services/monitoring/import-rows'
import { protect } from '../../../server/services/monitoring/protect'
import { translateKey, type T } from '~/shared/i18n'
import { idField, msg, parseForm } from '~/shared/forms'
import type { Dimension, Sex } from '~/shared/vocabulary'
import { readLimitedForm } from '../../../server/http/upload'

type Ctx = Readonly<RouterContextProvider>

const PREVIEW_ROWS = 100

export function loadImport(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'indicatorValue.import')
  const { db } = getServices(context)
  const t = getT(context)
  const threshold = smallNumberThreshold(db)
  const indicators = new Map(listIndicators(db).map((i) => [i.id, i]))
  const territories = new Map(listTerritories(db).map((t) => [t.id, t.name]))
  const breakdown = (dimension: Dimension, category: string, sex: Sex) =>
    [dimension === 'total' ? t('vocabulary:monitoring.dimension.total') : `${t(`vocabulary:monitoring.dimension.${dimension}`)}: ${category}`, sex === 'all' ? null : t(`vocabulary:monitoring.sex.${sex}`)].filter(Boolean).join(', ')
  const describe = ({ row, before }: Change) => {
    const unit = indicators.get(row.indicatorId)?.unit ?? 'count'
    return {
      line: row.line,
      indicator: indicators.get(row.indicatorId)?.name ?? '',
      unit,
      territory: territories.get(row.territoryId) ?? '',
      referenceDate: row.referenceDate,
      breakdown: breakdown(row.dimension, row.category, row.sex),
      // Small-number protection holds here too: the preview prints what every page would print.
      before: before ? protect(before, unit, threshold) : null,
      after: protect({ ...row, demo: false }, unit, threshold),
    }
  }
  const previewId = Number(new URL(request.url).searchParams.get('vorschau')) || null
  let preview = null
  if (previewId) {
    try {
      const { fileName, changes } = pendingChangeSet(db, previewId, auth.user.id)
      preview = {
        importId: previewId,
        fileName,
        added: changes.added.length,
        changed: changes.changed.length,
        unchanged: changes.unchanged,
        changes: changes.changed.slice(0, PREVIEW_ROWS).map(describe),
        addedRows: changes.added.slice(0, 20).map(describe),
      }
    } catch {
      preview = null
    }
  }
  return {
    title: t('monitoring:import.title'),
    threshold,
    columns: IMPORT_COLUMNS.join(';'),
    preview,
    imports: recentImports(db),
    audit: recentValueChanges(db).map((c) => {
      const unit = indicators.get(c.indicatorId)?.unit ?? 'count'
      const figure = (value: number | null, count: number | null) =>
        value === null ? null : protect({ value, count, base: null, note: '', source: '', demo: false }, unit, threshold)
      return {
        id: c.id,
        at: c.at,
        change: c.change,
        userName: c.userName,
        referenceDate: c.referenceDate,
        indicator: indicators.get(c.indicatorId)?.name ?? '',
        territory: territories.get(c.territoryId) ?? '',
        breakdown: breakdown(c.dimension, c.category, c.sex),
        unit,
        before: figure(c.oldValue, c.oldCount),
        after: figure(c.newValue, c.newCount),
      }
    }),
  }
}


const MAX_LISTED = 200

/** "Zeile 4, Spalte 2 (gebiet): …" in the request's language. */
export function problemText(t: T, p: ImportProblem): string {
  const message = translateKey(t, p.key, p.values)
  if (p.column === null) return t('monitoring:import.atLine', { line: p.line, message })
  return t('monitoring:import.at', { line: p.line, column: p.column, name: IMPORT_COLUMNS[p.column - 1] ?? '–', message })
}

const Schema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('check'), file: z.instanceof(File, { message: msg('monitoring:import.chooseFile') }) }),
    z.object({ intent: z.literal('apply'), importId: idField('monitoring:import.preview') }),
    z.object({ intent: z.literal('discard'), importId: idField('monitoring:import.preview') }),
  ],
  { message: msg('validation:unknownAction') },
)

export async function changeImport(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'indicatorValue.import')
  const { db } = getServices(context)
  const t = getT(context)
  const form = await readLimitedForm(request, MAX_IMPORT_BYTES + 64 * 1024)
  if (!form) return data({ intent: 'check', errors: { file: t('monitoring:import.tooLarge') }, lines: [] as string[] }, { status: 400 })
  const parsed = parseForm(Schema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, { intent: String(form.get('intent') ?? '') })
  const input = parsed.data
  if (input.intent === 'check') {
    const file = input.file
    if (file.size === 0 && file.name === '') return refused({ file: t('monitoring:import.chooseFile') }, { intent: 'check' })
    const xlsx = /\.xlsx$/i.test(file.name)
    if (!xlsx && !/\.(csv|txt)$/i.test(file.name)) return refused({ file: t('monitoring:import.wrongType', { name: file.name }) }, { intent: 'check' })
    const bytes = new Uint8Array(await file.arrayBuffer())
    const read = xlsx ? await readIndicatorValuesXlsx(bytes) : readIndicatorValuesCsv(bytes)
    const checked = read.ok ? checkRows(db, read.rows) : read
    if (!checked.ok) {
      const lines = checked.problems.slice(0, MAX_LISTED).map((p) => problemText(t, p))
      if (checked.problems.length > MAX_LISTED) lines.push(t('monitoring:import.more', { count: checked.problems.length - MAX_LISTED }))
      return data({ intent: 'check', errors: { file: t('monitoring:import.refused', { count: checked.problems.length }) }, lines }, { status: 400 })
    }
    const { importId } = prepareImport(db, { userId: auth.user.id, fileName: file.name, rows: checked.rows })
    throw redirect(`/monitoring/import?vorschau=${importId}`)
  }
  try {
    if (input.intent === 'discard') {
      discardImport(db, input.importId, auth.user.id)
      return done(t('monitoring:import.discarded'), { intent: 'discard' })
    }
    const summary = applyImport(db, input.importId, auth.user.id)
    return done(t('monitoring:import.applied', { added: summary.added, changed: summary.changed, unchanged: summary.unchanged }), { intent: 'apply' })
  } catch (error) {
    return refusalOf(context, error, { intent: input.intent })
  }
}

/** The template: one line per indicator in use and territory for last year's reference date, values empty. */
export async function downloadTemplate(context: Ctx, request: Request, format: 'csv' | 'xlsx') {
  requireUserWithAbility(context, request, 'indicatorValue.import')
  const { db } = getServices(context)
  const year = new Date().getFullYear() - 1
  const lines: (string | number)[][] = []
  for (const indicator of listIndicators(db, { activeOnly: true })) {
    if (indicator.breakdowns.includes('allocation')) continue
    for (const territory of listTerritories(db)) {
      lines.push([indicator.key, territory.name, `31.12.${year}`, DIMENSION_WORDS.total, '', SEX_WORDS.all, '', '', '', '', ''])
    }
  }
  if (format === 'csv') return download(toCsv(lines), 'kennzahlen-vorlage.csv', 'csv')
  const explanation: [string, string][] = [
    ['kennzahl', 'Kurzname oder Bezeichnung der Kennzahl (siehe /monitoring)'],
    ['gebiet', 'Landkreis Osnabrück oder eine der 21 Kommunen (Name wie auf den Datenblättern)'],
    ['stichtag', '31.12.JJJJ, JJJJ, oder Quartal als Q1 JJJJ … Q4 JJJJ'],
    ['merkmal', Object.values(DIMENSION_WORDS).join(', ')],
    ['auspraegung', 'der Teil des Merkmals, z. B. EU, Drittstaaten, Syrien, übrige, 18 bis unter 30 Jahre; leer bei gesamt'],
    ['geschlecht', Object.values(SEX_WORDS).join(', ')],
    ['wert', 'Zahl in der Einheit der Kennzahl, Dezimalkomma (3,7); leer nur mit hinweis (Lücke)'],
    ['anzahl', 'bei Anteilen: die absolute Zahl dahinter (ganze Zahl)'],
    ['bezugsgroesse', 'bei Anteilen: der Nenner (ganze Zahl)'],
    ['quelle', 'Datenquelle; leer: die Datenquelle der Kennzahl'],
    ['hinweis', 'Vollständigkeit: was fehlt oder geschätzt ist'],
  ]
  return download(await indicatorValuesTemplateXlsx(lines, explanation), 'kennzahlen-vorlage.xlsx', 'xlsx')
}
