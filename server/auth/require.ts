import { redirect, type RouterContextProvider } from 'react-router'
import { authContext, i18nContext, servicesContext, type Auth } from '../context'
import { can, type Action } from '../policies/can'

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

export function forbidden(message = 'Sie haben keine Berechtigung für diese Seite oder Aktion.'): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden' })
}

export function notFound(message = 'Nicht gefunden.'): Response {
  return new Response(message, { status: 404, statusText: 'Not Found' })
}

/** Throws 403 unless the policy allows the action. */
export function requireAbility<A extends Action>(auth: Auth, action: A, subject?: Parameters<typeof can<A>>[2]): void {
  if (!can(auth.actor, action, subject)) throw forbidden()
}

export function requireUserWithAbility<A extends Action>(
  context: Ctx,
  request: Request,
  action: A,
  subject?: Parameters<typeof can<A>>[2],
): Auth {
  const auth = requireAuth(context, request)
  requireAbility(auth, action, subject)
  return auth
}
