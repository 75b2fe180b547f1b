import { useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import type { Attainment, Flags } from '~/shared/vocabulary'

export type LiveStatus = { measureId: number; proposal: Attainment | null; agreed: Attainment | null; flags: Flags }

/** Rating changes of one round as they happen (server-sent events), keyed by measure. */
export function useStatusStream(roundId: number | undefined): Map<number, LiveStatus> {
  const [live, setLive] = useState<Map<number, LiveStatus>>(() => new Map())
  useEffect(() => {
    setLive(new Map())
    if (!roundId) return
    const source = new EventSource(`/live/status?runde=${roundId}`)
    source.onmessage = (message) => {
      try {
        const event = JSON.parse(message.data as string) as LiveStatus
        setLive((previous) => new Map(previous).set(event.measureId, event))
      } catch {
        // a malformed event is ignored; the next page load shows the stored state
      }
    }
    return () => source.close()
  }, [roundId])
  return live
}

/** Reload the page's loader (history, change log, proposals) shortly after a rating of one of these measures changed. */
export function useRevalidateOnStatusChange(roundId: number | undefined, measureIds: number[]) {
  const live = useStatusStream(roundId)
  const revalidator = useRevalidator()
  const timer = useRef<number | undefined>(undefined)
  const relevant = [...live.keys()].filter((id) => measureIds.includes(id)).map((id) => JSON.stringify(live.get(id)))
  const signature = relevant.join('|')
  useEffect(() => {
    if (!signature) return
    window.clearTimeout(timer.current)
    // Offline, the loader's request would fail and turn the page (and its editors, with what the user typed) into
    // an error page: reload its data once the browser is back online instead.
    let waiting: (() => void) | null = null
    const reload = () => {
      if (navigator.onLine) {
        void revalidator.revalidate()
        return
      }
      waiting = () => {
        waiting = null
        void revalidator.revalidate()
      }
      window.addEventListener('online', waiting, { once: true })
    }
    timer.current = window.setTimeout(reload, 800)
    return () => {
      window.clearTimeout(timer.current)
      if (waiting) window.removeEventListener('online', waiting)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature])
}
