import { redirect } from 'react-router'
import type { Route } from './+types/logout'
import { logout } from './logout.server'

export function loader() {
  return redirect('/')
}

export function action({ context }: Route.ActionArgs) {
  return logout(context)
}
