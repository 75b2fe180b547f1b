import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
  type LoaderFunctionArgs,
} from 'react-router'
import '../styles/app.css'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { dirOf, type Locale } from './shared/i18n'
import { ErrorPage } from './ui/error-page'
import { useNonce } from './ui/nonce'
import { loadRoot } from './root.server'
import type { Route } from './+types/root'

// An inline icon: no extra request, and no public/ folder at the top level.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230b5360'/%3E%3Cpath d='M4 4h8v2l-5 4h5v2H4v-2l5-4H4z' fill='white'/%3E%3C/svg%3E"

export const links: Route.LinksFunction = () => [{ rel: 'icon', href: FAVICON }]

export function loader({ context }: LoaderFunctionArgs) {
  return loadRoot(context)
}

export type RootData = ReturnType<typeof loadRoot>

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>('root')
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <a href="#inhalt" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {t('skipToContent')}
        </a>
        <Header />
        <main id="inhalt" className="mx-auto max-w-7xl px-4 py-6" tabIndex={-1}>
          {children}
        </main>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

/** On every page, logged in or not, participant pages too: the accessibility statement and the privacy notice. */
function Footer() {
  const { t } = useTranslation()
  return (
    <footer className="mx-auto max-w-7xl px-4 pb-8 pt-2 text-sm print:hidden">
      <nav aria-label={t('site:footer.label')}>
        <ul className="flex flex-wrap gap-x-6 gap-y-1 border-t border-slate-300 pt-3">
          <li>
            <Link to="/barrierefreiheit">{t('site:footer.accessibility')}</Link>
          </li>
          <li>
            <Link to="/datenschutz">{t('site:footer.privacy')}</Link>
          </li>
        </ul>
      </nav>
    </footer>
  )
}

function Header() {
  const data = useRootData()
  const { t } = useTranslation()
  const participating = useLocation().pathname.startsWith('/mitmachen')
  const user = participating ? null : data?.user
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 text-white no-underline hover:bg-brand-800 hover:text-white ${isActive ? 'bg-brand-900 font-semibold' : ''}`
  return (
    // The global focus ring (brand-600) all but vanishes on the brand-700 bar: white there (WCAG 2.4.7).
    <header className="bg-brand-700 text-white print:hidden [&_:focus-visible]:outline-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-2">
        {/* Participants have no staff login: their pages' home is the forum's start page. */}
        <Link to={participating ? '/mitmachen' : '/'} className="text-lg font-bold text-white no-underline hover:text-white">
          {t('appName')}
        </Link>
        {user && data ? (
          <nav aria-label={t('mainNav')} className="flex flex-1 flex-wrap items-center gap-1 text-sm">
            <NavLink to="/" end className={navClass}>
              {t('overview')}
            </NavLink>
            {data.abilities.ownTasks ? (
              <NavLink to="/aufgaben" className={navClass}>
                {t('myTasks')}
              </NavLink>
            ) : null}
            {data.abilities.readProgress ? (
              <NavLink to="/fortschritt" className={navClass}>
                {t('progress')}
              </NavLink>
            ) : null}
            {data.abilities.readInternal ? (
              <>
                <NavLink to="/vergleich" className={navClass}>
                  {t('comparison')}
                </NavLink>
                <NavLink to="/sitzungen" className={navClass}>
                  {t('meetings')}
                </NavLink>
              </>
            ) : null}
            {data.abilities.readMonitoring ? (
              <NavLink to="/monitoring" className={navClass}>
                {t('monitoringNav')}
              </NavLink>
            ) : null}
            {data.abilities.manageForums ? (
              <NavLink to="/foren" className={navClass}>
                {t('forums')}
              </NavLink>
            ) : null}
            {data.abilities.manageRounds ? (
              <NavLink to="/runden" className={navClass}>
                {t('rounds')}
              </NavLink>
            ) : null}
            {data.abilities.admin ? (
              <NavLink to="/admin" className={navClass}>
                {t('admin')}
              </NavLink>
            ) : null}
            <span className="flex-1" />
            <NavLink to="/hinweise" className={navClass}>
              {t('notices')}
              {data.unreadNotices > 0 ? (
                <>
                  {' '}
                  <span className="rounded-full bg-white px-1.5 text-xs font-bold text-brand-800" data-testid="unread-notices">
                    {data.unreadNotices}
                    <span className="sr-only"> {t('unread')}</span>
                  </span>
                </>
              ) : null}
            </NavLink>
            {/* Named by the person, never like a section: the first admin account is called "Administration". */}
            <NavLink to="/konto" className={navClass} data-testid="account-link">
              {t('accountOf', { name: `${user.name}${user.demo ? ' (Demo)' : ''}` })}
            </NavLink>
            <form method="post" action="/sprache" className="inline">
              <input type="hidden" name="lang" value={data.locale === 'de' ? 'en' : 'de'} />
              <button type="submit" className="rounded px-2 py-1 text-white hover:bg-brand-800" lang={data.locale === 'de' ? 'en' : 'de'}>
                {t('switchLanguage')}
              </button>
            </form>
            <form method="post" action="/logout" className="inline">
              <button type="submit" className="rounded px-2 py-1 text-white hover:bg-brand-800">
                {t('logout')}
              </button>
            </form>
          </nav>
        ) : null}
      </div>
    </header>
  )
}

export default function App() {
  // Marks the page interactive once React has taken over the server's markup: a choice made in a <select> before
  // that is reset to its default by hydration, so browser tests wait for this before they choose.
  useEffect(() => {
    document.documentElement.dataset.hydrated = ''
  }, [])
  return <Outlet />
}

export function ErrorBoundary() {
  return <ErrorPage />
}
