import { useEffect, useRef } from 'react'
import { useRevalidator } from 'react-router'

/**
 * Reloads the page's loader data when the forum's event stream (server-sent events) says something it shows
 * changed: `kinds` are the events that matter to the page. Several events in quick succession cause one reload.
 */
export function useRevalidateOnForumEvents(url: string | null, kinds: readonly string[], delayMs = 150) {
  const revalidator = useRevalidator()
  const timer = useRef<number | undefined>(undefined)
  const kindsKey = kinds.join(',')
  useEffect(() => {
    if (!url) return
    const source = new EventSource(url)
    source.onmessage = (message) => {
      let kind = ''
      try {
        kind = (JSON.parse(message.data as string) as { kind?: string }).kind ?? ''
      } catch {
        return
      }
      if (!kindsKey.split(',').includes(kind)) return
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => void revalidator.revalidate(), delayMs)
    }
    return () => {
      window.clearTimeout(timer.current)
      source.close()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, kindsKey, delayMs])
}
