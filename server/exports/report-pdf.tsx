import type { Language } from '../../app/shared/i18n'
import type { ReportData } from '../services/report/report'
import { REPORT_CSS, ReportDocument } from './html/report'
import { pageTemplates, renderPage } from './html/page'
import { overviewLabels, reportLabels } from './overview-layout'
import { destinationPages } from './pdf-outline'
import { printPdfs } from './pdf'

/**
 * The whole report as a tagged PDF. Chromium numbers no table of contents, so the report is printed twice on the same
 * page: first only to learn where the chapters fall, then with the page of each chapter filled in. The first print
 * is untagged and leaves out the annex's table when nothing numbered follows it (ReportDocument's `measuring`): the
 * contents link every chapter, so the untagged PDF's destinations (/Dests, by the headings' ids) give the pages,
 * and the print costs less than half of a tagged one. The numbers are short and sit right-aligned on lines of their
 * own, so filling them in moves nothing.
 */

export function reportHtml(data: ReportData, language: Language, pages: Map<string, number> | null, measuring = false): string {
  const labels = reportLabels(data.overview, language)
  const overview = overviewLabels(data.overview, language)
  return renderPage({ lang: language, title: labels.documentTitle, css: REPORT_CSS, children: <ReportDocument data={data} labels={labels} overviewLabels={overview} pages={pages} measuring={measuring} /> })
}

/** The report's tagged PDF (in the export process, export-process.ts): printed twice, the second time with the contents' page numbers. */
export async function reportPdf(data: ReportData, language: Language): Promise<Uint8Array> {
  const overview = overviewLabels(data.overview, language)
  const [, final] = await printPdfs(
    [{ html: reportHtml(data, language, null, true), tagged: false }, (first) => reportHtml(data, language, first ? destinationPages(first) : null)],
    pageTemplates(overview, '20mm'),
  )
  return final!
}
