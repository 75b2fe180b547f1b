import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { CLOSE } from '../shared/live/close-codes'

/**
 * One WebSocket per browser tab, shared by every live document of the page (Hocuspocus multiplexes them).
 * Each document also lives in IndexedDB, so edits made offline survive a reload and merge on reconnect.
 */
const sockets = new Map<string, HocuspocusProviderWebsocket>()
const open = new Set<LiveDocument>()
/** Staff pages' upgrade path; participants' pages use /mitmachen/collab, where their forum cookie is sent. */
export const COLLAB_PATH = '/collab'
export const FORUM_COLLAB_PATH = '/mitmachen/collab'

/**
 * Close codes after which re-sending would be rejected again (app/shared/live/close-codes.ts). Not among them on
 * purpose: 4422 with the reason of `unknownState` (an update arrived ahead of one the server lacks; after
 * reconnecting, the sync sends everything gap-free) and 4430 (too many messages; the provider reconnects with its
 * back-off).
 */
const REJECTED = new Set([4413, 4422, 4423, 4424, 4425])

function isRejection(event: { code: number; reason?: string }): boolean {
  return REJECTED.has(event.code) && !(event.code === CLOSE.unknownState.code && event.reason === CLOSE.unknownState.reason)
}
let rejectedCode: number | null = null

export function sharedSocket(path = COLLAB_PATH): HocuspocusProviderWebsocket {
  let socket = sockets.get(path)
  if (!socket) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    socket = new HocuspocusProviderWebsocket({ url: `${scheme}://${window.location.host}${path}` })
    sockets.set(path, socket)
    socket.on('close', ({ event }: { event: { code: number; reason?: string } }) => {
      if (!isRejection(event)) return
      // The provider would reconnect and send the same refused change forever: stop, and drop the local copy
      // so that a reload starts again from what the server stored.
      rejectedCode = event.code
      for (const d of open) {
        void d.local.clearData()
        d.destroy()
      }
      sockets.get(path)?.disconnect()
    })
  }
  return socket
}

export function rejection(): number | null {
  return rejectedCode
}

export type PresenceUser = { name: string; unit: string; color: string }

export type LiveDocument = {
  name: string
  doc: Y.Doc
  provider: HocuspocusProvider
  local: IndexeddbPersistence
  destroy: () => void
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
  const live: LiveDocument = {
    name,
    doc,
    provider,
    local,
    destroy() {
      if (!open.delete(live)) return
      provider.destroy()
      void local.destroy()
      doc.destroy()
    },
  }
  open.add(live)
  return live
}

export type SaveState = 'saved' | 'saving' | 'offline' | 'rejected'

/** Saved only when connected and no document has an update the server has not acknowledged as stored. */
export function saveStateOf(documents: LiveDocument[], path = COLLAB_PATH): SaveState {
  if (rejectedCode !== null) return 'rejected'
  const socket = sockets.get(path)
  if (!socket || socket.status !== WebSocketStatus.Connected) return 'offline'
  return documents.some((d) => d.provider.hasUnsyncedChanges || !d.provider.synced) ? 'saving' : 'saved'
}

/** A stable colour per user id for carets and presence. */
export function colorFor(id: number): string {
  const palette = ['#0b5360', '#7c2d12', '#4c1d95', '#14532d', '#831843', '#1e3a8a', '#713f12', '#134e4a']
  return palette[id % palette.length]!
}
