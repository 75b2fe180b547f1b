import { useTranslation } from 'react-i18next'

const OVERVIEW_FORMATS = ['docx', 'pdf', 'xlsx', 'csv'] as const
const REPORT_FORMATS = ['docx', 'pdf'] as const

/** The files of a published round (no filters: what the public pages show), plain links that work without JavaScript. */
export function PublishedFiles({ roundId }: { roundId: number }) {
  const { t } = useTranslation()
  const base = `/veroeffentlicht/runden/${roundId}`
  return (
    <section aria-labelledby="published-files" className="card space-y-2" data-testid="published-files">
      <h2 id="published-files" className="text-lg font-semibold">
        {t('report:published.files')}
      </h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t('report:published.overviewFiles')}>
        <li className="font-semibold">{t('report:published.overviewFiles')}:</li>
        {OVERVIEW_FORMATS.map((format) => (
          <li key={format}>
            <a href={`${base}/uebersicht.${format}`} download aria-label={t('report:links.label', { format: t(`report:links.${format}`) })}>
              {t(`report:links.${format}`)}
            </a>
          </li>
        ))}
      </ul>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t('report:published.reportFiles')}>
        <li className="font-semibold">{t('report:published.reportFiles')}:</li>
        {REPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={`${base}/bericht.${format}`} download aria-label={t('report:links.reportLabel', { format: t(`report:links.${format}`) })}>
              {t(`report:links.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Links between a published round's pages and back to the list. */
export function PublishedNav({ roundId, name, current }: { roundId: number; name: string; current: 'overview' | 'report' }) {
  const { t } = useTranslation()
  const base = `/veroeffentlicht/runden/${roundId}`
  return (
    <nav aria-label={t('report:published.roundNav')} className="text-sm">
      <ul className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <li className="font-semibold" lang="de">
          {name}
        </li>
        <li>
          <a href="/veroeffentlicht">{t('report:published.all')}</a>
        </li>
        <li>
          <a href={base} aria-current={current === 'overview' ? 'page' : undefined}>
            {t('report:published.overview')}
          </a>
        </li>
        <li>
          <a href={`${base}/bericht`} aria-current={current === 'report' ? 'page' : undefined}>
            {t('report:published.report')}
          </a>
        </li>
      </ul>
    </nav>
  )
}

/** On a page in another language than German: the concept's and the report's texts are the county's German. */
export function GermanOnlyNote() {
  const { t, i18n } = useTranslation()
  if (i18n.language === 'de') return null
  return <p className="text-sm text-slate-700">{t('report:published.catalogueGerman')}</p>
}
