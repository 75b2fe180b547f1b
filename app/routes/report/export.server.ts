import type { RouterContextProvider } from 'react-router'
import type { Language } from '../../shared/i18n'
import { getI18n, getServices, getT, notFound, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { download, type DownloadKind } from '../../../server/http/download'
import { exportFileName } from '../../../server/exports/overview-layout'
import { BrowserFailed, BrowserMissing } from '../../../server/exports/pdf'
import { roundFileOffThread, type RoundFile } from '../../../server/exports/export-process'
import { parseOverviewQuery, ReportRefusal, requireRound } from '../../../server/services/report/overview'
import { publicOrigin } from '../../../server/services/notices/mailer'

type Ctx = Readonly<RouterContextProvider>

/** What may be exported: the overview in four formats, the whole report in two. */
const FILES = {
  uebersicht: ['docx', 'pdf', 'xlsx', 'csv'],
  bericht: ['docx', 'pdf'],
} as const satisfies Record<string, readonly DownloadKind[]>
type What = keyof typeof FILES

const text = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

/**
 * /runden/:id/uebersicht.(docx|pdf|xlsx|csv) and /runden/:id/bericht.(docx|pdf), with the overview page's query
 * parameters (werte, feld, einheit, bewertung, merkmal, suche). Everything is checked before anything is built:
 * who may ('report.export'), the file (404), the round (404), the filters (400); each refusal says why, in the
 * request's language. A missing Chromium is a 503 with a message, never a broken download.
 */
export async function exportFile(context: Ctx, request: Request, params: { id?: string; file?: string }) {
  requireUserWithAbility(context, request, 'report.export')
  const t = getT(context)
  const roundId = requireIdParam(context, params.id, 'report:errors.roundNotFound')
  // The named routes (app/routes.ts) have no :file parameter: their name is the address's last segment.
  const fileName = params.file ?? decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')
  const match = /^(uebersicht|bericht)\.([^.]+)$/.exec(fileName)
  if (!match) throw notFound(t('report:errors.unknownFile', { file: fileName }))
  const what = match[1] as What
  const format = match[2]!.toLowerCase()
  const formats: readonly string[] = FILES[what]
  if (!formats.includes(format)) throw notFound(t('report:errors.unknownFormat', { format: match[2]!, formats: formats.map((f) => f.toUpperCase()).join(', ') }))
  const kind = format as DownloadKind
  const { db, env } = getServices(context)
  const language = getI18n(context).language as Language
  const params_ = new URL(request.url).searchParams
  try {
    const round = requireRound(db, roundId)
    const { values, filters } = parseOverviewQuery(db, roundId, params_)
    const statistics = parseYesNo(params_, 'statistik')
    const participation = parseYesNo(params_, 'beteiligung')
    // Read and built in the export process (server/exports/export-process.ts): the event loop only checks and waits.
    const file: RoundFile = what === 'uebersicht' ? `overview-${kind as 'docx' | 'pdf' | 'xlsx' | 'csv'}` : `report-${kind as 'docx' | 'pdf'}`
    const bytes = await roundFileOffThread(db, file, roundId, { values, filters, statistics, participation, baseUrl: publicOrigin(env, request) }, language)
    const name = what === 'uebersicht' ? t('report:file.overview', { round: round.name }) : t('report:file.report', { round: round.name })
    return download(bytes, exportFileName(name, kind), kind)
  } catch (error) {
    if (error instanceof ReportRefusal) return text(error.text(t), error.status)
    if (error instanceof BrowserMissing) return text(t('report:errors.browserMissing', { path: error.path }), 503)
    if (error instanceof BrowserFailed) return text(t('report:errors.browserFailed', { reason: error.message }), 503)
    throw error
  }
}

/**
 * `statistik=ja` adds the generated statistics table per field to the report (off by default, as in the source);
 * `beteiligung=ja` the participation annex after the overview (the forums that fed the round). "nein" or nothing: off.
 */
function parseYesNo(params: URLSearchParams, name: 'statistik' | 'beteiligung'): boolean {
  const value = params.get(name)
  if (value === null || value === '' || value === 'nein') return false
  if (value === 'ja') return true
  throw new ReportRefusal('report:errors.badFilter', { name, value }, 400, { key: 'report:errors.hint.statistik' })
}
