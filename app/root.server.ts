import type { RouterContextProvider } from 'react-router'
import { getAuth } from '../server/auth/require'
import { globalAbilities } from '../server/policies/can'
import { localeFromCookie } from './lib/i18n'

export function loadRoot(context: Readonly<RouterContextProvider>, request: Request) {
  const auth = getAuth(context)
  return {
    locale: localeFromCookie(request.headers.get('cookie')),
    user: auth ? { name: auth.user.name, email: auth.user.email, demo: auth.user.demo } : null,
    abilities: globalAbilities(auth?.actor ?? null),
  }
}
