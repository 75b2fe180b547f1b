import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  connectedPayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import { count, eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { ROOTS } from '../../../app/shared/live/layout'
import type { Db } from '../../../db/client'
import { documentUpdates, rounds } from '../../../db/schema'
import { CLOSE, CollabError } from '../../../app/shared/live/close-codes'
import { resolveDocument, type DocumentMeta, type RoundDocumentMeta } from '../documents'
import { parseDocumentName } from '../../../app/shared/live/names'
import { seedUpdate } from '../seed'
import { isCollabContext } from '../types'
import { dropPending } from '../ydoc'
import type { Journal } from '../journal'
import { RoundStates } from '../round-states'
import { appendEntries, compactFromLog, prepareStore, readStored, writeSnapshot, type StoreStatements } from './stored'
import { closeSocket } from './auth'
import type { Metrics } from './metrics'
import type { Projector, StoreContext } from './projection'

/**
 * Durability: every accepted update is appended to `document_updates` (same SQLite connection, WAL) before the
 * client is told it is synced, and a crash loses no edit anyone saw as saved. Plain typing (an update no
 * projector writes for) goes to the journal file instead (journal.ts: one write, no SQLite statement) and moves
 * into `document_updates` a moment later and before anything reads the log (flushJournal).
 *
 * Why not @hocuspocus/extension-database: its `store` runs from `onStoreDocument`, which Hocuspocus debounces
 * (2 s, at most 10 s) and runs after it has already answered "synced". No Hocuspocus hook runs between applying
 * an update and that answer: `beforeSync` runs before the apply, `onChange` is queued as a promise callback and
 * runs after MessageReceiver has sent SyncStatus. Yjs' own 'update' event, however, fires synchronously inside
 * the apply (readUpdate/readSyncStep2), before MessageReceiver sends the SyncStatus. better-sqlite3 is
 * synchronous, so appending (and projecting) inside that event commits before the acknowledgement. If the
 * append fails, the document's WebSockets are closed at once (readyState CLOSING), so Hocuspocus sends no
 * acknowledgement and broadcasts nothing; the document is unloaded and reloaded from the database, and the
 * clients re-send the update when they reconnect.
 *
 * Loading = the snapshot (`documents.state`) + the appended updates after it; a read error refuses the
 * document (never an empty document over real content). Compaction folds the log into the snapshot in one
 * transaction when Hocuspocus' debounced store fires with a long log or the last client left, and in a periodic
 * sweep. For a loaded document whose every log row memory is known to hold (it loaded them or appended them
 * itself), the snapshot is the document as it is in memory: O(document) once, instead of replaying the whole
 * log on the event loop (a Jour fixe's 1500 keystrokes took 30–40 ms of CPU, a stall every client felt). A row
 * memory does not know (another connection wrote it) sends compaction back to replaying snapshot + log from
 * the database, as it does for documents that are not loaded.
 */

export type PersistenceOptions = {
  db: Db
  projectors: Projector[]
  metrics?: Metrics
  /** Compact a document once its log has this many rows (and always when its last client leaves). */
  compactAfter: number
  /** Milliseconds between background sweeps over all documents' logs (0 = no sweep). */
  sweepEvery: number
  /** Where plain typing is made durable (journal.ts); without it every update is appended in a transaction. */
  journal?: Journal | null
}

/** Origin of the transactions that load stored state: not user edits, never stored again. */
export const LOAD_ORIGIN = { source: 'local', skipStoreHooks: true, context: { load: true } } as const

export class Persistence implements Extension {
  extensionName = 'zielwerk-persistence'

  private readonly metaOf = new WeakMap<Document, DocumentMeta>()
  private readonly poisoned = new WeakSet<Document>()
  /** Per loaded document, the ids of the log rows memory holds: loaded with it, or appended by its stores. */
  private readonly knownRows = new WeakMap<Document, Set<number>>()
  private readonly loaded = new Map<string, Document>()
  private sweepTimer: NodeJS.Timeout | null = null
  private readonly roundStates: RoundStates | null
  private stopped = false
  /** Prepared once: the store runs on every keystroke (same connection, so inside the store transaction). */
  private readonly statements: StoreStatements
  /**
   * better-sqlite3's own transaction wrapper, built once. drizzle's `db.transaction` constructs a transaction
   * object (a whole database facade) on every call, which per keystroke cost more than the append itself. A
   * better-sqlite3 transaction belongs to the connection, so every statement on `db` inside it is part of it
   * (nested calls become savepoints, as with drizzle).
   */
  private readonly inTransaction: (work: () => void) => void

  constructor(private readonly options: PersistenceOptions) {
    const { db } = options
    this.inTransaction = db.$client.transaction((work: () => void) => work())
    this.statements = prepareStore(db)
    this.roundStates = options.journal ? new RoundStates(db) : null
    if (options.journal) options.journal.onDue = () => this.flushJournal()
    if (options.sweepEvery > 0) {
      this.sweepTimer = setInterval(() => this.sweep(), options.sweepEvery)
      this.sweepTimer.unref()
    }
  }

  isPoisoned = (document: Document): boolean => this.poisoned.has(document)

  private meta(document: Document, context: unknown): DocumentMeta {
    const known = this.metaOf.get(document)
    if (known) return known
    let meta: DocumentMeta | null = isCollabContext(context) && context.doc.name === document.name ? context.doc : null
    if (!meta) {
      const parsed = parseDocumentName(document.name)
      meta = parsed ? resolveDocument(this.options.db, parsed) : null
    }
    if (!meta) throw new CollabError(CLOSE.notFound, document.name)
    this.metaOf.set(document, meta)
    return meta
  }

  // ── Loading ──────────────────────────────────────────────────────────────────────────────────────────

  async onLoadDocument({ document, documentName, context }: onLoadDocumentPayload) {
    const meta = this.meta(document, context)
    this.flushJournal()
    let stored: { state: Buffer | null; updates: { id: number; update: Buffer }[] }
    try {
      stored = readStored(this.options.db, documentName)
    } catch (error) {
      throw new CollabError(CLOSE.loadFailed, `${documentName}: ${(error as Error).message}`)
    }
    try {
      if (stored.state || stored.updates.length > 0) {
        Y.transact(document, () => {
          if (stored.state) Y.applyUpdate(document, stored.state)
          for (const { update } of stored.updates) Y.applyUpdate(document, update)
        }, LOAD_ORIGIN)
        this.knownRows.set(document, new Set(stored.updates.map((row) => row.id)))
        // An older version stored updates that waited for a missing dependency; nobody ever saw or checked them.
        const dropped = dropPending(document)
        if (dropped > 0) console.error(`Zielwerk: ${documentName}: ${dropped} Bytes wartender, nie sichtbarer Änderungen verworfen.`)
        return
      }
      const seed = seedUpdate(this.options.db, meta)
      if (!seed) return
      Y.applyUpdate(document, seed, LOAD_ORIGIN)
      // Stored at once, so the next load starts from exactly these structs even if the relational status
      // changes meanwhile. A closed round's document is never written: it is seeded again identically.
      if (!closedRound(meta)) this.knownRows.set(document, new Set([this.append(documentName, seed, null)]))
    } catch (error) {
      if (error instanceof CollabError) throw error
      throw new CollabError(CLOSE.loadFailed, `${documentName}: ${(error as Error).message}`)
    }
  }

  async afterLoadDocument({ document, documentName, context }: afterLoadDocumentPayload) {
    const meta = this.meta(document, context)
    // Typed roots: Yjs reports changes (transaction.changedParentTypes) only for types that have been typed.
    for (const [root, type] of Object.entries(ROOTS[meta.kind])) {
      if (type === 'map') document.getMap(root)
      else document.getXmlFragment(root)
    }
    document.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      this.store(document, meta, update, origin, transaction)
    })
    this.loaded.set(documentName, document)
    if (!closedRound(meta) && this.logLength(documentName) >= this.options.compactAfter) this.compact(documentName)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    // A document of the same name may have been loaded again meanwhile; only a destroyed one is forgotten.
    if (this.loaded.get(documentName)?.isDestroyed) this.loaded.delete(documentName)
  }

  async connected({ connection }: connectedPayload) {
    if (this.poisoned.has(connection.document)) closeSocket(connection, CLOSE.storeFailed)
  }

  // ── Storing ──────────────────────────────────────────────────────────────────────────────────────────

  private userOf(origin: unknown): number | null {
    if (typeof origin !== 'object' || origin === null) return null
    const o = origin as { source?: string; connection?: { context?: unknown }; context?: { userId?: unknown } }
    // A forum session has no user (its context's userId is 0); participantOf() names it.
    if (o.source === 'connection' && isCollabContext(o.connection?.context)) return o.connection.context.participant ? null : o.connection.context.userId
    if (o.source === 'local' && typeof o.context?.userId === 'number') return o.context.userId
    return null
  }

  /** The participant (forum session) whose connection made the change, if one did. */
  private participantOf(origin: unknown): number | null {
    if (typeof origin !== 'object' || origin === null) return null
    const o = origin as { source?: string; connection?: { context?: unknown } }
    return o.source === 'connection' && isCollabContext(o.connection?.context) ? (o.connection.context.participant?.participantId ?? null) : null
  }

  /** Runs synchronously inside the Yjs apply, i.e. before Hocuspocus acknowledges the update. */
  private store(document: Document, meta: DocumentMeta, update: Uint8Array, origin: unknown, transaction: Y.Transaction) {
    if (this.poisoned.has(document)) return
    const { db, projectors, metrics } = this.options
    const started = performance.now()
    const userId = this.userOf(origin)
    const participantId = this.participantOf(origin)
    const now = Date.now()
    const afterCommit: (() => void)[] = []
    let row = 0
    const context: StoreContext = { tx: db, meta, document, transaction, userId, participantId, now }
    const project = () => {
      for (const projector of projectors) {
        const after = projector.project(context)
        if (after) afterCommit.push(after)
      }
    }
    try {
      const journal = this.options.journal
      if (journal && this.roundStates && meta.kind !== 'poster' && !projectors.some((projector) => projector.writes(context))) {
        // Plain typing: the projection only marks the narrative, so the update is made durable in the journal
        // (one write, no SQLite statement) and moves into the log a moment later (flushJournal).
        if (!this.roundStates.isOpen(meta.roundId)) throw new RoundNotOpen(meta)
        journal.append({ name: meta.name, update, userId, at: now })
        project()
      } else {
        this.inTransaction(() => {
          if (meta.kind === 'poster') {
            // A poster takes cards only while its forum and phase are open (asked here, where it counts).
            const [forumState, phaseState] = this.statements.posterState(meta.forumId, meta.phaseId) ?? []
            if (forumState !== 'open' || phaseState !== 'open') throw new PosterNotOpen(meta)
          } else if (this.statements.roundState(meta.roundId) !== 'open') throw new RoundNotOpen(meta)
          row = this.statements.append(meta.name, update, userId)
          project()
        })
      }
    } catch (error) {
      if (metrics) metrics.counters.storeFailures++
      this.poison(document, error)
      return
    }
    if (row > 0) this.knownRows.get(document)?.add(row)
    if (metrics) {
      metrics.counters.stores++
      metrics.counters.storeMs += performance.now() - started
    }
    for (const after of afterCommit) {
      try {
        after()
      } catch (error) {
        console.error('Zielwerk: Benachrichtigung nach dem Speichern fehlgeschlagen:', error)
      }
    }
  }

  private append(name: string, update: Uint8Array, userId: number | null): number {
    return this.statements.append(name, update, userId)
  }

  /**
   * Moves the journal's entries into the log in one transaction and empties it. Runs before anything reads the
   * log (a load, a compaction, the sweep, any HTTP request through the server's flush) and a moment after typing.
   */
  flushJournal(): void {
    const moved =
      this.options.journal?.move((entries) => {
        let ids: number[] = []
        this.inTransaction(() => {
          ids = appendEntries(this.options.db, entries)
        })
        return ids
      }) ?? []
    for (const { entry, id } of moved) {
      const document = this.loaded.get(entry.name)
      if (document && !document.isDestroyed) this.knownRows.get(document)?.add(id)
    }
  }

  /**
   * Storing failed, so memory now holds something the database does not. Close every WebSocket on the document
   * synchronously (no acknowledgement, no broadcast leaves), accept nothing more, and let Hocuspocus unload it;
   * the next connection loads the stored state and the clients re-send what is missing.
   */
  private poison(document: Document, error: unknown) {
    this.poisoned.add(document)
    // A round closed under an open document is no failure: its sockets reconnect and are read-only then.
    const close = error instanceof RoundNotOpen ? CLOSE.roundClosed : error instanceof PosterNotOpen ? CLOSE.posterClosed : CLOSE.storeFailed
    if (close === CLOSE.storeFailed) {
      console.error(`Zielwerk: Speichern von ${document.name} fehlgeschlagen; Dokument wird neu geladen:`, (error as Error)?.message ?? error)
    }
    for (const connection of document.getConnections()) closeSocket(connection, close)
  }

  // ── Compaction ───────────────────────────────────────────────────────────────────────────────────────

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload) {
    if (this.stopped || this.poisoned.has(document)) return
    const meta = this.metaOf.get(document)
    if (meta && closedRound(meta)) return
    try {
      const rows = this.logLength(documentName)
      // The payload's clientsCount is from the time of the last change; ask the document now.
      const lastClientLeft = document.getConnectionsCount() === 0
      if (rows >= this.options.compactAfter || (lastClientLeft && rows > 0)) this.compact(documentName)
    } catch (error) {
      // The log is intact; compaction is only housekeeping.
      console.error(`Zielwerk: Verdichten von ${documentName} fehlgeschlagen:`, (error as Error).message)
    }
  }

  logLength(name: string): number {
    return this.options.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.name, name)).get()?.n ?? 0
  }

  /** Folds snapshot + log into a new snapshot and deletes the folded log rows, in one transaction. */
  compact(name: string): boolean {
    this.flushJournal()
    const document = this.loaded.get(name)
    const done =
      (document && !document.isDestroyed && !this.poisoned.has(document) ? this.compactFromMemory(document) : null) ?? compactFromLog(this.options.db, name)
    if (done && this.options.metrics) this.options.metrics.counters.compactions++
    return done
  }

  /** The snapshot is the loaded document itself; null when the log holds a row memory does not know. */
  private compactFromMemory(document: Document): boolean | null {
    const known = this.knownRows.get(document)
    if (!known) return null
    let done: boolean | null = false
    this.inTransaction(() => {
      const ids = this.statements.rowIds.all({ name: document.name }).map((row) => row.id)
      if (ids.length === 0) return
      if (!ids.every((id) => known.has(id))) {
        done = null
        return
      }
      writeSnapshot(this.options.db, document.name, Buffer.from(Y.encodeStateAsUpdate(document)), ids.at(-1)!)
      for (const id of ids) known.delete(id)
      done = true
    })
    return done
  }

  /** Background: compacts every open round's document whose log has grown long (also those not loaded). */
  sweep(): number {
    if (this.stopped) return 0
    const { db } = this.options
    this.flushJournal()
    let compacted = 0
    try {
      const long = db
        .select({ name: documentUpdates.name, n: count() })
        .from(documentUpdates)
        .groupBy(documentUpdates.name)
        .having(sql`count(*) >= ${this.options.compactAfter}`)
        .all()
      for (const { name } of long) {
        const parsed = parseDocumentName(name)
        const round = parsed && parsed.kind !== 'poster' ? db.select({ state: rounds.state }).from(rounds).where(eq(rounds.id, parsed.roundId)).get() : undefined
        if (round?.state === 'closed') continue
        if (this.compact(name)) compacted++
      }
    } catch (error) {
      console.error('Zielwerk: Verdichten im Hintergrund fehlgeschlagen:', (error as Error).message)
    }
    return compacted
  }

  /** Shutdown: one last sweep over the documents still loaded, then no more database access. */
  stop(loaded: Iterable<Document>) {
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.sweepTimer = null
    this.flushJournal()
    this.roundStates?.stop()
    for (const document of loaded) {
      if (this.poisoned.has(document) || closedRound(this.metaOf.get(document))) continue
      try {
        if (this.logLength(document.name) > 0) this.compact(document.name)
      } catch (error) {
        console.error(`Zielwerk: Verdichten von ${document.name} beim Beenden fehlgeschlagen:`, (error as Error).message)
      }
    }
    this.stopped = true
  }
}

/** A round's document whose round is closed: the historical record, never written again. */
const closedRound = (meta: DocumentMeta | undefined): boolean => !!meta && meta.kind !== 'poster' && meta.roundState === 'closed'

/** The store found the poster's phase or forum no longer open (closed while the poster was loaded). */
class PosterNotOpen extends Error {
  constructor(meta: DocumentMeta) {
    super(`Phase oder Forum von ${meta.name} ist nicht offen; es wird nicht geschrieben`)
  }
}

/** The store found the document's round no longer open (it was closed while the document was loaded). */
class RoundNotOpen extends Error {
  constructor(meta: RoundDocumentMeta) {
    super(`Runde ${meta.roundId} ist nicht offen; ${meta.name} wird nicht geschrieben`)
  }
}
