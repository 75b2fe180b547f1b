import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { asc, eq } from 'drizzle-orm'
import { fork } from 'node:child_process'
import fs from 'node:fs'
import { PerformanceObserver } from 'node:perf_hooks'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { measureDocumentName } from '../../app/shared/live/names'
import { ATTAINMENTS, FLAGS } from '../../app/shared/vocabulary'
import { openDatabase } from '../../db/client'
import { measureStatus, rounds } from '../../db/schema'
import { SESSION_COOKIE } from '../../server/auth/session'
import { closePdfBrowser } from '../../server/exports/pdf'
import { coreHalves, readStatus, taskset } from '../../server/exports/core-reservation'
import { reportDocx } from '../../server/exports/report-docx'
import { reportPdf } from '../../server/exports/report-pdf'
import { createUser } from '../../server/services/admin/users'
import { reportData, type ReportNode } from '../../server/services/report/report'
import { writeStoredChapter } from '../../server/services/report/chapters'
import { CHAPTER_SLUGS } from '../../app/shared/live/names'
import { buildDir, repoRoot } from '../setup/server'
import { createSessions, ensureBuild, fmt, measuresInOrder, openRound, percentile, round, sleep, startPreparedServer, until } from './_shared'
import type { Figures } from './index'
import type { Cpu, CpuAnswer, Download, Downloaded, Sample, SampleAnswer, Settle, Settled } from './_downloader'

/**
 * Exports while a Jour fixe runs (DESIGN "Budgets": full report DOCX and XLSX ≤ 2 s, PDF ≤ 5 s, the Jour fixe's p99
 * ≤ 2× meanwhile). Our server (production build, child process) gets a round with every measure rated (agreed for
 * half of them, the rest proposals) and a narrative of ~1,500 characters per measure. Ten coordinators type into one
 * measure document (each edit carries its send time; propagation = receive time at every other client − send time),
 * in ROUNDS turns of a quiet window (BASELINE_MS / ROUNDS without exports; the commissioner has opened the report page
 * before) and an export round: the commissioner downloads the overview as DOCX, XLSX, CSV and PDF and the report
 * (bericht.docx/.pdf, with chapters of ~6,000 characters each in report_chapters, the projection its exports read)
 * over HTTP from a process of their own, as her browser would be (_downloader.ts), one after the other. Taking turns, the windows
 * with and without exports see the same document sizes and the same load of the shared machine; the p99 of each is
 * taken over all of its windows. Each format's time is the median over the rounds; RSS is the server
 * process's VmRSS sampled every 10 ms by the downloader's process (export_rss_mb: its growth during the exports) and the export process's
 * (export_process_rss_mb: its peak; server/exports/export-process.ts); Chromium's own processes are in neither.
 *
 * Beside the propagation to every other client (their work of applying it runs in this process too), each typist's
 * own acknowledgement is timed (jourfixe_ack_p99_*: the server's part of the delay, send to "Gespeichert").
 *
 * The same report (its chapters read from report_chapters: Einleitung, Methodik, 3.1–3.9, Fazit) is also built in this
 * process afterwards, without the export process and without a Jour fixe: report_docx_ms / report_pdf_ms (on the
 * clients' cores, below).
 *
 * Opening the report page warms the export process up (Chromium launched, the overview built once per format): the window
 * without exports starts once the processes below the server are quiet (export_warmup_cpu_ms: what the warm-up took).
 * Each download prints the CPU the export process and Chromium spent on it.
 *
 * The server's main thread is also read from /proc (schedstat): its time on a CPU and its time waiting for one, per
 * second, without and during the exports (printed only): whether the server is busier, or kept from a core.
 * The clients (this process, the typists, and the downloader) keep to the lower half of the cores: they stand in for
 * browsers on other machines, and on the server's own cores they would measure the kernel placing the benchmark's
 * threads beside the export process (BENCH_CLIENT_CORES=all leaves them on every core). The server keeps off the
 * export's cores only while exports run (ZIELWERK_CORE_RESERVATION_MS; `off` to compare).
 *
 * BENCH_SERVER_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) goes to the server (and its export process);
 * BENCH_SERVER_ARGS (space-separated, e.g. --trace-gc, which NODE_OPTIONS refuses) to the server's node only, and
 * BENCH_SERVER_OUTPUT=<file> keeps what the server printed (its last 100–200 kB).
 * BENCH_DIAG=1 prints each window and each edit slower than 8 ms during the exports with its CLOCK_MONOTONIC send
 * time (the clock of a CPU profile or a scheduler trace) and the export it fell into, and this process's own garbage
 * collections of 2 ms or more (the clients' side). The p99 of every window is printed in any case ("p99 je Runde").
 */

const TYPISTS = Number(process.env.BENCH_TYPISTS ?? 10)
const TYPE_EVERY_MS = Number(process.env.BENCH_TYPE_EVERY_MS ?? 150)
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 15_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const FORMATS = ['docx', 'xlsx', 'csv', 'pdf'] as const
const NARRATIVE = 'Die Organisationseinheit berichtet: Beratung und Begleitung laufen in allen Kommunen, die Zusammenarbeit mit dem Jobcenter und der Ausländerbehörde ist eng. '

const text = (length: number) => NARRATIVE.repeat(Math.ceil(length / NARRATIVE.length)).slice(0, length)
const doc = (length: number): ReportNode => ({ type: 'doc', content: text(length).match(/.{1,600}(\s|$)/g)!.map((part) => ({ type: 'paragraph', content: [{ type: 'text', text: part.trim() }] })) })

type Client = { provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; doc: Y.Doc; synced: boolean }

export default async function exportBench(): Promise<Figures> {
  ensureBuild()
  console.log(`Export-Benchmark (Build ${path.relative(repoRoot, buildDir())}): ${TYPISTS} tippen alle ${TYPE_EVERY_MS} ms; ${ROUNDS} Runden aus ${fmt(BASELINE_MS / ROUNDS)} ms ohne Export und einer Runde Exporte.`)
  const setup = await startPreparedServer(async (db, server) => {
    const open = openRound(db)
    const list = measuresInOrder(db, open.conceptId)
    const commissioner = await createUser(db, { email: 'beauftragte@bench.zielwerk', name: 'Bench Beauftragte', password: 'ein-langes-benchmark-passwort', role: 'commissioner', unitId: null })
    const coordinator = await createUser(db, { email: 'koordination@bench.zielwerk', name: 'Bench Koordination', password: 'ein-langes-benchmark-passwort', role: 'coordinator', unitId: null })
    // Every measure rated: half agreed, half proposals; a narrative of ~1,500 characters each.
    db.transaction((tx) => {
      list.forEach((m, i) => {
        const attainment = ATTAINMENTS[i % ATTAINMENTS.length]!
        const narrative = text(1_500)
        const agreed = i % 2 === 0
        tx.update(measureStatus)
          .set({
            proposalAttainment: attainment,
            proposalContinue: i % 3 === 0,
            narrativeText: narrative,
            narrativeJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: narrative }] }] }),
            ...(agreed
              ? { agreedAttainment: attainment, ...Object.fromEntries(FLAGS.map((f, j) => [`agreed${f[0]!.toUpperCase()}${f.slice(1)}`, (i + j) % 4 === 0])), agreedAt: Date.now(), agreedBy: coordinator }
              : {}),
          })
          .where(eq(measureStatus.measureId, m.id))
          .run()
      })
    })
    // The report's twelve chapters, ~6,000 characters each, as the chapters' projection holds them.
    for (const slug of CHAPTER_SLUGS) writeStoredChapter(db, open.id, slug, doc(6_000))
    const [exporter, ...typists] = createSessions(db, [commissioner, ...Array.from({ length: TYPISTS }, () => coordinator)])
    return {
      server,
      roundId: open.id,
      document: measureDocumentName(open.id, list[41]!.id),
      cookie: `${SESSION_COOKIE}=${exporter}`,
      typists,
      ws: `${server.url.replace(/^http/, 'ws')}/collab`,
    }
  }, {
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { env: { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } } : {}),
    ...(process.env.BENCH_SERVER_ARGS ? { nodeArgs: process.env.BENCH_SERVER_ARGS.split(' ') } : {}),
  })
  const { server } = setup
  // The typists and the commissioner's downloader (forked below, it inherits it) stand in for browsers on other
  // machines: they keep to the lower half of the cores, off the export process's, where in production no client runs
  // (BENCH_CLIENT_CORES=all leaves them on every core). The server, started before, keeps its own.
  if ((process.env.BENCH_CLIENT_CORES ?? 'lower') === 'lower') {
    const halves = coreHalves(readStatus())
    if (halves) await taskset(process.pid, halves.lower)
  }
  // BENCH_DIAG: this process's own collections of 2 ms or more (the clients' side of a slow edit), CLOCK_MONOTONIC.
  const benchGcs: string[] = []
  const gcObserver = new PerformanceObserver((list) => {
    const offset = Number(process.hrtime.bigint()) / 1e6 - performance.now()
    for (const entry of list.getEntries()) if (entry.duration >= 2) benchGcs.push(`${((entry.startTime + offset) / 1000).toFixed(4)} ${fmt(entry.duration)} ms`)
  })
  if (process.env.BENCH_DIAG) gcObserver.observe({ entryTypes: ['gc'] })
  const clients: Client[] = []
  let commissioner: Awaited<ReturnType<typeof startDownloader>> | null = null
  try {
    for (const token of setup.typists) {
      const socket = new HocuspocusProviderWebsocket({ url: setup.ws })
      const doc = new Y.Doc()
      const client: Client = { provider: new HocuspocusProvider({ websocketProvider: socket, name: setup.document, token, document: doc }), socket, doc, synced: false }
      client.provider.on('synced', () => (client.synced = true))
      client.provider.attach()
      clients.push(client)
    }
    if (!(await until(() => clients.every((c) => c.synced), 15_000))) throw new Error('Jour fixe nicht synchron')
    const texts = clients.map((c) => {
      const paragraph = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      paragraph.insert(0, [t])
      const fragment = c.doc.getXmlFragment('narrative')
      c.doc.transact(() => fragment.insert(fragment.length, [paragraph]))
      return t
    })
    await until(() => clients.every((c) => c.doc.getXmlFragment('narrative').length >= TYPISTS), 10_000)

    // Every received stamp, with its send time, so a window's latencies can be picked out afterwards.
    const samples: { sent: number; latency: number }[] = []
    const TOKEN = /~[a-z]([0-9a-z]+)~/g
    for (const c of clients) {
      c.doc.getXmlFragment('narrative').observeDeep((events, transaction) => {
        if (transaction.local) return
        const now = performance.now()
        for (const event of events) {
          if (!(event.target instanceof Y.XmlText)) continue
          for (const op of event.delta) {
            if (typeof op.insert !== 'string') continue
            for (const match of op.insert.matchAll(TOKEN)) {
              const sent = parseInt(match[1]!, 36) / 100
              samples.push({ sent, latency: now - sent })
            }
          }
        }
      })
    }
    // Each typist's own edits until the server acknowledged them ("Gespeichert"): the server's part of the delay,
    // without the other clients' work of applying the edit (they run in this process, beside the typists).
    const acks: { sent: number; latency: number }[] = []
    const waitingAck = clients.map(() => [] as number[])
    clients.forEach((c, i) => {
      let before = 0
      c.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        const now = performance.now()
        for (let n = number; n < before; n++) {
          const sent = waitingAck[i]!.shift()
          if (sent !== undefined) acks.push({ sent, latency: now - sent })
        }
        before = number
      })
    })
    const stamp = (i: number) => `~${String.fromCharCode(97 + i)}${Math.round(performance.now() * 100).toString(36)}~`
    const timers: NodeJS.Timeout[] = []
    const type = (t: Y.XmlText, i: number) => {
      waitingAck[i]!.push(performance.now())
      t.insert(t.length, stamp(i))
    }
    texts.forEach((t, i) => timers.push(setTimeout(() => timers.push(setInterval(() => type(t, i), TYPE_EVERY_MS)), (TYPE_EVERY_MS / TYPISTS) * i)))
    // The commissioner exports from the report page, so she has opened it before (as the first page after a start,
    // that request loads the app's routes: a stall of its own, not an export's).
    const page = await fetch(`${server.url}/runden/${setup.roundId}/bericht`, { headers: { Cookie: setup.cookie } })
    if (page.status !== 200) throw new Error(`Berichtsseite: ${page.status}`)
    await page.arrayBuffer()
    const downloader = await startDownloader(server.pid)
    commissioner = downloader
    // Its first download loads and warms Node's HTTP client: done here, as a browser that is already open.
    await downloader.download(`${server.url}/healthz`, setup.cookie, path.join(server.dataDir, 'healthz.json'))
    // Opening the page starts the export process, which launches Chromium and builds the overview once per format
    // (server/exports/export-process.ts): the window without exports begins once that is done, so neither window has it.
    const warmFrom = performance.now()
    const warmup = await downloader.settled(30_000)
    console.log(`Export-Prozess vorgewärmt: ${fmt(warmup.quietSince - warmFrom)} ms bis zur Ruhe, CPU ${warmup.cpuMs} ms`)
    // Then the setup's after-effects pass (the processes' collections of what the setup and the report page left):
    // 1.5 s after the warm-up, the first window without exports had a p99 of 2–3× the later ones' in most runs (9–18 ms
    // against 3–6), which flattered the ratio; 6 s later it is like the others.
    await sleep(6_000)

    // Quiet windows and export rounds take turns (quiet, round 1, quiet, round 2, …), so that both see the same
    // document sizes and the same load of the machine; the RSS sampler (in the downloader's process) runs in both, the
    // server's peak is taken in the rounds.
    const rssBefore = (await downloader.sample('start')).rssMb
    const times: Record<string, number[]> = {}
    const spans: { key: string; from: number; to: number }[] = []
    const quietWindows: { from: number; to: number }[] = []
    const exportWindows: { from: number; to: number; round: number }[] = []
    const downloadSpans: { from: number; to: number }[] = []
    const sched = { quiet: [0, 0], exports: [0, 0] }
    const addSched = (into: number[], before: number[]) => {
      const after = schedOf(server.pid)
      into[0]! += after[0]! - before[0]!
      into[1]! += after[1]! - before[1]!
    }
    let quietTreeCpu = 0
    let afterglowCpu = 0
    for (let r = 0; r < ROUNDS; r++) {
      const treeBefore = await downloader.cpuMs()
      const quietFrom = performance.now()
      const quietSched = schedOf(server.pid)
      await sleep(BASELINE_MS / ROUNDS)
      quietWindows.push({ from: quietFrom, to: performance.now() })
      if (process.env.BENCH_DIAG) console.log(`DIAGW quiet ${r} mono ${((quietFrom + Number(process.hrtime.bigint()) / 1e6 - performance.now()) / 1000).toFixed(6)} .. +${fmt(performance.now() - quietFrom)}`)
      addSched(sched.quiet, quietSched)
      quietTreeCpu += (await downloader.cpuMs()) - treeBefore

      await downloader.sample('exports')
      const from = performance.now()
      const exportSched = schedOf(server.pid)
      for (const [what, format] of [...FORMATS.map((f) => ['uebersicht', f] as const), ['bericht', 'docx'] as const, ['bericht', 'pdf'] as const]) {
        const started = performance.now()
        const file = path.join(server.dataDir, `download.${format}`)
        const { status, bytes, ms, cpuMs, error } = await downloader.download(`${server.url}/runden/${setup.roundId}/${what}.${format}`, setup.cookie, file)
        if (status !== 200) throw new Error(`${what}.${format}: ${status} ${error ?? fs.readFileSync(file, 'utf8').slice(0, 300)}`)
        ;(times[`${what}.${format}`] ??= []).push(ms)
        spans.push({ key: `${what}.${format}`, from: started, to: performance.now() })
        console.log(`  Runde ${r + 1}: ${what}.${format} ${fmt(ms)} ms, ${(bytes / 1024).toFixed(0)} kB; Export-Prozess und Chromium: CPU ${cpuMs} ms`)
      }
      const downloaded = performance.now()
      // The server's main thread from the first request to the last file: what it did for the exports. (Taken after
      // the wait for quiet below, this figure had that wait's second in it but not in its span, and looked doubled.)
      addSched(sched.exports, exportSched)
      downloadSpans.push({ from, to: downloaded })
      // The round lasts until the export process and Chromium are quiet again: what they do after the last file
      // (collecting their garbage, closing the page's work) is the exports' doing, so it belongs to this window;
      // the second that confirms the quiet belongs to neither.
      const settled = await downloader.settled(10_000)
      afterglowCpu += settled.cpuMs
      exportWindows.push({ from, to: Math.max(downloaded, settled.quietSince), round: r })
      if (process.env.BENCH_DIAG) console.log(`DIAGW export ${r} mono ${((from + Number(process.hrtime.bigint()) / 1e6 - performance.now()) / 1000).toFixed(6)} .. +${fmt(downloaded - from)}`)
      await downloader.sample('quiet')
    }
    console.log(`Export-Prozess und Chromium: CPU ${afterglowCpu} ms nach den Downloads der Runden (im Fenster der Exporte), ${quietTreeCpu} ms in den Fenstern ohne Export`)
    const { peakMb: peak, exportPeakMb: exportPeak } = await downloader.sample('stop')
    const span = (windows: { from: number; to: number }[]) => windows.reduce((sum, w) => sum + w.to - w.from, 0)
    const perSecond = (figures: number[], ms: number) => `läuft ${fmt((figures[0]! / 1e6 / ms) * 1000)} ms/s, wartet auf eine CPU ${fmt((figures[1]! / 1e6 / ms) * 1000)} ms/s`
    console.log(`Hauptthread des Servers ohne Export: ${perSecond(sched.quiet, span(quietWindows))}; während der Downloads: ${perSecond(sched.exports, span(downloadSpans))}`)
    await sleep(1_000)
    for (const t of timers) clearTimeout(t)
    for (const t of timers) clearInterval(t)
    await sleep(500)

    const inWindows = <T extends { sent: number }>(list: T[], windows: { from: number; to: number }[]) => list.filter((s) => windows.some((w) => s.sent >= w.from && s.sent <= w.to))
    const window = (from: number, to: number) => inWindows(samples, [{ from, to }]).map((s) => s.latency)
    const base = inWindows(samples, quietWindows).map((s) => s.latency)
    const during = inWindows(samples, exportWindows).map((s) => s.latency)
    const median = (key: string) => percentile(times[key]!, 50)
    // Which export holds the Jour fixe up: the slowest propagation of the edits sent while each one ran.
    const worst: Record<string, number> = {}
    for (const span of spans) worst[span.key] = Math.max(worst[span.key] ?? 0, ...window(span.from, span.to), 0)
    if (process.env.BENCH_DIAG) {
      for (const gc of benchGcs) console.log(`DIAGGC bench ${gc}`)
      const offset = Number(process.hrtime.bigint()) / 1e6 - performance.now()
      const seen = new Set<number>()
      for (const x of inWindows(samples, exportWindows).filter((x) => x.latency > 8)) {
        if (seen.has(Math.round(x.sent))) continue
        seen.add(Math.round(x.sent))
        const sp = spans.find((y) => x.sent >= y.from && x.sent <= y.to)
        console.log(`DIAG ${fmt(x.latency)} ms sent at mono ${((x.sent + offset) / 1000).toFixed(6)} ${sp ? `${sp.key} +${fmt(x.sent - sp.from)}` : ''}`)
      }
    }
    console.log(`Langsamste Übertragung je Export: ${Object.entries(worst).map(([key, ms]) => `${key} ${fmt(ms)} ms`).join(', ')}`)
    const p99Base = percentile(base, 99)
    const p99During = percentile(during, 99)
    // From the second round on, the export machinery is loaded (export process, Chromium, playwright-core, exceljs).
    const warm = inWindows(samples, exportWindows.filter((w) => w.round > 0)).map((s) => s.latency)
    const p99Warm = warm.length > 0 ? percentile(warm, 99) : Number.NaN
    console.log(`Jour fixe ohne Export (${fmt(span(quietWindows))} ms): ${base.length} Empfänge, p50 ${fmt(percentile(base, 50))} ms, p99 ${fmt(p99Base)} ms`)
    console.log(`Jour fixe während der Exporte (${fmt(span(exportWindows))} ms): ${during.length} Empfänge, p50 ${fmt(percentile(during, 50))} ms, p99 ${fmt(p99During)} ms, max ${fmt(Math.max(...during))} ms`)
    console.log(`Jour fixe während der Exporte ab Runde 2 (Export-Prozess, Chromium und Bibliotheken geladen): ${warm.length} Empfänge, p99 ${fmt(p99Warm)} ms`)
    const perRound = exportWindows.map((w) => percentile(inWindows(samples, [w]).map((s) => s.latency), 99))
    const perQuiet = quietWindows.map((w) => percentile(inWindows(samples, [w]).map((s) => s.latency), 99))
    console.log(`p99 je Runde: ohne Export ${perQuiet.map(fmt).join(' / ')} ms; während der Exporte ${perRound.map(fmt).join(' / ')} ms`)
    const ackBase = percentile(inWindows(acks, quietWindows).map((a) => a.latency), 99)
    const ackDuring = percentile(inWindows(acks, exportWindows).map((a) => a.latency), 99)
    console.log(`Bestätigung an den Tippenden (Server): p99 ${fmt(ackBase)} ms ohne, ${fmt(ackDuring)} ms während der Exporte (${(ackDuring / ackBase).toFixed(2)}×)`)
    console.log(`RSS des Servers: ${fmt(rssBefore)} MB vor, Spitze ${fmt(peak)} MB während der Exporte; Export-Prozess: Spitze ${fmt(exportPeak)} MB`)

    // The same report with its ~6,000-character chapters (read from report_chapters), built here.
    const local = openDatabase(path.join(server.dataDir, 'zielwerk.sqlite'))
    let reportDocxMs = Number.NaN
    let reportPdfMs = Number.NaN
    try {
      const roundId = local.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, setup.roundId)).orderBy(asc(rounds.id)).get()!.id
      const data = reportData(local, roundId, { values: 'agreed', filters: {}, statistics: true }, { authors: [{ name: 'Bench', unit: 'Referat für Strategische Planung' }] })
      if (data.fields.some((f) => !f.text) || !data.introduction || !data.conclusion) throw new Error('Berichtskapitel fehlen in report_chapters')
      const docxRuns: number[] = []
      const pdfRuns: number[] = []
      for (let r = 0; r < ROUNDS; r++) {
        let t = performance.now()
        fs.writeFileSync(path.join(server.dataDir, 'bericht.docx'), await reportDocx(data, 'de'))
        docxRuns.push(performance.now() - t)
        t = performance.now()
        fs.writeFileSync(path.join(server.dataDir, 'bericht.pdf'), await reportPdf(data, 'de'))
        pdfRuns.push(performance.now() - t)
      }
      reportDocxMs = percentile(docxRuns, 50)
      reportPdfMs = percentile(pdfRuns, 50)
      console.log(`Bericht mit Kapiteln à ~6.000 Zeichen (im Benchmark-Prozess): DOCX ${fmt(reportDocxMs)} ms, PDF ${fmt(reportPdfMs)} ms (Median aus ${ROUNDS})`)
    } finally {
      local.$client.close()
      await closePdfBrowser()
    }

    const verdict = (ok: boolean) => (ok ? 'ok' : 'ÜBER BUDGET')
    const ratio = p99During / p99Base
    console.log('Budgets:')
    console.log(`  DOCX ${fmt(median('uebersicht.docx'))} ms, Bericht DOCX ${fmt(median('bericht.docx'))} ms <= 2000: ${verdict(Math.max(median('uebersicht.docx'), median('bericht.docx'), reportDocxMs) <= 2000)}`)
    console.log(`  XLSX ${fmt(median('uebersicht.xlsx'))} ms <= 2000: ${verdict(median('uebersicht.xlsx') <= 2000)}`)
    console.log(`  PDF ${fmt(median('uebersicht.pdf'))} ms, Bericht PDF ${fmt(median('bericht.pdf'))} ms <= 5000: ${verdict(Math.max(median('uebersicht.pdf'), median('bericht.pdf'), reportPdfMs) <= 5000)}`)
    console.log(`  Jour fixe p99 während / ohne = ${fmt(p99During)} / ${fmt(p99Base)} = ${ratio.toFixed(2)} <= 2: ${verdict(ratio <= 2)}`)
    return {
      docx_ms: round(median('uebersicht.docx')),
      xlsx_ms: round(median('uebersicht.xlsx')),
      csv_ms: round(median('uebersicht.csv')),
      pdf_ms: round(median('uebersicht.pdf')),
      report_docx_http_ms: round(median('bericht.docx')),
      report_pdf_http_ms: round(median('bericht.pdf')),
      report_docx_ms: round(reportDocxMs),
      report_pdf_ms: round(reportPdfMs),
      export_rss_mb: round(peak - rssBefore),
      export_process_rss_mb: round(exportPeak),
      jourfixe_ack_p99_without_ms: round(ackBase),
      jourfixe_ack_p99_during_ms: round(ackDuring),
      jourfixe_ack_p99_ratio: Math.round((ackDuring / ackBase) * 100) / 100,
      jourfixe_p99_without_ms: round(p99Base),
      jourfixe_p99_during_ms: round(p99During),
      jourfixe_p99_ratio: Math.round(ratio * 100) / 100,
      jourfixe_p99_during_warm_ms: round(p99Warm),
      jourfixe_p99_warm_ratio: Math.round((p99Warm / p99Base) * 100) / 100,
      export_warmup_cpu_ms: warmup.cpuMs,
      export_quiet_window_cpu_ms: quietTreeCpu,
    }
  } finally {
    commissioner?.stop()
    for (const c of clients) {
      c.provider.destroy()
      c.socket.destroy()
    }
    gcObserver.disconnect()
    if (process.env.BENCH_SERVER_OUTPUT) fs.writeFileSync(process.env.BENCH_SERVER_OUTPUT, server.output())
    await server.stop()
  }
}

/** The commissioner's browser: a process of its own that downloads (_downloader.ts), started before the first window. */
async function startDownloader(serverPid: number) {
  const child = fork(fileURLToPath(new URL('./_downloader.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const waiting = new Map<number, (answer: never) => void>()
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`Download-Prozess beendet (Code ${code})`)))
  })
  child.on('message', (answer: { id: number }) => {
    waiting.get(answer.id)?.(answer as never)
    waiting.delete(answer.id)
  })
  let next = 1
  const ask = <A,>(message: Download | Settle | Cpu | Sample): Promise<A> =>
    new Promise((resolve) => {
      waiting.set(message.id, resolve as (answer: never) => void)
      child.send(message)
    })
  return {
    download: (url: string, cookie: string, file: string) => ask<Downloaded>({ id: next++, url, cookie, file, serverPid }),
    /** Waits until the processes below the server are quiet; when they became so, on this process's clock. */
    settled: async (timeoutMs: number) => {
      const answer = await ask<Settled>({ id: next++, settle: true, serverPid, timeoutMs })
      return { quietSince: answer.quietSince - performance.timeOrigin, cpuMs: answer.cpuMs }
    },
    cpuMs: async () => (await ask<CpuAnswer>({ id: next++, cpu: true, serverPid })).cpuMs,
    /** The RSS sampler in the downloader's process (_downloader.ts, Sample). */
    sample: (what: Sample['sample']) => ask<SampleAnswer>({ id: next++, sample: what, serverPid }),
    stop: () => child.kill(),
  }
}

/** The main thread's time on a CPU and waiting for one, ns (/proc/<pid>/schedstat; zeros without it). */
function schedOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').slice(0, 2).map(Number)
  } catch {
    return [0, 0]
  }
}
