import type { DbOrTx } from '../../../db/client'
import type { CodeMode } from '../../../app/shared/vocabulary'
import { formatCode } from './codes'
import { forumRow, seatsOf, tablesOf } from './forums'
import { qrPath, type QrPath } from './qr'

/**
 * What gets printed for a forum, once for the print page (/foren/:id/druck) and its tagged PDF (druck.pdf): the
 * invitation sheet with its QR code, and the cards for the tables: in open mode one card per table with the forum's
 * one code, in personal-code mode one card per seat with that seat's code. Each QR code carries the address it
 * opens, and the code is printed beside it as text, so that a phone without a camera (or a screen reader) gets there
 * too. In personal-code mode the invitation leads to the start page: the forum's code does not admit there, the
 * personal code on the seat card does.
 */

export type PrintCard = {
  tableNumber: number
  tableName: string
  /** The seat's number at its table (personal codes), null for a table card (open code). */
  seat: number | null
  /** The code as printed ("ABC-DEF", "ABCD-EFGH"). */
  code: string
  /** The address the QR code opens. */
  link: string
  qr: QrPath
}

export type PrintSheet = {
  forum: { id: number; title: string; date: string; time: string | null; place: string; codeMode: CodeMode }
  startUrl: string
  feedbackUrl: string
  invitation: { link: string; code: string | null; qr: QrPath }
  cards: PrintCard[]
}

export function printSheet(db: DbOrTx, forumId: number, origin: string): PrintSheet {
  const forum = forumRow(db, forumId)
  const startUrl = `${origin}/mitmachen`
  const linkFor = (code: string) => `${startUrl}?code=${code}`
  const tables = tablesOf(db, forum.id)
  const open = forum.codeMode === 'open'
  const cards: PrintCard[] = open
    ? tables.map((table) => ({ tableNumber: table.number, tableName: table.name, seat: null, code: formatCode(forum.code), link: linkFor(forum.code), qr: qrPath(linkFor(forum.code)) }))
    : (() => {
        const seats = seatsOf(db, forum.id)
        return tables.flatMap((table) =>
          seats
            .filter((seat) => seat.tableId === table.id)
            .map((seat, index) => ({ tableNumber: table.number, tableName: table.name, seat: index + 1, code: formatCode(seat.code!), link: linkFor(seat.code!), qr: qrPath(linkFor(seat.code!)) })),
        )
      })()
  const invitationLink = open ? linkFor(forum.code) : startUrl
  return {
    forum: { id: forum.id, title: forum.title, date: forum.date, time: forum.time, place: forum.place, codeMode: forum.codeMode },
    startUrl,
    feedbackUrl: `${origin}/mitmachen/rueckmeldung`,
    invitation: { link: invitationLink, code: open ? formatCode(forum.code) : null, qr: qrPath(invitationLink) },
    cards,
  }
}
