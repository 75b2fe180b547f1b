import { useEffect, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { Role } from '~/shared/vocabulary'
import {
  currentGeneration,
  currentRefusal,
  openLiveDocument,
  saveStateOf,
  sharedSocket,
  subscribeLive,
  type LiveDocument,
  type PresenceUser,
  type Refusal,
  type SaveState,
} from './connection'

/** A cross-unit role that presence names when the user works for none of the page's units. */
export type PresenceRole = Exclude<Role, 'editor'>
/** What a page tells the others about its user: name, unit (data) or else role (named in each reader's language). */
export type LiveUser = PresenceUser & { role?: PresenceRole }

/**
 * Opens the named live documents for as long as the component is mounted (browser only), and afresh from the
 * server after a refusal dropped them (connection.ts).
 */
export function useLiveDocuments(names: string[], user: PresenceUser, path?: string): Map<string, LiveDocument> | null {
  const key = names.join('|')
  const generation = useSyncExternalStore(subscribeLive, currentGeneration, () => 0)
  const [docs, setDocs] = useState<Map<string, LiveDocument> | null>(null)
  useEffect(() => {
    const opened = new Map(names.map((n) => [n, openLiveDocument(n, user, path)]))
    setDocs(opened)
    return () => {
      for (const d of opened.values()) d.destroy()
      setDocs(null)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, user.name, generation])
  return docs
}

/** Re-renders when a Y.Map changes and returns its current plain value. */
export function useYMap<T extends Record<string, unknown>>(map: Y.Map<unknown> | undefined): Partial<T> {
  const [value, setValue] = useState<Partial<T>>(() => (map ? (map.toJSON() as Partial<T>) : {}))
  useEffect(() => {
    if (!map) return
    const handler = () => setValue(map.toJSON() as Partial<T>)
    handler()
    map.observe(handler)
    return () => map.unobserve(handler)
  }, [map])
  return value
}

/** Saved, saving, offline, refused: polled from the providers (cheap: a few fields). */
export function useSaveState(docs: Map<string, LiveDocument> | null, path?: string): SaveState | 'connecting' {
  const [state, setState] = useState<SaveState | 'connecting'>('connecting')
  useEffect(() => {
    if (!docs) return
    const list = [...docs.values()]
    const update = () => setState(saveStateOf(list, path))
    const socket = sharedSocket(path)
    socket.on('status', update)
    for (const d of list) {
      d.provider.on('unsyncedChanges', update)
      d.provider.on('synced', update)
    }
    const timer = window.setInterval(update, 500)
    update()
    return () => {
      window.clearInterval(timer)
      socket.off('status', update)
      for (const d of list) {
        d.provider.off('unsyncedChanges', update)
        d.provider.off('synced', update)
      }
    }
  }, [docs])
  return state
}

/**
 * Whether the server opened every one of these documents read-only (Hocuspocus' authorized scope): then there is
 * nothing of the user's to save, and the page says "Nur lesen" instead of "Gespeichert".
 */
export function useReadOnly(docs: Map<string, LiveDocument> | null): boolean {
  const [readOnly, setReadOnly] = useState(false)
  useEffect(() => {
    if (!docs) return
    const list = [...docs.values()]
    const update = () => setReadOnly(list.length > 0 && list.every((d) => d.provider.authorizedScope === 'readonly'))
    for (const d of list) d.provider.on('authenticated', update)
    update()
    return () => {
      for (const d of list) d.provider.off('authenticated', update)
    }
  }, [docs])
  return readOnly
}

/**
 * The server's last refusal or close that concerns this page's documents (connection.ts: its code, which were
 * writable, what of the user's edits it does not have), or null while there is none.
 */
export function useRefusal(names: readonly string[]): Refusal | null {
  const refusal = useSyncExternalStore(subscribeLive, currentRefusal, () => null)
  return refusal && names.some((name) => refusal.documents.has(name)) ? refusal : null
}

/** What the server lets this page do with the document now: 'write', 'read', or null until it said so. */
export function useAccess(live: LiveDocument | undefined): 'read' | 'write' | null {
  const scopeOf = (d: LiveDocument | undefined) => (d?.provider.authorizedScope === 'read-write' ? 'write' : d?.provider.authorizedScope === 'readonly' ? 'read' : null)
  const [access, setAccess] = useState<'read' | 'write' | null>(() => scopeOf(live))
  useEffect(() => {
    if (!live) return
    const update = () => setAccess(scopeOf(live))
    update()
    live.provider.on('authenticated', update)
    return () => {
      live.provider.off('authenticated', update)
    }
  }, [live])
  return access
}

/**
 * Whether the user may type into the document now: as the page was loaded (`canEdit`), and after a refusal only
 * where the server opened the document writable again; never once its round closed.
 */
export function useEditable(live: LiveDocument | undefined, canEdit: boolean, refusal: Refusal | null): boolean {
  const access = useAccess(live)
  if (!canEdit) return false
  if (!refusal) return access !== 'read'
  return refusal.code !== 4423 && access === 'write'
}

export type AwarenessUser = LiveUser & { clientId: number }

/** Who is on the page now, from the awareness of one document (the goal's). */
export function usePresence(live: LiveDocument | undefined): AwarenessUser[] {
  const [users, setUsers] = useState<AwarenessUser[]>([])
  useEffect(() => {
    const awareness = live?.provider.awareness
    if (!awareness) return
    const update = () => {
      const list: AwarenessUser[] = []
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: LiveUser }).user
        if (user && typeof user.name === 'string') list.push({ ...user, clientId })
      })
      setUsers(list)
    }
    awareness.on('change', update)
    update()
    return () => awareness.off('change', update)
  }, [live])
  return users
}

/** Whether the document has synced with the server at least once since it was opened (until then a page shows
 * what its loader sent). */
export function useSynced(live: LiveDocument | undefined): boolean {
  const [synced, setSynced] = useState(() => live?.provider.isSynced ?? false)
  useEffect(() => {
    if (!live) return
    const update = () => setSynced(live.provider.isSynced)
    update()
    live.provider.on('synced', update)
    return () => {
      live.provider.off('synced', update)
    }
  }, [live])
  return synced
}
