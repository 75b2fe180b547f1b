/**
 * Live document names, built and parsed only here. Every name carries its round, so a closed round's documents
 * stay apart from the open round's and authorization can decide per document:
 *
 *   round/<roundId>/measure/<measureId>   proposal (attainment, five marks) and narrative of a measure
 *   round/<roundId>/goal/<goalNumber>     the goal's own narrative
 *   round/<roundId>/agreed/<measureId>    the agreed rating of the Jour fixe; a document of its own so that
 *                                         the document-level permission ('work.agree') carries the rule
 *   round/<roundId>/meeting/<meetingId>   meeting mode: the moderator's current item, item states, decision notes
 *   forum/<forumId>/table/<tableId>/phase/<phaseId>
 *                                         a table's live poster in one work phase: its feedback cards (forums,
 *                                         phase B); no round in the name: a forum need not feed one
 *
 * Anything else is refused: no prefixes, suffixes, leading zeros, or numbers beyond 2^31.
 */

export type DocumentKind = 'measure' | 'goal' | 'agreed' | 'meeting' | 'poster'

export type DocumentName =
  | { kind: 'measure'; roundId: number; measureId: number }
  | { kind: 'goal'; roundId: number; goalNumber: number }
  | { kind: 'agreed'; roundId: number; measureId: number }
  | { kind: 'meeting'; roundId: number; meetingId: number }
  | { kind: 'poster'; forumId: number; tableId: number; phaseId: number }

const PATTERN = /^round\/([1-9][0-9]{0,9})\/(measure|goal|agreed|meeting)\/([1-9][0-9]{0,9})$/
const POSTER_PATTERN = /^forum\/([1-9][0-9]{0,9})\/table\/([1-9][0-9]{0,9})\/phase\/([1-9][0-9]{0,9})$/
const MAX_ID = 2 ** 31 - 1

export function parseDocumentName(name: unknown): DocumentName | null {
  if (typeof name !== 'string' || name.length > 64) return null
  const poster = POSTER_PATTERN.exec(name)
  if (poster) {
    const [forumId, tableId, phaseId] = [Number(poster[1]), Number(poster[2]), Number(poster[3])]
    if (forumId > MAX_ID || tableId > MAX_ID || phaseId > MAX_ID) return null
    return { kind: 'poster', forumId, tableId, phaseId }
  }
  const match = PATTERN.exec(name)
  if (!match) return null
  const roundId = Number(match[1])
  const id = Number(match[3])
  if (roundId > MAX_ID || id > MAX_ID) return null
  switch (match[2]) {
    case 'measure':
      return { kind: 'measure', roundId, measureId: id }
    case 'goal':
      return { kind: 'goal', roundId, goalNumber: id }
    case 'agreed':
      return { kind: 'agreed', roundId, measureId: id }
    case 'meeting':
      return { kind: 'meeting', roundId, meetingId: id }
    default:
      return null
  }
}

export function documentName(doc: DocumentName): string {
  switch (doc.kind) {
    case 'measure':
      return measureDocumentName(doc.roundId, doc.measureId)
    case 'goal':
      return goalDocumentName(doc.roundId, doc.goalNumber)
    case 'agreed':
      return agreedDocumentName(doc.roundId, doc.measureId)
    case 'meeting':
      return meetingDocumentName(doc.roundId, doc.meetingId)
    case 'poster':
      return posterDocumentName(doc.forumId, doc.tableId, doc.phaseId)
  }
}

function id(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_ID) throw new RangeError(`Ungültige Nummer für einen Dokumentnamen: ${value}`)
  return value
}

export const measureDocumentName = (roundId: number, measureId: number) => `round/${id(roundId)}/measure/${id(measureId)}`
export const goalDocumentName = (roundId: number, goalNumber: number) => `round/${id(roundId)}/goal/${id(goalNumber)}`
export const agreedDocumentName = (roundId: number, measureId: number) => `round/${id(roundId)}/agreed/${id(measureId)}`
export const meetingDocumentName = (roundId: number, meetingId: number) => `round/${id(roundId)}/meeting/${id(meetingId)}`
export const posterDocumentName = (forumId: number, tableId: number, phaseId: number) => `forum/${id(forumId)}/table/${id(tableId)}/phase/${id(phaseId)}`
