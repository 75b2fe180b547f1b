import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumFiles, forumParticipants, forumPhases, forumTables } from '../../../db/schema'
import type { ParticipantLanguage } from '../../../app/shared/i18n/languages'
import type { CodeMode, Disposition, FeedbackCategory, FeedbackTarget, ForumFormat, ForumState, TargetGroup } from '../../../app/shared/vocabulary'
import { cardsOf } from './feedback'
import { filesOf } from './files'
import { forumRow, forumTargetGroupsOf, tablesOf } from './forums'
import { phasesOf } from './phases'
import { pollResults, type PollResult } from './polls'

/**
 * A forum's documentation as its builders (server/exports/forum-documentation-*.ts) take it: plain data, the photos'
 * bytes included, so that it can be copied to the export worker. What is in it is what the county sends to the
 * participants afterwards ("Fotodokumentation und Zusammenfassung"): the forum's data, its phases with their
 * categories, the visible cards by phase, table and category (a hidden card is left out; a merged duplicate is left
 * out and counted on the card it was merged into), the dispositions where the review gave one, the televoting
 * results as counts and shares only (never who voted what), and the poster photos as stored (re-encoded, no
 * metadata). No names of participants: cards carry none.
 */

export type DocumentationCard = {
  id: number
  phaseId: number
  tableId: number | null
  categoryId: number
  text: string
  /** The language the card was written in (as marked when posting). */
  language: string
  target: FeedbackTarget
  fieldNumber: number | null
  goalNumber: number | null
  measurePosition: number | null
  disposition: Disposition | null
  dispositionReason: string | null
  dispositionDate: string | null
  /** How many duplicates were merged into this card. */
  merged: number
}

export type DocumentationPhoto = {
  id: number
  fileName: string
  width: number | null
  height: number | null
  tableNumber: number | null
  tableName: string | null
  phasePosition: number | null
  phaseTitle: string | null
  /** The JPEG as stored (re-encoded on upload). */
  bytes: Uint8Array
}

export type ForumDocumentation = {
  forum: {
    id: number
    title: string
    format: { preset: ForumFormat | null; name: string }
    targetGroups: { preset: TargetGroup | null; name: string }[]
    date: string
    time: string | null
    place: string
    invitedBy: string
    moderators: string[]
    languages: ParticipantLanguage[]
    interpreting: string
    materialUrl: string
    materialFile: string | null
    codeMode: CodeMode
    state: ForumState
    roundName: string | null
    /** People who joined with a code. */
    joined: number
  }
  phases: { id: number; position: number; title: string; categories: { id: number; preset: FeedbackCategory | null; label: string }[] }[]
  tables: { id: number; number: number; name: string; host: string }[]
  cards: DocumentationCard[]
  /** Cards hidden by moderation: counted, never shown. */
  hidden: number
  polls: PollResult[]
  photos: DocumentationPhoto[]
}

export function forumDocumentation(db: DbOrTx, forumId: number): ForumDocumentation {
  const forum = forumRow(db, forumId)
  const all = cardsOf(db, forumId)
  const mergedInto = new Map<number, number>()
  for (const card of all) if (card.mergedIntoId !== null && card.hiddenAt === null) mergedInto.set(card.mergedIntoId, (mergedInto.get(card.mergedIntoId) ?? 0) + 1)
  const visible = all.filter((card) => card.hiddenAt === null && card.mergedIntoId === null)
  const phaseRows = new Map(db.select({ id: forumPhases.id, position: forumPhases.position, title: forumPhases.title }).from(forumPhases).where(eq(forumPhases.forumId, forumId)).all().map((p) => [p.id, p]))
  const tableRows = new Map(db.select({ id: forumTables.id, number: forumTables.number, name: forumTables.name }).from(forumTables).where(eq(forumTables.forumId, forumId)).all().map((t) => [t.id, t]))
  const photos = filesOf(db, forumId, 'photo').map((photo) => {
    const table = photo.tableId !== null ? tableRows.get(photo.tableId) : undefined
    const phase = photo.phaseId !== null ? phaseRows.get(photo.phaseId) : undefined
    const bytes = db.select({ bytes: forumFiles.bytes }).from(forumFiles).where(eq(forumFiles.id, photo.id)).get()!.bytes
    return {
      id: photo.id,
      fileName: photo.fileName,
      width: photo.width,
      height: photo.height,
      tableNumber: table?.number ?? null,
      tableName: table?.name ?? null,
      phasePosition: phase?.position ?? null,
      phaseTitle: phase?.title ?? null,
      bytes: new Uint8Array(bytes),
    }
  })
  const joined = db
    .select({ n: sql<number>`count(*)` })
    .from(forumParticipants)
    .where(and(eq(forumParticipants.forumId, forumId), isNotNull(forumParticipants.joinedAt)))
    .get()!.n
  return {
    forum: {
      id: forum.id,
      title: forum.title,
      format: { preset: forum.formatPreset, name: forum.formatName },
      targetGroups: forumTargetGroupsOf(db, forumId).map((g) => ({ preset: g.preset, name: g.name })),
      date: forum.date,
      time: forum.time,
      place: forum.place,
      invitedBy: forum.invitedBy,
      moderators: forum.moderators
        .split(/\r?\n/)
        .map((m) => m.trim())
        .filter(Boolean),
      languages: forum.languages,
      interpreting: forum.interpreting,
      materialUrl: forum.materialUrl,
      materialFile: filesOf(db, forumId, 'material')[0]?.fileName ?? null,
      codeMode: forum.codeMode,
      state: forum.state,
      roundName: forum.roundName,
      joined,
    },
    phases: phasesOf(db, forumId).map((p) => ({ id: p.id, position: p.position, title: p.title, categories: p.categories.map((c) => ({ id: c.id, preset: c.preset, label: c.label })) })),
    tables: tablesOf(db, forumId).map((t) => ({ id: t.id, number: t.number, name: t.name, host: t.host })),
    cards: visible.map((card) => ({
      id: card.id,
      phaseId: card.phaseId,
      tableId: card.tableId,
      categoryId: card.categoryId,
      text: card.text,
      language: card.language,
      target: card.target,
      fieldNumber: card.fieldNumber,
      goalNumber: card.goalNumber ?? card.measureGoalNumber,
      measurePosition: card.measurePosition,
      disposition: card.disposition,
      dispositionReason: card.dispositionReason,
      dispositionDate: card.dispositionDate,
      merged: mergedInto.get(card.id) ?? 0,
    })),
    hidden: all.filter((card) => card.hiddenAt !== null).length,
    // A question never opened was never asked.
    polls: pollResults(db, forumId).filter((poll) => poll.state !== 'prepared'),
    photos,
  }
}

/** The cards of one phase at one table (null: entered without a table), by the phase's categories in their order. */
export function cardsByCategory(doc: ForumDocumentation, phaseId: number, tableId: number | null) {
  const phase = doc.phases.find((p) => p.id === phaseId)
  const here = doc.cards.filter((card) => card.phaseId === phaseId && card.tableId === tableId)
  return (phase?.categories ?? []).map((category) => ({ category, cards: here.filter((card) => card.categoryId === category.id) })).filter((group) => group.cards.length > 0)
}

/** Tables that have cards in a phase, in table order, and "no table" last when cards were entered without one. */
export function tablesWithCards(doc: ForumDocumentation, phaseId: number): ({ id: number; number: number; name: string; host: string } | null)[] {
  const used = new Set(doc.cards.filter((card) => card.phaseId === phaseId).map((card) => card.tableId))
  return [...doc.tables.filter((t) => used.has(t.id)), ...(used.has(null) ? [null] : [])]
}
