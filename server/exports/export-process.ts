import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Language } from '../../app/shared/i18n'
import { openReadOnlyDatabase, type Db } from '../../db/client'
import { sheetFromJson, type QuarterlyReport, type Sheet } from '../../app/shared/monitoring'
import { overviewData, type OverviewData } from '../services/report/overview'
import { reportData, type ReportData, type ReportOptions } from '../services/report/report'
import { PORTABLE_REFERENCES, portableName, type PortableReferences } from '../services/report/references'
import { overviewCsv } from './overview-csv'
import { overviewDocx } from './overview-docx'
import { overviewPdf } from './overview-pdf'
import { overviewXlsx } from './overview-xlsx'
import { datenreportDocx, quarterlyDocx, sheetDocx } from './monitoring-docx'
import { datenreportPdf, quarterlyPdf, sheetPdf } from './monitoring-pdf'
import { reportDocx } from './report-docx'
import { reportPdf } from './report-pdf'
import { BrowserFailed, BrowserMissing, closePdfBrowser, warmPdfBrowser } from './pdf'
import { buildForumJob, isForumJob, type ForumJob } from './forum-jobs'
import { coreHalves, coreReservation, readStatus, taskset, type CoreHalves } from './core-reservation'
import { pollChartPngs } from './forum-charts'
import type { ForumDocumentation } from '../services/forums/documentation'
import type { PrintSheet } from '../services/forums/print'

/**
 * Every export file is built off the event loop, in a process of its own: docx serialises the whole document in one
 * synchronous go (~0.4–0.9 s for the overview on two cores), exceljs a good part of its workbook, React renders the
 * PDFs' markup synchronously, and driving Chromium means playwright-core (its import alone parses ~80 MB of
 * JavaScript) and its protocol traffic; on the one event loop each would stall every Jour fixe keystroke behind it.
 *
 * A process rather than a worker thread: a thread shares V8's helper threads (concurrent marking, sweeping,
 * compiling) with the server, and an export's allocation kept them busy while the server's own collections waited
 * for them (30–40 ms pauses on two cores). The export process runs the server's own bundle (build/server/index.js,
 * ZIELWERK_EXPORT_PROCESS=1 instead of starting a server) in Linux's idle scheduling class on the upper half of the
 * cores, so all of its threads yield to the server's, and while it works the server's threads keep to the lower half
 * (core-reservation.ts); it reads a round's data from a read-only connection of its own and launches Chromium itself (pdf.ts).
 * Jobs and answers go over Node's IPC channel with the structured clone (serialization 'advanced'). One process,
 * started on the first export and ended after IDLE_MS without one (its browser closed first); it ends with the server
 * too (the channel closes). Where no bundle exists (unit tests run from source), the job runs in-thread.
 */

/** Set in the export process's environment: the bundle then answers export jobs instead of starting a server. */
export const EXPORT_PROCESS = 'ZIELWERK_EXPORT_PROCESS'
const IDLE_MS = 60_000

/** The overview or the report of a round, as the export routes offer them. */
export type RoundFile = 'overview-docx' | 'overview-xlsx' | 'overview-csv' | 'overview-pdf' | 'report-docx' | 'report-pdf'
/** A round's file with what to read for it; the export process reads the data itself, from its own connection. */
export type RoundFileJob = { kind: 'round-file'; file: RoundFile; roundId: number; options: ReportOptions; references: PortableReferences; language: Language }

type Job =
  | RoundFileJob
  | { kind: 'overview-docx' | 'overview-xlsx' | 'overview-csv' | 'overview-pdf'; data: OverviewData; language: Language }
  | { kind: 'report-docx' | 'report-pdf'; data: Omit<ReportData, 'references'>; references: PortableReferences; language: Language }
  | ForumJob
  // The monitoring's files; sheets travel as their compact JSON (sheetToJson), a string is cheap to copy.
  | { kind: 'monitoring-sheet-docx' | 'monitoring-sheet-pdf'; sheet: string; language: Language }
  | { kind: 'monitoring-report-docx' | 'monitoring-report-pdf'; year: number; sheets: string[]; language: Language }
  | { kind: 'monitoring-quarterly-docx' | 'monitoring-quarterly-pdf'; report: QuarterlyReport; language: Language }
/** A failure crosses to the server as its name and text: the routes tell a missing or failed Chromium apart (pdf.ts). */
type Failure = { name: string; message: string; path?: string; stack?: string }
type Answer = { id: number; bytes?: Uint8Array; error?: Failure; closed?: true }
type Message = { id: number; job: Job } | { id: number; close: true } | { id: number; warm: true; roundId?: number }

async function build(job: Job): Promise<Uint8Array> {
  if (isForumJob(job)) return buildForumJob(job)
  switch (job.kind) {
    case 'round-file':
      return buildRoundFile(job, processDatabase())
    case 'overview-docx':
      return overviewDocx(job.data, job.language)
    case 'overview-xlsx':
      return overviewXlsx(job.data, job.language)
    case 'overview-csv':
      return overviewCsv(job.data, job.language)
    case 'overview-pdf':
      return overviewPdf(job.data, job.language)
    case 'report-docx':
      return reportDocx({ ...job.data, references: PORTABLE_REFERENCES[job.references] }, job.language)
    case 'report-pdf':
      return reportPdf({ ...job.data, references: PORTABLE_REFERENCES[job.references] }, job.language)
    case 'monitoring-sheet-docx':
      return sheetDocx(sheetFromJson(job.sheet), job.language)
    case 'monitoring-sheet-pdf':
      return sheetPdf(sheetFromJson(job.sheet), job.language)
    case 'monitoring-report-docx':
      return datenreportDocx({ year: job.year, sheets: job.sheets.map(sheetFromJson) }, job.language)
    case 'monitoring-report-pdf':
      return datenreportPdf({ year: job.year, sheets: job.sheets.map(sheetFromJson) }, job.language)
    case 'monitoring-quarterly-docx':
      return quarterlyDocx(job.report, job.language)
    case 'monitoring-quarterly-pdf':
      return quarterlyPdf(job.report, job.language)
  }
}

/**
 * Reads what a round's file shows (the overview, or the whole report) and builds the file. In the export process the reading
 * happens there too: the report's data is thousands of rows and their chapters, read and shaped synchronously.
 */
function buildRoundFile(job: RoundFileJob, db: Db): Promise<Uint8Array> {
  const { file, roundId, options, language } = job
  if (file === 'report-docx' || file === 'report-pdf') {
    const data = reportData(db, roundId, options, {}, PORTABLE_REFERENCES[job.references])
    return file === 'report-docx' ? reportDocx(data, language) : reportPdf(data, language)
  }
  return build({ kind: file, data: overviewData(db, roundId, options.values, options.filters), language })
}

/**
 * Ahead of the first click (prewarmExports): Chromium launched, and the round's overview built once as DOCX, XLSX
 * and PDF and thrown away, so that the first export does not also pay for compiling docx's, exceljs's and React's
 * code to its faster tiers, Chromium's first renderer (its page is kept, pdf.ts), its fonts and its tagging. A small
 * sample (one field) left the first DOCX and XLSX at 1.5–3× their later CPU; the whole overview brings them close
 * (npm run bench -- export, first round). All of it in the idle-class export process; what fails here (an unknown
 * round, a missing browser) waits for the real export, which says so. Returns the files it built.
 */
export async function warmExports(db: Db, roundId: number | undefined): Promise<RoundFile[]> {
  await warmPdfBrowser()
  if (roundId === undefined) return []
  const options: ReportOptions = { values: 'agreed', filters: {}, statistics: false }
  const built: RoundFile[] = []
  for (const file of ['overview-docx', 'overview-xlsx', 'overview-pdf'] as const) {
    try {
      await buildRoundFile({ kind: 'round-file', file, roundId, options, references: 'indicators', language: 'de' }, db)
      built.push(file)
    } catch {
      // The real export reports what is wrong.
    }
  }
  return built
}

let database: Db | null = null
/** The export process's own read-only connection to the server's database (WAL: it reads what the server committed). */
function processDatabase(): Db {
  const file = process.env.ZIELWERK_EXPORT_DATABASE
  if (!file) throw new Error('Der Export-Prozess kennt keine Datenbank.')
  database ??= openReadOnlyDatabase(file)
  return database
}

function failure(error: unknown): Failure {
  if (error instanceof BrowserMissing) return { name: error.name, message: error.message, path: error.path }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack }
  return { name: 'Error', message: String(error) }
}

function fromFailure(error: Failure): Error {
  if (error.name === 'BrowserMissing') return new BrowserMissing(error.path ?? '')
  if (error.name === 'BrowserFailed') return new BrowserFailed(error.message)
  return new Error(`Export im Export-Prozess fehlgeschlagen: ${error.stack ?? error.message}`)
}

/**
 * The server's cores while this process works (core-reservation.ts): set by the server at the spawn as
 * "lower;all;release ms" (ZIELWERK_CORE_RESERVATION_MS), absent when it is off or there is only one core.
 */
const SERVER_CORES = 'ZIELWERK_EXPORT_SERVER_CORES'

function serverReservation() {
  const [lower, all, releaseMs] = (process.env[SERVER_CORES] ?? '').split(';')
  if (!lower || !all || !releaseMs || process.ppid <= 1) return null
  return coreReservation(process.ppid, { lower, all }, { releaseMs: Number(releaseMs) })
}

/** Inside the export process: answer jobs until the server ends it or goes away. */
export function serveExportJobs(): void {
  const send = (answer: Answer) => process.send?.(answer)
  const reservation = serverReservation()
  const working = <T>(work: () => Promise<T>): Promise<T> => {
    reservation?.begin()
    return work().finally(() => reservation?.end())
  }
  process.on('message', (message: Message) => {
    if ('close' in message) {
      void Promise.all([reservation?.release(), closePdfBrowser()]).then(() => send({ id: message.id, closed: true }))
      return
    }
    if ('warm' in message) {
      void working(() => warmExports(processDatabase(), message.roundId))
        .catch(() => {})
        .then(() => send({ id: message.id, closed: true }))
      return
    }
    working(() => build(message.job)).then(
      (bytes) => send({ id: message.id, bytes }),
      (error: unknown) => send({ id: message.id, error: failure(error) }),
    )
  })
  // The server ended (or crashed): so does this process, and Chromium with it.
  process.on('disconnect', () => void Promise.all([reservation?.release(), closePdfBrowser()]).finally(() => process.exit(0)))
}

let exporter: ChildProcess | null = null
/** The database file the export process reads round files from (set at start, server/index.ts). */
let databaseFile: string | null = null

export function useExportDatabase(file: string): void {
  databaseFile = file
}

/** How long after the last export the server has the export's cores back; null: it never leaves them (server/env.ts). */
let coreReservationMs: number | null = null

export function useCoreReservation(releaseMs: number | null): void {
  coreReservationMs = releaseMs
}
let nextId = 1
let idleTimer: NodeJS.Timeout | null = null
const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>()

/** The bundle this module was built into; null when running from source (tests), where jobs run in-thread. */
function bundleUrl(): URL | null {
  if (process.env.ZIELWERK_EXPORT_WORKER === '0') return null
  return import.meta.url.endsWith('.js') ? new URL(import.meta.url) : null
}

function start(url: URL): ChildProcess {
  const bundle = fileURLToPath(url)
  // Set before node starts: every thread the process creates (V8's helpers included) inherits it.
  const halves = serverCores()
  const [command, args] = lowPriority([process.execPath, bundle], halves?.upper ?? null)
  const started = spawn(command, args, {
    env: {
      ...process.env,
      [EXPORT_PROCESS]: '1',
      ZIELWERK_EXPORT_DATABASE: databaseFile ?? '',
      ...(halves && coreReservationMs !== null ? { [SERVER_CORES]: `${halves.lower};${halves.all};${coreReservationMs}` } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  })
  started.unref()
  started.channel?.unref()
  started.on('message', (answer: Answer) => {
    const waiting = pending.get(answer.id)
    if (!waiting) return
    pending.delete(answer.id)
    if (answer.bytes || answer.closed) waiting.resolve(answer.bytes ?? new Uint8Array())
    else waiting.reject(fromFailure(answer.error ?? { name: 'Error', message: 'unbekannt' }))
    if (pending.size === 0) {
      // Between jobs the channel does not keep the server's event loop alive.
      started.channel?.unref()
      idle()
    }
  })
  const fail = (error: Error) => {
    if (exporter === started) exporter = null
    for (const [, waiting] of pending) waiting.reject(error)
    pending.clear()
  }
  started.on('error', fail)
  started.on('exit', (code, signal) => {
    // Ended (killed, crashed) while it held the server to the lower cores: they are given back here.
    if (halves && coreReservationMs !== null && coreHalves(readStatus())?.all !== halves.all) void taskset(process.pid, halves.all)
    fail(new Error(`Export-Prozess beendet (${signal ?? `Code ${code}`}).`))
  })
  return started
}

/**
 * The server's cores, halved, as they were at the first export (later a reservation may hold it to the lower half).
 */
let cores: CoreHalves | null | undefined
function serverCores(): CoreHalves | null {
  if (cores === undefined) cores = process.platform === 'linux' ? coreHalves(readStatus()) : null
  return cores
}

/**
 * The export process in Linux's idle scheduling class (SCHED_IDLE, as Chromium, pdf.ts): it gets a core only when the
 * server and its clients leave one free, which on two cores during a Jour fixe is most of the time. Without chrt,
 * nice 19; elsewhere, as it is.
 */
function lowPriority(command: string[], upper: string | null): [string, string[]] {
  if (process.platform !== 'linux') return [command[0]!, command.slice(1)]
  // On the upper half of the cores (of two: the second), Chromium's processes with it: whatever the idle class lets
  // it have, it does not also take the caches of every core the server's thread runs on.
  const pinned = upper && fs.existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', upper, ...command] : command
  if (fs.existsSync('/usr/bin/chrt')) return ['/usr/bin/chrt', ['--idle', '0', ...pinned]]
  if (fs.existsSync('/usr/bin/nice')) return ['/usr/bin/nice', ['-n', '19', ...pinned]]
  return [pinned[0]!, pinned.slice(1)]
}

function idle() {
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = setTimeout(() => void stopExportProcess(), IDLE_MS)
  idleTimer.unref()
}

/** Builds an export file in the export process (or in-thread without a bundle). */
export function buildOffThread(job: Job): Promise<Uint8Array> {
  const url = bundleUrl()
  if (!url) return build(job)
  if (idleTimer) clearTimeout(idleTimer)
  exporter ??= start(url)
  const id = nextId++
  const current = exporter
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    current.channel?.ref()
    current.send({ id, job } satisfies Message, (error) => {
      if (error && pending.delete(id)) reject(error)
    })
  })
}

/**
 * Someone who may export opened a page that offers the exports: the export process starts now (launches Chromium
 * and builds `roundId`'s overview once in each format: warmExports above), so the click finds it ready.
 * Starting it costs the server a moment (a spawn) and loading the bundle in the idle class; waiting for the click
 * would put that moment into the first export. It ends after IDLE_MS as always.
 */
export function prewarmExports(roundId?: number): void {
  const url = bundleUrl()
  if (!url || !databaseFile || exporter) return
  exporter = start(url)
  const id = nextId++
  pending.set(id, { resolve: () => {}, reject: () => {} })
  exporter.channel?.ref()
  exporter.send({ id, warm: true, ...(roundId === undefined ? {} : { roundId }) } satisfies Message, () => {})
}

/**
 * The table's documents (DOCX, PDF, the report) show no narratives: they stay behind, so that copying the data to
 * the exporter (a synchronous structured clone on this thread) costs a fraction.
 */
function withoutNarratives(data: OverviewData): OverviewData {
  return {
    ...data,
    fields: data.fields.map((f) => ({ ...f, challenges: f.challenges.map((c) => ({ ...c, goals: c.goals.map((g) => ({ ...g, measures: g.measures.map((m) => ({ ...m, narrative: '' })) })) })) })),
  }
}

/**
 * A round's overview or report, read and built in the export process; without one (unit tests from source) or without a
 * database file for it, here from `db`.
 */
export function roundFileOffThread(db: Db, file: RoundFile, roundId: number, options: ReportOptions, language: Language): Promise<Uint8Array> {
  const job: RoundFileJob = { kind: 'round-file', file, roundId, options, references: 'indicators', language }
  if (!bundleUrl() || !databaseFile) return buildRoundFile(job, db)
  return buildOffThread(job)
}

export const overviewDocxOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-docx', data: withoutNarratives(data), language })
export const overviewXlsxOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-xlsx', data, language })
export const overviewCsvOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-csv', data, language })
export const overviewPdfOffThread = (data: OverviewData, language: Language) => buildOffThread({ kind: 'overview-pdf', data: withoutNarratives(data), language })

/** The report off the loop; a report with a resolver that is not portable (references.ts) is built in-thread. */
function reportOffThread(kind: 'report-docx' | 'report-pdf', data: ReportData, language: Language): Promise<Uint8Array> {
  const references = portableName(data.references)
  if (!references) return kind === 'report-docx' ? reportDocx(data, language) : reportPdf(data, language)
  const { references: _references, ...plain } = data
  return buildOffThread({ kind, data: { ...plain, overview: withoutNarratives(plain.overview) }, references, language })
}
export const reportDocxOffThread = (data: ReportData, language: Language) => reportOffThread('report-docx', data, language)
export const reportPdfOffThread = (data: ReportData, language: Language) => reportOffThread('report-pdf', data, language)

/** The forums' documents (forum-jobs.ts); the documentation's chart PNGs are made on this thread (sharp). */
export const forumPrintPdfOffThread = (sheet: PrintSheet, language: Language) => buildOffThread({ kind: 'forum-print-pdf', sheet, language })
export const forumDocumentationPdfOffThread = (doc: ForumDocumentation, language: Language) => buildOffThread({ kind: 'forum-documentation-pdf', doc, language })
export async function forumDocumentationDocxOffThread(doc: ForumDocumentation, language: Language): Promise<Uint8Array> {
  return buildOffThread({ kind: 'forum-documentation-docx', doc, language, charts: await pollChartPngs(doc, language) })
}
/**
 * The monitoring's files off the loop: a data sheet, the data report (all 22 sheets of a year), the quarterly report.
 * A sheet goes as its compact JSON (`json`, what dataSheetWithJson gives): a string is copied to the exporter cheaply, a
 * structured clone of the object is not.
 */
type SheetWithJson = { sheet: Sheet; json: string }
export const monitoringSheetDocxOffThread = (s: SheetWithJson, language: Language) => buildOffThread({ kind: 'monitoring-sheet-docx', sheet: s.json, language })
export const monitoringSheetPdfOffThread = (s: SheetWithJson, language: Language) => buildOffThread({ kind: 'monitoring-sheet-pdf', sheet: s.json, language })
export const monitoringReportDocxOffThread = (year: number, sheets: SheetWithJson[], language: Language) => buildOffThread({ kind: 'monitoring-report-docx', year, sheets: sheets.map((s) => s.json), language })
export const monitoringReportPdfOffThread = (year: number, sheets: SheetWithJson[], language: Language) => buildOffThread({ kind: 'monitoring-report-pdf', year, sheets: sheets.map((s) => s.json), language })
export const monitoringQuarterlyDocxOffThread = (report: QuarterlyReport, language: Language) => buildOffThread({ kind: 'monitoring-quarterly-docx', report, language })
export const monitoringQuarterlyPdfOffThread = (report: QuarterlyReport, language: Language) => buildOffThread({ kind: 'monitoring-quarterly-pdf', report, language })

/** Ends the export process (idle, shutdown), its browser closed first; the next export starts a new one. */
export async function stopExportProcess(): Promise<void> {
  const current = exporter
  exporter = null
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = null
  if (!current) return
  const id = nextId++
  const closed = new Promise<unknown>((resolve) => pending.set(id, { resolve, reject: resolve }))
  const exited = new Promise<unknown>((resolve) => current.once('exit', resolve))
  const within = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())
  if (current.connected) {
    current.send({ id, close: true } satisfies Message, () => {})
    await Promise.race([closed, exited, within(5_000)])
  }
  pending.delete(id)
  if (current.exitCode === null && current.signalCode === null) {
    current.kill('SIGTERM')
    await Promise.race([exited, within(2_000)])
  }
}
