import { EventEmitter } from 'node:events'

/**
 * In-process notifications of a forum's changes, for the server-sent-event streams of the plenary and projector
 * views and the participants' pages (server/events/sse.ts carries them). Publishers call after their transaction
 * committed. With several processes this becomes a Redis channel, like the status changes.
 */
export type ForumEvent =
  | { kind: 'cards'; forumId: number; phaseId: number }
  | { kind: 'poll'; forumId: number; pollId: number }
  | { kind: 'state'; forumId: number }

const emitter = new EventEmitter()
emitter.setMaxListeners(0)

export function publishForumEvent(event: ForumEvent): void {
  emitter.emit(`forum:${event.forumId}`, event)
}

export function subscribeForum(forumId: number, listener: (event: ForumEvent) => void): () => void {
  const name = `forum:${forumId}`
  emitter.on(name, listener)
  return () => emitter.off(name, listener)
}
