import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { and, asc, eq } from 'drizzle-orm'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { goals, measureUnits, units } from '../../db/schema'
import { agreedDocumentName, goalDocumentName, measureDocumentName } from '../../app/shared/live/names'
import { createUser } from '../../server/services/admin/users'
import { buildDir, repoRoot } from '../setup/server'
import {
  createSessions,
  ensureBuild,
  fmt,
  measuresInOrder,
  median,
  openRound,
  percentile,
  round,
  sleep,
  startPlainHocuspocus,
  startPreparedServer,
  until,
} from './_shared'
import type { Figures } from './index'

/**
 * Live documents under load, our server against plain Hocuspocus 4 in the same run (issue 3, DESIGN "Budgets").
 *
 * Our server is the production build as a child process (tests/setup/server.ts, the way `npm start` runs it:
 * React Router, Hocuspocus on /collab, SQLite); its clients authenticate with session tokens of coordinator,
 * editor and participant accounts written into its database before the measurements. Plain Hocuspocus is the
 * stock `Server` (in-memory documents, no extensions) as a child process of its own (_plain-hocuspocus.ts).
 * Both get the same document names and the same client code (HocuspocusProvider over Node's global WebSocket).
 *
 * Both servers run side by side, and every scenario runs PAIRS times on each, alternating (ours, plain, then
 * plain, ours, …, as meeting.ts alternates its walks): whatever else this shared 2-core machine does meanwhile
 * falls on both alike, and each ratio is the median of the PAIRS pairwise ratios, printed with its spread
 * (min–max). Absolute figures pool the samples of all pairs of one server.
 *
 *   1. Cold open: the 89 goal pages, split into PAIRS slices (one per pair): each goal document by a fresh
 *      client (its own WebSocket): time to synced; then the rest of that goal's page (its measures' and agreed
 *      documents) on the same WebSocket: time to all synced. Everything stays open until the end.
 *   2. Jour fixe: 50 clients on one measure document (a fresh one per pair, so every pair types into a
 *      document of the same size), 10 of them typing into the narrative (each into its own paragraph, one edit
 *      every TYPE_EVERY_MS, each edit carrying its send time); propagation = receive time minus that time, at
 *      every other client. CPU of the server process (all threads, see cpuMs) over the measured typing, per
 *      edit. The last pair's clients stay connected, the others leave.
 *   3. Forum join storm: 100 clients join one goal document within 2 s: time to synced, dropped connections.
 *      The last pair's clients stay, the others leave.
 *   4. RSS (/proc/<pid>/status VmRSS) at baseline, with every document open (89 goal + 134 measure + 134 agreed)
 *      and 239 WebSockets connected (the budget's 150 plus the 89 goal pages), and after everyone left (polled
 *      until it settles, at most LEAVE_WAIT_MS; V8 keeps most of its grown heap, so this stays above the
 *      baseline in both servers). Memory is not paired: one figure per server.
 *
 * Knobs: BENCH_* below; BENCH_SERVER_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) for our server.
 *
 * Budgets (report only): p50 <= 20 ms, p99 <= 100 ms, p99 / plain p99 <= 1.5, CPU per edit / plain <= 1.3,
 * join p95 <= 1 s with no drop and <= 2x plain, cold open p95 <= 150 ms, RSS <= 150 MB at start and <= 200 MB
 * with all open. Loopback only; the run stops by itself (< 3 min with the defaults).
 */

const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS ?? 3))
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
  /** one measure document per pair */
  jourfixe: string[]
  forum: string
  pages: GoalPage[]
  token: (purpose: 'writer' | 'reader' | 'forum') => string
  stop: () => Promise<void>
}

type Phase = { latencies: number[]; expectedSamples: number; edits: number; cpuMs: number; unacked: number }
type Storm = { joinMs: number[]; dropped: number }

/** One server's clients and figures over the whole run. */
type Side = {
  target: Target
  /** clients that stay open until the end */
  open: Client[]
  coldGoalMs: number[]
  coldPageMs: number[]
  documents: number
  phases: Phase[]
  storms: Storm[]
  rssBaseline: number
  rssAllOpen: number
  rssAfter: number
}

export default async function collab(): Promise<Figures> {
  ensureBuild()
  console.log(
    `Collab-Benchmark (Build ${path.relative(repoRoot, buildDir())}): ${PAIRS} Paare je Szenario, abwechselnd Zielwerk und Hocuspocus; ` +
      `Jour fixe ${JOURFIXE_CLIENTS} Clients, ${TYPISTS} tippen alle ${TYPE_EVERY_MS} ms (${WARMUP_MS} ms Aufwärmen, ${TYPING_MS} ms gemessen); ` +
      `Forum ${STORM_CLIENTS} Clients in ${STORM_WINDOW_MS} ms; Kaltstart aller Zielseiten.`,
  )
  console.log(`Maschine: ${os.availableParallelism()} CPUs, Last (1/5/15 min) ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`)
  const oursTarget = await startOurs()
  let plainTarget: Target
  try {
    // Plain Hocuspocus gets exactly the same document names.
    plainTarget = await startPlain(oursTarget)
  } catch (error) {
    await oursTarget.stop()
    throw error
  }
  const [ours, plain] = (await runBoth([oursTarget, plainTarget])) as [Side, Side]

  for (const side of [ours, plain]) report(side)
  const pooled = (side: Side) => side.phases.flatMap((p) => p.latencies)
  const cpuPerEdit = (phase: Phase) => phase.cpuMs / Math.max(1, phase.edits)
  const pooledCpu = (side: Side) => side.phases.reduce((sum, p) => sum + p.cpuMs, 0) / Math.max(1, side.phases.reduce((sum, p) => sum + p.edits, 0))
  const joins = (side: Side) => side.storms.flatMap((s) => s.joinMs)
  const p99 = ratios(ours.phases, plain.phases, (p) => percentile(p.latencies, 99))
  const cpu = ratios(ours.phases, plain.phases, cpuPerEdit)
  const join = ratios(ours.storms, plain.storms, (s) => percentile(s.joinMs, 95))

  const p50Ms = percentile(pooled(ours), 50)
  const p99Ms = percentile(pooled(ours), 99)
  const plainP99Ms = percentile(pooled(plain), 99)
  const joinP95 = percentile(joins(ours), 95)
  const plainJoinP95 = percentile(joins(plain), 95)
  const coldP95 = percentile(ours.coldGoalMs, 95)
  const dropped = ours.storms.reduce((sum, s) => sum + s.dropped, 0)
  const verdict = (ok: boolean) => (ok ? 'ok' : 'ÜBER BUDGET')
  const spread = (r: Ratios) => `${r.median.toFixed(2)} (${r.min.toFixed(2)}–${r.max.toFixed(2)}; je Paar ${r.each.map((x) => x.toFixed(2)).join(', ')})`
  console.log(`\nLast danach (1 min) ${os.loadavg()[0]!.toFixed(1)}`)
  console.log('Budgets (Zielwerk; Verhältnisse = Median der Paare, Spannweite in Klammern):')
  console.log(`  Jour fixe p50 ${fmt(p50Ms)} ms <= 20: ${verdict(p50Ms <= 20)}; p99 ${fmt(p99Ms)} ms <= 100: ${verdict(p99Ms <= 100)}`)
  console.log(`  p99 / Hocuspocus p99 = ${spread(p99)} <= 1.5: ${verdict(p99.median <= 1.5)}`)
  console.log(`  CPU je Änderung ${pooledCpu(ours).toFixed(3)} / ${pooledCpu(plain).toFixed(3)} ms, Verhältnis ${spread(cpu)} <= 1.3: ${verdict(cpu.median <= 1.3)}`)
  console.log(
    `  Forum: p95 bis synchron ${fmt(joinP95)} ms (Hocuspocus ${fmt(plainJoinP95)} ms) <= 1000, ${dropped} abgebrochen: ${verdict(joinP95 <= 1000 && dropped === 0)}; ` +
      `Verhältnis ${spread(join)} <= 2: ${verdict(join.median <= 2)}`,
  )
  console.log(`  Kaltstart Ziel p95 ${fmt(coldP95)} ms <= 150: ${verdict(coldP95 <= 150)}`)
  console.log(
    `  RSS beim Start ${fmt(ours.rssBaseline)} MB <= 150: ${verdict(ours.rssBaseline <= 150)}; mit allem offen ${fmt(ours.rssAllOpen)} MB <= 200: ${verdict(ours.rssAllOpen <= 200)}; ` +
      `danach ${fmt(ours.rssAfter)} MB`,
  )

  const r2 = (value: number) => Math.round(value * 100) / 100
  const r3 = (value: number) => Math.round(value * 1000) / 1000
  return {
    jourfixe_p50_ms: round(p50Ms),
    jourfixe_p99_ms: round(p99Ms),
    hocuspocus_p99_ms: round(plainP99Ms),
    p99_ratio: r2(p99.median),
    p99_ratio_min: r2(p99.min),
    p99_ratio_max: r2(p99.max),
    join_synced_p95_ms: round(joinP95),
    plain_join_synced_p95_ms: round(plainJoinP95),
    join_ratio: r2(join.median),
    join_ratio_min: r2(join.min),
    join_ratio_max: r2(join.max),
    join_dropped: dropped,
    cold_open_p95_ms: round(coldP95),
    plain_cold_open_p95_ms: round(percentile(plain.coldGoalMs, 95)),
    cpu_ms_per_edit: r3(pooledCpu(ours)),
    plain_cpu_ms_per_edit: r3(pooledCpu(plain)),
    cpu_ratio: r2(cpu.median),
    cpu_ratio_min: r2(cpu.min),
    cpu_ratio_max: r2(cpu.max),
    rss_baseline_mb: round(ours.rssBaseline),
    rss_all_open_mb: round(ours.rssAllOpen),
    rss_after_mb: round(ours.rssAfter),
    plain_rss_baseline_mb: round(plain.rssBaseline),
    plain_rss_all_open_mb: round(plain.rssAllOpen),
    plain_rss_after_mb: round(plain.rssAfter),
    pairs: PAIRS,
  }
}

type Ratios = { median: number; min: number; max: number; each: number[] }

/** ours_i / plain_i for every pair i, and their median and spread. */
function ratios<T>(ours: T[], plain: T[], figure: (item: T) => number): Ratios {
  const each = ours.map((item, i) => figure(item) / figure(plain[i]!))
  return { median: median(each), min: Math.min(...each), max: Math.max(...each), each }
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
      // The Jour fixe edits measures from goal 42 on (a unit is made responsible for them, so its editors may
      // write), a fresh one per pair.
      const goal42 = goalRows.find((g) => g.number === 42) ?? goalRows[0]!
      const from = measureRows.findIndex((m) => m.goalId === goal42.id)
      const jourfixe = measureRows.slice(from, from + PAIRS)
      if (jourfixe.length < PAIRS) throw new Error(`Nur ${jourfixe.length} Maßnahmen ab Ziel 42 für ${PAIRS} Paare.`)
      const unit = db.select({ id: units.id }).from(units).orderBy(asc(units.id)).get()!
      for (const measure of jourfixe) {
        const assigned = db
          .select()
          .from(measureUnits)
          .where(and(eq(measureUnits.measureId, measure.id), eq(measureUnits.unitId, unit.id)))
          .get()
        if (!assigned) db.insert(measureUnits).values({ measureId: measure.id, unitId: unit.id, role: 'lead' }).run()
      }

      const accounts = { writer: [] as number[], reader: [] as number[], forum: [] as number[] }
      for (let i = 0; i < 5; i++) {
        const password = 'ein-langes-benchmark-passwort'
        accounts.writer.push(await createUser(db, { email: `koordination-${i}@bench.zielwerk`, name: `Koordination ${i}`, password, role: 'coordinator', unitId: null }))
        accounts.writer.push(await createUser(db, { email: `fachdienst-${i}@bench.zielwerk`, name: `Fachdienst ${i}`, password, role: 'editor', unitId: unit.id }))
        accounts.forum.push(await createUser(db, { email: `forum-${i}@bench.zielwerk`, name: `Forum ${i}`, password, role: 'participant', unitId: null }))
      }
      accounts.reader = accounts.writer
      // Every client gets its own session, created now: no writes of ours compete with the server's later.
      const need = { writer: TYPISTS * PAIRS, reader: (JOURFIXE_CLIENTS - TYPISTS) * PAIRS + pages.length, forum: STORM_CLIENTS * PAIRS }
      const sessions = (purpose: keyof typeof need) =>
        createSessions(db, Array.from({ length: need[purpose] }, (_, i) => accounts[purpose][i % accounts[purpose].length]!))
      const tokens = { writer: sessions('writer'), reader: sessions('reader'), forum: sessions('forum') }
      return {
        label: 'Zielwerk',
        url: `${server.url.replace(/^http/, 'ws')}/collab`,
        pid: server.pid,
        jourfixe: jourfixe.map((m) => measureDocumentName(round.id, m.id)),
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

// ── Both servers, all scenarios, alternating ────────────────────────────────────────────────────────────

/** Pair 0 runs ours first, pair 1 plain first, …: a drift of the machine's load falls on both alike. */
const inOrder = (sides: Side[], pair: number) => (pair % 2 === 0 ? sides : [...sides].reverse())

async function runBoth(targets: Target[]): Promise<Side[]> {
  const sides: Side[] = targets.map((target) => ({
    target,
    open: [],
    coldGoalMs: [],
    coldPageMs: [],
    documents: 0,
    phases: [],
    storms: [],
    rssBaseline: Number.NaN,
    rssAllOpen: Number.NaN,
    rssAfter: Number.NaN,
  }))
  const passing: Client[] = []
  try {
    await sleep(500)
    for (const side of sides) {
      side.rssBaseline = rssMb(side.target.pid)
      console.log(`${side.target.label}: RSS beim Start ${fmt(side.rssBaseline)} MB`)
    }

    const pages = targets[0]!.pages
    for (let pair = 0; pair < PAIRS; pair++) {
      const slice = pages.filter((_, i) => i % PAIRS === pair)
      for (const side of inOrder(sides, pair)) await coldOpen(side, slice)
    }
    for (const side of sides) {
      console.log(
        `${side.target.label}: Kaltstart ${side.coldGoalMs.length} Ziele: Ziel synchron p50 ${fmt(percentile(side.coldGoalMs, 50))} ms, ` +
          `p95 ${fmt(percentile(side.coldGoalMs, 95))} ms; ganze Seite (${side.documents} Dokumente) p95 ${fmt(percentile(side.coldPageMs, 95))} ms`,
      )
    }

    for (let pair = 0; pair < PAIRS; pair++) {
      for (const side of inOrder(sides, pair)) side.phases.push(await jourFixe(side, pair, pair === PAIRS - 1 ? side.open : passing))
      for (const client of passing.splice(0)) client.destroy()
    }
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const side of inOrder(sides, pair)) {
        side.storms.push(await storm(side, pair, pair === PAIRS - 1 ? side.open : passing))
        for (const client of passing.splice(0)) client.destroy()
        // Let the server see the leaving clients go before the other server's storm.
        await sleep(300)
      }
    }

    await sleep(500)
    const connections = pages.length + JOURFIXE_CLIENTS + STORM_CLIENTS
    for (const side of sides) {
      side.rssAllOpen = rssMb(side.target.pid)
      const drops = side.open.reduce((sum, c) => sum + c.drops, 0)
      console.log(`${side.target.label}: RSS mit ${side.documents} offenen Dokumenten und ${connections} WebSockets: ${fmt(side.rssAllOpen)} MB (Abbrüche ${drops})`)
    }
    for (const side of sides) for (const client of side.open.splice(0)) client.destroy()
    const after = await Promise.all(sides.map((side) => settledRss(side.target.pid, LEAVE_WAIT_MS)))
    sides.forEach((side, i) => {
      side.rssAfter = after[i]!
      console.log(`${side.target.label}: RSS nachdem alle gegangen sind: ${fmt(side.rssAfter)} MB`)
    })
    return sides
  } finally {
    for (const client of passing) client.destroy()
    for (const side of sides) for (const client of side.open) client.destroy()
    for (const side of sides) await side.target.stop()
  }
}

/** 1. Each goal page of `pages`: the goal document on a fresh WebSocket, then the rest of the page on it. */
async function coldOpen(side: Side, pages: GoalPage[]) {
  const { target } = side
  for (const page of pages) {
    const socket = new HocuspocusProviderWebsocket({ url: target.url })
    const token = target.token('reader')
    const goal = connect(target.url, page.goal, token, socket)
    side.open.push(goal)
    const goalMs = await Promise.race([goal.synced, sleep(SYNC_TIMEOUT_MS).then(() => Number.NaN)])
    if (Number.isNaN(goalMs)) throw new Error(`${target.label}: ${page.goal} nicht synchron nach ${SYNC_TIMEOUT_MS} ms (${goal.denied ?? 'keine Ablehnung'})`)
    const rest = page.others.map((name) => connect(target.url, name, token, socket))
    side.open.push(...rest)
    await syncedWithin(rest, SYNC_TIMEOUT_MS)
    if (rest.some((c) => c.syncedAt === null)) throw new Error(`${target.label}: Seite ${page.goal} nicht vollständig synchron`)
    side.coldGoalMs.push(goalMs)
    side.coldPageMs.push(performance.now() - goal.started)
    side.documents += 1 + rest.length
  }
}

/** 2. One Jour fixe typing phase on the pair's own measure document; its clients go to `keep`. */
async function jourFixe(side: Side, pair: number, keep: Client[]): Promise<Phase> {
  const { target } = side
  const name = target.jourfixe[pair]!
  const jourfixe: Client[] = []
  for (let i = 0; i < JOURFIXE_CLIENTS; i++) jourfixe.push(connect(target.url, name, target.token(i < TYPISTS ? 'writer' : 'reader')))
  keep.push(...jourfixe)
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
  for (const client of jourfixe) {
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
          }
        }
      }
    })
  }
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
  const threadsBefore = cpuByThread(target.pid)
  measureFrom = performance.now()
  measuring = true
  await sleep(TYPING_MS)
  measuring = false
  measureTo = performance.now()
  const cpuAfter = cpuMs(target.pid)
  const threads = threadShares(threadsBefore, cpuByThread(target.pid))
  for (const t of starts) clearTimeout(t)
  for (const t of intervals) clearInterval(t)
  const expectedSamples = edits * (JOURFIXE_CLIENTS - 1)
  await until(() => latencies.length >= expectedSamples && typists.every((c) => !c.provider.hasUnsyncedChanges), 5_000)
  const unacked = typists.filter((c) => c.provider.hasUnsyncedChanges).length
  const cpu = cpuAfter - cpuBefore
  console.log(
    `${target.label} (Paar ${pair + 1}): Jour fixe ${edits} Änderungen in ${fmt(measureTo - measureFrom)} ms, ${latencies.length}/${expectedSamples} Empfänge: ` +
      `p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(Math.max(...latencies))} ms; ` +
      `CPU ${fmt(cpu)} ms = ${(cpu / Math.max(1, edits)).toFixed(3)} ms je Änderung${threads ? ` (${threads})` : ''}` +
      (unacked ? `; ${unacked} Tippende mit unbestätigten Änderungen` : ''),
  )
  return { latencies, expectedSamples, edits, cpuMs: cpu, unacked }
}

/** 3. STORM_CLIENTS clients join the forum document within STORM_WINDOW_MS; they go to `keep`. */
async function storm(side: Side, pair: number, keep: Client[]): Promise<Storm> {
  const { target } = side
  const clients: Client[] = []
  const stormStart = performance.now()
  for (let i = 0; i < STORM_CLIENTS; i++) {
    const due = stormStart + (STORM_WINDOW_MS / STORM_CLIENTS) * i
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    clients.push(connect(target.url, target.forum, target.token('forum')))
  }
  keep.push(...clients)
  await syncedWithin(clients, 10_000)
  const joinMs = clients.map((c) => c.syncedAt ?? Number.POSITIVE_INFINITY)
  const dropped = clients.filter((c) => c.syncedAt === null || c.drops > 0 || c.denied !== null).length
  console.log(
    `${target.label} (Paar ${pair + 1}): Forum ${STORM_CLIENTS} Clients in ${fmt(performance.now() - stormStart)} ms: synchron p50 ${fmt(percentile(joinMs, 50))} ms, ` +
      `p95 ${fmt(percentile(joinMs, 95))} ms, max ${fmt(Math.max(...joinMs))} ms; abgebrochen ${dropped}`,
  )
  return { joinMs, dropped }
}

function report(side: Side) {
  const latencies = side.phases.flatMap((p) => p.latencies)
  const joins = side.storms.flatMap((s) => s.joinMs)
  const cpu = side.phases.reduce((sum, p) => sum + p.cpuMs, 0) / Math.max(1, side.phases.reduce((sum, p) => sum + p.edits, 0))
  console.log(
    `\n${side.target.label.padEnd(18)} Jour fixe p50 ${fmt(percentile(latencies, 50))} / p99 ${fmt(percentile(latencies, 99))} / max ${fmt(Math.max(...latencies))} ms ` +
      `(${latencies.length} Empfänge) | CPU ${cpu.toFixed(3)} ms/Änderung | Forum p95 ${fmt(percentile(joins, 95))} ms, ` +
      `${side.storms.reduce((sum, s) => sum + s.dropped, 0)} abgebrochen | Kaltstart p95 ${fmt(percentile(side.coldGoalMs, 95))} ms ` +
      `(Seite ${fmt(percentile(side.coldPageMs, 95))} ms) | RSS ${fmt(side.rssBaseline)} → ${fmt(side.rssAllOpen)} → ${fmt(side.rssAfter)} MB`,
  )
}

// ── Process figures from /proc ───────────────────────────────────────────────────────────────────────────

const CLOCK_TICKS = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  const ticks = Number(result.stdout?.trim())
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
})()

/**
 * CPU time of a process in ms, all threads (the WAL checkpointer and libuv's pool included): the scheduler's
 * on-CPU nanoseconds per thread (/proc/<pid>/task/<tid>/schedstat), else utime + stime from /proc/<pid>/stat in
 * clock ticks (10 ms steps, coarse for a phase of a few hundred ms of CPU).
 */
function cpuMs(pid: number): number {
  try {
    let ns = 0
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0])
    }
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6
  } catch {
    // no schedstat (kernel without CONFIG_SCHEDSTATS) or a thread that just ended: the coarse figure
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

/**
 * On-CPU ms per thread name (main thread, V8's helpers, the checkpointer, libuv's pool), to see where a ratio's
 * gap lies; empty without schedstat. Threads that ended meanwhile are missing.
 */
function cpuByThread(pid: number): Map<string, number> {
  const byName = new Map<string, number>()
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()
      const ms = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
      if (Number.isFinite(ms)) byName.set(`${name}\0${tid}`, ms)
    }
  } catch {
    // no schedstat, or a thread that just ended
  }
  return byName
}

/** "MainThread 420, V8Worker 80, …" for the time between two cpuByThread() readings, largest first. */
function threadShares(before: Map<string, number>, after: Map<string, number>): string {
  const byName = new Map<string, number>()
  for (const [key, ms] of after) {
    const name = key.slice(0, key.indexOf('\0'))
    byName.set(name, (byName.get(name) ?? 0) + ms - (before.get(key) ?? 0))
  }
  return [...byName]
    .filter(([, ms]) => ms >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${fmt(ms)}`)
    .join(', ')
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
