import { useTranslation } from 'react-i18next'

/**
 * Links to the monitoring's files: a data sheet, the whole data report of a year, the quarterly report, each as
 * tagged PDF and as DOCX. Every link's accessible name says what it downloads ("Datenblatt Melle 2025 als PDF
 * (barrierefrei) herunterladen"), its visible text is part of it. The staff pages link the staff routes (guarded by
 * monitoring.read), the published pages the public ones (published years only); the server checks both again.
 *
 *   <ExportLinks files={sheetFiles({ slug, year, name }, 'staff')} />
 *   <ExportLinks files={reportFiles(year, 'public')} title />
 */

export const EXPORT_FORMATS = ['pdf', 'docx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
type Scope = 'staff' | 'public'

export type ExportFile =
  | { what: 'sheet'; href: (format: ExportFormat) => string; territory: string; year: number }
  | { what: 'report'; href: (format: ExportFormat) => string; year: number }
  | { what: 'quarterly'; href: (format: ExportFormat) => string; year: number; quarter: number }

export function sheetFiles(sheet: { slug: string; year: number; name: string }, scope: Scope): ExportFile {
  const base = scope === 'staff' ? `/monitoring/datenblaetter/${sheet.slug}/${sheet.year}` : `/veroeffentlicht/datenblaetter/${sheet.year}/${sheet.slug}`
  return { what: 'sheet', href: (format) => `${base}/datenblatt.${format}`, territory: sheet.name, year: sheet.year }
}

export function reportFiles(year: number, scope: Scope): ExportFile {
  const base = scope === 'staff' ? `/monitoring/datenreport/${year}` : `/veroeffentlicht/datenreport/${year}`
  return { what: 'report', href: (format) => `${base}/datenreport.${format}`, year }
}

export function quarterlyFiles(year: number, quarter: number): ExportFile {
  return { what: 'quarterly', href: (format) => `/monitoring/quartalsbericht/${year}-${quarter}/quartalsbericht.${format}`, year, quarter }
}

export function ExportLinks({ files }: { files: ExportFile }) {
  const { t } = useTranslation()
  const label = (format: ExportFormat) => {
    const name = t(`monitoring:export.${format}`)
    if (files.what === 'sheet') return t('monitoring:export.sheetLabel', { territory: files.territory, year: files.year, format: name })
    if (files.what === 'report') return t('monitoring:export.reportLabel', { year: files.year, format: name })
    return t('monitoring:export.quarterlyLabel', { year: files.year, quarter: files.quarter, format: name })
  }
  return (
    <nav aria-label={files.what === 'report' ? t('monitoring:export.reportLink', { year: files.year }) : t('monitoring:export.links')} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="monitoring-exports">
      <span className="font-semibold">{files.what === 'report' ? t('monitoring:export.reportLink', { year: files.year }) : t('monitoring:export.links')}:</span>
      <ul className="flex flex-wrap gap-3">
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={files.href(format)} download aria-label={label(format)}>
              {t(`monitoring:export.${format}`)}
            </a>
          </li>
        ))}
      </ul>
      <span className="text-slate-700">{t('monitoring:export.hint')}</span>
    </nav>
  )
}
