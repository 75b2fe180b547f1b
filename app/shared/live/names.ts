/**
 * Live document names, built and parsed only here. Every name carries its round, so a closed round's documents
 * stay apart from the open round's and authorization can decide per document:
 *
 *   round/<roundId>/measure/<measureId>   proposal (attainment, five marks) and narrative of a measure
 *   round/<roundId>/goal/<goalNumber>     the goal's own narrative
 *   round/<roundId>/agreed/<measureId>    the agreed rating of the Jour fixe; a document of its own so that
 *                                         the document-level permission ('work.agree') carries the rule
 *   round/<roundId>/meeting/<meetingId>   meeting mode: the moderator's current item, item states, decision notes
 *   round/<roundId>/chapter/<slug>        a chapter of the round's evaluation report: introduction, method,
 *                                         field-1 … field-9 (chapters 3.1–3.9, by field number), conclusion
 *   forum/<forumId>/table/<tableId>/phase/<phaseId>
 *                                         a table's live poster in one work phase: its feedback cards (forums,
 *                                         phase B); no round in the name: a forum need not feed one
 *
 * Anything else is refused: no prefixes, suffixes, leading zeros, or numbers beyond 2^31.
 */

export type DocumentKind = 'measure' | 'goal' | 'agreed' | 'meeting' | 'chapter' | 'poster'

/** The report's chapters in the report's order: 1 Einleitung, 2 Methodik, 3.1–3.9 one per field, 4 Fazit. */
export const FIELD_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const
export type ChapterSlug = 'introduction' | 'method' | 'conclusion' | `field-${number}`
export const CHAPTER_SLUGS: readonly ChapterSlug[] = ['introduction', 'method', ...FIELD_NUMBERS.map((n) => `field-${n}` as const), 'conclusion']
const CHAPTER_PATTERN = /^round\/([1-9][0-9]{0,9})\/chapter\/(introduction|method|conclusion|field-[1-9])$/
export const isChapterSlug = (value: unknown): value is ChapterSlug => typeof value === 'string' && (CHAPTER_SLUGS as readonly string[]).includes(value)
/** The field number of a field chapter's slug ('field-3' → 3), else null. */
export const chapterField = (slug: ChapterSlug): number | null => (slug.startsWith('field-') ? Number(slug.slice(6)) : null)

export type DocumentName =
  | { kind: 'measure'; roundId: number; measureId: number }
  | { kind: 'goal'; roundId: number; goalNumber: number }
  | { kind: 'agreed'; roundId: number; measureId: number }
  | { kind: 'meeting'; roundId: number; meetingId: number }
  | { kind: 'chapter'; roundId: number; slug: ChapterSlug }
  | { kind: 'poster'; forumId: number; tableId: number; phaseId: number }

const PATTERN = /^round\/([1-9][0-9]{0,9})\/(measure|goal|agreed|meeting)\/([1-9][0-9]{0,9})$/
const POSTER_PATTERN = /^forum\/([1-9][0-9]{0,9})\/table\/([1-9][0-9]{0,9})\/phase\/([1-9][0-9]{0,9})$/
const MAX_ID = 2 ** 31 - 1

export function parseDocumentName(name: unknown): DocumentName | null {
  if (typeof name !== 'string' || name.length > 64) return null
  const chapter = CHAPTER_PATTERN.exec(name)
  if (chapter) return Number(chapter[1]) > MAX_ID ? null : { kind: 'chapter', roundId: Number(chapter[1]), slug: chapter[2] as ChapterSlug }
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
    case 'chapter':
      return chapterDocumentName(doc.roundId, doc.slug)
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
export function chapterDocumentName(roundId: number, slug: ChapterSlug): string {
  if (!isChapterSlug(slug)) throw new RangeError(`Unbekanntes Kapitel für einen Dokumentnamen: ${String(slug)}`)
  return `round/${id(roundId)}/chapter/${slug}`
}
export const posterDocumentName = (forumId: number, tableId: number, phaseId: number) => `forum/${id(forumId)}/table/${id(tableId)}/phase/${id(phaseId)}`
