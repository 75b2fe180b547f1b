import { redirect, type RouterContextProvider } from 'react-router'
import { createSession, generateSessionToken, sessionCookie } from '../../../server/auth/session'
import { generatePassword, hashPassword, verifyPassword } from '../../../server/auth/password'
import { getT, getAuth, getServices } from '../../../server/auth/require'
import { clientAddressContext } from '../../../server/context'
import { findUserByEmail } from '../../../server/services/admin/users'
import { parseForm } from '~/shared/forms'
import { LoginSchema, safeRedirect } from './login.schema'

type Ctx = Readonly<RouterContextProvider>

/** A failed login answers 200 with the message (a browser shows no network error for a mistyped password). */
const rejected = (errors: Record<string, string>) => ({ errors })

export function loadLogin(context: Ctx, request: Request) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  if (getAuth(context)) throw redirect(redirectTo)
  return { redirectTo, title: getT(context)('account:login.title') }
}

/** A real hash to verify against for unknown accounts, so they take as long as known ones (no enumeration). */
let dummyHash: Promise<string> | undefined
const getDummyHash = () => (dummyHash ??= hashPassword(generatePassword()))

export async function login(context: Ctx, request: Request) {
  const services = getServices(context)
  const form = await request.formData()
  const t = getT(context)
  const parsed = parseForm(LoginSchema, form, t)
  if (!parsed.ok) return rejected(parsed.errors)
  const { email, password, redirectTo } = parsed.data
  const address = context.get(clientAddressContext) || 'unbekannt'
  const { byAccount, byAddress } = services.loginLimiter
  const wait = Math.max(byAccount.retryAfter(email), byAddress.retryAfter(address))
  if (wait > 0) return rejected({ form: t('account:login.tooManyAttempts', { count: Math.ceil(wait / 60000) }) })
  const user = findUserByEmail(services.db, email)
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password)
  if (!user || !ok || !user.active) {
    byAccount.hit(email)
    byAddress.hit(address)
    return rejected({ form: user && ok && !user.active ? t('account:login.deactivated') : t('account:login.wrong') })
  }
  byAccount.reset(email)
  const token = generateSessionToken()
  const session = createSession(services.db, token, user.id)
  throw redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': sessionCookie(token, session.expiresAt, services.env.secureCookies) },
  })
}
