import { redirect } from 'react-router'
import type { Route } from './+types/language'
import { chooseLanguage } from './language.server'

export function loader() {
  return redirect('/mitmachen')
}

/** Sets the participant language for a year and goes back to the participant page the form was on. */
export async function action({ request, context }: Route.ActionArgs) {
  return chooseLanguage(context, request)
}
