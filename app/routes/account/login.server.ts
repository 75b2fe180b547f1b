import { redirect, type RouterContextProvider } from 'react-router'
import { createSession, generateSessionToken, sessionCookie } from '../../../server/auth/session'
import { generatePassword, hashPassword, verifyPassword } from '../../../server/auth/password'
import { getAuth, getServices } from '../../../server/auth/require'
import { clientAddressContext } from '../../../server/context'
import { findUserByEmail } from '../../../server/services/admin/users'
import { parseForm } from '~/shared/forms'
import { LoginSchema, safeRedirect } from './login.schema'

type Ctx = Readonly<RouterContextProvider>

export function loadLogin(context: Ctx, request: Request) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  if (getAuth(context)) throw redirect(redirectTo)
  return { redirectTo }
}

/** A real hash to verify against for unknown accounts, so they take as long as known ones (no enumeration). */
let dummyHash: Promise<string> | undefined
const getDummyHash = () => (dummyHash ??= hashPassword(generatePassword()))

export async function login(context: Ctx, request: Request) {
  const services = getServices(context)
  const form = await request.formData()
  const parsed = parseForm(LoginSchema, form)
  if (!parsed.ok) return { errors: parsed.errors }
  const { email, password, redirectTo } = parsed.data
  const address = context.get(clientAddressContext) || 'unbekannt'
  const { byAccount, byAddress } = services.loginLimiter
  const wait = Math.max(byAccount.retryAfter(email), byAddress.retryAfter(address))
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60000)
    return {
      errors: {
        form: `Zu viele Anmeldeversuche. Bitte warten Sie ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} und versuchen Sie es dann erneut.`,
      },
    }
  }
  const user = findUserByEmail(services.db, email)
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password)
  if (!user || !ok || !user.active) {
    byAccount.hit(email)
    byAddress.hit(address)
    return {
      errors: {
        form: user && ok && !user.active ? 'Dieses Konto ist deaktiviert.' : 'E-Mail oder Passwort ist falsch.',
      },
    }
  }
  byAccount.reset(email)
  const token = generateSessionToken()
  const session = createSession(services.db, token, user.id)
  throw redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': sessionCookie(token, session.expiresAt, services.env.secureCookies) },
  })
}
