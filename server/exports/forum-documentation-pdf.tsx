import { berlinToday } from '../../app/shared/dates'
import type { Language } from '../../app/shared/i18n'
import type { ForumDocumentation } from '../services/forums/documentation'
import { forumLabels } from './forum-layout'
import { DocumentationDocument, FORUM_DOCUMENTATION_CSS } from './html/forum-documentation'
import { pageTemplates, renderPage } from './html/page'
import { printPdf } from './pdf'

/**
 * The forum documentation as a tagged PDF: portrait A4, headings H1–H5 (bookmarks per heading), the cards as lists in
 * their languages, each televoting result as a Figure with /Alt and a Table, the poster photos as Figures with /Alt
 * and a Caption; "Forumsdokumentation" as running head and "Seite X von Y" on every page.
 */

export function forumDocumentationHtml(doc: ForumDocumentation, language: Language, stand = berlinToday()): string {
  const labels = forumLabels(language)
  return renderPage({
    lang: language,
    title: labels.t('forums:documentation.documentTitle', { title: doc.forum.title }),
    css: FORUM_DOCUMENTATION_CSS,
    children: <DocumentationDocument doc={doc} labels={labels} stand={stand} />,
  })
}

/** The documentation's tagged PDF (in the export process, export-process.ts). */
export function forumDocumentationPdf(doc: ForumDocumentation, language: Language): Promise<Uint8Array> {
  const labels = forumLabels(language)
  const templates = pageTemplates({ runningHead: labels.t('forums:documentation.title'), draft: false, draftMark: '', page: labels.page, of: labels.of, language }, '18mm')
  return printPdf(forumDocumentationHtml(doc, language), templates)
}
