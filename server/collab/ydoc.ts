import * as Y from 'yjs'

/**
 * Pending content: Yjs parks an update whose structs continue a client's clock past what the document has (or
 * whose deletions name such structs) in `store.pendingStructs` / `store.pendingDs` until the gap is filled.
 * Parked content is invisible, so nothing could check it, and `encodeStateAsUpdate` includes it, so every
 * sync step 2 would hand it to every client. Admission therefore refuses an update that leaves pending content
 * behind (a live document never has any), and loading and compaction drop what an older server version let
 * into the log.
 */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/** Forgets a document's pending content; returns how many bytes of updates it was. */
export function dropPending(doc: Y.Doc): number {
  const bytes = (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0)
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  return bytes
}

/** A private copy of a document. */
export function cloneDoc(doc: Y.Doc, gc = true): Y.Doc {
  const copy = new Y.Doc({ gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}
