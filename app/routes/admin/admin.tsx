import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/admin'
import { loadAdmin } from './admin.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadAdmin(context, request)
}

export default function Admin() {
  const { sections } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const entries = [
    { show: sections.users, to: '/admin/benutzer', title: t('users'), text: t('admin:home.users') },
    { show: sections.units, to: '/admin/einheiten', title: t('units'), text: t('admin:home.units') },
    { show: sections.assignments, to: '/admin/zuordnungen', title: t('assignments'), text: t('admin:home.assignments') },
    { show: sections.rounds, to: '/runden', title: t('rounds'), text: t('admin:home.rounds') },
    { show: sections.texts, to: '/admin/texte', title: t('site:edit.title'), text: t('site:edit.intro') },
  ].filter((e) => e.show)
  return (
    <section aria-labelledby="admin-title" className="space-y-4">
      <h1 id="admin-title" className="text-2xl font-bold">
        {t('admin')}
      </h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {entries.map((e) => (
          <li key={e.to} className="card">
            <h2 className="text-lg font-semibold">
              <Link to={e.to}>{e.title}</Link>
            </h2>
            <p className="mt-1 text-sm text-slate-700">{e.text}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
