import { useTranslation } from 'react-i18next'

/**
 * Links to the overview's files (DOCX, PDF, XLSX, CSV) with the page's current filters and values, and optionally to
 * the whole report and to the Excel import. The overview page and the rounds page include it; it fetches nothing.
 *
 *   <ExportLinks roundId={round.id} search={location.search} />              on the overview (filters carried over)
 *   <ExportLinks roundId={r.id} report importable={r.state === 'open'} />     on the rounds page
 *
 * Only what the export accepts is carried (runde is the path's): werte, feld, einheit, bewertung, merkmal, suche
 * (the overview's `q` becomes `suche`). Show it only to those who may export (abilities.exportReports), the import
 * only to those who may import; the server checks both again.
 */

const CARRIED = ['werte', 'feld', 'einheit', 'bewertung', 'merkmal', 'suche'] as const
const OVERVIEW_FORMATS = ['docx', 'pdf', 'xlsx', 'csv'] as const
const REPORT_FORMATS = ['docx', 'pdf'] as const

export function exportQuery(search: string | URLSearchParams = ''): string {
  const from = typeof search === 'string' ? new URLSearchParams(search) : search
  const to = new URLSearchParams()
  for (const key of CARRIED) {
    const value = from.get(key) ?? (key === 'suche' ? from.get('q') : null)
    if (value) to.set(key, value)
  }
  const query = to.toString()
  return query ? `?${query}` : ''
}

export function ExportLinks({
  roundId,
  search = '',
  report = false,
  importable = false,
  editor = false,
}: {
  roundId: number
  search?: string | URLSearchParams
  report?: boolean
  importable?: boolean
  /** A link to the report page (/runden/:id/bericht), where the chapters are written. */
  editor?: boolean
}) {
  const { t } = useTranslation()
  const query = exportQuery(search)
  return (
    <nav aria-label={t('report:links.title')} className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="export-links">
      <span className="font-semibold">{t('report:links.title')}:</span>
      <ul className="flex flex-wrap gap-3">
        {OVERVIEW_FORMATS.map((format) => (
          <li key={format}>
            <a href={`/runden/${roundId}/uebersicht.${format}${query}`} download aria-label={t('report:links.label', { format: t(`report:links.${format}`) })}>
              {t(`report:links.${format}`)}
            </a>
          </li>
        ))}
      </ul>
      {report ? (
        <ul className="flex flex-wrap gap-3" aria-label={t('report:links.reportTitle')}>
          {REPORT_FORMATS.map((format) => (
            <li key={format}>
              <a href={`/runden/${roundId}/bericht.${format}${query}`} download aria-label={t('report:links.reportLabel', { format: t(`report:links.${format}`) })}>
                {t('report:links.reportTitle')} ({t(`report:links.${format}`)})
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {importable ? <a href={`/runden/${roundId}/import`}>{t('report:links.import')}</a> : null}
      {editor ? <a href={`/runden/${roundId}/bericht`}>{t('report:links.editor')}</a> : null}
      <span className="text-slate-700">{t('report:links.hint')}</span>
    </nav>
  )
}
