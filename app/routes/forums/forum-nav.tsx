import { NavLink } from 'react-router'
import { useTranslation } from 'react-i18next'

/** The staff pages of one forum, as tabs. */
export function ForumNav({ forumId, title }: { forumId: number; title: string }) {
  const { t } = useTranslation()
  const tabs = [
    { to: `/foren/${forumId}`, label: t('forums:nav.overview'), end: true },
    { to: `/foren/${forumId}/karten`, label: t('forums:nav.cards') },
    { to: `/foren/${forumId}/abstimmungen`, label: t('forums:nav.polls') },
    { to: `/foren/${forumId}/auswertung`, label: t('forums:nav.review') },
    { to: `/foren/${forumId}/fotos`, label: t('forums:nav.photos') },
    { to: `/foren/${forumId}/druck`, label: t('forums:nav.print') },
  ]
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <NavLink to="/foren">{t('forums:nav.forums')}</NavLink>
      </p>
      <h1 className="text-2xl font-bold" lang="de">
        {title}
      </h1>
      <nav aria-label={t('forums:nav.sections')} className="flex flex-wrap gap-1 border-b border-slate-300 text-sm">
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) => `rounded-t px-3 py-1.5 no-underline ${isActive ? 'bg-brand-700 font-semibold text-white hover:text-white' : 'text-brand-800 hover:bg-brand-50'}`}
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </div>
  )
}
