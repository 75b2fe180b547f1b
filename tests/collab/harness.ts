import { HocuspocusProvider } from '@hocuspocus/provider'
import { and, asc, eq } from 'drizzle-orm'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { openDatabase, type Db } from '../../db/client'
import { documentUpdates, goals, measureUnits, measures, rounds } from '../../db/schema'
import { type Role } from '../../app/shared/vocabulary'
import { seedCatalogue } from '../../db/seed/catalogue'
import { createSession, generateSessionToken } from '../../server/auth/session'
import { RateLimiter } from '../../server/auth/rate-limit'
import { forumLimiters } from '../../server/auth/forum-session'
import { createCollab, type Collab, type CollabOptions } from '../../server/collab'
import { detachedLive, type Services } from '../../server/context'
import { allowedOrigins } from '../../server/http/origin'
import { loadEnv } from '../../server/env'
import { createUser } from '../../server/services/admin/users'

/**
 * A real collaboration server on port 0: its own SQLite file with the catalogue, http.createServer with the
 * upgrade wired as server/index.ts does, and helpers for users, sessions, providers and a raw protocol client.
 */

export type TestServer = {
  db: Db
  collab: Collab
  services: Services
  /** ws://127.0.0.1:<port>/collab */
  url: string
  port: number
  dataDir: string
  openRoundId: number
  closedRoundId: number
  /** Stops everything; the data folder stays when `keep` (default: when it was passed in). */
  close(keep?: boolean): Promise<void>
}

export type HarnessOptions = CollabOptions & {
  /** Reuse a data folder (a restart); it is then kept on close. */
  dataDir?: string
}

export async function startCollabServer(options: HarnessOptions = {}): Promise<TestServer> {
  const { dataDir, ...collabOptions } = options
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-collab-'))
  const db = openDatabase(path.join(dir, 'zielwerk.sqlite'))
  seedCatalogue(db)
  const env = loadEnv({ NODE_ENV: 'test', ZIELWERK_DATA_DIR: dir })
  const services: Services = {
    db,
    env,
    loginLimiter: { byAccount: new RateLimiter(5, 60_000), byAddress: new RateLimiter(20, 60_000) },
    forumLimiter: forumLimiters(),
    mailer: null,
    onAccessChanged: () => {},
    live: detachedLive,
    origins: [],
  }
  const collab = createCollab(services, { sweepEvery: 0, ...collabOptions })
  services.onAccessChanged = (userId) => collab.closeConnectionsOf(userId)
  flushes.set(db, collab.flush)
  services.live = { edit: collab.edit, recheckRound: collab.closeConnectionsOfRound, recheckForum: collab.closeConnectionsOfForum, flush: collab.flush }
  const server = http.createServer((_req, res) => {
    res.statusCode = 404
    res.end()
  })
  server.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  services.origins = allowedOrigins(env.ZIELWERK_ORIGIN, port)
  const openRoundId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'open')).get()!.id
  const closedRoundId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'closed')).get()!.id
  return {
    db,
    collab,
    services,
    url: `ws://127.0.0.1:${port}/collab`,
    port,
    dataDir: dir,
    openRoundId,
    closedRoundId,
    async close(keep = dataDir !== undefined) {
      await collab.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      db.$client.close()
      if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

let userCounter = 0

export async function createUserWithSession(db: Db, role: Role, unitId: number | null = null) {
  userCounter++
  const name = `${role} ${userCounter}`
  const id = await createUser(db, {
    email: `${role}-${userCounter}-${process.pid}@test.zielwerk`,
    name,
    password: 'ein-langes-testpasswort',
    role,
    unitId,
  })
  const token = generateSessionToken()
  const session = createSession(db, token, id)
  return { id, name, token, sessionId: session.id }
}

/** The first measures of the catalogue, in order; `unitId` gets them assigned as lead. */
export function firstMeasures(db: Db, n: number) {
  return db
    .select({ id: measures.id, goalId: measures.goalId, goalNumber: goals.number })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .orderBy(asc(goals.number), asc(measures.position))
    .limit(n)
    .all()
}

export function assign(db: Db, measureId: number, unitId: number) {
  db.insert(measureUnits).values({ measureId, unitId, role: 'lead' }).onConflictDoNothing().run()
}

/** Per test server's database, its flush: the journal's entries into the log (server/collab/journal.ts). */
const flushes = new WeakMap<Db, () => void>()

/** A document's log as the server has stored it: the journal's entries moved into the table first. */
export function logRows(db: Db, name: string) {
  flushes.get(db)?.()
  return db.select().from(documentUpdates).where(eq(documentUpdates.name, name)).orderBy(asc(documentUpdates.id)).all()
}

export function unitIds(db: Db): number[] {
  return db.$client.prepare('select id from units order by id').all().map((r) => (r as { id: number }).id)
}

export type Client = {
  doc: Y.Doc
  provider: HocuspocusProvider
  closes: { code: number; reason: string }[]
  denied: string[]
  destroy(): void
}

export function openClient(url: string, name: string, token: string, doc = new Y.Doc()): Client {
  const closes: Client['closes'] = []
  const denied: string[] = []
  const provider = new HocuspocusProvider({
    url,
    name,
    token,
    document: doc,
    onAuthenticationFailed: ({ reason }) => denied.push(reason),
  })
  provider.configuration.websocketProvider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closes,
    denied,
    destroy() {
      provider.destroy()
      provider.configuration.websocketProvider.destroy()
    },
  }
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Nicht eingetreten nach ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Synced with the server and every local change acknowledged ("Gespeichert"). */
export function whenSaved(client: Client, what = 'gespeichert', timeoutMs = 5_000) {
  return waitFor(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, what, timeoutMs)
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ── A raw protocol client: Hocuspocus messages encoded by hand, no provider in between ────────────────────

const MSG_SYNC = 0
const MSG_AWARENESS = 1
const MSG_AUTH = 2
const MSG_STATELESS = 5
const MSG_CLOSE = 7
const MSG_SYNC_STATUS = 8

export type RawMessage =
  | { type: 'authenticated'; scope: string }
  | { type: 'denied'; reason: string }
  | { type: 'sync'; step: number; payload: Uint8Array }
  | { type: 'syncStatus'; applied: boolean }
  | { type: 'close'; reason: string }
  | { type: 'other'; code: number }

export class RawClient {
  readonly messages: RawMessage[] = []
  closed: { code: number; reason: string } | null = null
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.messages.push(RawClient.decode(data)))
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() }
    })
    ws.on('error', () => {})
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers })
      ws.once('open', () => resolve(new RawClient(ws)))
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })))
      ws.once('error', reject)
    })
  }

  static decode(data: Buffer): RawMessage {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MSG_AUTH: {
        const sub = decoding.readVarUint(decoder)
        if (sub === 2) return { type: 'authenticated', scope: decoding.readVarString(decoder) }
        return { type: 'denied', reason: decoding.readVarString(decoder) }
      }
      case MSG_SYNC: {
        const step = decoding.readVarUint(decoder)
        return { type: 'sync', step, payload: decoding.readVarUint8Array(decoder) }
      }
      case MSG_SYNC_STATUS:
        return { type: 'syncStatus', applied: decoding.readVarInt(decoder) === 1 }
      case MSG_CLOSE:
        return { type: 'close', reason: decoding.readVarString(decoder) }
      default:
        return { type: 'other', code: type }
    }
  }

  private send(name: string, write: (encoder: encoding.Encoder) => void) {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, name)
    write(encoder)
    this.ws.send(encoding.toUint8Array(encoder))
  }

  auth(name: string, token: string) {
    this.send(name, (e) => {
      encoding.writeVarUint(e, MSG_AUTH)
      encoding.writeVarUint(e, 0)
      encoding.writeVarString(e, token)
    })
  }

  syncStep1(name: string, doc = new Y.Doc()) {
    this.send(name, (e) => {
      encoding.writeVarUint(e, MSG_SYNC)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
    })
  }

  update(name: string, update: Uint8Array) {
    this.send(name, (e) => {
      encoding.writeVarUint(e, MSG_SYNC)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
    })
  }

  awareness(name: string, update: Uint8Array) {
    this.send(name, (e) => {
      encoding.writeVarUint(e, MSG_AWARENESS)
      encoding.writeVarUint8Array(e, update)
    })
  }

  stateless(name: string, payload: string) {
    this.send(name, (e) => {
      encoding.writeVarUint(e, MSG_STATELESS)
      encoding.writeVarString(e, payload)
    })
  }

  sendBytes(bytes: Uint8Array) {
    this.ws.send(bytes)
  }

  /** Authenticates one document and waits for the answer. */
  async open(name: string, token: string): Promise<RawMessage> {
    const before = this.messages.length
    this.auth(name, token)
    await waitFor(() => this.messages.slice(before).some((m) => m.type === 'authenticated' || m.type === 'denied') || this.closed !== null, `Antwort auf ${name}`)
    return this.messages.slice(before).find((m) => m.type === 'authenticated' || m.type === 'denied') ?? { type: 'other', code: -1 }
  }

  close() {
    this.ws.close()
  }
}

/** An update made on a copy of `base`: what a client would send after `change`. */
export function updateFrom(base: Y.Doc | null, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

export { and, eq }
