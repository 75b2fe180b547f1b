import { createContext } from 'react-router'
import type { Db } from '../db/client'
import type { Env } from './env'
import type { RateLimiter } from './auth/rate-limit'
import type { Actor } from './policies/can'
import type { SessionUser } from './auth/session'
import type { Mailer } from './services/mailer'

/** What the server creates once and hands to every loader and action through React Router's context. */
export type Services = {
  db: Db
  env: Env
  loginLimiter: { byAccount: RateLimiter; byAddress: RateLimiter }
  /** SMTP for reminders; null when none is configured (reminders then stay in the app). */
  mailer: Mailer | null
  /** Called when sessions, memberships or users change so open WebSocket connections are re-checked. */
  onAccessChanged: (userId: number) => void
}

export type Auth = { user: SessionUser; actor: Actor; sessionId: string }

export const servicesContext = createContext<Services>()
export const authContext = createContext<Auth | null>(null)
export const nonceContext = createContext<string>('')
/** The client's address, for the login rate limit. */
export const clientAddressContext = createContext<string>('')
