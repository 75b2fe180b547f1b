import { and, asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../../../db/client'
import { fields, goals, reportChapters, reportCovers, rounds, users } from '../../../db/schema'
import { CHAPTER_SLUGS, isChapterSlug, type ChapterSlug } from '../../../app/shared/live/names'
import { narrativeText } from '../../collab/schema'
import { Refusal } from '../refusal'

/**
 * The report's chapters and cover as stored: report_chapters is the projection of the chapters' live documents
 * (server/collab/extensions/projection-chapters.ts), report_covers the cover form. Exports, the report page's static
 * view and the next round's start read these tables, never Yjs.
 */

/** A ProseMirror node as stored in narrative_json (doc, paragraph, text, bulletList, orderedList, listItem, hardBreak; marks bold, italic, link). */
export type ReportNode = {
  type: string
  attrs?: Record<string, unknown>
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
  content?: ReportNode[]
}

export type StoredChapter = { slug: ChapterSlug; json: ReportNode | null; text: string; statistics: boolean; updatedAt: number | null; updatedBy: string | null }
export type Author = { name: string; unit: string }
export type ReportCover = { title: string; authors: Author[]; standDate: string | null }

export class ChapterRefusal extends Refusal {
  override name = 'ChapterRefusal'
}

function parseJson(json: string | null): ReportNode | null {
  if (!json) return null
  try {
    return JSON.parse(json) as ReportNode
  } catch {
    return null
  }
}

/** Every stored chapter of a round, by slug (a chapter nobody wrote has no row). */
export function storedChapters(db: DbOrTx, roundId: number): Map<ChapterSlug, StoredChapter> {
  const rows = db
    .select({ slug: reportChapters.slug, json: reportChapters.json, text: reportChapters.text, statistics: reportChapters.statistics, updatedAt: reportChapters.updatedAt, updatedBy: users.name })
    .from(reportChapters)
    .leftJoin(users, eq(users.id, reportChapters.updatedBy))
    .where(eq(reportChapters.roundId, roundId))
    .all()
  const out = new Map<ChapterSlug, StoredChapter>()
  for (const row of rows) if (isChapterSlug(row.slug)) out.set(row.slug, { ...row, slug: row.slug, json: parseJson(row.json) })
  return out
}

/**
 * Writes a chapter's projection row directly: for the demo seed and the benchmark, before any live document of the
 * chapter exists (the document then starts from this row: server/collab/seed.ts). Never for a loaded document.
 */
export function writeStoredChapter(db: DbOrTx, roundId: number, slug: ChapterSlug, json: ReportNode | null, options: { statistics?: boolean; userId?: number | null; now?: number } = {}): void {
  const text = json ? narrativeText(json as Parameters<typeof narrativeText>[0]) : ''
  const values = { json: json ? JSON.stringify(json) : null, text, statistics: options.statistics ?? false, updatedAt: options.now ?? Date.now(), updatedBy: options.userId ?? null }
  db.insert(reportChapters)
    .values({ roundId, slug, ...values })
    .onConflictDoUpdate({ target: [reportChapters.roundId, reportChapters.slug], set: values })
    .run()
}

/** A new round's report starts from the previous round's chapters and cover (authors, title), as its proposals do. */
export function copyChapters(db: DbOrTx, fromRoundId: number, toRoundId: number, now = Date.now()): void {
  const rows = db.select().from(reportChapters).where(eq(reportChapters.roundId, fromRoundId)).all()
  for (const row of rows) {
    db.insert(reportChapters)
      .values({ ...row, roundId: toRoundId, updatedAt: now })
      .onConflictDoNothing()
      .run()
  }
  const cover = db.select().from(reportCovers).where(eq(reportCovers.roundId, fromRoundId)).get()
  // The "Stand" date is the new round's own.
  if (cover) db.insert(reportCovers).values({ ...cover, roundId: toRoundId, standDate: null, updatedAt: now }).onConflictDoNothing().run()
}

const AuthorSchema = z.object({ name: z.string().trim().min(1).max(120), unit: z.string().trim().max(160) })

export function reportCover(db: DbOrTx, roundId: number): ReportCover {
  const row = db.select({ title: reportCovers.title, authors: reportCovers.authors, standDate: reportCovers.standDate }).from(reportCovers).where(eq(reportCovers.roundId, roundId)).get()
  if (!row) return { title: '', authors: [], standDate: null }
  const parsed = z.array(AuthorSchema).safeParse(safeJson(row.authors))
  return { title: row.title, authors: parsed.success ? parsed.data : [], standDate: row.standDate }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** Saves the cover of an open round (the route has asked 'report.write' for it). */
export function saveReportCover(db: DbOrTx, roundId: number, cover: ReportCover, userId: number, now = Date.now()): void {
  const round = db.select({ state: rounds.state, name: rounds.name }).from(rounds).where(eq(rounds.id, roundId)).get()
  if (!round) throw new ChapterRefusal('report:errors.roundNotFound', { values: { id: roundId } })
  if (round.state !== 'open') throw new ChapterRefusal('report:writing.cover.notOpen', { values: { name: round.name } })
  const values = { title: cover.title, authors: JSON.stringify(cover.authors), standDate: cover.standDate, updatedAt: now, updatedBy: userId }
  db.insert(reportCovers)
    .values({ roundId, ...values })
    .onConflictDoUpdate({ target: reportCovers.roundId, set: values })
    .run()
}

/** The goal numbers of a concept: a "Ziel n" in a chapter is checked against them. */
export function goalNumbers(db: DbOrTx, conceptId: number): number[] {
  return db.select({ number: goals.number }).from(goals).where(eq(goals.conceptId, conceptId)).orderBy(asc(goals.number)).all().map((g) => g.number)
}

/** The chapters in report order, with what is stored for each (an unwritten one: empty). */
export function chaptersInOrder(db: DbOrTx, roundId: number): StoredChapter[] {
  const stored = storedChapters(db, roundId)
  return CHAPTER_SLUGS.map((slug) => stored.get(slug) ?? { slug, json: null, text: '', statistics: false, updatedAt: null, updatedBy: null })
}

export const chapterRowExists = (db: DbOrTx, roundId: number, slug: ChapterSlug) =>
  !!db.select({ slug: reportChapters.slug }).from(reportChapters).where(and(eq(reportChapters.roundId, roundId), eq(reportChapters.slug, slug))).get()

/** The concept's fields (id and number), for what the report page shows beside each field chapter. */
export function conceptFields(db: DbOrTx, conceptId: number): { id: number; number: number }[] {
  return db.select({ id: fields.id, number: fields.number }).from(fields).where(eq(fields.conceptId, conceptId)).orderBy(asc(fields.number)).all()
}
