import type { Language } from '../../app/shared/i18n'
import type { OverviewData } from '../services/report/overview'
import { FieldSections, Legend, TitleBlock } from './html/overview'
import { pageTemplates, renderPage } from './html/page'
import { overviewLabels } from './overview-layout'
import { printPdf } from './pdf'

/**
 * The overview as a tagged PDF: the HTML print view (html/overview.tsx) printed by Chromium in landscape A4, with the
 * running head "Evaluation" (and "Entwurf" while the round is open) and "Seite X von Y" on every page.
 */

export function overviewHtml(data: OverviewData, language: Language): string {
  const labels = overviewLabels(data, language)
  return renderPage({
    lang: language,
    title: labels.documentTitle,
    children: (
      <main>
        <TitleBlock labels={labels} />
        <Legend labels={labels} />
        <FieldSections data={data} labels={labels} />
      </main>
    ),
  })
}

/** The overview's tagged PDF (in the export process, export-process.ts). */
export function overviewPdf(data: OverviewData, language: Language): Promise<Uint8Array> {
  return printPdf(overviewHtml(data, language), pageTemplates(overviewLabels(data, language)))
}
