import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { asc, eq } from 'drizzle-orm'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { AGREED_MAP, CURRENT_KEY, MEETING_MAP, itemStateKey } from '../../app/shared/live/layout'
import { FLAGS } from '../../app/shared/vocabulary'
import { meetingItems, units } from '../../db/schema'
import { agreedDocumentName, meetingDocumentName } from '../../app/shared/live/names'
import { addItems, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { createUser } from '../../server/services/admin/users'
import { buildDir, repoRoot } from '../setup/server'
import { createSessions, ensureBuild, fmt, measuresInOrder, openRound, percentile, round, sleep, startPlainHocuspocus, startPreparedServer, until } from './_shared'
import type { Figures } from './index'

/**
 * Meeting mode under load (issue 4): a moderator steps through the agenda of a running Jour fixe while FOLLOWERS
 * follow, our server against plain Hocuspocus 4 in the same run.
 *
 * Our server is the production build as a child process (tests/setup/server.ts); before the measurements its
 * database gets a coordinator (the moderator), FOLLOWERS accounts (unit editors and viewers, who only read the
 * meeting and agreed documents), a session each, and a meeting of the open round with ITEMS measures on its agenda,
 * started (the meetings service on the server's SQLite file; the server reads it, so this is what it sees).
 * Plain Hocuspocus is the stock `Server` (_plain-hocuspocus.ts) with the same document names.
 *
 * Every participant is a browser tab: one HocuspocusProviderWebsocket, and on it the meeting document
 * `round/<r>/meeting/<id>` plus the agreed document `round/<r>/agreed/<m>` of every measure on the agenda (the
 * meeting page keeps them all open). Then, after WARMUP_STEPS steps that are not measured, WALKS walks through
 * the whole agenda; on each item:
 *
 *   step   the moderator sets 'current' to the item and 'state:<item>' to 'discussed' in one transaction (as the
 *          UI does); latency = until EVERY follower's meeting document shows the new current item (max over
 *          followers, one sample per step);
 *   agree  the moderator writes the item's agreed document (attainment, all five marks, meetingId) in one
 *          transaction; latency = until every follower's agreed document shows exactly that (one sample per item).
 *
 * The next action starts when the previous one has arrived everywhere, plus GAP_MS. Both servers run side by side
 * and the walks alternate between them (ours, plain, plain, ours, …), so that load from elsewhere on the machine
 * falls on both alike. Percentiles are nearest-rank over WALKS × ITEMS samples per server (p99 of 90 samples is
 * the slowest one, so it is one bad moment: the three slowest are printed too). Knobs: BENCH_MEETING_* below.
 *
 * DESIGN has no budget of its own for meeting mode; the Jour fixe's (p99 <= 100 ms, p99 / plain p99 <= 1.5) is
 * printed for orientation. Loopback only; runs in well under a minute.
 */

const FOLLOWERS = Number(process.env.BENCH_MEETING_FOLLOWERS ?? 15)
const ITEMS = Number(process.env.BENCH_MEETING_ITEMS ?? 30)
const WALKS = Number(process.env.BENCH_MEETING_WALKS ?? 3)
const WARMUP_STEPS = Number(process.env.BENCH_MEETING_WARMUP_STEPS ?? 5)
const GAP_MS = Number(process.env.BENCH_MEETING_GAP_MS ?? 20)
const SYNC_TIMEOUT_MS = 15_000
const ARRIVAL_TIMEOUT_MS = 10_000

const ATTAINMENTS = ['high', 'medium', 'low', 'unclear'] as const

type Target = {
  label: string
  url: string
  meeting: string
  meetingId: number
  /** the agenda in order: the item id and its measure's agreed document */
  agenda: { itemId: number; agreed: string }[]
  moderatorToken: string
  followerTokens: string[]
  stop: () => Promise<void>
}

type Result = { label: string; stepMs: number[]; agreeMs: number[] }

export default async function meeting(): Promise<Figures> {
  ensureBuild()
  console.log(
    `Sitzungs-Benchmark (Build ${path.relative(repoRoot, buildDir())}): 1 Moderation + ${FOLLOWERS} Folgende, je ein WebSocket mit ` +
      `Sitzungsdokument und ${ITEMS} Abstimmungsdokumenten; ${WARMUP_STEPS} Schritte Aufwärmen, dann ${WALKS} Durchläufe à ${ITEMS} Punkte, ` +
      `abwechselnd gegen beide Server (${WALKS * ITEMS} Messwerte je Kennzahl und Server), ${GAP_MS} ms Pause zwischen den Aktionen.`,
  )
  // The tail depends on what else the machine is doing; say so next to the figures.
  console.log(`Maschine: ${os.availableParallelism()} CPUs, Last (1/5/15 min) ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`)
  const oursTarget = await startOurs()
  let plainTarget: Target
  try {
    plainTarget = await startPlain(oursTarget)
  } catch (error) {
    await oursTarget.stop()
    throw error
  }
  const [ours, plain] = (await runBoth([oursTarget, plainTarget])) as [Result, Result]

  const stepP50 = percentile(ours.stepMs, 50)
  const stepP99 = percentile(ours.stepMs, 99)
  const agreeP99 = percentile(ours.agreeMs, 99)
  const plainP50 = percentile(plain.stepMs, 50)
  const plainP99 = percentile(plain.stepMs, 99)
  const ratio = stepP99 / plainP99
  const verdict = (ok: boolean) => (ok ? 'ok' : 'ÜBER BUDGET')
  console.log(`Last danach (1 min) ${os.loadavg()[0]!.toFixed(1)}`)
  console.log(`Schritt p99 / Hocuspocus p99 = ${fmt(stepP99)} / ${fmt(plainP99)} = ${ratio.toFixed(2)} <= 1.5: ${verdict(ratio <= 1.5)}; p99 <= 100 ms: ${verdict(stepP99 <= 100)}`)

  return {
    step_p50_ms: round(stepP50),
    step_p99_ms: round(stepP99),
    agree_p99_ms: round(agreeP99),
    agree_p50_ms: round(percentile(ours.agreeMs, 50)),
    plain_step_p50_ms: round(plainP50),
    plain_step_p99_ms: round(plainP99),
    plain_agree_p99_ms: round(percentile(plain.agreeMs, 99)),
    step_p99_ratio: Math.round(ratio * 100) / 100,
    followers: FOLLOWERS,
    samples: ours.stepMs.length,
  }
}

// ── The two servers ──────────────────────────────────────────────────────────────────────────────────────

async function startOurs(): Promise<Target> {
  return startPreparedServer(async (db, server) => {
    const open = openRound(db)
    const measureIds = measuresInOrder(db, open.conceptId).slice(0, ITEMS).map((m) => m.id)
    if (measureIds.length < ITEMS) throw new Error(`Nur ${measureIds.length} Maßnahmen, ${ITEMS} gebraucht.`)
    const unit = db.select({ id: units.id }).from(units).orderBy(asc(units.id)).get()!
    const password = 'ein-langes-benchmark-passwort'
    const moderator = await createUser(db, { email: 'moderation@bench.zielwerk', name: 'Moderation', password, role: 'coordinator', unitId: null })
    const followers: number[] = []
    for (let i = 0; i < FOLLOWERS; i++) {
      // Two thirds unit editors, one third viewers: all of them only read meeting and agreed documents.
      const editor = i % 3 !== 2
      followers.push(
        await createUser(db, {
          email: `folgend-${i}@bench.zielwerk`,
          name: `Folgend ${i}`,
          password,
          role: editor ? 'editor' : 'viewer',
          unitId: editor ? unit.id : null,
        }),
      )
    }
    const tokens = createSessions(db, [moderator, ...followers])
    const meetingId = createMeeting(db, { roundId: open.id, title: 'Jour fixe (Benchmark)', date: '2026-11-23', time: '10:00', location: 'Raum 1' }, moderator)
    addItems(db, meetingId, measureIds.map((measureId) => ({ measureId })))
    startMeeting(db, meetingId)
    const items = db
      .select({ id: meetingItems.id, measureId: meetingItems.measureId })
      .from(meetingItems)
      .where(eq(meetingItems.meetingId, meetingId))
      .orderBy(asc(meetingItems.position))
      .all()
    return {
      label: 'Zielwerk',
      url: `${server.url.replace(/^http/, 'ws')}/collab`,
      meeting: meetingDocumentName(open.id, meetingId),
      meetingId,
      agenda: items.map((item) => ({ itemId: item.id, agreed: agreedDocumentName(open.id, item.measureId!) })),
      moderatorToken: tokens[0]!,
      followerTokens: tokens.slice(1),
      stop: server.stop,
    }
  })
}

async function startPlain(names: Pick<Target, 'meeting' | 'meetingId' | 'agenda' | 'followerTokens'>): Promise<Target> {
  const plain = await startPlainHocuspocus()
  return {
    label: 'Hocuspocus (plain)',
    url: plain.url,
    meeting: names.meeting,
    meetingId: names.meetingId,
    agenda: names.agenda,
    moderatorToken: 'plain',
    followerTokens: names.followerTokens.map(() => 'plain'),
    stop: plain.stop,
  }
}

// ── A browser tab: one WebSocket, the meeting document and every agreed document of the agenda ─────────────

type Tab = {
  meeting: Y.Doc
  agreed: Map<string, Y.Doc>
  providers: HocuspocusProvider[]
  denied: string | null
  drops: number
  destroy(): void
}

function openTab(target: Target, token: string): Tab {
  const socket = new HocuspocusProviderWebsocket({ url: target.url })
  const providers: HocuspocusProvider[] = []
  const tab: Tab = {
    meeting: new Y.Doc(),
    agreed: new Map(),
    providers,
    denied: null,
    drops: 0,
    destroy() {
      for (const p of providers) p.destroy()
      socket.destroy()
    },
  }
  socket.on('disconnect', () => tab.drops++)
  const attach = (name: string, doc: Y.Doc) => {
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, token, document: doc })
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      tab.denied = `${name}: ${reason}`
    })
    provider.attach()
    providers.push(provider)
  }
  attach(target.meeting, tab.meeting)
  for (const { agreed } of target.agenda) {
    const doc = new Y.Doc()
    tab.agreed.set(agreed, doc)
    attach(agreed, doc)
  }
  return tab
}

/** Resolves with the time at which `check` first holds for every doc, checked after each of its updates. */
function arrivals(docs: Y.Doc[], check: (doc: Y.Doc) => boolean): { all: Promise<number>; cancel(): void } {
  let pending = docs.length
  let resolveAll!: (at: number) => void
  let rejectAll!: (error: Error) => void
  const all = new Promise<number>((resolve, reject) => {
    resolveAll = resolve
    rejectAll = reject
  })
  const offs: (() => void)[] = []
  const cancel = () => {
    for (const off of offs.splice(0)) off()
  }
  for (const doc of docs) {
    if (check(doc)) {
      rejectAll(new Error('Der Stand war schon vor der Änderung da: Messung ungültig.'))
      continue
    }
    const onUpdate = () => {
      if (!check(doc)) return
      const now = performance.now()
      doc.off('afterTransaction', onUpdate)
      if (--pending === 0) resolveAll(now)
    }
    doc.on('afterTransaction', onUpdate)
    offs.push(() => doc.off('afterTransaction', onUpdate))
  }
  const timer = setTimeout(() => rejectAll(new Error(`Nicht überall angekommen nach ${ARRIVAL_TIMEOUT_MS} ms (${pending} fehlen).`)), ARRIVAL_TIMEOUT_MS)
  void all.finally(() => {
    clearTimeout(timer)
    cancel()
  }).catch(() => {})
  return { all, cancel }
}

/** Opens every tab on the target and returns the moderator's two actions, measured. */
async function session(target: Target, tabs: Tab[]) {
  const moderator = openTab(target, target.moderatorToken)
  const followers = target.followerTokens.map((token) => openTab(target, token))
  const own = [moderator, ...followers]
  tabs.push(...own)
  const synced = await until(() => own.every((t) => t.providers.every((p) => p.isSynced)), SYNC_TIMEOUT_MS)
  const denied = own.find((t) => t.denied)?.denied
  if (!synced || denied) throw new Error(`${target.label}: nicht alle Dokumente synchron${denied ? ` (abgelehnt: ${denied})` : ''}`)
  console.log(`${target.label}: ${own.length} Tabs mit je ${1 + target.agenda.length} Dokumenten synchron.`)

  const step = async (itemId: number): Promise<number> => {
    const arrived = arrivals(
      followers.map((f) => f.meeting),
      (doc) => doc.getMap(MEETING_MAP).get(CURRENT_KEY) === itemId,
    )
    const sent = performance.now()
    moderator.meeting.transact(() => {
      const map = moderator.meeting.getMap(MEETING_MAP)
      map.set(CURRENT_KEY, itemId)
      map.set(itemStateKey(itemId), 'discussed')
    })
    return (await arrived.all) - sent
  }
  const agree = async (agreedName: string, walk: number): Promise<number> => {
    // Each walk writes a rating that differs from the previous walk's, so arrival is unambiguous.
    const attainment = ATTAINMENTS[walk % ATTAINMENTS.length]!
    const flags = Object.fromEntries(FLAGS.map((key, i) => [key, (walk + i) % 2 === 0]))
    const shows = (doc: Y.Doc) => {
      const map = doc.getMap(AGREED_MAP)
      return map.get('attainment') === attainment && map.get('meetingId') === target.meetingId && FLAGS.every((key) => map.get(key) === flags[key])
    }
    const arrived = arrivals(
      followers.map((f) => f.agreed.get(agreedName)!),
      shows,
    )
    const doc = moderator.agreed.get(agreedName)!
    const sent = performance.now()
    doc.transact(() => {
      const map = doc.getMap(AGREED_MAP)
      map.set('attainment', attainment)
      for (const key of FLAGS) map.set(key, flags[key])
      map.set('meetingId', target.meetingId)
    })
    return (await arrived.all) - sent
  }

  const result: Result = { label: target.label, stepMs: [], agreeMs: [] }
  return {
    result,
    /** The first steps and ratings (walk 0), not measured. */
    async warmUp() {
      for (const item of target.agenda.slice(0, WARMUP_STEPS)) {
        await step(item.itemId)
        await agree(item.agreed, 0)
        await sleep(GAP_MS)
      }
    },
    async walk(walk: number) {
      for (const item of target.agenda) {
        result.stepMs.push(await step(item.itemId))
        await sleep(GAP_MS)
        result.agreeMs.push(await agree(item.agreed, walk))
        await sleep(GAP_MS)
      }
    },
    report() {
      const drops = own.reduce((sum, t) => sum + t.drops, 0)
      const unacked = own.filter((t) => t.providers.some((p) => p.hasUnsyncedChanges)).length
      console.log(
        `${target.label.padEnd(18)} Schritt p50 ${fmt(percentile(result.stepMs, 50))} / p99 ${fmt(percentile(result.stepMs, 99))} ms, ` +
          `langsamste ${slowest(result.stepMs)} ms | Abstimmung p50 ${fmt(percentile(result.agreeMs, 50))} / p99 ${fmt(percentile(result.agreeMs, 99))} ms ` +
          `(${result.stepMs.length} Schritte) | Verbindungsabbrüche ${drops}` +
          (unacked ? `; ${unacked} Tabs mit unbestätigten Änderungen` : ''),
      )
    },
  }
}

/** Both servers side by side; the walks alternate between them (ours first, then plain first, …), so that
 * whatever else the machine does in the meantime falls on both alike. */
async function runBoth(targets: Target[]): Promise<Result[]> {
  const tabs: Tab[] = []
  try {
    const sessions = []
    for (const target of targets) sessions.push(await session(target, tabs))
    for (const s of sessions) await s.warmUp()
    for (let walk = 1; walk <= WALKS; walk++) {
      const order = walk % 2 === 1 ? sessions : [...sessions].reverse()
      for (const s of order) await s.walk(walk)
    }
    for (const s of sessions) s.report()
    return sessions.map((s) => s.result)
  } finally {
    for (const tab of tabs) tab.destroy()
    for (const target of targets) await target.stop()
  }
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────────

/** The three largest values, e.g. "12.0, 30.5, 101.1" (one slow outlier or a slow tail?). */
const slowest = (values: number[]) =>
  [...values]
    .sort((a, b) => a - b)
    .slice(-3)
    .map(fmt)
    .join(', ')
