import type { Connection, Document, Extension, afterHandleMessagePayload, beforeSyncPayload } from '@hocuspocus/server'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import { AGREED_MAP, NARRATIVE, readAgreed, ROOTS } from '../../../app/shared/live/layout'
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { meetingItems, meetings } from '../../../db/schema'
import { CLOSE, CollabError } from '../../../app/shared/live/close-codes'
import type { DocumentMeta } from '../documents'
import { DocumentLocks } from '../locks'
import { forgetAdmitted, readNarrative, shareAdmitted } from '../narrative'
import { checkDocument, hasNarrative, type Limits, type Violation } from '../schema'
import { checkPoster } from '../poster-schema'
import { TypingLedger } from '../typing'
import { isCollabContext } from '../types'
import { cloneDoc, hasPending } from '../ydoc'
import { closeSocket } from './auth'
import type { Metrics } from './metrics'

export type AdmissionOptions = {
  db: Db
  limits: Limits
  metrics?: Metrics
  /** True when storing this document failed and it waits to be unloaded: nothing more is accepted. */
  isPoisoned: (document: Document) => boolean
}

/**
 * The admission copy of a document: the real document plus the update being checked. `admitted` is the
 * connection whose update the copy already holds and the real document is about to apply. `behind` holds
 * the real document's updates the copy has not taken yet (plain typing and server-side edits), applied in
 * one go when the copy is needed next.
 */
type Shadow = { doc: Y.Doc; awaiting: boolean; admitted: Connection | null; behind: Uint8Array[]; behindBytes: number }

/** Beyond this, catching the copy up would cost more than cloning the document afresh. */
const MAX_BEHIND_BYTES = 512 * 1024

/**
 * Admission: every incoming update is applied first to a scratch copy of the document and the result is
 * checked against the document's schema (schema.ts). Hocuspocus calls `beforeSync` before it applies a sync
 * step 2 or an update to the real document, and closes the connection when the hook throws, so a bad update
 * never touches the document. We also close the WebSocket with the documented code.
 *
 * The scratch copy is kept per document between updates (a fresh clone per keystroke costs O(document)): it
 * follows every change of the real document, takes the update under test, and is thrown away whenever it might
 * differ from the real document (the update was rejected, or it was admitted but not applied). When the real
 * document applies the update the copy was just checked with, the copy already holds it and is not fed it again.
 * A lock per document keeps other updates out between the check and Hocuspocus' apply. The checks themselves
 * cost what the update touched: maps only when the update changed them, the narrative through its incremental
 * reader (narrative.ts), which re-reads only the nodes the update changed. A keystroke that is plain typing
 * (typing.ts: characters into an unformatted text node of the narrative, or deleted) is recognised from the
 * decoded update alone, without the copy; the copy takes such updates later, all at once, when an update
 * needs the full check.
 *
 * An update that leaves the copy with pending content (it continues a client's clock past what the document
 * has, or deletes what it does not have) is refused with 4422 (its own reason) and never stored: Yjs would park it unchecked and
 * hand it to every client in each sync step 2. An honest provider meets this only when its WebSocket dropped
 * queued messages before a reconnect; that reason makes it reconnect, and the sync step 2 it then sends carries
 * everything the server lacks, gap-free.
 */
export class Admission implements Extension {
  extensionName = 'zielwerk-admission'

  private readonly locks = new DocumentLocks()
  private readonly held = new WeakMap<Connection, { release: () => void; document: Document }>()
  private readonly shadows = new WeakMap<Document, Shadow>()
  private readonly followed = new WeakSet<Document>()
  private readonly typing = new TypingLedger()

  private readonly meeting: { get(values: { id: number }): { state: string; roundId: number } | undefined }
  private readonly itemIds: { all(values: { meetingId: number }): { id: number }[] }

  constructor(private readonly options: AdmissionOptions) {
    // Prepared once: admission runs on every keystroke.
    const { db } = options
    this.meeting = db
      .select({ state: meetings.state, roundId: meetings.roundId })
      .from(meetings)
      .where(eq(meetings.id, sql.placeholder('id')))
      .prepare()
    this.itemIds = db.select({ id: meetingItems.id }).from(meetingItems).where(eq(meetingItems.meetingId, sql.placeholder('meetingId'))).prepare()
  }

  async beforeSync({ connection, document, type, payload, context }: beforeSyncPayload) {
    if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return
    // Hocuspocus does not apply updates of read-only connections at all (it answers "not synced").
    if (connection.readOnly) return
    const release = await this.locks.acquire(document.name)
    this.held.get(connection)?.release()
    this.held.set(connection, { release, document })

    const started = performance.now()
    const verdict = this.admit(document, payload, context, connection)
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
    const held = this.held.get(connection)
    if (!held) return
    this.held.delete(connection)
    this.typing.settle(held.document)
    forgetAdmitted(held.document)
    const shadow = this.shadows.get(held.document)
    // Admitted and changed the copy, but the real document did not change: the copy is no longer a copy.
    if (shadow?.awaiting) this.shadows.delete(held.document)
    else if (shadow) shadow.admitted = null
    held.release()
  }

  private shadowOf(document: Document, kind: DocumentMeta['kind']): Shadow {
    let shadow = this.shadows.get(document)
    if (!shadow) {
      shadow = { doc: cloneDoc(document), awaiting: false, admitted: null, behind: [], behindBytes: 0 }
      // Typed roots, so that the transaction reports which of them an update touched.
      for (const [root, type] of Object.entries(ROOTS[kind])) {
        if (type === 'map') shadow.doc.getMap(root)
        else shadow.doc.getXmlFragment(root)
      }
      this.shadows.set(document, shadow)
    }
    if (!this.followed.has(document)) {
      this.followed.add(document)
      document.on('update', (update: Uint8Array, origin: unknown) => {
        const current = this.shadows.get(document)
        if (!current) return
        // Hocuspocus applies exactly the bytes admission checked, which the copy already holds.
        if (current.admitted !== null && (origin as { connection?: unknown } | null)?.connection === current.admitted) {
          current.awaiting = false
          return
        }
        forgetAdmitted(document)
        current.behind.push(update)
        current.behindBytes += update.byteLength
        if (current.behindBytes > MAX_BEHIND_BYTES) this.shadows.delete(document)
      })
    }
    if (shadow.behind.length > 0) {
      const behind = shadow.behind
      shadow.behind = []
      shadow.behindBytes = 0
      try {
        // One Yjs transaction for all of them (a transaction per keystroke costs several times more).
        Y.transact(shadow.doc, () => {
          for (const update of behind) Y.applyUpdate(shadow!.doc, update)
        })
      } catch {
        this.shadows.delete(document)
        return this.shadowOf(document, kind)
      }
    }
    return shadow
  }

  /** The verdict on one update: null to accept, else why not. Never touches `document`. */
  admit(document: Document, update: Uint8Array, context: unknown, connection: Connection | null = null): Violation | null {
    const { limits } = this.options
    if (!isCollabContext(context) || context.access !== 'write') {
      return { close: CLOSE.forbidden, detail: 'Verbindung ohne Schreibrecht' }
    }
    if (update.byteLength > limits.maxUpdateBytes) {
      return { close: CLOSE.tooLarge, detail: `${update.byteLength} Bytes > ${limits.maxUpdateBytes}` }
    }
    if (this.options.isPoisoned(document)) return { close: CLOSE.storeFailed, detail: 'Dokument wird neu geladen' }
    // Whether the round is still open is asked inside the store transaction (persistence), where it counts:
    // a round closed meanwhile closes the document's sockets with 4423 there. Asking here too cost a query
    // per keystroke.
    // A poster's forum and phase are asked in the store transaction too (persistence: 4425).
    if (context.doc.kind !== 'poster' && context.doc.roundState !== 'open') return { close: CLOSE.roundClosed, detail: context.doc.name }
    if (context.doc.kind === 'meeting' && this.meeting.get({ id: context.doc.meetingId! })?.state !== 'running') {
      return { close: CLOSE.meetingNotRunning, detail: context.doc.name }
    }
    if (hasNarrative(context.doc.kind) && this.typing.admit(document, update, limits, connection)) {
      if (this.options.metrics) this.options.metrics.counters.updatesTyped++
      return null
    }
    const shadow = this.shadowOf(document, context.doc.kind)
    const verdict = this.check(shadow, update, context.doc, document, context.participant?.participantId ?? null)
    if (verdict) {
      this.shadows.delete(document)
      forgetAdmitted(document)
    } else shadow.admitted = connection
    return verdict
  }

  /** An agreed rating that names a new meeting must name a running meeting of the same round. */
  private checkAgreedMeeting(document: Document, shadow: Y.Doc, roundId: number): Violation | null {
    const before = readAgreed(document.getMap(AGREED_MAP)).meetingId
    const after = readAgreed(shadow.getMap(AGREED_MAP)).meetingId
    if (after === null || after === before) return null
    const meeting = this.meeting.get({ id: after })
    if (!meeting || meeting.roundId !== roundId) return { close: CLOSE.rejected, detail: `Sitzung ${after} gehört nicht zu dieser Runde` }
    if (meeting.state !== 'running') return { close: CLOSE.meetingNotRunning, detail: `Sitzung ${after} läuft nicht` }
    return null
  }

  private check(shadow: Shadow, update: Uint8Array, meta: DocumentMeta, document: Document, participantId: number | null): Violation | null {
    const { limits } = this.options
    const kind = meta.kind
    // One update can run several transactions (Yjs cleans up text formatting in a second one): collect all.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const touched = new Set<Y.AbstractType<any>>()
    let changed = false
    const onTransaction = (tr: Y.Transaction) => {
      for (const type of tr.changedParentTypes.keys()) touched.add(type)
    }
    const onUpdate = () => {
      changed = true
    }
    shadow.doc.on('afterTransaction', onTransaction)
    shadow.doc.on('update', onUpdate)
    try {
      Y.applyUpdate(shadow.doc, update)
    } catch (error) {
      return { close: CLOSE.rejected, detail: `Update nicht lesbar: ${(error as Error).message}`.slice(0, 200) }
    } finally {
      shadow.doc.off('afterTransaction', onTransaction)
      shadow.doc.off('update', onUpdate)
    }
    try {
      // The copy had no pending content before (no live document has any), so this update brought it.
      if (hasPending(shadow.doc)) return { close: CLOSE.unknownState, detail: 'Änderung setzt frühere Änderungen voraus, die fehlen' }
      const items = meta.kind === 'meeting' ? new Set(this.itemIds.all({ meetingId: meta.meetingId! }).map((row) => row.id)) : undefined
      const violation = checkDocument(kind, shadow.doc, limits, (type) => touched.has(type), items)
      if (violation) return violation
      if (meta.kind === 'poster') {
        const problem = checkPoster(this.options.db, meta, document, shadow.doc, participantId)
        if (problem) return problem
      } else if (meta.kind === 'agreed') {
        const problem = this.checkAgreedMeeting(document, shadow.doc, meta.roundId)
        if (problem) return problem
      }
      const fragment = hasNarrative(kind) ? shadow.doc.getXmlFragment(NARRATIVE) : null
      if (fragment && touched.has(fragment)) {
        // Read (and cached) by checkDocument a moment ago; projection stores the same reading.
        const read = readNarrative(fragment, limits)
        if ('narrative' in read) shareAdmitted(document, read.narrative)
      }
      shadow.awaiting = changed
      return null
    } catch (error) {
      return { close: CLOSE.rejected, detail: `Prüfung fehlgeschlagen: ${(error as Error).message}`.slice(0, 200) }
    }
  }
}
