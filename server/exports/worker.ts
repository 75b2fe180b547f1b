import fs from 'node:fs'
import os from 'node:os'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import type { Language } from '../../app/shared/i18n'
import { sheetFromJson, type QuarterlyReport, type Sheet } from '../../app/shared/monitoring'
import type { OverviewData } from '../services/report/overview'
import type { ReportData } from '../services/report/report'
import { PORTABLE_REFERENCES, portableName, type PortableReferences } from '../services/report/references'
import { overviewCsv } from './overview-csv'
import { overviewDocx } from './overview-docx'
import { overviewHtml, overviewPdf } from './overview-pdf'
import { overviewXlsx } from './overview-xlsx'
import { datenreportDocx, quarterlyDocx, sheetDocx } from './monitoring-docx'
import { datenreportPdf, datenreportSheetsHtml, quarterlyHtml, quarterlyPdf, sheetHtml, sheetPdf } from './monitoring-pdf'
import { reportDocx } from './report-docx'
import { reportHtml, reportPdf } from './report-pdf'
import { buildForumJob, isForumJob, type ForumJob } from './forum-jobs'
import { forumDocumentationPdf } from './forum-documentation-pdf'
import { forumPrintPdf } from './forum-print-pdf'
import { pollChartPngs } from './forum-charts'
import type { ForumDocumentation } from '../services/forums/documentation'
import type { PrintSheet } from '../services/forums/print'

/**
 * DOCX, XLSX and CSV (and the PDFs' HTML) are built off the event loop. docx serialises the whole document in one synchronous go (~0.4–0.9 s
 * for the overview on two cores) and exceljs a good part of its workbook; on the one event loop that would stall
 * every Jour fixe keystroke behind it. So a worker thread builds them: it loads the server's own bundle
 * (build/server/index.js, whose main() runs only on the main thread) with a marker in workerData, and answers jobs
 * by message; the data is plain JSON, the bytes come back transferred. One worker, started on the first export and
 * ended after IDLE_MS without one. Where no bundle exists (unit tests run from source), the job runs in-thread.
 */

const ROLE = 'zielwerk-export-worker'
const IDLE_MS = 60_000

type Job =
  | { kind: 'overview-docx'; data: OverviewData; language: Language }
  | { kind: 'overview-xlsx'; data: OverviewData; language: Language }
  | { kind: 'overview-csv'; data: OverviewData; language: Language }
  | { kind: 'report-docx'; data: Omit<ReportData, 'references'>; references: PortableReferences; language: Language }
  | { kind: 'overview-html'; data: OverviewData; language: Language }
  | { kind: 'report-html'; data: Omit<ReportData, 'references'>; references: PortableReferences; language: Language; pages: [string, number][] | null }
  | ForumJob
  // The monitoring's Word documents; sheets travel as their compact JSON (sheetToJson), a string is cheap to copy.
  | { kind: 'monitoring-sheet-docx'; sheet: string; language: Language }
  | { kind: 'monitoring-report-docx'; year: number; sheets: string[]; language: Language }
  | { kind: 'monitoring-quarterly-docx'; report: QuarterlyReport; language: Language }
  | { kind: 'monitoring-sheet-html'; sheet: string; language: Language }
  | { kind: 'monitoring-report-html'; year: number; sheets: string[]; language: Language }
  | { kind: 'monitoring-quarterly-html'; report: QuarterlyReport; language: Language }
type Answer = { id: number; bytes?: Uint8Array; error?: string }

const encoder = new TextEncoder()

async function build(job: Job): Promise<Uint8Array> {
  if (isForumJob(job)) return buildForumJob(job)
  switch (job.kind) {
    case 'overview-html':
      return encoder.encode(overviewHtml(job.data, job.language))
    case 'report-html':
      return encoder.encode(reportHtml({ ...job.data, references: PORTABLE_REFERENCES[job.references] }, job.language, job.pages ? new Map(job.pages) : null))
    case 'overview-docx':
      return overviewDocx(job.data, job.language)
    case 'overview-xlsx':
      return overviewXlsx(job.data, job.language)
    case 'overview-csv':
      return overviewCsv(job.data, job.language)
    case 'report-docx':
      return reportDocx({ ...job.data, references: PORTABLE_REFERENCES[job.references] }, job.language)
    case 'monitoring-sheet-docx':
      return sheetDocx(sheetFromJson(job.sheet), job.language)
    case 'monitoring-report-docx':
      return datenreportDocx({ year: job.year, sheets: job.sheets.map(sheetFromJson) }, job.language)
    case 'monitoring-quarterly-docx':
      return quarterlyDocx(job.report, job.language)
    case 'monitoring-sheet-html':
      return encoder.encode(sheetHtml(sheetFromJson(job.sheet), job.language))
    case 'monitoring-report-html':
      return encoder.encode(datenreportSheetsHtml({ year: job.year, sheets: job.sheets.map(sheetFromJson) }, job.language))
    case 'monitoring-quarterly-html':
      return encoder.encode(quarterlyHtml(job.report, job.language))
  }
}

// Inside the worker: answer jobs until the main thread ends it.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE && parentPort) {
  lowerThreadPriority()
  const port = parentPort
  port.on('message', (message: { id: number; job: Job }) => {
    build(message.job).then(
      (bytes) => port.postMessage({ id: message.id, bytes } satisfies Answer, [bytes.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
    )
  })
}

/**
 * On two cores an export competes with the Jour fixe for CPU, not only for the event loop: the worker's own thread
 * runs at a lower priority (Linux lets a thread be niced by its id, /proc/thread-self names it). Best effort.
 */
function lowerThreadPriority() {
  try {
    const tid = Number(/task\/(\d+)$/.exec(fs.readlinkSync('/proc/thread-self'))?.[1])
    if (tid > 0) os.setPriority(tid, 10)
  } catch {
    // not Linux, or not allowed: the worker runs at normal priority
  }
}

let worker: Worker | null = null
let nextId = 1
let idleTimer: NodeJS.Timeout | null = null
const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>()

/** The bundle this module was built into; null when running from source (tests), where jobs run in-thread. */
function bundleUrl(): URL | null {
  if (process.env.ZIELWERK_EXPORT_WORKER === '0') return null
  return import.meta.url.endsWith('.js') ? new URL(import.meta.url) : null
}

function start(url: URL): Worker {
  const started = new Worker(url, { workerData: { role: ROLE }, resourceLimits: { maxOldGenerationSizeMb: 512 } })
  started.unref()
  started.on('message', (answer: Answer) => {
    const waiting = pending.get(answer.id)
    if (!waiting) return
    pending.delete(answer.id)
    if (answer.bytes) waiting.resolve(answer.bytes)
    else waiting.reject(new Error(`Export im Worker fehlgeschlagen: ${answer.error ?? 'unbekannt'}`))
    if (pending.size === 0) idle()
  })
  const fail = (error: Error) => {
    if (worker === started) worker = null
    for (const [, waiting] of pending) waiting.reject(error)
    pending.clear()
  }
  started.on('error', fail)
  started.on('exit', (code) => fail(new Error(`Export-Worker beendet (Code ${code}).`)))
  return started
}

function idle() {
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = setTimeout(() => void stopExportWorker(), IDLE_MS)
  idleTimer.unref()
}

/** Builds a DOCX or XLSX in the export worker (or in-thread without a bundle). */
export function buildOffThread(job: Job): Promise<Uint8Array> {
  const url = bundleUrl()
  if (!url) return build(job)
  if (idleTimer) clearTimeout(idleTimer)
  worker ??= start(url)
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker!.postMessage({ id, job })
  })
}

/**
 * The table's documents (DOCX, PDF, the report) show no narratives: they stay behind, so that copying the data to
 * the worker (a synchronous structured clone on this thread) costs a fraction.
 */
function withoutNarratives(data: OverviewData): OverviewData {
  return {
    ...data,
    fields: data.fields.map((f) => ({ ...f, challenges: f.challenges.map((c) => ({ ...c, goals: c.goals.map((g) => ({ ...g, measures: g.measures.map((m) => ({ ...m, narrative: '' })) })) })) })),
  }
}

export const overviewDocxOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-docx', data: withoutNarratives(data), language })
export const overviewXlsxOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-xlsx', data, language })
export const overviewCsvOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-csv', data, language })
/** The report's DOCX off the loop; a report with a resolver that is not portable (references.ts) is built in-thread. */
export function reportDocxOffThread(data: ReportData, language: Language): Promise<Uint8Array> {
  const references = portableName(data.references)
  if (!references) return reportDocx(data, language)
  const { references: _references, ...plain } = data
  return buildOffThread({ kind: 'report-docx', data: { ...plain, overview: withoutNarratives(plain.overview) }, references, language })
}

/** The PDFs' HTML is rendered in the worker too (React's renderToStaticMarkup of the 134 rows is synchronous). */
export function overviewPdfOffThread(data: OverviewData, language: Language): Promise<Uint8Array> {
  return overviewPdf(data, language, buildOffThread({ kind: 'overview-html', data: withoutNarratives(data), language }).then((bytes) => new TextDecoder().decode(bytes)))
}
export function reportPdfOffThread(data: ReportData, language: Language): Promise<Uint8Array> {
  const references = portableName(data.references)
  if (!references) return reportPdf(data, language)
  const { references: _references, ...rest } = data
  const plain = { ...rest, overview: withoutNarratives(rest.overview) }
  return reportPdf(data, language, (pages) =>
    buildOffThread({ kind: 'report-html', data: plain, references, language, pages: pages ? [...pages] : null }).then((bytes) => new TextDecoder().decode(bytes)),
  )
}

/** The forums' documents (forum-jobs.ts): HTML and DOCX in the worker; the charts' PNGs on this thread (sharp). */
export const forumPrintPdfOffThread = (sheet: PrintSheet, language: Language) =>
  forumPrintPdf(sheet, language, buildOffThread({ kind: 'forum-print-html', sheet, language }).then((bytes) => new TextDecoder().decode(bytes)))
export const forumDocumentationPdfOffThread = (doc: ForumDocumentation, language: Language) =>
  forumDocumentationPdf(doc, language, buildOffThread({ kind: 'forum-documentation-html', doc, language }).then((bytes) => new TextDecoder().decode(bytes)))
export async function forumDocumentationDocxOffThread(doc: ForumDocumentation, language: Language): Promise<Uint8Array> {
  return buildOffThread({ kind: 'forum-documentation-docx', doc, language, charts: await pollChartPngs(doc, language) })
}
/**
 * The monitoring's files off the loop: a data sheet, the data report (all 22 sheets of a year), the quarterly report,
 * as DOCX, and the PDFs' markup. A sheet goes as its compact JSON beside the sheet itself (`json`, what
 * dataSheetWithJson gives): a string is copied to the worker cheaply, a structured clone of the object is not.
 */
type SheetWithJson = { sheet: Sheet; json: string }
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
export const monitoringSheetDocxOffThread = (s: SheetWithJson, language: Language) => buildOffThread({ kind: 'monitoring-sheet-docx', sheet: s.json, language })
export const monitoringReportDocxOffThread = (year: number, sheets: SheetWithJson[], language: Language) => buildOffThread({ kind: 'monitoring-report-docx', year, sheets: sheets.map((s) => s.json), language })
export const monitoringQuarterlyDocxOffThread = (report: QuarterlyReport, language: Language) => buildOffThread({ kind: 'monitoring-quarterly-docx', report, language })
export const monitoringSheetPdfOffThread = (s: SheetWithJson, language: Language) => sheetPdf(s.sheet, language, () => buildOffThread({ kind: 'monitoring-sheet-html', sheet: s.json, language }).then(text))
export const monitoringReportPdfOffThread = (year: number, sheets: SheetWithJson[], language: Language) =>
  datenreportPdf({ year, sheets: sheets.map((s) => s.sheet) }, language, () => buildOffThread({ kind: 'monitoring-report-html', year, sheets: sheets.map((s) => s.json), language }).then(text))
export const monitoringQuarterlyPdfOffThread = (report: QuarterlyReport, language: Language) => quarterlyPdf(report, language, () => buildOffThread({ kind: 'monitoring-quarterly-html', report, language }).then(text))

/** Ends the worker (idle, shutdown); the next export starts a new one. */
export async function stopExportWorker(): Promise<void> {
  const current = worker
  worker = null
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = null
  if (current) await current.terminate().catch(() => 0)
}
