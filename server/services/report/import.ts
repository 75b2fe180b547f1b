import type ExcelJS from 'exceljs'
import { and, eq, gt, isNull, max } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../../../db/client'
import { goals, measureStatus, measures, statusChanges } from '../../../db/schema'
import { STAFF_LOCALES, type MessageKey, type MessageValues } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import { ATTAINMENTS, FLAGS, attainmentLabel, type Attainment, type Flag, type Flags } from '../../../app/shared/vocabulary'
import { flatHeaderAliases, normaliseHeader, undefuse, type FlatColumn } from '../../exports/overview-layout'
import { requireRound } from './overview'

/**
 * The Excel overview goes back in: the commissioner edits an exported copy and imports its ratings and marks as the
 * proposals of an open round. Reading is all-or-nothing: every problem is a line error (row, column, reason) and
 * nothing changes while there is one. The columns are the export's, in any language Zielwerk exports in; catalogue
 * texts, narratives and agreed ratings in the file are not taken (the measure's title is checked against the
 * catalogue so that a file of another concept or round cannot be applied by accident).
 *
 * The changes are written through the live documents by the route (`live.edit`), so each one is logged, projected,
 * audited and broadcast as a browser edit is; `markSource` then names the file in the audit rows.
 */

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024
const MAX_ROWS = 2_000
const REQUIRED: FlatColumn[] = ['measureNumber', 'measure', 'attainment', ...FLAGS]

export type ImportError = { key: MessageKey; values?: MessageValues }
export type Proposal = { attainment: Attainment | null; flags: Flags }
export type ImportChange = { measureId: number; number: string; title: string; before: Proposal; after: Proposal }
export type ImportReading = { ok: true; changes: ImportChange[] } | { ok: false; errors: ImportError[] }

const err = (key: string, values: MessageValues = {}): ImportError => ({ key: `report:import.error.${key}` as MessageKey, values })

/** Every word a language gives an attainment (vocabulary and legend) and a yes/no, lower-cased. */
function vocabulary() {
  const attainments = new Map<string, Attainment | null>([['', null]])
  const yes = new Set(['true', 'wahr', 'x', '1'])
  const no = new Set(['', 'false', 'falsch', '0'])
  for (const language of STAFF_LOCALES) {
    const t = tFor(language)
    attainments.set(t(attainmentLabel(null)).toLocaleLowerCase('de'), null)
    attainments.set(t('report:legend.attainment.none').toLocaleLowerCase('de'), null)
    for (const a of ATTAINMENTS) {
      attainments.set(a, a)
      attainments.set(t(attainmentLabel(a)).toLocaleLowerCase('de'), a)
      attainments.set(t(`report:legend.attainment.${a}`).toLocaleLowerCase('de'), a)
    }
    yes.add(t('report:yes').toLocaleLowerCase('de'))
    no.add(t('report:no').toLocaleLowerCase('de'))
  }
  return { attainments, yes, no }
}

/** The round's measures by number ("<goal>.<position>") with their current proposal. */
function measuresOf(db: DbOrTx, roundId: number, conceptId: number) {
  const rows = db
    .select({
      id: measures.id,
      goalNumber: goals.number,
      position: measures.position,
      title: measures.title,
      attainment: measureStatus.proposalAttainment,
      mandatory: measureStatus.proposalMandatory,
      routine: measureStatus.proposalRoutine,
      continue: measureStatus.proposalContinue,
      responsibilityQuestionable: measureStatus.proposalResponsibilityQuestionable,
      changedConditions: measureStatus.proposalChangedConditions,
    })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .leftJoin(measureStatus, and(eq(measureStatus.measureId, measures.id), eq(measureStatus.roundId, roundId)))
    .where(eq(goals.conceptId, conceptId))
    .all()
  return new Map(
    rows.map((r) => [
      `${r.goalNumber}.${r.position}`,
      { id: r.id, title: r.title, proposal: { attainment: r.attainment ?? null, flags: Object.fromEntries(FLAGS.map((f) => [f, !!r[f]])) as Flags } },
    ]),
  )
}

const same = (a: Proposal, b: Proposal) => a.attainment === b.attainment && FLAGS.every((f) => a.flags[f] === b.flags[f])
const squash = (text: string) => text.trim().replace(/\s+/g, ' ')

/** Reads an uploaded workbook against the round: the changes it would make, or every line error. Changes nothing. */
export async function readImport(db: DbOrTx, roundId: number, bytes: Uint8Array, fileName: string): Promise<ImportReading> {
  const round = requireRound(db, roundId)
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, errors: [err('tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })] }
  const workbook = new (await import('exceljs')).default.Workbook()
  try {
    // exceljs declares its Buffer as an ArrayBuffer; a copy of the bytes is one.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer)
  } catch {
    return { ok: false, errors: [err('notXlsx', { file: fileName })] }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { ok: false, errors: [err('noSheet')] }
  if (sheet.rowCount > MAX_ROWS + 1) return { ok: false, errors: [err('tooManyRows', { rows: sheet.rowCount, max: MAX_ROWS })] }

  const errors: ImportError[] = []
  const aliases = flatHeaderAliases(STAFF_LOCALES)
  const columns = new Map<FlatColumn, number>()
  const header = sheet.getRow(1)
  for (let col = 1; col <= header.cellCount; col++) {
    const text = squash(header.getCell(col).text)
    if (!text) continue
    const column = aliases.get(normaliseHeader(text))
    if (!column) errors.push(err('unknownColumn', { col, column: text }))
    else if (columns.has(column)) errors.push(err('duplicateColumn', { col, column: text }))
    else columns.set(column, col)
  }
  for (const column of REQUIRED) if (!columns.has(column)) errors.push(err('missingColumn', { column: tFor('de')(column === 'measureNumber' || column === 'measure' || column === 'attainment' ? `report:columns.${column}` : `report:legend.flag.${column as Flag}`) }))
  if (errors.length > 0) return { ok: false, errors }

  const words = vocabulary()
  const known = measuresOf(db, roundId, round.conceptId)
  const seen = new Map<string, number>()
  const changes: ImportChange[] = []
  const cell = (row: ExcelJS.Row, column: FlatColumn) => squash(undefuse(row.getCell(columns.get(column)!).text ?? ''))
  let rows = 0
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    if (!row.hasValues || [...columns.values()].every((c) => !squash(row.getCell(c).text ?? ''))) continue
    rows++
    const number = cell(row, 'measureNumber')
    const measure = known.get(number)
    if (!measure) {
      errors.push(err('unknownMeasure', { row: r, number }))
      continue
    }
    const first = seen.get(number)
    if (first !== undefined) {
      errors.push(err('duplicateMeasure', { row: r, number, first }))
      continue
    }
    seen.set(number, r)
    const title = cell(row, 'measure')
    if (title !== squash(measure.title)) errors.push(err('titleMismatch', { row: r, number, expected: measure.title, actual: title }))
    const attainmentText = cell(row, 'attainment').toLocaleLowerCase('de')
    const attainment = words.attainments.get(attainmentText)
    if (attainment === undefined) errors.push(err('badAttainment', { row: r, value: cell(row, 'attainment') }))
    const flags = {} as Flags
    for (const flag of FLAGS) {
      const value = cell(row, flag).toLocaleLowerCase('de')
      if (words.yes.has(value)) flags[flag] = true
      else if (words.no.has(value)) flags[flag] = false
      else errors.push(err('badFlag', { row: r, column: tFor('de')(`report:legend.flag.${flag}`), value: cell(row, flag) }))
    }
    if (attainment === undefined || FLAGS.some((f) => flags[f] === undefined)) continue
    const after: Proposal = { attainment, flags }
    if (!same(measure.proposal, after)) changes.push({ measureId: measure.id, number, title: measure.title, before: measure.proposal, after })
  }
  if (rows === 0 && errors.length === 0) errors.push(err('noRows'))
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes }
}

// ── Confirming a preview ──────────────────────────────────────────────────────────────────────────────────

const ProposalSchema = z.object({ attainment: z.enum(ATTAINMENTS).nullable(), flags: z.object(Object.fromEntries(FLAGS.map((f) => [f, z.boolean()])) as Record<Flag, z.ZodBoolean>).strict() }).strict()
const ChangesSchema = z
  .array(z.object({ measureId: z.number().int().positive(), number: z.string().max(20), title: z.string().max(2000), before: ProposalSchema, after: ProposalSchema }).strict())
  .max(MAX_ROWS)

/**
 * The changes of a preview as the confirming form sends them back, checked again: well-formed, measures of this round,
 * and each proposal still as the preview showed it (otherwise somebody changed it meanwhile: refuse, all of it).
 */
export function checkPreview(db: DbOrTx, roundId: number, json: string): { ok: true; changes: ImportChange[] } | { ok: false; errors: ImportError[] } {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return { ok: false, errors: [err('badPreview')] }
  }
  const changes = ChangesSchema.safeParse(parsed)
  if (!changes.success || changes.data.length === 0) return { ok: false, errors: [err('badPreview')] }
  const round = requireRound(db, roundId)
  const known = new Map([...measuresOf(db, roundId, round.conceptId)].map(([number, m]) => [m.id, { ...m, number }]))
  const errors: ImportError[] = []
  for (const change of changes.data) {
    const current = known.get(change.measureId)
    if (!current || current.number !== change.number) return { ok: false, errors: [err('badPreview')] }
    if (!same(current.proposal, change.before)) errors.push(err('stale', { number: change.number }))
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes: changes.data.map((c) => ({ ...c, title: known.get(c.measureId)!.title })) }
}

/** The newest audit row's id, before an edit (markSource names the rows after it). */
export function lastChangeId(db: DbOrTx): number {
  return db.select({ id: max(statusChanges.id) }).from(statusChanges).get()?.id ?? 0
}

/**
 * Names the source ("Import aus <Datei>") in the audit rows the projection just wrote for this user's edit of this
 * measure. The projection writes them synchronously inside the edit, so they are there when live.edit resolves.
 */
export function markSource(db: DbOrTx, change: { roundId: number; measureId: number; userId: number; afterId: number; source: string }) {
  db.update(statusChanges)
    .set({ source: change.source })
    .where(
      and(
        gt(statusChanges.id, change.afterId),
        eq(statusChanges.roundId, change.roundId),
        eq(statusChanges.measureId, change.measureId),
        eq(statusChanges.userId, change.userId),
        eq(statusChanges.kind, 'proposal'),
        isNull(statusChanges.source),
      ),
    )
    .run()
}
