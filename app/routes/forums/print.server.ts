import type { RouterContextProvider } from 'react-router'
import { getServices, getT } from '../../../server/auth/require'
import { formatCode } from '../../../server/services/forums/codes'
import { seatsOf, tablesOf } from '../../../server/services/forums/forums'
import { qrPath } from '../../../server/services/forums/qr'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { requireForum } from './guard.server'

/**
 * The print page: an invitation sheet with the forum's QR code, and a card per table (open code) or per seat
 * (personal codes). The tagged-PDF version comes with the export machinery (server/exports) from the same data.
 */
export function loadPrint(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  const { forum } = requireForum(context, request, param)
  const db = getServices(context).db
  const origin = publicOrigin(getServices(context).env, request)
  const linkFor = (code: string) => `${origin}/mitmachen?code=${code}`
  const tables = tablesOf(db, forum.id)
  const seats = forum.codeMode === 'personal' ? seatsOf(db, forum.id) : []
  return {
    title: getT(context)('forums:print.title', { title: forum.title }),
    forum: { id: forum.id, title: forum.title, date: forum.date, time: forum.time, place: forum.place, codeMode: forum.codeMode },
    startUrl: `${origin}/mitmachen`,
    feedbackUrl: `${origin}/mitmachen/rueckmeldung`,
    forumCode: formatCode(forum.code),
    forumQr: qrPath(linkFor(forum.code)),
    tables: tables.map((table) => ({
      ...table,
      seats: seats
        .filter((seat) => seat.tableId === table.id)
        .map((seat, index) => ({ number: index + 1, code: formatCode(seat.code!), qr: qrPath(linkFor(seat.code!)) })),
    })),
  }
}
