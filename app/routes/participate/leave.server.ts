import { redirect, type RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { blankForumSessionCookie, endForumSession, readForumSessionToken } from '../../../server/auth/forum-session'
import { sessionIdFromToken } from '../../../server/auth/session'

export function leaveForum(context: Readonly<RouterContextProvider>, request: Request) {
  const services = getServices(context)
  const token = readForumSessionToken(request.headers.get('cookie'))
  if (token) endForumSession(services.db, sessionIdFromToken(token))
  return redirect('/mitmachen?verlassen=1', { headers: { 'Set-Cookie': blankForumSessionCookie(services.env.secureCookies) } })
}
