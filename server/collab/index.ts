import { Hocuspocus, type Extension } from '@hocuspocus/server'
import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { Services } from '../context'
import { isAllowedOrigin } from '../http/origin'
import { startCheckpointer } from './checkpointer'
import { Admission } from './extensions/admission'
import { Auth } from './extensions/auth'
import { Metrics } from './extensions/metrics'
import { Persistence } from './extensions/persistence'
import { recoverJournal } from './extensions/stored'
import { Journal } from './journal'
import { Projection, type StatusChange } from './extensions/projection'
import { DEFAULT_LIMITS, type Limits } from './schema'
import { DEFAULT_SOCKET_LIMITS, SocketBudget, type SocketLimits } from './socket-budget'
import type { SocketContext } from './types'
import { CLOSE } from '../../app/shared/live/close-codes'
import type * as Y from 'yjs'

export const COLLAB_PATH = '/collab'
/** Participants' upgrade path: below the forum cookie's Path=/mitmachen, so the browser sends it (poster-access.ts). */
export const FORUM_COLLAB_PATH = '/mitmachen/collab'

export type CollabOptions = {
  limits?: Partial<Limits>
  /** Largest WebSocket frame; ws closes the socket with 1009 above it. */
  maxPayload?: number
  maxDocumentsPerConnection?: number
  maxAwarenessStateBytes?: number
  /** Log rows after which a document is compacted into its snapshot. */
  compactAfter?: number
  /** Milliseconds between background compaction sweeps (0: none). */
  sweepEvery?: number
  /** How long a narrative may wait before it is written into measure_status / goal_status (projection-narratives.ts). */
  narrativeDelayMs?: number
  /** Called after a rating change of a measure is committed (for the live overview). */
  onStatusChange?: (change: StatusChange) => void
  /** Milliseconds between WAL checkpoints in a worker thread (0: SQLite's automatic ones, on the event loop). */
  checkpointEvery?: number
  /** What one WebSocket may send before it is closed with 4430 (socket-budget.ts). */
  socketLimits?: Partial<SocketLimits>
}

export type Collab = {
  hocuspocus: Hocuspocus
  metrics: Metrics
  /** Takes the upgrade when its path is /collab (true), else leaves it to the caller (false). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Re-checks a user's open connections after a logout, deactivation or membership change. */
  closeConnectionsOf(userId: number): number
  /** Re-checks every connection of a round (after it was closed). */
  closeConnectionsOfRound(roundId: number): number
  /** Re-checks every connection to a forum's posters (a phase opened or closed, the forum closed). */
  closeConnectionsOfForum(forumId: number): number
  /** A server-side edit of a live document on behalf of a user (see LiveDocuments in server/context.ts). */
  edit(name: string, userId: number | null, change: (doc: Y.Doc) => void): Promise<void>
  /** Moves the journal into the log and writes the narratives that follow the keystrokes by a moment, now. */
  flush(): void
  /** Compacts in the background now (tests, benchmarks). */
  compact(): number
  destroy(): Promise<void>
}

const MiB = 1024 * 1024

/** Hocuspocus sorts extensions by priority; this keeps the order of the list as written. */
function inOrder(extensions: Extension[]): Extension[] {
  return extensions.map((extension, index) => {
    extension.priority = 1000 - index * 10
    return extension
  })
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** The upgrade's headers as the WHATWG Request Hocuspocus expects (it reads cookie and parameters from it). */
function toRequest(request: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    try {
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
    } catch {
      // a header value fetch cannot carry; Hocuspocus does not need it
    }
  }
  let url = `http://localhost${COLLAB_PATH}`
  try {
    url = new URL(request.url ?? COLLAB_PATH, 'http://localhost').href
  } catch {
    // keep the default
  }
  return new Request(url, { headers })
}

function refuseUpgrade(socket: Duplex, status: number, text: string) {
  const body = Buffer.from(text, 'utf8')
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Service Unavailable'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.byteLength}\r\n\r\n${text}`,
  )
  socket.destroy()
}

/**
 * The collaboration server on the app's own port: Hocuspocus' embeddable core (`new Hocuspocus`, not `Server`,
 * which would open a port of its own) behind a ws server without a port of its own. The extensions run in this
 * order: auth → admission → persistence → projection → metrics.
 */
export function createCollab(services: Services, options: CollabOptions = {}): Collab {
  const { db } = services
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits }
  const socketLimits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.socketLimits }
  const maxDocumentsPerConnection = options.maxDocumentsPerConnection ?? 200
  const metrics = new Metrics()
  const auth = new Auth({
    db,
    maxDocumentsPerConnection,
    maxAwarenessStateBytes: options.maxAwarenessStateBytes ?? 8 * 1024,
    metrics,
  })
  // Plain typing is made durable in a journal file next to the database (journal.ts); what a crash left there
  // goes into the log first, before the narratives are recovered from the logs and before anything is served.
  const journal = db.$client.memory ? null : openJournal(db, `${db.$client.name}.live-log`)
  const projection = new Projection({ db, onStatusChange: options.onStatusChange, narrativeDelayMs: options.narrativeDelayMs })
  // A crash may have left narratives typed just before it unwritten; their documents' logs still hold them.
  const recovered = projection.recoverNarratives()
  if (recovered > 0) console.log(`Zielwerk: ${recovered} Sachstände aus dem Änderungsprotokoll nachgetragen.`)
  const persistence = new Persistence({
    db,
    projectors: [projection],
    metrics,
    compactAfter: options.compactAfter ?? 200,
    sweepEvery: options.sweepEvery ?? 60_000,
    journal,
  })
  const admission = new Admission({
    db,
    limits,
    metrics,
    isPoisoned: persistence.isPoisoned,
  })

  const hocuspocus = new Hocuspocus({
    name: 'zielwerk',
    quiet: true,
    // The store hooks only compact (every edit is already in the log); debounced as Hocuspocus does by default.
    debounce: 2_000,
    maxDebounce: 10_000,
    unloadImmediately: true,
    // Before a document is authorized, Hocuspocus queues its messages: no more than the socket budget allows
    // before authentication (its default is 5 MiB per socket), and as many pending documents as a socket may
    // open (a meeting page authorizes up to 200 at once; Hocuspocus' default of 100 would cut it off).
    maxUnauthenticatedQueueSize: socketLimits.bytesBeforeAuthentication,
    maxPendingDocuments: maxDocumentsPerConnection,
    extensions: inOrder([auth, admission, persistence, projection, metrics]),
  })

  // Every keystroke commits; the WAL checkpoint (copy + fsync) must not stall the event loop (see checkpointer.ts).
  // Every 2 s rather than twice a second: keystrokes rewrite the same few pages, and a checkpoint copies each
  // page once however often it changed, so a longer interval copies (and fsyncs) less for the same edits; the
  // WAL stays a few MB under a Jour fixe.
  const checkpointEvery = options.checkpointEvery ?? 2_000
  const checkpointer = checkpointEvery > 0 ? startCheckpointer(db.$client, checkpointEvery) : null

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 2 * MiB })
  const sockets = new Set<WebSocket>()
  let closing = false

  function accept(ws: WebSocket, request: IncomingMessage, via: 'staff' | 'forum') {
    const context: SocketContext = { socketKey: crypto.randomUUID(), via }
    const client = hocuspocus.handleConnection(ws, toRequest(request), context)
    const budget = new SocketBudget(socketLimits)
    let refused = false
    sockets.add(ws)
    ws.on('message', (data, isBinary) => {
      // Once the server closed this socket (a rejected update, a round closed, changed rights), what the client
      // sent before it saw the close frame is not handled: its connection still carries the old rights.
      if (refused || ws.readyState !== ws.OPEN) return
      if (!isBinary) {
        ws.close(1003, 'Nur binäre Nachrichten.')
        return
      }
      const message = toUint8Array(data)
      const overdraft = budget.spend(message.byteLength, auth.hasAuthorized(context.socketKey))
      if (overdraft) {
        // Nothing more of this socket is handled; a peer that does not answer the close frame is cut off.
        refused = true
        metrics.rejected(CLOSE.tooManyMessages.code)
        console.error(`Zielwerk: WebSocket geschlossen (${overdraft}): ${CLOSE.tooManyMessages.reason}`)
        ws.close(CLOSE.tooManyMessages.code, CLOSE.tooManyMessages.reason)
        setTimeout(() => ws.terminate(), 1_000).unref()
        return
      }
      client.handleMessage(message)
    })
    ws.on('close', (code, reason) => {
      sockets.delete(ws)
      client.handleClose({ code, reason: reason.toString('utf8') })
      auth.forgetSocket(context.socketKey)
    })
    // ws closes the socket itself (e.g. 1009 for a frame above maxPayload); the error must not crash the process.
    ws.on('error', () => {})
  }

  return {
    hocuspocus,
    metrics,
    handleUpgrade(request, socket, head) {
      let pathname: string
      try {
        pathname = new URL(request.url ?? '/', 'http://localhost').pathname
      } catch {
        return false
      }
      if (pathname !== COLLAB_PATH && pathname !== FORUM_COLLAB_PATH) return false
      const via = pathname === FORUM_COLLAB_PATH ? 'forum' : 'staff'
      if (!isAllowedOrigin(request.headers, services.origins)) {
        refuseUpgrade(socket, 403, 'Verbindung abgelehnt: Sie kommt nicht von Zielwerk selbst (fremde Herkunft).')
        return true
      }
      if (closing) {
        refuseUpgrade(socket, 503, 'Zielwerk wird gerade beendet.')
        return true
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, via))
      return true
    },
    async edit(name, userId, change) {
      // A direct connection loads the document like a client would (persistence, seed) and attributes the
      // transaction to the user: persistence logs and projects it, Hocuspocus broadcasts it. It skips auth and
      // admission, so callers check rights and values before (Zod and can()).
      const connection = await hocuspocus.openDirectConnection(name, { userId, serverEdit: true })
      try {
        await connection.transact((doc) => change(doc))
      } finally {
        await connection.disconnect()
      }
      // The caller may read the tables at once (same request).
      persistence.flushJournal()
      projection.flushNarratives()
    },
    flush: () => {
      persistence.flushJournal()
      projection.flushNarratives()
    },
    closeConnectionsOf: (userId) => auth.reevaluate(userId),
    closeConnectionsOfRound: (roundId) => auth.reevaluateRound(roundId),
    closeConnectionsOfForum: (forumId) => auth.reevaluateForum(forumId),
    compact: () => persistence.sweep(),
    async destroy() {
      if (closing) return
      closing = true
      for (const ws of sockets) ws.close(1001, 'Zielwerk wird beendet.')
      const deadline = Date.now() + 1_000
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      for (const ws of sockets) ws.terminate()
      // Every accepted edit is already in the log; this writes the narratives still waiting and folds logs into
      // snapshots before the DB closes.
      projection.stop()
      persistence.stop(hocuspocus.documents.values())
      journal?.close()
      await checkpointer?.stop()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

/**
 * The live log after moving what a crash left in it into the database; none when the file cannot be read or opened:
 * then every update goes into the database directly, and what the file may hold stays there for the next start.
 */
function openJournal(db: Services['db'], file: string): Journal | null {
  try {
    const moved = recoverJournal(db, file)
    if (moved > 0) console.log(`Zielwerk: ${moved} Änderungen aus dem Live-Protokoll übernommen.`)
    return new Journal(file)
  } catch (error) {
    console.error(`Zielwerk: Live-Protokoll ${file} nicht nutzbar (${(error as Error).message}); jede Änderung wird direkt in der Datenbank gespeichert.`)
    return null
  }
}

export type { StatusChange } from './extensions/projection'
export { CLOSE, closeCodeOfReason } from '../../app/shared/live/close-codes'
export { agreedDocumentName, goalDocumentName, measureDocumentName, parseDocumentName, posterDocumentName } from '../../app/shared/live/names'
