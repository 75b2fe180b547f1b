import { redirect } from 'react-router'
import { LANG_COOKIE } from '~/shared/i18n/index'
import type { Route } from './+types/language'

export function loader() {
  return redirect('/')
}

/** Sets the UI language (de/en) for a year and goes back where the user was. */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData()
  const lang = form.get('lang') === 'en' ? 'en' : 'de'
  const referer = request.headers.get('referer')
  let back = '/'
  if (referer && URL.canParse(referer)) {
    const url = new URL(referer)
    if (url.host === new URL(request.url).host) back = url.pathname + url.search
  }
  return redirect(back, { headers: { 'Set-Cookie': `${LANG_COOKIE}=${lang}; Path=/; SameSite=Lax; Max-Age=31536000` } })
}
