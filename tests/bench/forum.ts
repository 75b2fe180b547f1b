import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { eq } from 'drizzle-orm'
import { forumParticipants, forumVotes } from '../../db/schema'
import { createForumSession } from '../../server/auth/forum-session'
import { createUser } from '../../server/services/admin/users'
import { addTable, createForum, openForum, tablesOf } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { phasesOf, setPhaseState } from '../../server/services/forums/phases'
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as Y from 'yjs'
import { CARDS_MAP } from '../../app/shared/live/layout'
import { posterDocumentName } from '../../app/shared/live/names'
import { createPoll, pollsOf, setPollState } from '../../server/services/forums/polls'
import { openDatabase } from '../../db/client'
import path from 'node:path'
import { createSessions, ensureBuild, fmt, percentile, round, sleep, startPreparedServer, until } from './_shared'
import type { Figures } from './index'

/**
 * An Integrationskonferenz (DESIGN budgets: card p99 <= 100 ms, vote p99 <= 200 ms, the projector shows the final
 * count <= 1 s after the last vote, nothing dropped): table posters and televoting at the same time.
 *
 * Cards (phase B): CARD_PARTICIPANTS participants join by the forum's open code over HTTP (the start page's form,
 * as a phone sends it), take a seat at one of CARD_TABLES tables (the participant page's form), and open their
 * table's poster on /mitmachen/collab with the session's token. Each posts a card every CARD_EVERY_MS (first one at
 * a random offset) while the televoting rounds run, for at least CARD_SECONDS.
 *   card      time from a card written on one phone until every other phone at its table has it (one sample per
 *             card: the slowest of the table's other members).
 *
 * Our server is the production build as a child process. Before the measurements its database gets a forum, open
 * for input, with DEVICES participants and a forum session each (what joining by code leaves behind), a
 * coordinator with a staff session, and ROUNDS prepared questions. Per round: the projector's event stream
 * (`/foren/<f>/live?poll=<q>`, the projector page's own source) is open; the question is opened; DEVICES votes
 * arrive spread evenly over SPREAD_MS, each a POST of the participant page's form as the browser sends it with
 * JavaScript (`/mitmachen/forum.data`, React Router's data request); then the question closes.
 *
 *   vote      time from sending a vote to its accepted response (every vote is a sample);
 *   final     time from the last vote's accepted response until the projector's stream carries a result with
 *             every vote counted (one sample per round; p99 over ROUNDS is the slowest round);
 *   dropped   votes that failed (network error, non-2xx) plus projector streams that ended early, plus votes
 *             missing from the database afterwards;
 *   cpu, rss  the server process's CPU seconds over the measurement and its resident memory at the end (/proc).
 * Loopback only; the bench client runs on the same two cores as the server.
 */

const DEVICES = Number(process.env.BENCH_FORUM_DEVICES ?? 300)
const ROUNDS = Number(process.env.BENCH_FORUM_ROUNDS ?? 3)
const SPREAD_MS = Number(process.env.BENCH_FORUM_SPREAD_MS ?? 10_000)
const FINAL_TIMEOUT_MS = 10_000
const CARD_PARTICIPANTS = Number(process.env.BENCH_FORUM_CARD_PARTICIPANTS ?? 120)
const CARD_TABLES = Number(process.env.BENCH_FORUM_CARD_TABLES ?? 15)
const CARD_EVERY_MS = Number(process.env.BENCH_FORUM_CARD_EVERY_MS ?? 20_000)
const CARD_SECONDS = Number(process.env.BENCH_FORUM_CARD_SECONDS ?? 60)

const clockTicks = 100
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / clockTicks
}
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/**
 * One vote as the browser sends it. node:http with a keep-alive agent rather than fetch: the bench client shares
 * the machine's two cores with the server, and undici's fetch costs the client several times more per request,
 * which showed up as latency that was the client's own (the server's Server-Timing stayed small).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 })
function postVote(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; serverMs: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
      (response) => {
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode ?? 0, serverMs: Number(/app;dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''))?.[1] ?? NaN) }))
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

type Projector = { latestVoters: () => number; at: (voters: number) => number | undefined; ended: () => boolean; close: () => void }

/** The projector's event stream, read as the browser's EventSource would: each `data:` line is one result. */
async function openProjector(url: string, cookie: string): Promise<Projector> {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' }, signal: controller.signal })
  if (!response.ok || !response.body) throw new Error(`Projektor-Stream: HTTP ${response.status}`)
  let voters = -1
  const seen = new Map<number, number>()
  let ended = false
  let closing = false
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  void (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += value
        let at = buffer.indexOf('\n\n')
        while (at !== -1) {
          const frame = buffer.slice(0, at)
          buffer = buffer.slice(at + 2)
          for (const line of frame.split('\n')) {
            if (!line.startsWith('data:')) continue
            const event = JSON.parse(line.slice(5)) as { kind: string; result?: { voters: number } }
            if (event.kind === 'result' && event.result) {
              voters = event.result.voters
              if (!seen.has(voters)) seen.set(voters, performance.now())
            }
          }
          at = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // aborted by close()
    }
    if (!closing) ended = true
  })()
  return {
    latestVoters: () => voters,
    at: (n) => seen.get(n),
    ended: () => ended,
    close: () => {
      closing = true
      controller.abort()
    },
  }
}

export default async function forumBench(): Promise<Figures> {
  ensureBuild()
  const prepared = await startPreparedServer(async (db, server) => {
    const coordinator = await createUser(db, { email: 'bench-koordination@zielwerk.invalid', name: 'Bench Koordination', password: 'bench-password-2026', role: 'coordinator', unitId: null, demo: true })
    const [staffToken] = createSessions(db, [coordinator])
    const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
    const forumId = createForum(db, { title: 'Bench-Konferenz', formatId, date: '2027-03-10', time: '09:30', place: '', invitedBy: '', moderators: '', languages: [], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] }, coordinator)
    openForum(db, forumId)
    for (let n = tablesOf(db, forumId).length + 1; n <= CARD_TABLES; n++) addTable(db, forumId, { name: `Tisch ${n}`, capacity: 8, host: '', fieldId: null })
    const phase = phasesOf(db, forumId)[0]!
    setPhaseState(db, forumId, phase.id, 'open')
    const cardTables = tablesOf(db, forumId).slice(0, CARD_TABLES).map((t) => t.id)
    const category = phase.categories[0]!.id
    const code = db.$client.prepare('select code from forums where id = ?').get(forumId) as { code: string }
    const polls: { id: number; options: number[] }[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const pollId = createPoll(db, forumId, { question: `Frage ${r + 1}`, kind: 'single', options: ['Sprache', 'Arbeit', 'Wohnen', 'Gesundheit'] })
      polls.push({ id: pollId, options: pollsOf(db, forumId).find((p) => p.id === pollId)!.options.map((o) => o.id) })
    }
    const tokens = db.transaction((tx) =>
      Array.from({ length: DEVICES }, () => {
        const participantId = tx.insert(forumParticipants).values({ forumId, joinedAt: Date.now() }).returning({ id: forumParticipants.id }).get().id
        return createForumSession(tx, participantId, forumId)
      }),
    )
    return { server, forumId, polls, tokens, staffCookie: `zw_session=${staffToken}`, cardTables, phaseId: phase.id, category, forumCode: code.code }
  })
  const { server, forumId, polls, tokens, staffCookie } = prepared
  const dbFile = path.join(server.dataDir, 'zielwerk.sqlite')
  const voteUrl = new URL(`${server.url}/mitmachen/forum.data`)
  const voteTimes: number[] = []
  /** The server's own time per vote until the response head (Server-Timing), to tell server from client and network. */
  const serverTimes: number[] = []
  const finals: number[] = []
  let dropped = 0
  console.log(`Server nach dem Vorbereiten: RSS ${round(rssMb(server.pid))} MB`)
  const posters = await joinTables(server.url, prepared.forumCode, forumId, prepared.phaseId, prepared.cardTables, prepared.category, () =>
    console.log(`Server nach ${CARD_PARTICIPANTS} Beitritten und Platzwahlen über HTTP: RSS ${round(rssMb(server.pid))} MB`),
  )
  console.log(`Server vor der Messung: RSS ${round(rssMb(server.pid))} MB; ${posters.members.length} Teilnehmende an ${prepared.cardTables.length} Tischen verbunden`)
  const cpuBefore = cpuSeconds(server.pid)
  const wallBefore = performance.now()
  const cardsDone = posters.run(CARD_SECONDS * 1000)
  try {
    for (const [r, poll] of polls.entries()) {
      const projector = await openProjector(`${server.url}/foren/${forumId}/live?poll=${poll.id}`, staffCookie)
      const db = openDatabase(dbFile)
      setPollState(db, forumId, poll.id, 'open')
      db.$client.close()
      await sleep(200)
      posters.voting(true)
      let lastAccepted = 0
      const votes = tokens.map(async (token, i) => {
        await sleep((i * SPREAD_MS) / DEVICES)
        const body = new URLSearchParams({ intent: 'vote', pollId: String(poll.id), optionId: String(poll.options[i % poll.options.length]) })
        const start = performance.now()
        try {
          const response = await postVote(voteUrl, { Cookie: `zw_forum=${token}`, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body.toString())
          const end = performance.now()
          if (response.status < 200 || response.status >= 300) {
            dropped++
            return
          }
          voteTimes.push(end - start)
          serverTimes.push(response.serverMs)
          lastAccepted = Math.max(lastAccepted, end)
        } catch {
          dropped++
        }
      })
      await Promise.all(votes)
      posters.voting(false)
      const arrived = await until(() => projector.latestVoters() >= DEVICES, FINAL_TIMEOUT_MS)
      const seenAt = projector.at(DEVICES)
      if (!arrived || seenAt === undefined) dropped++
      else finals.push(Math.max(0, seenAt - lastAccepted))
      if (projector.ended()) dropped++
      projector.close()
      const check = openDatabase(dbFile)
      const counted = check.select().from(forumVotes).where(eq(forumVotes.pollId, poll.id)).all().length
      setPollState(check, forumId, poll.id, 'closed')
      check.$client.close()
      dropped += Math.max(0, DEVICES - counted)
      const mine = voteTimes.slice(-DEVICES)
      console.log(`Runde ${r + 1}: ${counted}/${DEVICES} Stimmen gezählt, Stimme p50 ${fmt(percentile(mine, 50))} / p99 ${fmt(percentile(mine, 99))} ms, letzte Stimme → Leinwand ${seenAt !== undefined ? fmt(Math.max(0, seenAt - lastAccepted)) : '–'} ms`)
    }
    const cards = await cardsDone
    const cpu = cpuSeconds(server.pid) - cpuBefore
    const wall = (performance.now() - wallBefore) / 1000
    const rss = rssMb(server.pid)
    console.log(`Stimmen: ${voteTimes.length}, p50 ${fmt(percentile(voteTimes, 50))} ms, p99 ${fmt(percentile(voteTimes, 99))} ms, max ${fmt(Math.max(...voteTimes))} ms (Budget p99 ≤ 200 ms)`)
    console.log(`Davon im Server (Server-Timing bis zum Antwortkopf): p50 ${fmt(percentile(serverTimes, 50))} ms, p99 ${fmt(percentile(serverTimes, 99))} ms`)
    console.log(`Leinwand zeigt das Endergebnis: ${finals.map(fmt).join(', ')} ms (Budget ≤ 1000 ms)`)
    console.log(`Server: ${round(cpu)} s CPU in ${round(wall)} s (${round((cpu / wall) * 100)} % eines Kerns, ${os.cpus().length} Kerne), RSS ${round(rss)} MB; verloren: ${dropped}`)
    dropped += cards.dropped
    console.log(`Karten: ${cards.samples.length} von ${cards.written} bei allen am Tisch, p50 ${fmt(percentile(cards.samples, 50))} ms, p99 ${fmt(percentile(cards.samples, 99))} ms, max ${fmt(Math.max(...cards.samples))} ms (Budget p99 ≤ 100 ms); verloren: ${cards.dropped}`)
    if (cards.duringVotes.length > 0 && cards.quiet.length > 0) {
      console.log(`  davon während der Stimmabgabe ${cards.duringVotes.length}: p50 ${fmt(percentile(cards.duringVotes, 50))} / p99 ${fmt(percentile(cards.duringVotes, 99))} ms; sonst ${cards.quiet.length}: p50 ${fmt(percentile(cards.quiet, 50))} / p99 ${fmt(percentile(cards.quiet, 99))} ms`)
    }
    return {
      card_p50_ms: cards.samples.length > 0 ? round(percentile(cards.samples, 50)) : null,
      card_p99_ms: cards.samples.length > 0 ? round(percentile(cards.samples, 99)) : null,
      vote_p99_ms: round(percentile(voteTimes, 99)),
      projector_final_ms: finals.length === ROUNDS ? round(percentile(finals, 99)) : null,
      dropped,
      rss_mb: round(rss),
    }
  } finally {
    posters.close()
    agent.destroy()
    await server.stop()
  }
}

type Member = { table: number; doc: Y.Doc; provider: HocuspocusProvider; closed: boolean }

/** A form POST as a phone sends it; the session cookie it sets (joining) or null. */
function postForm(base: string, pathname: string, fields: Record<string, string>, cookie?: string): Promise<{ status: number; token: string | null }> {
  const url = new URL(pathname, base)
  const body = new URLSearchParams(fields).toString()
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), ...(cookie ? { Cookie: cookie } : {}) } },
      (response) => {
        response.resume()
        const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).join(';')
        response.on('end', () => resolve({ status: response.statusCode ?? 0, token: /zw_forum=([a-z2-7]{32})/.exec(setCookie)?.[1] ?? null }))
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

/**
 * The card scenario's participants: joined by the forum's code, seated (seat i at table i mod tables), each with its
 * table's poster open on /mitmachen/collab. `run` posts and measures; `close` disconnects them all.
 */
async function joinTables(base: string, code: string, forumId: number, phaseId: number, tables: number[], category: number, afterJoining: () => void) {
  const members: Member[] = []
  const seated: { token: string; table: number }[] = []
  for (let i = 0; i < CARD_PARTICIPANTS; i++) {
    const joined = await postForm(base, '/mitmachen', { code, name: `Bench ${i + 1}` })
    if (!joined.token) throw new Error(`Beitritt ${i + 1}: HTTP ${joined.status}, keine Sitzung`)
    const table = tables[i % tables.length]!
    const sat = await postForm(base, '/mitmachen/forum', { intent: 'sit', tableId: String(table) }, `zw_forum=${joined.token}`)
    if (sat.status >= 400) throw new Error(`Platz ${i + 1}: HTTP ${sat.status}`)
    seated.push({ token: joined.token, table })
  }
  afterJoining()
  for (const { token, table } of seated) {
    const doc = new Y.Doc()
    const provider = new HocuspocusProvider({ url: `${base.replace(/^http/, 'ws')}/mitmachen/collab`, name: posterDocumentName(forumId, table, phaseId), token, document: doc })
    const member: Member = { table, doc, provider, closed: false }
    provider.configuration.websocketProvider.on('close', () => {
      member.closed = true
    })
    members.push(member)
  }
  if (!(await until(() => members.every((m) => m.provider.isSynced), 30_000))) throw new Error('Nicht alle Plakate synchronisiert')

  /** Per card key: when it was written, and when each other member of the table had it. */
  const written = new Map<string, { at: number; table: number; by: Member; seen: number; last: number; duringVotes: boolean }>()
  let voting = false
  for (const member of members) {
    member.doc.getMap(CARDS_MAP).observe((event) => {
      const now = performance.now()
      for (const key of event.keysChanged) {
        const card = written.get(key)
        if (!card || card.by === member) continue
        card.seen++
        card.last = Math.max(card.last, now)
      }
    })
  }
  const tableSize = (table: number) => members.filter((m) => m.table === table).length

  async function run(durationMs: number) {
    const started = performance.now()
    const timers: Promise<void>[] = members.map(async (member, i) => {
      await sleep(Math.random() * CARD_EVERY_MS)
      let n = 0
      while (performance.now() - started < durationMs) {
        const key = `bench-${i}-${n++}-${Math.random().toString(36).slice(2, 10)}`
        const card = new Y.Map<unknown>()
        card.set('text', `Karte ${n} von Teilnehmenden ${i + 1}: mehr Sprachkurse am Abend`)
        card.set('category', category)
        card.set('target', 'concept')
        card.set('language', 'de')
        card.set('author', `Bench ${i + 1}`)
        card.set('createdAt', Date.now())
        written.set(key, { at: performance.now(), table: member.table, by: member, seen: 0, last: 0, duringVotes: voting })
        member.doc.getMap(CARDS_MAP).set(key, card)
        await sleep(CARD_EVERY_MS)
      }
    })
    await Promise.all(timers)
    // The last cards' way to the other phones.
    await until(() => [...written.values()].every((c) => c.seen >= tableSize(c.table) - 1), 5_000)
    const samples: number[] = []
    const duringVotes: number[] = []
    const quiet: number[] = []
    let lost = 0
    for (const card of written.values()) {
      if (card.seen < tableSize(card.table) - 1) {
        lost++
        continue
      }
      samples.push(card.last - card.at)
      ;(card.duringVotes ? duringVotes : quiet).push(card.last - card.at)
    }
    return { written: written.size, samples, duringVotes, quiet, dropped: lost + members.filter((m) => m.closed).length }
  }

  return {
    members,
    run,
    /** Marks the cards written while 300 devices are voting (the figures are printed apart as well). */
    voting(on: boolean) {
      voting = on
    },
    close() {
      for (const m of members) {
        m.provider.destroy()
        m.provider.configuration.websocketProvider.destroy()
      }
    },
  }
}
