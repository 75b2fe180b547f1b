import { parseCookie, stringifySetCookie } from 'cookie'
import { data, type RouterContextProvider } from 'react-router'
import { clientAddressContext, i18nContext } from '../../../server/context'
import { getServices } from '../../../server/auth/require'
import { PARTICIPANT_PATH, requireForumSession } from '../../../server/auth/forum-session'
import { i18nFor } from '~/shared/i18n/resources'
import { isParticipantLanguage, PARTICIPANT_LANGUAGES, type ParticipantLanguage } from '~/shared/i18n/languages'
import { translateKey, type MessageKey, type MessageValues } from '~/shared/i18n'
import type { Refusal } from '../../../server/services/refusal'
import type { Verdict } from '../../../server/policies/can'

/**
 * What every participant page shares on the server: the participant language (its own cookie, so that a staff
 * member's de/en choice and a participant's Arabic never mix), the session, the client's address for the limits.
 */

type Ctx = Readonly<RouterContextProvider>

export const PARTICIPANT_LANGUAGE_COOKIE = 'zw_forum_lang'

/** The cookie's language, else the browser's first participant language, else German. */
export function participantLanguage(request: Request): ParticipantLanguage {
  const cookie = request.headers.get('cookie')
  const chosen = cookie ? parseCookie(cookie)[PARTICIPANT_LANGUAGE_COOKIE] : undefined
  if (isParticipantLanguage(chosen)) return chosen
  const accepted = (request.headers.get('accept-language') ?? '')
    .split(',')
    .map((part) => part.trim().split(';')[0]!.toLowerCase().split('-')[0]!)
  return accepted.find(isParticipantLanguage) ?? 'de'
}

export function participantLanguageCookie(language: ParticipantLanguage, secure: boolean): string {
  return stringifySetCookie({ name: PARTICIPANT_LANGUAGE_COOKIE, value: language, path: PARTICIPANT_PATH, sameSite: 'lax', maxAge: 365 * 24 * 3600, secure })
}

/**
 * Route middleware of the participant pages: the request's i18next becomes the participant language's, for the
 * loaders, the actions and the rendering (entry.server reads the same context), so <html lang dir> follows it.
 */
export function setParticipantLanguage(context: Readonly<RouterContextProvider>, request: Request) {
  context.set(i18nContext, i18nFor(participantLanguage(request)))
}

export const getParticipantT = (context: Ctx) => context.get(i18nContext).t
export const clientAddress = (context: Ctx) => context.get(clientAddressContext) || 'unknown'

export function forumSessionOf(context: Ctx, request: Request) {
  return requireForumSession(getServices(context).db, request)
}

/** A policy verdict as the participant's message (participant:reason.*). */
export function reasonMessage(context: Ctx, verdict: Exclude<Verdict, 'allowed'>): string {
  const known = ['forbidden', 'forumNotOpen', 'forumClosed', 'phaseNotOpen', 'phaseClosed', 'pollNotOpen', 'pollClosed', 'otherTable'] as const
  const key = (known as readonly string[]).includes(verdict) ? verdict : 'forbidden'
  return translateKey(getParticipantT(context), `participant:reason.${key}`)
}

export function participantMessage(context: Ctx, key: MessageKey, values: MessageValues = {}): string {
  return translateKey(getParticipantT(context), key, values)
}

/** A refused participant form: the message next to its field, with the status that says why. */
export function refusedWith(status: number, intent: string, errors: Record<string, string>, values?: Record<string, string>) {
  return data({ intent, errors, values }, { status })
}

export function refusalText(context: Ctx, refusal: Refusal): string {
  return refusal.text(getParticipantT(context))
}

export const LANGUAGE_CHOICES = PARTICIPANT_LANGUAGES
