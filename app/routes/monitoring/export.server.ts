import type { RouterContextProvider } from 'react-router'
import type { Language, Locale } from '~/shared/i18n'
import { getI18n, getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { monitoringFileNames } from '../../../server/exports/monitoring-layout'
import { BrowserFailed, BrowserMissing } from '../../../server/exports/pdf'
import {
  monitoringQuarterlyDocxOffThread,
  monitoringQuarterlyPdfOffThread,
  monitoringReportDocxOffThread,
  monitoringReportPdfOffThread,
  monitoringSheetDocxOffThread,
  monitoringSheetPdfOffThread,
} from '../../../server/exports/export-process'
import { download } from '../../../server/http/download'
import { sheetMarkup } from './sheet-markup.server'
import { exportDatenreport, exportQuarterly, exportSheet, ExportRefusal, type ExportScope } from '../../../server/services/monitoring/exports'

type Ctx = Readonly<RouterContextProvider>

/** The file names each export answers to; the extension says the format. */
const FILES = { sheet: 'datenblatt', report: 'datenreport', quarterly: 'quartalsbericht' } as const
const FORMATS = ['pdf', 'docx'] as const
type Format = (typeof FORMATS)[number]

const text = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

export type ExportParams = { territory?: string; year?: string; quarter?: string; file?: string }

/**
 * The monitoring's files, for staff (scope 'staff', guarded by monitoring.read: anonymous visitors go to the login,
 * other roles get 403) and for everybody from the published pages (scope 'published': no login, a published year
 * only, anything else 404):
 *
 *   /monitoring/datenblaetter/:territory/:year/datenblatt.(pdf|docx)      /veroeffentlicht/datenblaetter/:year/:territory/datenblatt.(pdf|docx)
 *   /monitoring/datenreport/:year/datenreport.(pdf|docx)                  /veroeffentlicht/datenreport/:year/datenreport.(pdf|docx)
 *   /monitoring/quartalsbericht/:quarter/quartalsbericht.(pdf|docx)        (staff only)
 *
 * Everything is checked before anything is built; each refusal says why in the request's language. The figures are
 * the pages' protected ones. A missing Chromium is a 503 with a message.
 */
export async function exportMonitoringFile(context: Ctx, request: Request, params: ExportParams, scope: ExportScope): Promise<Response> {
  if (scope === 'staff') requireUserWithAbility(context, request, 'monitoring.read')
  const t = getT(context)
  const what = params.quarter !== undefined ? 'quarterly' : params.territory !== undefined ? 'sheet' : 'report'
  const { db } = getServices(context)
  const language = getI18n(context).language as Language
  if (what === 'sheet' && params.file === BODY_FILE) return sheetBody(context, params, scope)
  const format = parseFile(t, params.file, FILES[what])
  try {
    if (what === 'sheet') {
      const sheet = exportSheet(db, params.territory, params.year, scope)
      const bytes = format === 'pdf' ? await monitoringSheetPdfOffThread(sheet, language) : await monitoringSheetDocxOffThread(sheet, language)
      return download(bytes, monitoringFileNames.sheet(language, sheet.sheet.territory.name, sheet.sheet.year, format), format)
    }
    if (what === 'report') {
      const report = await exportDatenreport(db, params.year, scope)
      const bytes = format === 'pdf' ? await monitoringReportPdfOffThread(report.year, report.sheets, language) : await monitoringReportDocxOffThread(report.year, report.sheets, language)
      return download(bytes, monitoringFileNames.report(language, report.year, format), format)
    }
    const report = exportQuarterly(db, params.quarter)
    const bytes = format === 'pdf' ? await monitoringQuarterlyPdfOffThread(report, language) : await monitoringQuarterlyDocxOffThread(report, language)
    return download(bytes, monitoringFileNames.quarterly(language, report.year, report.quarter, format), format)
  } catch (error) {
    if (error instanceof ExportRefusal) return text(error.text(t), error.status)
    if (error instanceof BrowserMissing) return text(t('report:errors.browserMissing', { path: error.path }), 503)
    if (error instanceof BrowserFailed) return text(t('report:errors.browserFailed', { reason: error.message }), 503)
    throw error
  }
}

/**
 * A sheet's body as the page shows it (the markup rendered once per sheet and language): what the sheet page fetches
 * after a client-side navigation, since its loader data does not carry the sheet a second time (sheet.server.ts).
 */
const BODY_FILE = 'inhalt.html'

function sheetBody(context: Ctx, params: ExportParams, scope: ExportScope): Response {
  const t = getT(context)
  const { db } = getServices(context)
  try {
    const { json } = exportSheet(db, params.territory, params.year, scope)
    return new Response(new Uint8Array(sheetMarkup(json, getI18n(context).language as Locale)), {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
    })
  } catch (error) {
    if (error instanceof ExportRefusal) return text(error.text(t), error.status)
    throw error
  }
}

function parseFile(t: ReturnType<typeof getT>, file: string | undefined, name: string): Format {
  const match = /^([^.]*)\.([^.]+)$/.exec(file ?? '')
  const files = FORMATS.map((f) => `${name}.${f}`).join(', ')
  if (!match || match[1] !== name) throw text(t('monitoring:export.unknownFile', { file: file ?? '', files }), 404)
  const format = match[2]!.toLowerCase()
  if (!(FORMATS as readonly string[]).includes(format)) throw text(t('monitoring:export.unknownFormat', { format: match[2]! }), 404)
  return format as Format
}
