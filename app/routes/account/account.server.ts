import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireAuth } from '../../../server/auth/require'
import { createSession, generateSessionToken, sessionCookie } from '../../../server/auth/session'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { changeOwnPassword, userDetail } from '../../../server/services/admin/users'
import { msg, newPasswordField, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadAccount(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const user = userDetail(getServices(context).db, auth.user.id)
  return {
    title: getT(context)('account:account.title'),
    name: auth.user.name,
    email: auth.user.email,
    demo: auth.user.demo,
    memberships: user?.memberships ?? [],
  }
}

const PasswordSchema = z
  .object({
    intent: z.literal('password'),
    currentPassword: z
      .string({ message: msg('account:account.currentMissing') })
      .min(1, msg('account:account.currentMissing'))
      .max(200, msg('account:login.passwordTooLong')),
    newPassword: newPasswordField,
    repeatPassword: z.string({ message: msg('account:account.repeatMissing') }).min(1, msg('account:account.repeatMissing')),
  })
  .refine((v) => v.newPassword === v.repeatPassword, { path: ['repeatPassword'], message: msg('account:account.repeatDiffers') })

/**
 * Ends every session of the account (a stolen session dies with the old password) and gives this browser a
 * fresh one, so the person stays logged in here. Wrong current passwords count towards the login limit.
 */
export async function changePassword(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const services = getServices(context)
  const t = getT(context)
  const which = { intent: 'password' }
  const parsed = parseForm(PasswordSchema, await request.formData(), t)
  if (!parsed.ok) return refused(parsed.errors, which)
  const limiter = services.loginLimiter.byAccount
  const wait = limiter.retryAfter(auth.user.email)
  if (wait > 0) return data({ ...which, errors: { form: t('account:account.tooManyAttempts', { count: Math.ceil(wait / 60000) }) } }, { status: 429 })
  try {
    await changeOwnPassword(services.db, { userId: auth.user.id, ...parsed.data })
  } catch (error) {
    if (error instanceof Error && 'field' in error && error.field === 'currentPassword') limiter.hit(auth.user.email)
    return refusalOf(context, error, which)
  }
  limiter.reset(auth.user.email)
  const token = generateSessionToken()
  const session = createSession(services.db, token, auth.user.id)
  services.onAccessChanged(auth.user.id)
  return data(done(t('account:account.changed'), which), {
    headers: { 'Set-Cookie': sessionCookie(token, session.expiresAt, services.env.secureCookies) },
  })
}
