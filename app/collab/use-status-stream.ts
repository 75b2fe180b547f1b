import { useEffect, useState } from 'react'
import type { AttainmentKey, Flags } from '~/lib/rating'

export type LiveStatus = { measureId: number; proposal: AttainmentKey | null; agreed: AttainmentKey | null; flags: Flags }

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
