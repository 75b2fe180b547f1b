import { EventEmitter } from 'node:events'
import type { Attainment } from '../../app/shared/vocabulary'
import type { FlagSet } from '../services/catalogue/catalogue'

/**
 * In-process notifications of projected status changes, for pages that show many measures at once (the
 * overview) and would otherwise have to open 134 live documents. The projection publishes after its
 * transaction commits; the /live/status stream forwards to browsers. With several processes this becomes a
 * Redis channel next to @hocuspocus/extension-redis.
 */
export type StatusEvent = {
  roundId: number
  measureId: number
  proposal: Attainment | null
  agreed: Attainment | null
  flags: FlagSet
}

const emitter = new EventEmitter()
emitter.setMaxListeners(0)

export function publishStatusChange(event: StatusEvent): void {
  emitter.emit('status', event)
}

export function subscribeStatusChanges(listener: (event: StatusEvent) => void): () => void {
  emitter.on('status', listener)
  return () => emitter.off('status', listener)
}
