import type { Connection, Document, Extension, afterHandleMessagePayload, beforeSyncPayload } from '@hocuspocus/server'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Db } from '../../../db/client'
import { CLOSE, CollabError } from '../close-codes'
import { currentRoundState } from '../documents'
import { DocumentLocks } from '../locks'
import { checkDocument, type Limits, type Violation } from '../schema'
import { isCollabContext } from '../types'
import { cloneDoc, hasPending, pendingBytes } from '../ydoc'
import { closeSocket } from './auth'
import type { Metrics } from './metrics'

export type AdmissionOptions = {
  db: Db
  limits: Limits
  metrics?: Metrics
  /** True when storing this document failed and it waits to be unloaded: nothing more is accepted. */
  isPoisoned: (document: Document) => boolean
  /** Makes an update durable that Yjs will keep pending (its dependency has not arrived): the client is told
   * "synced" for it, so it must be in the log even before it becomes visible. */
  persistPending: (document: Document, update: Uint8Array, userId: number | null) => void
}

/**
 * Admission: every incoming update is applied first to a scratch copy of the document and the result is
 * checked against the document's schema (schema.ts). Hocuspocus calls `beforeSync` before it applies a sync
 * step 2 or an update to the real document, and closes the connection when the hook throws, so a bad update
 * never touches the document. We also close the WebSocket with the documented code.
 */
export class Admission implements Extension {
  extensionName = 'zielwerk-admission'

  private readonly locks = new DocumentLocks()
  private readonly held = new WeakMap<Connection, () => void>()

  constructor(private readonly options: AdmissionOptions) {}

  async beforeSync({ connection, document, type, payload, context }: beforeSyncPayload) {
    if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return
    // Hocuspocus does not apply updates of read-only connections at all (it answers "not synced").
    if (connection.readOnly) return
    const release = await this.locks.acquire(document.name)
    this.held.get(connection)?.()
    this.held.set(connection, release)

    const started = performance.now()
    const verdict = this.admit(document, payload, context)
    const metrics = this.options.metrics
    if (metrics) metrics.counters.admissionMs += performance.now() - started
    if (verdict) {
      metrics?.rejected(verdict.close.code)
      closeSocket(connection, verdict.close)
      throw new CollabError(verdict.close, verdict.detail)
    }
    if (metrics) {
      metrics.counters.updatesAccepted++
      metrics.counters.bytesAccepted += payload.byteLength
    }
  }

  async afterHandleMessage({ connection }: afterHandleMessagePayload) {
    const release = this.held.get(connection)
    if (release) {
      this.held.delete(connection)
      release()
    }
  }

  /** The verdict on one update: null to accept, else why not. Never touches `document`. */
  admit(document: Document, update: Uint8Array, context: unknown): Violation | null {
    const { db, limits } = this.options
    if (!isCollabContext(context) || context.access !== 'write') {
      return { close: CLOSE.forbidden, detail: 'Verbindung ohne Schreibrecht' }
    }
    if (update.byteLength > limits.maxUpdateBytes) {
      return { close: CLOSE.tooLarge, detail: `${update.byteLength} Bytes > ${limits.maxUpdateBytes}` }
    }
    if (this.options.isPoisoned(document)) return { close: CLOSE.storeFailed, detail: 'Dokument wird neu geladen' }
    if (currentRoundState(db, context.doc.roundId) !== 'open') {
      return { close: CLOSE.roundClosed, detail: context.doc.name }
    }
    const scratch = cloneDoc(document)
    try {
      try {
        Y.applyUpdate(scratch, update)
      } catch (error) {
        return { close: CLOSE.rejected, detail: `Update nicht lesbar: ${(error as Error).message}`.slice(0, 200) }
      }
      const pending = hasPending(scratch)
      if (pending && pendingBytes(scratch) > limits.maxUpdateBytes) {
        return { close: CLOSE.tooLarge, detail: 'zu viele wartende Änderungen' }
      }
      const violation = checkDocument(context.doc.kind, scratch, limits)
      if (violation) return violation
      if (pending) {
        try {
          this.options.persistPending(document, update, context.userId)
        } catch (error) {
          return { close: CLOSE.storeFailed, detail: (error as Error).message.slice(0, 200) }
        }
      }
      return null
    } catch (error) {
      return { close: CLOSE.rejected, detail: `Prüfung fehlgeschlagen: ${(error as Error).message}`.slice(0, 200) }
    } finally {
      scratch.destroy()
    }
  }
}
