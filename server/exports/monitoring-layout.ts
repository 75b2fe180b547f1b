import { formatDate, formatDateTime } from '../../app/shared/dates'
import type { Language } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'
import { figureFormat, quarterlyView, sheetView, type SheetView } from '../../app/shared/monitoring-figures'
import type { QuarterlyReport, Sheet } from '../../app/shared/monitoring'
import { berlinDate, exportFileName } from './overview-layout'
import { escapeHtml } from './html/page'

/**
 * What the monitoring's exports (data sheet, data report, quarterly report; PDF and DOCX) share: their words in the
 * export's language (the `monitoring` namespace; the county's data and names stay German), the page furniture with
 * "Demo-Daten, keine echten Zahlen" on every page of a document that shows a demo value, and the file names.
 */

export type MonitoringLabels = ReturnType<typeof monitoringLabels>

/** `head` is the running head after the monitoring's name; `quarterly` puts the Ausländerbehörde's report under its own. */
export function monitoringLabels(language: Language, options: { demo: boolean; head: string; quarterly?: boolean; stand?: number }) {
  const t = tFor(language)
  const stand = berlinDate(options.stand ?? Date.now())
  return {
    t,
    language,
    demo: t('monitoring:demo.banner'),
    demoText: t('monitoring:demo.bannerText'),
    showsDemo: options.demo,
    runningHead: options.quarterly ? options.head : `${t('monitoring:export.runningHead')} · ${options.head}`,
    page: t('monitoring:export.page'),
    of: t('monitoring:export.of'),
    sheetHeading: (view: SheetView) => `${view.title}: ${view.sheet.territory.name}`,
    reportDate: (year: number) => t('monitoring:export.reportDate', { date: formatDate(`${year}-12-31`, language), stand: formatDate(stand, language) }),
    interpretationBy: (i: { updatedAt: number; updatedBy: string | null }) => t('monitoring:sheet.interpretationBy', { at: formatDateTime(i.updatedAt, language), who: i.updatedBy ?? '–' }),
  }
}

/** The description of one sheet in the export's language (the same the page draws). */
export function exportSheetView(sheet: Sheet, language: Language, idPrefix = ''): SheetView {
  const t = tFor(language)
  return sheetView(sheet, t, figureFormat(t, language, sheet.threshold), idPrefix)
}

export function exportQuarterlyView(report: QuarterlyReport, language: Language) {
  const t = tFor(language)
  return quarterlyView(report, t, figureFormat(t, language, report.threshold))
}

/**
 * Header and footer of every printed page (page.pdf takes no page CSS for them, so they carry their own styles):
 * the running head, and where the document shows demo values the demo label in the header and the footer.
 */
export function monitoringPageTemplates(labels: MonitoringLabels) {
  const style = "font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #4b5563; width: 100%; padding: 0 16mm 0 18mm; display: flex; justify-content: space-between;"
  const demo = labels.showsDemo ? `<span style="color:#92400e;font-weight:bold">${escapeHtml(labels.demo)}</span>` : '<span></span>'
  return {
    headerTemplate: `<div style="${style}"><span>${escapeHtml(labels.runningHead)}</span>${demo}</div>`,
    footerTemplate: `<div style="${style}">${demo}<span>${escapeHtml(labels.page)} <span class="pageNumber"></span> ${escapeHtml(labels.of)} <span class="totalPages"></span></span></div>`,
  }
}

export const monitoringFileNames = {
  sheet: (language: Language, territory: string, year: number, extension: string) => exportFileName(tFor(language)('monitoring:export.sheetFile', { territory, year }), extension),
  report: (language: Language, year: number, extension: string) => exportFileName(tFor(language)('monitoring:export.reportFile', { year }), extension),
  quarterly: (language: Language, year: number, quarter: number, extension: string) => exportFileName(tFor(language)('monitoring:export.quarterlyFile', { year, quarter }), extension),
}
