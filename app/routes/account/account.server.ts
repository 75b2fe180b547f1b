import { data, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, requireAuth } from '../../../server/auth/require'
import { createSession, generateSessionToken, sessionCookie } from '../../../server/auth/session'
import { UserError, changeOwnPassword, userDetail } from '../../../server/services/admin/users'
import { newPasswordField, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadAccount(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const user = userDetail(getServices(context).db, auth.user.id)
  return { name: auth.user.name, email: auth.user.email, demo: auth.user.demo, memberships: user?.memberships ?? [] }
}

const PasswordSchema = z
  .object({
    intent: z.literal('password'),
    currentPassword: z.string({ message: 'Bitte das aktuelle Passwort angeben.' }).min(1, 'Bitte das aktuelle Passwort angeben.').max(200, 'Das Passwort ist zu lang.'),
    newPassword: newPasswordField,
    repeatPassword: z.string({ message: 'Bitte das neue Passwort wiederholen.' }).min(1, 'Bitte das neue Passwort wiederholen.'),
  })
  .refine((v) => v.newPassword === v.repeatPassword, { path: ['repeatPassword'], message: 'Die Wiederholung stimmt nicht mit dem neuen Passwort überein.' })

/**
 * Ends every session of the account (a stolen session dies with the old password) and gives this browser a
 * fresh one, so the person stays logged in here. Wrong current passwords count towards the login limit.
 */
export async function changePassword(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const services = getServices(context)
  const parsed = parseForm(PasswordSchema, await request.formData())
  if (!parsed.ok) return data({ intent: 'password', errors: parsed.errors }, { status: 400 })
  const limiter = services.loginLimiter.byAccount
  const wait = limiter.retryAfter(auth.user.email)
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60000)
    return data({ intent: 'password', errors: { form: `Zu viele Fehlversuche. Bitte warten Sie ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'}.` } }, { status: 429 })
  }
  try {
    await changeOwnPassword(services.db, { userId: auth.user.id, ...parsed.data })
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    if (error.field === 'currentPassword') limiter.hit(auth.user.email)
    return data({ intent: 'password', errors: { [error.field]: error.message } }, { status: 400 })
  }
  limiter.reset(auth.user.email)
  const token = generateSessionToken()
  const session = createSession(services.db, token, auth.user.id)
  services.onAccessChanged(auth.user.id)
  return data(
    { intent: 'password', success: 'Ihr Passwort ist geändert. Alle anderen Sitzungen wurden beendet; in diesem Browser bleiben Sie angemeldet.' },
    { headers: { 'Set-Cookie': sessionCookie(token, session.expiresAt, services.env.secureCookies) } },
  )
}
