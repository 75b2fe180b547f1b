import type { Language } from '../../app/shared/i18n'
import type { ForumDocumentation } from '../services/forums/documentation'
import type { PrintSheet } from '../services/forums/print'
import { forumDocumentationDocx } from './forum-documentation-docx'
import { forumDocumentationPdf } from './forum-documentation-pdf'
import { forumPrintPdf } from './forum-print-pdf'

/**
 * The forums' jobs of the export process (export-process.ts), kept here so that export-process.ts names them in one line: the print
 * sheet's and the documentation's PDF, and the documentation's DOCX (its charts come as PNG bytes,
 * made on the main thread: forum-charts.ts). Plain data in, bytes out.
 */

export type ForumJob =
  | { kind: 'forum-print-pdf'; sheet: PrintSheet; language: Language }
  | { kind: 'forum-documentation-pdf'; doc: ForumDocumentation; language: Language }
  | { kind: 'forum-documentation-docx'; doc: ForumDocumentation; language: Language; charts: [number, Uint8Array][] }

const FORUM_JOB_KINDS: readonly string[] = ['forum-print-pdf', 'forum-documentation-pdf', 'forum-documentation-docx'] satisfies ForumJob['kind'][]

export const isForumJob = (job: { kind: string }): job is ForumJob => FORUM_JOB_KINDS.includes(job.kind)

export async function buildForumJob(job: ForumJob): Promise<Uint8Array> {
  switch (job.kind) {
    case 'forum-print-pdf':
      return forumPrintPdf(job.sheet, job.language)
    case 'forum-documentation-pdf':
      return forumDocumentationPdf(job.doc, job.language)
    case 'forum-documentation-docx':
      return forumDocumentationDocx(job.doc, job.language, job.charts)
  }
}
