import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { Role } from '~/shared/vocabulary'
import { openLiveDocument, rejection, saveStateOf, sharedSocket, type LiveDocument, type PresenceUser, type SaveState } from './connection'

/** A cross-unit role that presence names when the user works for none of the page's units. */
export type PresenceRole = Exclude<Role, 'editor'>
/** What a page tells the others about its user: name, unit (data) or else role (named in each reader's language). */
export type LiveUser = PresenceUser & { role?: PresenceRole }

/** Opens the named live documents for as long as the component is mounted (browser only). */
export function useLiveDocuments(names: string[], user: PresenceUser, path?: string): Map<string, LiveDocument> | null {
  const key = names.join('|')
  const [docs, setDocs] = useState<Map<string, LiveDocument> | null>(null)
  useEffect(() => {
    const opened = new Map(names.map((n) => [n, openLiveDocument(n, user, path)]))
    setDocs(opened)
    return () => {
      for (const d of opened.values()) d.destroy()
      setDocs(null)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, user.name])
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
 * The refusal of the server (close code 4413, 4422, …) and the documents it concerns: those with an edit made on
 * this page that the server had not yet acknowledged when it closed the connection. Their editors show it; null
 * while nothing was refused.
 */
export function useRefusal(docs: Map<string, LiveDocument> | null): { code: number; documents: ReadonlySet<string> } | null {
  const [refusal, setRefusal] = useState<{ code: number; documents: ReadonlySet<string> } | null>(null)
  useEffect(() => {
    if (!docs) return
    const list = [...docs.values()]
    const pending = new Set<string>()
    const cleanups: (() => void)[] = []
    for (const d of list) {
      // Updates from the server and from IndexedDB carry their provider as origin; anything else was made here.
      const onUpdate = (_update: Uint8Array, origin: unknown) => {
        if (origin !== d.provider && origin !== d.local) pending.add(d.name)
      }
      const onUnsynced = ({ number }: { number: number }) => {
        if (number === 0 && rejection() === null) pending.delete(d.name)
      }
      d.doc.on('update', onUpdate)
      d.provider.on('unsyncedChanges', onUnsynced)
      cleanups.push(() => {
        d.doc.off('update', onUpdate)
        d.provider.off('unsyncedChanges', onUnsynced)
      })
    }
    const check = () => {
      const code = rejection()
      if (code !== null) setRefusal((previous) => previous ?? { code, documents: new Set(pending) })
    }
    const socket = sharedSocket()
    socket.on('close', check)
    const timer = window.setInterval(check, 500)
    check()
    return () => {
      window.clearInterval(timer)
      socket.off('close', check)
      for (const cleanup of cleanups) cleanup()
    }
  }, [docs])
  return refusal
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
