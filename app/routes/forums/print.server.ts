import type { RouterContextProvider } from 'react-router'
import { getServices, getT } from '../../../server/auth/require'
import { printSheet } from '../../../server/services/forums/print'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { requireForum } from './guard.server'

/**
 * The print page: an invitation sheet with the forum's QR code, and a card per table (open code) or per seat
 * (personal codes). Its tagged PDF (/foren/:id/druck.pdf, documents.server.ts) prints the same sheet.
 */
export function loadPrint(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param)
  const services = getServices(context)
  return {
    title: getT(context)('forums:print.title', { title: forum.title }),
    ...printSheet(services.db, forum.id, publicOrigin(services.env, request)),
  }
}
