import { useTranslation } from 'react-i18next'

/**
 * The forum's files, one click each: the codes to print as a tagged PDF, the forum documentation as Word and as
 * tagged PDF (documents.server.ts builds them). The forum page shows all three, the print page the PDF of itself.
 */
export const FORUM_DOCUMENTS = [
  { file: 'druck.pdf', label: 'forums:documents.printPdf' },
  { file: 'dokumentation.docx', label: 'forums:documents.documentationDocx' },
  { file: 'dokumentation.pdf', label: 'forums:documents.documentationPdf' },
] as const

export function ForumDocumentLinks({ forumId, only }: { forumId: number; only?: 'print' }) {
  const { t } = useTranslation()
  const documents = only === 'print' ? FORUM_DOCUMENTS.filter((d) => d.file === 'druck.pdf') : FORUM_DOCUMENTS
  return (
    <nav aria-label={t('forums:documents.title')} className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="forum-documents">
      <span className="font-semibold">{t('forums:documents.title')}:</span>
      <ul className="flex flex-wrap gap-3">
        {documents.map((d) => (
          <li key={d.file}>
            <a href={`/foren/${forumId}/${d.file}`} download>
              {t(d.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
