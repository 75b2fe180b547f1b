import { redirect, type RouterContextProvider } from 'react-router'
import { blankSessionCookie, invalidateSession } from '../../../server/auth/session'
import { getAuth, getServices } from '../../../server/auth/require'

export function logout(context: Readonly<RouterContextProvider>) {
  const services = getServices(context)
  const auth = getAuth(context)
  if (auth) {
    invalidateSession(services.db, auth.sessionId)
    services.onAccessChanged(auth.user.id)
  }
  return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie(services.env.secureCookies) } })
}
