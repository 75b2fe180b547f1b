import { redirect } from 'react-router'
import type { Route } from './+types/leave'
import { leaveForum } from './leave.server'

export function loader() {
  return redirect('/mitmachen')
}

/** Ends the session on this device (a shared tablet is handed on). */
export function action({ context, request }: Route.ActionArgs) {
  return leaveForum(context, request)
}
