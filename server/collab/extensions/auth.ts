import type {
  Connection,
  Extension,
  beforeHandleAwarenessPayload,
  connectedPayload,
  onAuthenticatePayload,
  onDisconnectPayload,
  onStatelessPayload,
} from '@hocuspocus/server'
import type { Db } from '../../../db/client'
import { authenticate, loadActor } from '../../auth/actor'
import { validateSessionToken } from '../../auth/session'
import { actorOfSession, decideAccess, type Access } from '../access'
import { CLOSE, CollabError, type CloseCode } from '../../../app/shared/live/close-codes'
import { resolveDocument, type DocumentMeta } from '../documents'
import { forumSessionById, forumSessionOfUpgrade, ownTable } from '../poster-access'
import { parseDocumentName } from '../../../app/shared/live/names'
import { isCollabContext, type CollabContext, type SocketContext } from '../types'
import type { Metrics } from './metrics'

export type AuthOptions = {
  db: Db
  /** Documents one WebSocket may have open at once (a goal page needs about 2 per measure + 1). */
  maxDocumentsPerConnection: number
  /** Bytes of one client's awareness state (name, unit, colour, caret). */
  maxAwarenessStateBytes: number
  metrics?: Metrics
}

/** Closes the whole WebSocket of a document connection, so every document on it reconnects and re-authorizes. */
export function closeSocket(connection: Pick<Connection, 'webSocket'>, close: CloseCode): void {
  try {
    connection.webSocket.close(close.code, close.reason)
  } catch {
    // already closing
  }
}

/**
 * Authentication and authorization per document, decided at connect time with the same `can()` as the HTTP
 * routes: refuse (the provider gets "permission denied" with the reason), read-only, or write. Also filters
 * what read-only connections may still send (awareness, stateless messages), limits the documents per
 * WebSocket, and re-checks a user's open connections when his access changes.
 */
export class Auth implements Extension {
  extensionName = 'zielwerk-auth'

  private readonly documentsBySocket = new Map<string, Set<string>>()
  /** WebSockets with at least one document authorized since they opened (their budget before that is smaller). */
  private readonly authorizedSockets = new Set<string>()
  private readonly connectionsByUser = new Map<number, Set<Connection>>()
  /** Forum sessions' connections (participants have no user id), by forum. */
  private readonly connectionsByForum = new Map<number, Set<Connection>>()

  constructor(private readonly options: AuthOptions) {}

  async onAuthenticate(data: onAuthenticatePayload): Promise<Omit<CollabContext, keyof SocketContext>> {
    try {
      return this.authorize(data)
    } catch (error) {
      if (this.options.metrics) this.options.metrics.counters.documentsRefused++
      throw error
    }
  }

  private authorize(data: onAuthenticatePayload): Omit<CollabContext, keyof SocketContext> {
    const { db } = this.options
    const parsed = parseDocumentName(data.documentName)
    if (!parsed) throw new CollabError(CLOSE.badName, data.documentName.slice(0, 80))
    if ((data.context as SocketContext).via === 'forum') return this.authorizeForumSession(data, parsed)

    // The browser's HttpOnly session cookie comes with the upgrade (same origin); Node clients pass the token.
    const fromCookie = authenticate(db, data.requestHeaders.get('cookie'))
    let session: { userId: number; userName: string; sessionId: string; actor: ReturnType<typeof loadActor> } | null = null
    if (fromCookie) {
      session = { userId: fromCookie.user.id, userName: fromCookie.user.name, sessionId: fromCookie.sessionId, actor: fromCookie.actor }
    } else if (data.token) {
      const validated = validateSessionToken(db, data.token)
      if (validated) {
        session = {
          userId: validated.user.id,
          userName: validated.user.name,
          sessionId: validated.session.id,
          actor: loadActor(db, validated.user.id),
        }
      }
    }
    if (!session) throw new CollabError(CLOSE.unauthenticated)

    const open = this.openDocuments(data)
    const doc = resolveDocument(db, parsed)
    if (!doc) throw new CollabError(CLOSE.notFound, data.documentName)
    const decision = decideAccess(session.actor, doc)
    if ('refuse' in decision) throw new CollabError(decision.refuse, `${data.documentName} für Benutzer ${session.userId}`)

    this.admit(data, open, decision.access)
    return { userId: session.userId, userName: session.userName, sessionId: session.sessionId, doc, access: decision.access }
  }

  /** The documents this WebSocket has open, refusing one more beyond the limit. */
  private openDocuments(data: onAuthenticatePayload): Set<string> {
    const socketKey = (data.context as SocketContext).socketKey
    const open = this.documentsBySocket.get(socketKey) ?? new Set<string>()
    if (!open.has(data.documentName) && open.size >= this.options.maxDocumentsPerConnection) {
      throw new CollabError(CLOSE.tooManyDocuments, `${open.size} offen`)
    }
    return open
  }

  private admit(data: onAuthenticatePayload, open: Set<string>, access: 'read' | 'write') {
    const socketKey = (data.context as SocketContext).socketKey
    data.connectionConfig.readOnly = access === 'read'
    open.add(data.documentName)
    this.documentsBySocket.set(socketKey, open)
    this.authorizedSockets.add(socketKey)
  }

  /**
   * An upgrade on /mitmachen/collab: only a forum session authenticates there (poster-access.ts), and it opens only
   * table posters, decided with 'poster.read' / 'poster.write' and the table it sits at in the poster's phase.
   */
  private authorizeForumSession(data: onAuthenticatePayload, parsed: NonNullable<ReturnType<typeof parseDocumentName>>): Omit<CollabContext, keyof SocketContext> {
    const { db } = this.options
    const session = forumSessionOfUpgrade(db, data.requestHeaders.get('cookie'), data.token)
    if (!session) throw new CollabError(CLOSE.unauthenticated)
    if (parsed.kind !== 'poster') throw new CollabError(CLOSE.forbidden, `${data.documentName} für eine Forumssitzung`)
    const open = this.openDocuments(data)
    const doc = resolveDocument(db, parsed)
    if (!doc) throw new CollabError(CLOSE.notFound, data.documentName)
    const decision = decideAccess(session.actor, doc, ownTable(db, session.participant, parsed.phaseId))
    if ('refuse' in decision) throw new CollabError(decision.refuse, `${data.documentName} für Teilnehmende ${session.participant.id}`)
    this.admit(data, open, decision.access)
    return {
      userId: 0,
      userName: session.participant.name,
      sessionId: session.sessionId,
      participant: { participantId: session.participant.id, forumId: session.actor.forumId },
      doc,
      access: decision.access,
    }
  }

  async connected({ connection, context }: connectedPayload) {
    if (!isCollabContext(context)) return
    const byKey: Map<number, Set<Connection>> = context.participant ? this.connectionsByForum : this.connectionsByUser
    const key = context.participant ? context.participant.forumId : context.userId
    const set = byKey.get(key) ?? new Set<Connection>()
    set.add(connection)
    byKey.set(key, set)
    connection.onClose(() => {
      set.delete(connection)
      if (set.size === 0 && byKey.get(key) === set) byKey.delete(key)
    })
  }

  async onDisconnect({ context, documentName }: onDisconnectPayload) {
    const socketKey = (context as Partial<SocketContext> | undefined)?.socketKey
    if (!socketKey) return
    const open = this.documentsBySocket.get(socketKey)
    open?.delete(documentName)
    if (open && open.size === 0) this.documentsBySocket.delete(socketKey)
  }

  /** Forget a WebSocket's documents when it closes (documents refused after authorization are not disconnected). */
  forgetSocket(socketKey: string) {
    this.documentsBySocket.delete(socketKey)
    this.authorizedSockets.delete(socketKey)
  }

  /** True once any document of this WebSocket was authorized. */
  hasAuthorized(socketKey: string): boolean {
    return this.authorizedSockets.has(socketKey)
  }

  /**
   * Read-only connections take no part in awareness (no presence, no caret); writers' states are bounded in
   * size and carry their real name, whatever the client claims.
   */
  async beforeHandleAwareness({ connection, context, states }: beforeHandleAwarenessPayload) {
    if (!connection) return
    if (connection.readOnly) {
      states.clear()
      return
    }
    if (states.size > 8) {
      closeSocket(connection, CLOSE.tooLarge)
      throw new CollabError(CLOSE.tooLarge, `${states.size} Awareness-Zustände in einer Nachricht`)
    }
    for (const state of states.values()) {
      if (JSON.stringify(state).length > this.options.maxAwarenessStateBytes) {
        closeSocket(connection, CLOSE.tooLarge)
        throw new CollabError(CLOSE.tooLarge, 'Awareness-Zustand zu groß')
      }
      const user = (state as { user?: unknown }).user
      if (isCollabContext(context) && typeof user === 'object' && user !== null) {
        ;(user as { name?: unknown }).name = context.userName
      }
    }
  }

  /** Zielwerk uses no stateless messages yet; a read-only connection's are dropped before any later hook. */
  async onStateless({ connection }: onStatelessPayload) {
    if (connection.readOnly) {
      // An error without a message stops the hook chain silently (see ClientConnection's onStatelessCallback).
      throw new Error()
    }
  }

  /**
   * Re-checks a user's open document connections: a session that ended or a deactivated user closes them
   * (4401); lost access closes them (4403); a change between read and write closes them with 4410 so the
   * provider reconnects and gets its new rights.
   */
  reevaluate(userId: number): number {
    const connections = this.connectionsByUser.get(userId)
    if (!connections) return 0
    let closed = 0
    for (const connection of connections) {
      const context = connection.context as unknown
      if (!isCollabContext(context)) continue
      const close = this.recheck(context)
      if (close) {
        closeSocket(connection, close)
        closed++
      }
    }
    return closed
  }

  /** Re-checks every open connection of a round (e.g. after it was closed). */
  reevaluateRound(roundId: number): number {
    let closed = 0
    for (const connections of this.connectionsByUser.values()) {
      for (const connection of connections) {
        const context = connection.context as unknown
        if (!isCollabContext(context) || context.doc.kind === 'poster' || context.doc.roundId !== roundId) continue
        const close = this.recheck(context)
        if (close) {
          closeSocket(connection, close)
          closed++
        }
      }
    }
    return closed
  }

  /**
   * Re-checks every open connection to a forum's posters, staff's and participants' (a phase opened or closed, the
   * forum closed, seating changed): a poster no longer writable closes with 4410, and the provider reconnects read-only.
   */
  reevaluateForum(forumId: number): number {
    let closed = 0
    const groups = [...this.connectionsByUser.values(), this.connectionsByForum.get(forumId) ?? new Set<Connection>()]
    for (const connections of groups) {
      for (const connection of connections) {
        const context = connection.context as unknown
        if (!isCollabContext(context) || context.doc.kind !== 'poster' || context.doc.forumId !== forumId) continue
        const close = this.recheck(context)
        if (close) {
          closeSocket(connection, close)
          closed++
        }
      }
    }
    return closed
  }

  private recheck(context: CollabContext): CloseCode | null {
    const { db } = this.options
    const parsed = parseDocumentName(context.doc.name)
    const doc = parsed ? resolveDocument(db, parsed) : null
    if (context.participant) {
      const session = forumSessionById(db, context.sessionId)
      if (!session) return CLOSE.unauthenticated
      if (!doc || doc.kind !== 'poster') return CLOSE.notFound
      const decision = decideAccess(session.actor, doc, ownTable(db, session.participant, doc.phaseId))
      if ('refuse' in decision) return decision.refuse
      return decision.access === context.access ? null : CLOSE.accessChanged
    }
    const actor = actorOfSession(db, context.sessionId)
    if (!actor) return CLOSE.unauthenticated
    if (!doc) return CLOSE.notFound
    const decision = decideAccess(actor, doc)
    if ('refuse' in decision) return decision.refuse
    return closeForChange(context, doc, decision.access)
  }
}

/**
 * Why an open connection must go, now that its document is `now` and its user's access `access`: a round that
 * closed since the connection opened closes every connection of its documents, readers' too, with 4423, so each
 * page learns why it is read-only from now on; a meeting that stopped running closes its writers with 4424; any
 * other change of read or write closes with 4410. Null: nothing changed for this connection.
 */
export function closeForChange(context: Pick<CollabContext, 'doc' | 'access'>, now: DocumentMeta, access: Access): CloseCode | null {
  if (context.doc.kind !== 'poster' && now.kind !== 'poster' && context.doc.roundState === 'open' && now.roundState !== 'open') return CLOSE.roundClosed
  if (access === context.access) return null
  if (access === 'read' && now.kind === 'meeting' && now.meetingState !== 'running') return CLOSE.meetingNotRunning
  return CLOSE.accessChanged
}
