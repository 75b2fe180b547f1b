import { redirect, type RouterContextProvider } from 'react-router'
import { getServices } from '../../../server/auth/require'
import { blankForumSessionCookie, endForumSession, readForumSessionToken, validateForumSession } from '../../../server/auth/forum-session'
import { sessionIdFromToken } from '../../../server/auth/session'

export function leaveForum(context: Readonly<RouterContextProvider>, request: Request) {
  const services = getServices(context)
  const token = readForumSessionToken(request.headers.get('cookie'))
  const session = token ? validateForumSession(services.db, token) : null
  if (token) endForumSession(services.db, sessionIdFromToken(token))
  // The poster connections of the session that ended close (4401) instead of writing on.
  if (session) services.live.recheckForum(session.forum.id)
  return redirect('/mitmachen?verlassen=1', { headers: { 'Set-Cookie': blankForumSessionCookie(services.env.secureCookies) } })
}
