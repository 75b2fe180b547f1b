import { redirect, type RouterContextProvider } from 'react-router'
import { translateKey, type MessageKey, type MessageValues } from '../../app/shared/i18n'
import { IdParam } from '../../app/shared/forms'
import { authContext, i18nContext, servicesContext, type Auth } from '../context'
import { decide, holdsRoleFor, type Action, type SubjectArgs } from '../policies/can'
import type { Reason } from '../policies/policy'

/**
 * The guards of loaders and actions. Each throws a Response: a redirect to the login page, or 403/404 with a
 * message in the request's language, which the route's ErrorBoundary shows (resource routes send it as text).
 */

type Ctx = Readonly<RouterContextProvider>

export function getServices(context: Ctx) {
  return context.get(servicesContext)
}

/** i18next in the request's language. */
export function getI18n(context: Ctx) {
  return context.get(i18nContext)
}

/** t in the request's language, for messages that loaders and actions send to the page. */
export function getT(context: Ctx) {
  return context.get(i18nContext).t
}

export function getAuth(context: Ctx): Auth | null {
  return context.get(authContext)
}

/** The logged-in user, or a redirect to the login page that comes back here afterwards. */
export function requireAuth(context: Ctx, request: Request): Auth {
  const auth = context.get(authContext)
  if (auth) return auth
  const url = new URL(request.url)
  const back = url.pathname + url.search
  throw redirect(`/login${back && back !== '/' ? `?redirectTo=${encodeURIComponent(back)}` : ''}`)
}

export function forbidden(message: string): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

export function notFound(message: string): Response {
  return new Response(message, { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** The policy's reason for a refusal, in the request's language. */
export function reasonText(context: Ctx, reason: Reason): string {
  return getT(context)(`policy:${reason}`)
}

/** Throws 403 (with the policy's reason) unless the policy allows the action. */
export function requireAbility<A extends Action>(context: Ctx, auth: Auth, action: A, ...subject: SubjectArgs<A>): void {
  const verdict = decide(auth.actor, action, ...subject)
  if (verdict !== 'allowed') throw forbidden(reasonText(context, verdict))
}

/**
 * The logged-in user whose role may take the action at all (else 403). For form actions whose subject's state the
 * service checks with the same policy rule, refusing with a message next to the form.
 */
export function requireRole(context: Ctx, request: Request, action: Action): Auth {
  const auth = requireAuth(context, request)
  if (!holdsRoleFor(auth.actor, action)) throw forbidden(reasonText(context, 'forbidden'))
  return auth
}

export function requireUserWithAbility<A extends Action>(context: Ctx, request: Request, action: A, ...subject: SubjectArgs<A>): Auth {
  const auth = requireAuth(context, request)
  requireAbility(context, auth, action, ...subject)
  return auth
}

/** A route's id parameter (/sitzungen/:id) as a number, or 404 with the message (in the request's language). */
export function requireIdParam(context: Ctx, param: string | undefined, notFoundKey: MessageKey, values: MessageValues = {}): number {
  const id = IdParam.safeParse(param)
  if (!id.success) throw notFound(translateKey(getT(context), notFoundKey, { id: param ?? '', ...values }))
  return id.data
}
