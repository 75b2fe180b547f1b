import { redirect } from 'react-router'
import { languageFor } from './language.server'
import type { Route } from './+types/language'

export function loader() {
  return redirect('/')
}

/** Sets the UI language (de/en) for a year and goes back where the user was. */
export async function action({ request, context }: Route.ActionArgs) {
  return languageFor(context, request)
}
