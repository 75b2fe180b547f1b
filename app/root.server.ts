import type { RouterContextProvider } from 'react-router'
import { getAuth, getI18n, getServices } from '../server/auth/require'
import { globalAbilities } from '../server/policies/can'
import { unreadNoticeCount } from '../server/services/notices/notices'
import type { Locale } from './shared/i18n'

export function loadRoot(context: Readonly<RouterContextProvider>) {
  const auth = getAuth(context)
  return {
    locale: getI18n(context).language as Locale,
    user: auth ? { name: auth.user.name, email: auth.user.email, demo: auth.user.demo } : null,
    abilities: globalAbilities(auth?.actor ?? null),
    /** For the header's "Hinweise" link: one COUNT on the notices (user_id, read_at) index. */
    unreadNotices: auth ? unreadNoticeCount(getServices(context).db, auth.user.id) : 0,
  }
}
