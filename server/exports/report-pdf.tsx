import type { Language } from '../../app/shared/i18n'
import type { ReportData } from '../services/report/report'
import { REPORT_CSS, ReportDocument } from './html/report'
import { pageTemplates, renderPage } from './html/page'
import { overviewLabels, reportLabels } from './overview-layout'
import { outlinePages } from './pdf-outline'
import { printPdfs } from './pdf'

/**
 * The whole report as a tagged PDF. Chromium numbers no table of contents, so the report is printed twice on the same
 * page: first with the contents' numbers empty, then with the page of each chapter as the first print's bookmarks
 * (outline) say. The numbers are short and sit right-aligned on lines of their own, so filling them in moves nothing.
 */

export function reportHtml(data: ReportData, language: Language, pages: Map<string, number> | null): string {
  const labels = reportLabels(data.overview, language)
  const overview = overviewLabels(data.overview, language)
  return renderPage({ lang: language, title: labels.documentTitle, css: REPORT_CSS, children: <ReportDocument data={data} labels={labels} overviewLabels={overview} pages={pages} /> })
}

/** The report's tagged PDF (in the export process, export-process.ts): printed twice, the second time with the contents' page numbers. */
export async function reportPdf(data: ReportData, language: Language): Promise<Uint8Array> {
  const overview = overviewLabels(data.overview, language)
  const render = (pages: Map<string, number> | null) => reportHtml(data, language, pages)
  const [, final] = await printPdfs([render(null), (first) => render(first ? outlinePages(first) : null)], pageTemplates(overview, '20mm'))
  return final!
}
