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

/** `html` may come from the export worker (worker.ts); by default it is rendered here. */
export async function overviewPdf(data: OverviewData, language: Language, html: string | Promise<string> = overviewHtml(data, language)): Promise<Uint8Array> {
  return printPdf(await html, pageTemplates(overviewLabels(data, language)))
}
