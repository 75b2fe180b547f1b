import type { Access } from './access'
import type { DocumentMeta } from './documents'

/** What every connection carries from the upgrade on (passed as Hocuspocus' default context). */
export type SocketContext = {
  /** One per WebSocket: documents-per-connection limit and re-checks group by it. */
  socketKey: string
}

/** The context of an authorized document connection (auth extension's onAuthenticate adds the rest). */
export type CollabContext = SocketContext & {
  userId: number
  userName: string
  /** The session's id (hash of its token), to notice a logout or deactivation later. */
  sessionId: string
  doc: DocumentMeta
  access: Access
}

export function isCollabContext(value: unknown): value is CollabContext {
  return typeof value === 'object' && value !== null && 'userId' in value && 'doc' in value
}
