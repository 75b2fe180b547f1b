import type { Language } from '../../app/shared/i18n'
import type { PrintSheet } from '../services/forums/print'
import { forumLabels } from './forum-layout'
import { FORUM_PRINT_CSS, PrintSheetDocument } from './html/forum-print'
import { pageTemplates, renderPage } from './html/page'
import { printPdf } from './pdf'

/**
 * The invitation sheet and the table or seat cards as a tagged PDF (the print page /foren/:id/druck as a file):
 * portrait A4, six cards to a page, "Seite X von Y" in the footer.
 */

export function forumPrintHtml(sheet: PrintSheet, language: Language): string {
  const labels = forumLabels(language)
  return renderPage({
    lang: language,
    title: labels.t('forums:print.documentTitle', { title: sheet.forum.title }),
    css: FORUM_PRINT_CSS,
    children: <PrintSheetDocument sheet={sheet} labels={labels} />,
  })
}

/** The print sheet's tagged PDF (in the export process, export-process.ts). */
export function forumPrintPdf(sheet: PrintSheet, language: Language): Promise<Uint8Array> {
  const labels = forumLabels(language)
  const templates = pageTemplates({ runningHead: labels.t('forums:print.runningHead'), draft: false, draftMark: '', page: labels.page, of: labels.of, language }, '12mm')
  return printPdf(forumPrintHtml(sheet, language), templates)
}
