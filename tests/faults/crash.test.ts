import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import Database from 'better-sqlite3'
import { asc, eq } from 'drizzle-orm'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, expect, onTestFailed, test } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '../../db/client'
import { goals, measures, rounds } from '../../db/schema'
import { createSession, generateSessionToken } from '../../server/auth/session'
import { goalDocumentName, measureDocumentName } from '../../app/shared/live/names'
import { createUser } from '../../server/services/admin/users'
import { startServer, type RestartedServer } from '../setup/server'

/**
 * Crash safety of live documents (DESIGN "Durability", issue 3 "Faults"): the production build under load from
 * writer clients is killed with SIGKILL at random moments, KILLS times, and restarted on the same data folder
 * and port; the providers reconnect by themselves.
 *
 * Each typist appends paragraphs with a unique token and records which of them the server acknowledged as saved:
 * only edits made on a synced connection count, and they are "saved" once the provider's count of
 * unacknowledged updates is back to 0 on that same connection (the server's SyncStatus acknowledgements, one per
 * update). Now and then a typist closes its tab right after "Gespeichert" and opens the document afresh (a new
 * Y.Doc, nothing kept locally), so an acknowledged edit may live only on the server: two documents have two
 * typists each (they must agree), two have one typist (nobody else holds its edits).
 *
 * Afterwards every saved edit must be exactly once in every client's document, in a fresh client's, in the
 * database (snapshot + log, as persistence loads it, after one last SIGKILL) and in the projected narrative
 * text (as the restart after that crash writes it); clients and database agree; `PRAGMA integrity_check` says ok.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 20)
/** How long the server runs between a (re)start and the next kill, ms. */
const UP_MIN_MS = 200
const UP_MAX_MS = 700
/** How long a tab stays open before it is closed and opened again, ms. */
const SESSION_MIN_MS = 400
const SESSION_MAX_MS = 2_000
const EDIT_EVERY_MS = 40

type Edit = { token: string; savedAt: number | null }

type Session = {
  doc: Y.Doc
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  /** Edits made on the current connection, not yet acknowledged. */
  inFlight: Edit[]
  destroy(): void
}

type Typist = { label: string; name: string; token: string; edits: Edit[]; sessions: number; connections: number; session: Session | null }

let server: RestartedServer | null = null
let dataDir: string | null = null
let keepData = false
const typists: Typist[] = []
const readers: Session[] = []

afterAll(async () => {
  for (const t of typists) t.session?.destroy()
  for (const r of readers) r.destroy()
  await server?.kill('SIGKILL')
  if (dataDir && !keepData) fs.rmSync(dataDir, { recursive: true, force: true })
  else if (dataDir) console.log(`Datenordner behalten: ${dataDir}`)
})

/** A seeded random source, so that a failing run can be repeated (CRASH_SEED). */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits for `check`; false after `timeoutMs`. */
async function within(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) return false
    await sleep(20)
  }
  return true
}

async function until(check: () => boolean, what: string, timeoutMs: number) {
  if (!(await within(check, timeoutMs))) throw new Error(`Nicht eingetreten nach ${timeoutMs} ms: ${what}`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** A browser tab on one document: a fresh Y.Doc, its own WebSocket with fast reconnects. */
function openSession(url: string, name: string, token: string, typist?: Typist): Session {
  const doc = new Y.Doc()
  const socket = new HocuspocusProviderWebsocket({ url, delay: 50, minDelay: 50, maxDelay: 300, factor: 1.5 })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, token, document: doc })
  const session: Session = {
    doc,
    provider,
    socket,
    inFlight: [],
    destroy() {
      provider.destroy()
      socket.destroy()
    },
  }
  // A new connection (or the loss of one): whatever was in flight is neither known saved nor known lost.
  socket.on('open', () => {
    if (typist) typist.connections++
    session.inFlight = []
  })
  socket.on('disconnect', () => {
    session.inFlight = []
  })
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number !== 0 || !provider.isSynced) return
    const now = Date.now()
    for (const edit of session.inFlight) edit.savedAt = now
    session.inFlight = []
  })
  provider.attach()
  return session
}

/** Edits only on a connection that is open and synced, so that every update goes out on it at once (nothing
 * waits in the provider's queue for a later connection, whose counter would not account for it). */
function canEdit(session: Session): boolean {
  return session.provider.isSynced && session.socket.webSocket?.readyState === 1
}

const isSaved = (session: Session) => session.provider.isSynced && !session.provider.hasUnsyncedChanges && session.inFlight.length === 0

function edit(typist: Typist, session: Session, sequence: number) {
  const token = `[${typist.label}-${sequence}]`
  const entry: Edit = { token, savedAt: null }
  typist.edits.push(entry)
  session.inFlight.push(entry)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(token)])
  const fragment = session.doc.getXmlFragment('narrative')
  fragment.insert(fragment.length, [paragraph])
}

const occurrences = (text: string, token: string) => text.split(token).length - 1

/** Each paragraph token of a narrative, with how often it occurs. */
function tokensOf(xml: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const match of xml.matchAll(/<paragraph>(\[[^\]<]+\])<\/paragraph>/g)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1)
  return counts
}

/** The document as the database holds it: snapshot plus the log after it, in order (as persistence loads it). */
function storedDocument(db: Database.Database, name: string): Y.Doc {
  const doc = new Y.Doc()
  const snapshot = db.prepare('select state from documents where name = ?').get(name) as { state: Buffer | null } | undefined
  const log = db.prepare('select "update" as u from document_updates where name = ? order by id').all(name) as { u: Buffer }[]
  Y.transact(doc, () => {
    if (snapshot?.state) Y.applyUpdate(doc, snapshot.state)
    for (const row of log) Y.applyUpdate(doc, row.u)
  })
  return doc
}

test('a server killed with SIGKILL at random moments loses no edit any client saw as saved and duplicates none', { timeout: 180_000 }, async () => {
  onTestFailed(() => {
    keepData = true
  })
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000)
  const rand = random(seed)
  const port = await freePort()
  const first = await startServer({ port, keepData: true })
  server = first
  dataDir = first.dataDir
  const url = `ws://127.0.0.1:${port}/collab`

  // Accounts and document names, written into the server's database while it runs (WAL: one writer at a time).
  const db = openDatabase(path.join(dataDir, 'zielwerk.sqlite'))
  let names: {
    roundId: number
    measure: string
    measureId: number
    measure2: string
    measure2Id: number
    goal: string
    goalId: number
    goal2: string
    goal2Id: number
  }
  const tokens: string[] = []
  try {
    const round = db.select({ id: rounds.id, conceptId: rounds.conceptId }).from(rounds).where(eq(rounds.state, 'open')).get()!
    const [goal, goal2] = db.select({ id: goals.id, number: goals.number }).from(goals).where(eq(goals.conceptId, round.conceptId)).orderBy(asc(goals.number)).limit(2).all()
    const [measure, measure2] = db
      .select({ id: measures.id })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .where(eq(goals.conceptId, round.conceptId))
      .orderBy(asc(goals.number), asc(measures.position))
      .limit(2)
      .all()
    names = {
      roundId: round.id,
      measure: measureDocumentName(round.id, measure!.id),
      measureId: measure!.id,
      measure2: measureDocumentName(round.id, measure2!.id),
      measure2Id: measure2!.id,
      goal: goalDocumentName(round.id, goal!.number),
      goalId: goal!.id,
      goal2: goalDocumentName(round.id, goal2!.number),
      goal2Id: goal2!.id,
    }
    const userId = await createUser(db, { email: 'koordination@crash.zielwerk', name: 'Koordination', password: 'ein-langes-testpasswort', role: 'coordinator', unitId: null })
    // Six typists and four fresh readers at the end.
    for (let i = 0; i < 10; i++) {
      const token = generateSessionToken()
      createSession(db, token, userId)
      tokens.push(token)
    }
  } finally {
    db.$client.close()
  }

  const documentsToWrite = [
    { name: names.measure, typists: 2 },
    { name: names.goal, typists: 2 },
    { name: names.measure2, typists: 1 },
    { name: names.goal2, typists: 1 },
  ]
  for (const [d, { name, typists: n }] of documentsToWrite.entries()) {
    for (let i = 0; i < n; i++) typists.push({ label: `d${d}t${i}`, name, token: tokens.pop()!, edits: [], sessions: 0, connections: 0, session: null })
  }

  // Typists type steadily, whatever the server is doing, and now and then close the tab after "Gespeichert".
  let writing = true
  const loops = typists.map(async (typist) => {
    let sequence = 0
    // Always ends with an open tab (the last one is checked below).
    for (;;) {
      const session = openSession(url, typist.name, typist.token, typist)
      typist.session = session
      typist.sessions++
      const closeAt = Date.now() + SESSION_MIN_MS + rand() * (SESSION_MAX_MS - SESSION_MIN_MS)
      while (writing && Date.now() < closeAt) {
        if (canEdit(session)) edit(typist, session, sequence++)
        await sleep(EDIT_EVERY_MS * (0.5 + rand()))
      }
      if (!writing) return
      await within(() => isSaved(session), 1_500)
      session.destroy()
      typist.session = null
    }
  })

  let kills = 0
  const downtimes: number[] = []
  try {
    await sleep(500)
    for (let k = 0; k < KILLS; k++) {
      await sleep(UP_MIN_MS + rand() * (UP_MAX_MS - UP_MIN_MS))
      await server.kill('SIGKILL')
      kills++
      const killedAt = Date.now()
      server = await startServer({ port, dataDir })
      downtimes.push(Date.now() - killedAt)
    }
    // Everyone back and typing a little more on the last server.
    await sleep(700)
  } finally {
    writing = false
    await Promise.all(loops)
  }

  // Everything acknowledged, every client holding the same document as the others on it, and a fresh client
  // per document loading what the server has.
  await until(() => typists.every((t) => t.session !== null && isSaved(t.session)), 'alles bestätigt', 20_000)
  const text = (session: Session) => session.doc.getXmlFragment('narrative').toString()
  for (const { name } of documentsToWrite) readers.push(openSession(url, name, tokens.pop()!))
  await until(() => readers.every((r) => r.provider.isSynced), 'frische Clients synchron', 20_000)
  const clientsOf = (name: string) => [...typists.filter((t) => t.name === name).map((t) => t.session!), readers[documentsToWrite.findIndex((d) => d.name === name)]!]
  for (const { name } of documentsToWrite) {
    const clients = clientsOf(name)
    await until(() => clients.every((c) => text(c) === text(clients[0]!)), `alle Clients von ${name} gleich`, 20_000)
  }

  const saved = typists.flatMap((t) => t.edits.filter((e) => e.savedAt !== null).map((e) => ({ ...e, name: t.name })))
  const made = typists.reduce((n, t) => n + t.edits.length, 0)
  console.log(
    `Absturztest (Seed ${seed}): ${kills} × SIGKILL, Neustart im Mittel nach ${Math.round(downtimes.reduce((a, b) => a + b, 0) / downtimes.length)} ms; ` +
      `${made} Änderungen, davon ${saved.length} als gespeichert bestätigt; ` +
      typists.map((t) => `${t.label}: ${t.sessions} Tabs, ${t.connections} Verbindungen`).join('; '),
  )
  expect(kills).toBeGreaterThanOrEqual(20)
  // Without edits acknowledged between the kills the test would prove nothing.
  expect(saved.length).toBeGreaterThan(kills * 10)

  // One last crash, then the database as a restart finds it: the restart writes the narratives a crash left
  // unwritten (they follow the keystrokes by a moment; the documents' logs hold them) before it serves, and one
  // more crash right after it is up leaves nothing else written.
  await server.kill('SIGKILL')
  server = await startServer({ port, dataDir })
  await server.kill('SIGKILL')
  const sqlite = new Database(path.join(dataDir, 'zielwerk.sqlite'), { readonly: true, fileMustExist: true })
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    const measureText = sqlite.prepare('select narrative_text as t from measure_status where round_id = ? and measure_id = ?')
    const goalText = sqlite.prepare('select narrative_text as t from goal_status where round_id = ? and goal_id = ?')
    const projected: Record<string, string> = {
      [names.measure]: (measureText.get(names.roundId, names.measureId) as { t: string }).t,
      [names.measure2]: (measureText.get(names.roundId, names.measure2Id) as { t: string }).t,
      [names.goal]: (goalText.get(names.roundId, names.goalId) as { t: string }).t,
      [names.goal2]: (goalText.get(names.roundId, names.goal2Id) as { t: string }).t,
    }
    for (const { name } of documentsToWrite) {
      const stored = storedDocument(sqlite, name).getXmlFragment('narrative').toString()
      const storedTokens = tokensOf(stored)
      const problems = {
        savedButNotStored: [] as string[],
        savedButNotProjected: [] as string[],
        storedTwice: [] as string[],
        clientsDisagreeWithDatabase: [] as string[],
      }
      for (const e of saved.filter((s) => s.name === name)) {
        if (!storedTokens.has(e.token)) problems.savedButNotStored.push(e.token)
        if (occurrences(projected[name]!, e.token) !== 1) problems.savedButNotProjected.push(e.token)
      }
      // Edits never acknowledged may or may not have arrived, but never twice.
      for (const [token, count] of storedTokens) if (count > 1) problems.storedTwice.push(token)
      for (const [i, client] of clientsOf(name).entries()) if (text(client) !== stored) problems.clientsDisagreeWithDatabase.push(`Client ${i}`)
      expect(problems, name).toEqual({ savedButNotStored: [], savedButNotProjected: [], storedTwice: [], clientsDisagreeWithDatabase: [] })
    }
  } finally {
    sqlite.close()
  }
})
