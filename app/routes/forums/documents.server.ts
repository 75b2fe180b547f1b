import type { RouterContextProvider } from 'react-router'
import type { Language } from '../../shared/i18n'
import { getI18n, getServices, getT, notFound } from '../../../server/auth/require'
import { download } from '../../../server/http/download'
import { exportFileName } from '../../../server/exports/overview-layout'
import { BrowserFailed, BrowserMissing } from '../../../server/exports/pdf'
import { forumDocumentationDocxOffThread, forumDocumentationPdfOffThread, forumPrintPdfOffThread } from '../../../server/exports/export-process'
import { forumDocumentation } from '../../../server/services/forums/documentation'
import { printSheet } from '../../../server/services/forums/print'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { requireForum } from './guard.server'

const text = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

/**
 * /foren/:id/druck.pdf (invitation sheet and table or seat cards) and /foren/:id/dokumentation.(docx|pdf), in the
 * requester's language (staff: German or English; the cards stay as written). Guarded like the forum's own pages
 * (forum.manage: the staff who read and run forums); an unknown forum or file is a 404, a missing Chromium a 503
 * with the export machinery's message. Built off the event loop (export-process.ts), sent through download().
 */
export async function forumDocument(context: Readonly<RouterContextProvider>, request: Request, forumParam: string | undefined, fileParam: string | undefined) {
  const { forum } = requireForum(context, request, forumParam)
  const t = getT(context)
  const services = getServices(context)
  const language = getI18n(context).language as Language
  try {
    switch (fileParam) {
      case 'druck.pdf': {
        const bytes = await forumPrintPdfOffThread(printSheet(services.db, forum.id, publicOrigin(services.env, request)), language)
        return download(bytes, exportFileName(t('forums:documents.printFile', { title: forum.title }), 'pdf'), 'pdf')
      }
      case 'dokumentation.docx':
      case 'dokumentation.pdf': {
        const doc = forumDocumentation(services.db, forum.id)
        const kind = fileParam === 'dokumentation.docx' ? 'docx' : 'pdf'
        const bytes = kind === 'docx' ? await forumDocumentationDocxOffThread(doc, language) : await forumDocumentationPdfOffThread(doc, language)
        return download(bytes, exportFileName(t('forums:documents.documentationFile', { title: forum.title, date: forum.date }), kind), kind)
      }
      default:
        throw notFound(t('forums:documents.unknownFile', { file: fileParam ?? '' }))
    }
  } catch (error) {
    if (error instanceof BrowserMissing) return text(t('report:errors.browserMissing', { path: error.path }), 503)
    if (error instanceof BrowserFailed) return text(t('report:errors.browserFailed', { reason: error.message }), 503)
    throw error
  }
}
