import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { and, asc, eq } from 'drizzle-orm'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { goals, measureUnits, units } from '../../db/schema'
import { agreedDocumentName, goalDocumentName, measureDocumentName } from '../../app/shared/live/names'
import { createUser } from '../../server/services/admin/users'
import { buildDir, repoRoot } from '../setup/server'
import { createSessions, ensureBuild, fmt, measuresInOrder, openRound, percentile, round, sleep, startPlainHocuspocus, startPreparedServer, until } from './_shared'
import type { Figures } from './index'

/**
 * Live documents under load, our server against plain Hocuspocus 4 in the same run (issue 3, DESIGN "Budgets").
 *
 * Our server is the production build as a child process (tests/setup/server.ts, the way `npm start` runs it:
 * React Router, Hocuspocus on /collab, SQLite); its clients authenticate with session tokens of coordinator,
 * editor and participant accounts written into its database before the measurements. Plain Hocuspocus is the
 * stock `Server` (in-memory documents, no extensions) as a child process of its own (_plain-hocuspocus.ts).
 * Both get the same scenarios from the same client code (HocuspocusProvider over Node's global WebSocket), in
 * this order, everything staying open until the end:
 *
 *   1. Cold open: each of the 89 goal documents by a fresh client (its own WebSocket): time to synced; then the
 *      rest of that goal's page (its measures' and agreed documents) on the same WebSocket: time to all synced.
 *   2. Jour fixe: 50 clients on one measure document, 10 of them typing into the narrative (each into its own
 *      paragraph, one edit every TYPE_EVERY_MS, each edit carrying its send time); propagation = receive time
 *      minus that time, at every other client. CPU of the server process over the measured typing phase
 *      (/proc/<pid>/stat utime+stime) per accepted edit.
 *   3. Forum join storm: 100 clients join one goal document within 2 s: time to synced, dropped connections.
 *   4. RSS (/proc/<pid>/status VmRSS) at baseline, with every document open (89 goal + 134 measure + 134 agreed)
 *      and all 239 WebSockets connected (the budget's 150 plus the 89 goal pages), and after everyone left
 *      (polled until it settles, at most LEAVE_WAIT_MS; V8 keeps most of its grown heap, so this stays above
 *      the baseline in both servers).
 *
 * Knobs: BENCH_* below; BENCH_SERVER_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) for our server.
 *
 * Budgets (report only): p50 <= 20 ms, p99 <= 100 ms, p99 / plain p99 <= 1.5, join p95 <= 1 s with no drop,
 * cold open p95 <= 150 ms, RSS <= 300 MB with all open. Loopback only; the run stops by itself (< 3 min).
 */

const JOURFIXE_CLIENTS = Number(process.env.BENCH_JOURFIXE_CLIENTS ?? 50)
const TYPISTS = Number(process.env.BENCH_TYPISTS ?? 10)
const TYPE_EVERY_MS = Number(process.env.BENCH_TYPE_EVERY_MS ?? 150)
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2_000)
const TYPING_MS = Number(process.env.BENCH_TYPING_MS ?? 10_000)
const STORM_CLIENTS = Number(process.env.BENCH_STORM_CLIENTS ?? 100)
const STORM_WINDOW_MS = 2_000
const LEAVE_WAIT_MS = Number(process.env.BENCH_LEAVE_WAIT_MS ?? 12_000)
const SYNC_TIMEOUT_MS = 15_000

type GoalPage = { goal: string; others: string[] }

type Target = {
  label: string
  /** ws:// URL the providers connect to */
  url: string
  pid: number
  jourfixe: string
  forum: string
  pages: GoalPage[]
  token: (purpose: 'writer' | 'reader' | 'forum') => string
  stop: () => Promise<void>
}

type Result = {
  label: string
  coldGoalMs: number[]
  coldPageMs: number[]
  latencies: number[]
  expectedSamples: number
  edits: number
  cpuMs: number
  joinMs: number[]
  dropped: number
  rssBaseline: number
  rssAllOpen: number
  rssAfter: number
  connections: number
  documents: number
}

export default async function collab(): Promise<Figures> {
  ensureBuild()
  console.log(
    `Collab-Benchmark (Build ${path.relative(repoRoot, buildDir())}): Jour fixe ${JOURFIXE_CLIENTS} Clients, ${TYPISTS} tippen alle ${TYPE_EVERY_MS} ms ` +
      `(${WARMUP_MS} ms Aufwärmen, ${TYPING_MS} ms gemessen); Forum ${STORM_CLIENTS} Clients in ${STORM_WINDOW_MS} ms; Kaltstart aller Zielseiten.`,
  )
  const oursTarget = await startOurs()
  const ours = await run(oursTarget)
  // Plain Hocuspocus gets exactly the same document names.
  const plain = await run(await startPlain(oursTarget))

  for (const result of [ours, plain]) report(result)
  const p50 = percentile(ours.latencies, 50)
  const p99 = percentile(ours.latencies, 99)
  const plainP99 = percentile(plain.latencies, 99)
  const ratio = p99 / plainP99
  const joinP95 = percentile(ours.joinMs, 95)
  const coldP95 = percentile(ours.coldGoalMs, 95)
  const verdict = (ok: boolean) => (ok ? 'ok' : 'ÜBER BUDGET')
  console.log('Budgets (Zielwerk):')
  console.log(`  Jour fixe p50 ${fmt(p50)} ms <= 20: ${verdict(p50 <= 20)}; p99 ${fmt(p99)} ms <= 100: ${verdict(p99 <= 100)}`)
  console.log(`  p99 / Hocuspocus p99 = ${fmt(p99)} / ${fmt(plainP99)} = ${ratio.toFixed(2)} <= 1.5: ${verdict(ratio <= 1.5)}`)
  console.log(`  Forum: p95 bis synchron ${fmt(joinP95)} ms <= 1000, ${ours.dropped} abgebrochen: ${verdict(joinP95 <= 1000 && ours.dropped === 0)}`)
  console.log(`  Kaltstart Ziel p95 ${fmt(coldP95)} ms <= 150: ${verdict(coldP95 <= 150)}`)
  console.log(`  RSS mit allem offen ${fmt(ours.rssAllOpen)} MB <= 300: ${verdict(ours.rssAllOpen <= 300)}; danach ${fmt(ours.rssAfter)} MB (Start ${fmt(ours.rssBaseline)} MB)`)

  return {
    jourfixe_p50_ms: round(p50),
    jourfixe_p99_ms: round(p99),
    hocuspocus_p99_ms: round(plainP99),
    p99_ratio: Math.round(ratio * 100) / 100,
    join_synced_p95_ms: round(joinP95),
    cold_open_p95_ms: round(coldP95),
    cpu_ms_per_edit: Math.round((ours.cpuMs / Math.max(1, ours.edits)) * 1000) / 1000,
    rss_baseline_mb: round(ours.rssBaseline),
    rss_all_open_mb: round(ours.rssAllOpen),
    rss_after_mb: round(ours.rssAfter),
  }
}

// ── The two servers ──────────────────────────────────────────────────────────────────────────────────────

async function startOurs(): Promise<Target> {
  // BENCH_SERVER_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) goes to our server only.
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
  return startPreparedServer(
    async (db, server) => {
      const round = openRound(db)
      const goalRows = db
        .select({ id: goals.id, number: goals.number })
        .from(goals)
        .where(eq(goals.conceptId, round.conceptId))
        .orderBy(asc(goals.number))
        .all()
      const measureRows = measuresInOrder(db, round.conceptId)
      const pages = goalRows.map((goal) => ({
        goal: goalDocumentName(round.id, goal.number),
        others: measureRows
          .filter((m) => m.goalId === goal.id)
          .flatMap((m) => [measureDocumentName(round.id, m.id), agreedDocumentName(round.id, m.id)]),
      }))
      // The Jour fixe edits a measure of goal 42 (a unit is responsible for it, so its editors may write).
      const goal42 = goalRows.find((g) => g.number === 42) ?? goalRows[0]!
      const measure = measureRows.find((m) => m.goalId === goal42.id)!
      const unit = db.select({ id: units.id }).from(units).orderBy(asc(units.id)).get()!
      const assigned = db
        .select()
        .from(measureUnits)
        .where(and(eq(measureUnits.measureId, measure.id), eq(measureUnits.unitId, unit.id)))
        .get()
      if (!assigned) db.insert(measureUnits).values({ measureId: measure.id, unitId: unit.id, role: 'lead' }).run()

      const accounts = { writer: [] as number[], reader: [] as number[], forum: [] as number[] }
      for (let i = 0; i < 5; i++) {
        const password = 'ein-langes-benchmark-passwort'
        accounts.writer.push(await createUser(db, { email: `koordination-${i}@bench.zielwerk`, name: `Koordination ${i}`, password, role: 'coordinator', unitId: null }))
        accounts.writer.push(await createUser(db, { email: `fachdienst-${i}@bench.zielwerk`, name: `Fachdienst ${i}`, password, role: 'editor', unitId: unit.id }))
        accounts.forum.push(await createUser(db, { email: `forum-${i}@bench.zielwerk`, name: `Forum ${i}`, password, role: 'participant', unitId: null }))
      }
      accounts.reader = accounts.writer
      // Every client gets its own session, created now: no writes of ours compete with the server's later.
      const need = { writer: TYPISTS, reader: JOURFIXE_CLIENTS + pages.length, forum: STORM_CLIENTS }
      const sessions = (purpose: keyof typeof need) =>
        createSessions(db, Array.from({ length: need[purpose] }, (_, i) => accounts[purpose][i % accounts[purpose].length]!))
      const tokens = { writer: sessions('writer'), reader: sessions('reader'), forum: sessions('forum') }
      return {
        label: 'Zielwerk',
        url: `${server.url.replace(/^http/, 'ws')}/collab`,
        pid: server.pid,
        jourfixe: measureDocumentName(round.id, measure.id),
        // The forum storm joins another goal's document.
        forum: goalDocumentName(round.id, goalRows.find((g) => g.number === 17)?.number ?? goalRows[1]!.number),
        pages,
        token: (purpose) => {
          const token = tokens[purpose].pop()
          if (!token) throw new Error(`Keine Sitzung mehr für ${purpose}`)
          return token
        },
        stop: server.stop,
      }
    },
    nodeOptions ? { env: { NODE_OPTIONS: nodeOptions } } : {},
  )
}

async function startPlain(names: Pick<Target, 'jourfixe' | 'forum' | 'pages'>): Promise<Target> {
  const plain = await startPlainHocuspocus()
  return {
    label: 'Hocuspocus (plain)',
    url: plain.url,
    pid: plain.pid,
    jourfixe: names.jourfixe,
    forum: names.forum,
    pages: names.pages,
    token: () => 'plain',
    stop: plain.stop,
  }
}

// ── Clients ──────────────────────────────────────────────────────────────────────────────────────────────

type Client = {
  provider: HocuspocusProvider
  doc: Y.Doc
  started: number
  synced: Promise<number>
  syncedAt: number | null
  drops: number
  denied: string | null
  destroy(): void
}

function connect(url: string, name: string, token: string, socket?: HocuspocusProviderWebsocket): Client {
  const own = !socket
  const websocket = socket ?? new HocuspocusProviderWebsocket({ url })
  const doc = new Y.Doc()
  const started = performance.now()
  let resolveSynced!: (ms: number) => void
  const synced = new Promise<number>((resolve) => {
    resolveSynced = resolve
  })
  const provider = new HocuspocusProvider({ websocketProvider: websocket, name, token, document: doc })
  const client: Client = {
    provider,
    doc,
    started,
    synced,
    syncedAt: null,
    drops: 0,
    denied: null,
    destroy() {
      provider.destroy()
      if (own) websocket.destroy()
    },
  }
  provider.on('synced', () => {
    if (client.syncedAt !== null) return
    client.syncedAt = performance.now() - started
    resolveSynced(client.syncedAt)
  })
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
    client.denied = reason
  })
  if (own) websocket.on('disconnect', () => client.drops++)
  provider.attach()
  return client
}

async function syncedWithin(clients: Client[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (clients.some((c) => c.syncedAt === null) && performance.now() < deadline) await sleep(5)
}

const TOKEN = /~[a-z]([0-9a-z]+)~/g

/** A typed token carrying its send time (performance.now() of this process, 1/100 ms, base 36). */
const stamp = (typist: number) => `~${String.fromCharCode(97 + (typist % 26))}${Math.round(performance.now() * 100).toString(36)}~`

// ── One server, all scenarios ───────────────────────────────────────────────────────────────────────────

async function run(target: Target): Promise<Result> {
  const all: Client[] = []
  try {
    await sleep(500)
    const rssBaseline = rssMb(target.pid)
    console.log(`\n${target.label}: RSS beim Start ${fmt(rssBaseline)} MB`)

    // 1. Cold open of every goal page.
    const coldGoalMs: number[] = []
    const coldPageMs: number[] = []
    let documents = 0
    for (const page of target.pages) {
      const socket = new HocuspocusProviderWebsocket({ url: target.url })
      const token = target.token('reader')
      const goal = connect(target.url, page.goal, token, socket)
      all.push(goal)
      const goalMs = await Promise.race([goal.synced, sleep(SYNC_TIMEOUT_MS).then(() => Number.NaN)])
      if (Number.isNaN(goalMs)) throw new Error(`${target.label}: ${page.goal} nicht synchron nach ${SYNC_TIMEOUT_MS} ms (${goal.denied ?? 'keine Ablehnung'})`)
      const rest = page.others.map((name) => connect(target.url, name, token, socket))
      all.push(...rest)
      await syncedWithin(rest, SYNC_TIMEOUT_MS)
      if (rest.some((c) => c.syncedAt === null)) throw new Error(`${target.label}: Seite ${page.goal} nicht vollständig synchron`)
      coldGoalMs.push(goalMs)
      coldPageMs.push(performance.now() - goal.started)
      documents += 1 + rest.length
    }
    console.log(
      `${target.label}: Kaltstart ${target.pages.length} Ziele: Ziel synchron p50 ${fmt(percentile(coldGoalMs, 50))} ms, p95 ${fmt(percentile(coldGoalMs, 95))} ms; ` +
        `ganze Seite (${documents} Dokumente) p95 ${fmt(percentile(coldPageMs, 95))} ms`,
    )

    // 2. Jour fixe.
    const jourfixe: Client[] = []
    for (let i = 0; i < JOURFIXE_CLIENTS; i++) {
      jourfixe.push(connect(target.url, target.jourfixe, target.token(i < TYPISTS ? 'writer' : 'reader')))
    }
    all.push(...jourfixe)
    await syncedWithin(jourfixe, SYNC_TIMEOUT_MS)
    if (jourfixe.some((c) => c.syncedAt === null)) throw new Error(`${target.label}: Jour fixe nicht synchron (${jourfixe.find((c) => c.denied)?.denied ?? ''})`)
    const typists = jourfixe.slice(0, TYPISTS)
    const texts = typists.map((c) => {
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      paragraph.insert(0, [text])
      const fragment = c.doc.getXmlFragment('narrative')
      c.doc.transact(() => fragment.insert(fragment.length, [paragraph]))
      return text
    })
    const paragraphsOk = await until(
      () => jourfixe.every((c) => c.doc.getXmlFragment('narrative').length >= TYPISTS) && typists.every((c) => !c.provider.hasUnsyncedChanges),
      SYNC_TIMEOUT_MS,
    )
    if (!paragraphsOk) throw new Error(`${target.label}: Absätze der Tippenden kamen nicht überall an`)

    let measuring = false
    let measureFrom = Number.POSITIVE_INFINITY
    let measureTo = Number.POSITIVE_INFINITY
    const latencies: number[] = []
    const seenPerClient = jourfixe.map(() => 0)
    jourfixe.forEach((client, index) => {
      client.doc.getXmlFragment('narrative').observeDeep((events, transaction) => {
        if (transaction.local) return
        const now = performance.now()
        for (const event of events) {
          if (!(event.target instanceof Y.XmlText)) continue
          for (const op of event.delta) {
            if (typeof op.insert !== 'string') continue
            for (const match of op.insert.matchAll(TOKEN)) {
              const sent = parseInt(match[1]!, 36) / 100
              if (sent < measureFrom || sent > measureTo) continue
              latencies.push(now - sent)
              seenPerClient[index]!++
            }
          }
        }
      })
    })
    // Each typist types at a steady rate, the typists spread evenly over the interval.
    let edits = 0
    const intervals: NodeJS.Timeout[] = []
    const starts = texts.map((text, i) =>
      setTimeout(() => {
        intervals.push(
          setInterval(() => {
            text.insert(text.length, stamp(i))
            if (measuring) edits++
          }, TYPE_EVERY_MS),
        )
      }, (TYPE_EVERY_MS / TYPISTS) * i),
    )
    await sleep(WARMUP_MS)
    const cpuBefore = cpuMs(target.pid)
    measureFrom = performance.now()
    measuring = true
    await sleep(TYPING_MS)
    measuring = false
    measureTo = performance.now()
    const cpuAfter = cpuMs(target.pid)
    for (const t of starts) clearTimeout(t)
    for (const t of intervals) clearInterval(t)
    const expectedSamples = edits * (JOURFIXE_CLIENTS - 1)
    await until(() => latencies.length >= expectedSamples && typists.every((c) => !c.provider.hasUnsyncedChanges), 5_000)
    const unacked = typists.filter((c) => c.provider.hasUnsyncedChanges).length
    const cpu = cpuAfter - cpuBefore
    console.log(
      `${target.label}: Jour fixe ${edits} Änderungen in ${fmt(measureTo - measureFrom)} ms, ${latencies.length}/${expectedSamples} Empfänge: ` +
        `p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(Math.max(...latencies))} ms; ` +
        `CPU ${fmt(cpu)} ms = ${(cpu / Math.max(1, edits)).toFixed(3)} ms je Änderung` +
        (unacked ? `; ${unacked} Tippende mit unbestätigten Änderungen` : ''),
    )

    // 3. Forum join storm.
    const storm: Client[] = []
    const stormStart = performance.now()
    for (let i = 0; i < STORM_CLIENTS; i++) {
      const due = stormStart + (STORM_WINDOW_MS / STORM_CLIENTS) * i
      const wait = due - performance.now()
      if (wait > 0) await sleep(wait)
      storm.push(connect(target.url, target.forum, target.token('forum')))
    }
    all.push(...storm)
    await syncedWithin(storm, 10_000)
    const joinMs = storm.map((c) => c.syncedAt ?? Number.POSITIVE_INFINITY)
    const dropped = storm.filter((c) => c.syncedAt === null || c.drops > 0 || c.denied !== null).length
    console.log(
      `${target.label}: Forum ${STORM_CLIENTS} Clients in ${fmt(performance.now() - stormStart)} ms: synchron p50 ${fmt(percentile(joinMs, 50))} ms, ` +
        `p95 ${fmt(percentile(joinMs, 95))} ms, max ${fmt(Math.max(...joinMs))} ms; abgebrochen ${dropped}`,
    )

    // 4. Memory with everything open, then after everyone left.
    await sleep(500)
    const rssAllOpen = rssMb(target.pid)
    const connections = target.pages.length + JOURFIXE_CLIENTS + STORM_CLIENTS
    const drops = all.reduce((sum, c) => sum + c.drops, 0)
    console.log(`${target.label}: RSS mit ${documents} offenen Dokumenten und ${connections} WebSockets: ${fmt(rssAllOpen)} MB (Abbrüche insgesamt ${drops})`)
    for (const client of all.splice(0)) client.destroy()
    const rssAfter = await settledRss(target.pid, LEAVE_WAIT_MS)
    console.log(`${target.label}: RSS nachdem alle gegangen sind: ${fmt(rssAfter)} MB`)

    return {
      label: target.label,
      coldGoalMs,
      coldPageMs,
      latencies,
      expectedSamples,
      edits,
      cpuMs: cpu,
      joinMs,
      dropped,
      rssBaseline,
      rssAllOpen,
      rssAfter,
      connections,
      documents,
    }
  } finally {
    for (const client of all) client.destroy()
    await target.stop()
  }
}

function report(r: Result) {
  console.log(
    `\n${r.label.padEnd(18)} Jour fixe p50 ${fmt(percentile(r.latencies, 50))} / p99 ${fmt(percentile(r.latencies, 99))} / max ${fmt(Math.max(...r.latencies))} ms ` +
      `(${r.latencies.length} Empfänge) | CPU ${(r.cpuMs / Math.max(1, r.edits)).toFixed(3)} ms/Änderung | Forum p95 ${fmt(percentile(r.joinMs, 95))} ms, ${r.dropped} abgebrochen | ` +
      `Kaltstart p95 ${fmt(percentile(r.coldGoalMs, 95))} ms (Seite ${fmt(percentile(r.coldPageMs, 95))} ms) | RSS ${fmt(r.rssBaseline)} → ${fmt(r.rssAllOpen)} → ${fmt(r.rssAfter)} MB`,
  )
}

// ── Process figures from /proc ───────────────────────────────────────────────────────────────────────────

const CLOCK_TICKS = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  const ticks = Number(result.stdout?.trim())
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
})()

/** utime + stime of a process in ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

/** VmRSS of a process in MB (MiB). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1])
  return kb / 1024
}

/** Polls RSS until it stops falling (3 s without a drop of more than 1 MB) or the time is up. */
async function settledRss(pid: number, maxMs: number): Promise<number> {
  const deadline = performance.now() + maxMs
  let last = rssMb(pid)
  let lastDrop = performance.now()
  while (performance.now() < deadline) {
    await sleep(250)
    const now = rssMb(pid)
    if (now < last - 1) lastDrop = performance.now()
    last = Math.min(last, now)
    if (performance.now() - lastDrop > 3_000 && performance.now() - (deadline - maxMs) > 4_000) break
  }
  return rssMb(pid)
}
