import type { Access } from './access'
import type { DocumentMeta } from './documents'

/** What every connection carries from the upgrade on (passed as Hocuspocus' default context). */
export type SocketContext = {
  /** One per WebSocket: documents-per-connection limit and re-checks group by it. */
  socketKey: string
  /** The upgrade path: staff sessions on /collab, forum sessions (participants) on /mitmachen/collab. */
  via?: 'staff' | 'forum'
}

/** The context of an authorized document connection (auth extension's onAuthenticate adds the rest). */
export type CollabContext = SocketContext & {
  /** The staff user; for a forum session the id of no user: 0 (no users row has it), see `participant`. */
  userId: number
  userName: string
  /** The session's id (hash of its token), to notice a logout or deactivation later; for a forum session the
   * forum_sessions row's id. */
  sessionId: string
  /** Set when a forum session (a participant without an account, on /mitmachen/collab) holds the connection. */
  participant?: { participantId: number; forumId: number }
  doc: DocumentMeta
  access: Access
}

export function isCollabContext(value: unknown): value is CollabContext {
  return typeof value === 'object' && value !== null && 'userId' in value && 'doc' in value
}
