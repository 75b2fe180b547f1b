import type { RouterContextProvider } from 'react-router'
import { getAuth, getServices } from '../server/auth/require'
import { globalAbilities } from '../server/policies/can'
import { unreadNoticeCount } from '../server/services/notices/notices'
import { localeFromCookie } from './shared/i18n/index'

export function loadRoot(context: Readonly<RouterContextProvider>, request: Request) {
  const auth = getAuth(context)
  return {
    locale: localeFromCookie(request.headers.get('cookie')),
    user: auth ? { name: auth.user.name, email: auth.user.email, demo: auth.user.demo } : null,
    abilities: globalAbilities(auth?.actor ?? null),
    /** For the header's "Hinweise" link: one COUNT on the notices (user_id, read_at) index. */
    unreadNotices: auth ? unreadNoticeCount(getServices(context).db, auth.user.id) : 0,
  }
}
