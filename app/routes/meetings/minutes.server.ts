import type { RouterContextProvider } from 'react-router'
import { getI18n, getT, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { download } from '../../../server/http/download'
import { minutesDocx } from '../../../server/exports/minutes-docx'
import { DEFAULT_LANGUAGE, isLanguage } from '~/shared/i18n'
import { detailOr404 } from './meeting.server'

type Ctx = Readonly<RouterContextProvider>

/** The minutes exist once a meeting has begun (while it runs they are provisional); everyone who reads the
 * concept may read them. */
function minutesOf(context: Ctx, request: Request, param: string | undefined) {
  requireUserWithAbility(context, request, 'internal.read')
  const detail = detailOr404(context, param)
  if (detail.meeting.state === 'planned') throw notFound(getT(context)('meetings:minutes.notYet'))
  return detail
}

export function loadMinutes(context: Ctx, request: Request, param: string | undefined) {
  const { meeting, attendance, items } = minutesOf(context, request, param)
  return {
    title: getT(context)('meetings:minutes.title', { title: meeting.title }),
    meeting: {
      id: meeting.id,
      title: meeting.title,
      date: meeting.date,
      time: meeting.time,
      location: meeting.location,
      state: meeting.state,
      roundName: meeting.roundName,
    },
    attendance: attendance.map(({ id, name, organisation }) => ({ id, name, organisation })),
    items: items.map((item) => ({
      id: item.id,
      number: item.number,
      kind: item.kind,
      goalNumber: item.goalNumber,
      title: item.title,
      units: item.units.map((u) => u.shortName),
      state: item.state,
      decisionNote: item.decisionNote,
      proposal: item.proposal,
      proposalFlags: item.proposalFlags,
      agreed: item.agreed,
      agreedFlags: item.agreedFlags,
      agreedByName: item.agreedByName,
      agreedHere: item.agreedHere,
    })),
  }
}

/** The minutes as a Word document, in the reader's language (German by default). */
export async function downloadMinutes(context: Ctx, request: Request, param: string | undefined) {
  const detail = minutesOf(context, request, param)
  const i18n = getI18n(context)
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  const body = await minutesDocx(detail, { t: i18n.t, language })
  return download(new Uint8Array(body), i18n.t('meetings:minutes.fileName', { date: detail.meeting.date, id: detail.meeting.id }), 'docx')
}
