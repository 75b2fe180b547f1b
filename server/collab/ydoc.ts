import * as Y from 'yjs'

/**
 * Everything a Y.Doc holds, including updates that wait for a missing dependency (Yjs keeps those aside as
 * "pending" and `encodeStateAsUpdate` leaves them out). Admission clones with it, so content that arrives
 * pending is checked when it becomes visible; compaction snapshots with it, so nothing pending is lost.
 */
export function fullStateOf(doc: Y.Doc): Uint8Array[] {
  const parts = [Y.encodeStateAsUpdate(doc)]
  const { pendingStructs, pendingDs } = doc.store
  if (pendingStructs) parts.push(Y.convertUpdateFormatV2ToV1(pendingStructs.update))
  if (pendingDs) parts.push(Y.convertUpdateFormatV2ToV1(pendingDs))
  return parts
}

export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/** Bytes Yjs holds aside for a document (bounded by admission). */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0)
}

/** A private copy of a document, pending updates included. */
export function cloneDoc(doc: Y.Doc, gc = true): Y.Doc {
  const copy = new Y.Doc({ gc })
  for (const part of fullStateOf(doc)) Y.applyUpdate(copy, part)
  return copy
}
