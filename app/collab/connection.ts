import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { CLOSE } from '../shared/live/close-codes'
import { parseDocumentName } from '../shared/live/names'
import { readLocal, unsavedOf, type LocalState, type Unsaved } from './unsaved'

/**
 * One WebSocket per browser tab, shared by every live document of the page (Hocuspocus multiplexes them).
 * Each document also lives in IndexedDB, so edits made offline survive a reload and merge on reconnect.
 */
const sockets = new Map<string, HocuspocusProviderWebsocket>()
/** Staff pages' upgrade path; participants' pages use /mitmachen/collab, where their forum cookie is sent. */
export const COLLAB_PATH = '/collab'
export const FORUM_COLLAB_PATH = '/mitmachen/collab'
const open = new Set<LiveDocument>()

/**
 * Close codes after which the page's copies no longer match what the server will take: a refused update (4413
 * too large, 4422 invalid), a round closed (4423), a meeting no longer running (4424), a forum or phase closed
 * under a poster (4425), changed rights (4410). Not
 * among them on purpose: 4422 with the reason of `unknownState` (an update arrived ahead of one the server lacks;
 * after reconnecting, the sync sends everything gap-free) and 4430 (too many messages; the provider reconnects
 * with its back-off).
 */
const RESET = new Set([4410, 4413, 4422, 4423, 4424, 4425])

function isReset(event: { code: number; reason?: string }): boolean {
  return RESET.has(event.code) && !(event.code === CLOSE.unknownState.code && event.reason === CLOSE.unknownState.reason)
}

/**
 * What the server refused or closed, for the page to say: `code`, the documents that were writable before
 * (`writable`), and per document with edits the server had not acknowledged what of them it does not have
 * (`unsaved`: 'checking' until the server's state is read again; documents found complete are left out).
 */
export type Refusal = { code: number; documents: ReadonlySet<string>; writable: ReadonlySet<string>; unsaved: ReadonlyMap<string, Unsaved | 'checking'> }

let refusal: Refusal | null = null
/** The page's own copies of the refused documents, kept until the server's state is read again. */
const snapshots = new Map<string, LocalState>()
/** Bumped once the documents were dropped after a refusal: pages then open them afresh from the server. */
let generation = 0
let resetting = false
/** True from a refusal that lost something until the user's next edit. */
let rejected = false
const listeners = new Set<() => void>()
const notify = () => {
  for (const listener of listeners) listener()
}

export function subscribeLive(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
export const currentRefusal = (): Refusal | null => refusal
export const currentGeneration = (): number => generation

/** How long the page waits for the server's state of a refused document before it shows all of the author's text. */
const CHECK_TIMEOUT_MS = 8_000

export function sharedSocket(path = COLLAB_PATH): HocuspocusProviderWebsocket {
  let socket = sockets.get(path)
  if (!socket) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    const created = new HocuspocusProviderWebsocket({ url: `${scheme}://${window.location.host}${path}` })
    socket = created
    sockets.set(path, created)
    created.on('close', ({ event }: { event: { code: number; reason?: string } }) => {
      if (sockets.get(path) === created && isReset(event)) void reset(event.code)
    })
  }
  return socket
}

/**
 * After a refusal: keep the page's copy of every document with edits the server had not acknowledged, drop all
 * documents and their offline copies (re-sending would be refused again, and a reload must show what the server
 * stored), then let the pages open them afresh, read-only where the server now says so. Each kept copy is
 * compared with the server's state when its document is open again (see openLiveDocument): what differs is
 * shown to its author, never dropped without a word.
 */
async function reset(code: number): Promise<void> {
  if (resetting) return
  resetting = true
  const documents = [...open]
  const writable = new Set(documents.filter((d) => d.provider.authorizedScope === 'read-write').map((d) => d.name))
  const unsaved = new Map<string, Unsaved | 'checking'>()
  for (const d of documents) {
    if (!d.pending) continue
    snapshots.set(d.name, readLocal(d.doc, parseDocumentName(d.name)?.kind))
    unsaved.set(d.name, 'checking')
  }
  refusal = { code, documents: new Set(documents.map((d) => d.name)), writable, unsaved }
  rejected = unsaved.size > 0
  notify()
  const dropped = [...sockets.values()]
  sockets.clear()
  await Promise.all(documents.map((d) => d.drop()))
  for (const s of dropped) s.destroy()
  generation++
  resetting = false
  notify()
  // A document no page opens again (the page moved on, e.g. to the ended meeting) is never compared with the
  // server's state: after the same wait, all of the author's text is shown.
  window.setTimeout(() => {
    for (const name of snapshots.keys()) if (![...open].some((d) => d.name === name)) settle(name, null)
  }, CHECK_TIMEOUT_MS)
}

function settle(name: string, server: LocalState | null) {
  const local = snapshots.get(name)
  if (!local || !refusal) return
  snapshots.delete(name)
  const unsaved = new Map(refusal.unsaved)
  const lost = unsavedOf(local, server)
  if (lost) unsaved.set(name, lost)
  else unsaved.delete(name)
  refusal = { ...refusal, unsaved }
  if (unsaved.size === 0) rejected = false
  notify()
}

/** The close code of a refusal that lost something the user had made and not touched again since; else null. */
export function rejection(): number | null {
  return rejected && refusal ? refusal.code : null
}

export type PresenceUser = { name: string; unit: string; color: string }

export type LiveDocument = {
  name: string
  doc: Y.Doc
  provider: HocuspocusProvider
  local: IndexeddbPersistence
  /** An edit made on this page that the server has not acknowledged yet. */
  pending: boolean
  destroy: () => void
  /** Destroys it and its offline copy. */
  drop: () => Promise<void>
}

export function openLiveDocument(name: string, user: PresenceUser, path = COLLAB_PATH): LiveDocument {
  const doc = new Y.Doc()
  const local = new IndexeddbPersistence(`zielwerk:${name}`, doc)
  const provider = new HocuspocusProvider({
    websocketProvider: sharedSocket(path),
    name,
    document: doc,
    // The session cookie authenticates the WebSocket upgrade; the token field is not used by our server.
    token: 'cookie',
  })
  provider.attach()
  provider.setAwarenessField('user', user)
  let destroyed = false
  const openedIn = generation
  const live: LiveDocument = {
    name,
    doc,
    provider,
    local,
    pending: false,
    destroy() {
      if (!open.delete(live) || destroyed) return
      destroyed = true
      provider.destroy()
      void local.destroy()
      doc.destroy()
      // The page is gone (not reopening after a refusal): what it was told goes with it.
      if (open.size === 0 && !resetting && refusal) {
        refusal = null
        rejected = false
        snapshots.clear()
        notify()
      }
    },
    async drop() {
      if (destroyed) return
      destroyed = true
      open.delete(live)
      provider.destroy()
      await local.clearData().catch(() => {})
      doc.destroy()
    },
  }
  // Updates from the server and from IndexedDB carry their provider as origin; anything else was made here.
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return
    live.pending = true
    if (rejected && !resetting && openedIn === generation && !snapshots.has(name)) {
      rejected = false
      notify()
    }
  })
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0) live.pending = false
  })
  let wasWritable = false
  provider.on('authenticated', ({ scope }: { scope: string }) => {
    // Reconnected (after the network was gone) with fewer rights while holding edits the server did not take:
    // the read-only connection would never take them either.
    if (scope === 'readonly' && wasWritable && live.pending) void reset(CLOSE.accessChanged.code)
    wasWritable = scope === 'read-write'
  })
  if (snapshots.has(name)) {
    const timer = window.setTimeout(() => settle(name, null), CHECK_TIMEOUT_MS)
    const onSynced = () => {
      window.clearTimeout(timer)
      provider.off('synced', onSynced)
      settle(name, readLocal(doc, parseDocumentName(name)?.kind))
    }
    provider.on('synced', onSynced)
  }
  open.add(live)
  return live
}

export type SaveState = 'saved' | 'saving' | 'offline' | 'rejected'

/** Saved only when connected and no document has an update the server has not acknowledged as stored. */
export function saveStateOf(documents: LiveDocument[], path = COLLAB_PATH): SaveState {
  if (rejection() !== null) return 'rejected'
  const socket = sockets.get(path)
  if (!socket || socket.status !== WebSocketStatus.Connected) return 'offline'
  return documents.some((d) => d.provider.hasUnsyncedChanges || !d.provider.synced) ? 'saving' : 'saved'
}

/** A stable colour per user id for carets and presence. */
export function colorFor(id: number): string {
  const palette = ['#0b5360', '#7c2d12', '#4c1d95', '#14532d', '#831843', '#1e3a8a', '#713f12', '#134e4a']
  return palette[id % palette.length]!
}
