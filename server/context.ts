import { createContext } from 'react-router'
import type { i18n } from 'i18next'
import type { Doc as YDoc } from 'yjs'
import type { Db } from '../db/client'
import type { Env } from './env'
import type { RateLimiter } from './auth/rate-limit'
import type { ForumLimiters } from './auth/forum-session'
import type { Actor } from './policies/can'
import type { SessionUser } from './auth/session'
import type { Mailer } from './services/notices/mailer'
import type { KeptRequest } from './http/document-cache'

/** What the server creates once and hands to every loader and action through React Router's context. */
export type Services = {
  db: Db
  env: Env
  loginLimiter: { byAccount: RateLimiter; byAddress: RateLimiter }
  /** Joining a forum and posting cards and votes (server/auth/forum-session.ts). */
  forumLimiter: ForumLimiters
  /** SMTP for reminders; null when none is configured (reminders then stay in the app). */
  mailer: Mailer | null
  /** Called when sessions, memberships or users change so open WebSocket connections are re-checked. */
  onAccessChanged: (userId: number) => void
  /** The live documents, for server-side edits made through HTTP forms (see createCollab). */
  live: LiveDocuments
  /** The origins allowed to send state-changing requests and open WebSockets (server/http/origin.ts); set once the
   * server listens, as the loopback origins depend on its port. */
  origins: string[]
}

/** What HTTP actions may do with the live documents. */
export type LiveDocuments = {
  /** Applies `change` to a live document in one Yjs transaction on behalf of the user (null: a participant, whose forum session has no user): logged, projected,
   * audited and broadcast exactly like the same edit from a browser. The caller has checked the rights. */
  edit(name: string, userId: number | null, change: (doc: YDoc) => void): Promise<void>
  /** Re-checks every open connection of a round's documents (a meeting started or ended, a round closed). */
  recheckRound(roundId: number): void
  /** Re-checks every open connection to a forum's table posters (a phase opened or closed, the forum closed). */
  recheckForum(forumId: number): void
  /** Writes the narratives typed in the last moment into measure_status and goal_status (they follow the
   * keystrokes by up to half a second, see projection-narratives.ts); app.ts calls it before every request. */
  flush(): void
}

/** Until the collaboration server is attached (scripts and tests without one). */
export const detachedLive: LiveDocuments = {
  edit: () => Promise.reject(new Error('Live-Dokumente sind nicht gestartet.')),
  recheckRound: () => {},
  recheckForum: () => {},
  flush: () => {},
}

export type Auth = { user: SessionUser; actor: Actor; sessionId: string }

export const servicesContext = createContext<Services>()
export const authContext = createContext<Auth | null>(null)
export const nonceContext = createContext<string>('')
/** i18next in the request's language (server/http/language.ts); loaders and actions translate with it. */
export const i18nContext = createContext<i18n>()
/** The client's address, for the login rate limit. */
export const clientAddressContext = createContext<string>('')
/**
 * Markup (UTF-8) a loader offers for the page, keyed by the piece of loader data it renders (an object, or a
 * string by its value), rendered (or taken from a cache) by entry.server for a document response only; the
 * components get it through app/ui/server-markup.tsx. A fresh map per request (getLoadContext); null where a
 * context is made without it (tests).
 */
export const serverMarkupContext = createContext<Map<unknown, () => Buffer> | null>(null)
/**
 * This request's key for documents kept by request (server/http/document-cache.ts), when its path keeps
 * documents: entry.server links the key to the document it serves. Null otherwise.
 */
export const keptRequestContext = createContext<KeptRequest | null>(null)
