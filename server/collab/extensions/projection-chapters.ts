import { and, eq, sql } from 'drizzle-orm'
import type * as Y from 'yjs'
import { CHAPTER_MAP, NARRATIVE, readChapter } from '../../../app/shared/live/layout'
import type { Db } from '../../../db/client'
import { reportChapters } from '../../../db/schema'
import { narrativeOf } from '../narrative'
import type { RoundDocumentMeta } from '../documents'

/**
 * Projection of the report's chapter documents (round/<r>/chapter/<slug>) into report_chapters, inside the store
 * transaction like a measure's narrative: the text as ProseMirror JSON and plain text (read incrementally,
 * narrative.ts), and the chapter's statistics switch. The report page's static view, the exports and the next
 * round's copy read this table, never Yjs.
 */
export class ChapterProjector {
  private readonly upsertText: { run(values: Record<string, unknown>): unknown }
  private readonly upsertStatistics: { run(values: Record<string, unknown>): unknown }

  constructor(db: Db) {
    const p = (name: string) => sql.placeholder(name)
    const key = { roundId: p('roundId'), slug: p('slug'), updatedAt: p('at'), updatedBy: p('by') }
    const target = [reportChapters.roundId, reportChapters.slug]
    const touched = { updatedAt: sql`excluded.updated_at`, updatedBy: sql`excluded.updated_by` }
    this.upsertText = db
      .insert(reportChapters)
      .values({ ...key, json: p('json'), text: p('text') })
      .onConflictDoUpdate({ target, set: { json: sql`excluded.json`, text: sql`excluded.text`, ...touched } })
      .prepare()
    // A boolean placeholder goes to the driver as it is: 1 or 0.
    this.upsertStatistics = db
      .insert(reportChapters)
      .values({ ...key, statistics: sql`${p('statistics')}` })
      .onConflictDoUpdate({ target, set: { statistics: sql`excluded.statistics`, ...touched } })
      .prepare()
  }

  project({ meta, document, transaction, userId, now }: ChapterStore): void {
    const slug = meta.chapterSlug
    if (!slug) return
    const key = { roundId: meta.roundId, slug, at: now, by: userId }
    const fragment = document.getXmlFragment(NARRATIVE)
    if (touched(transaction, fragment)) {
      const narrative = narrativeOf(fragment)
      this.upsertText.run({ ...key, json: narrative?.jsonText() ?? null, text: narrative?.text() ?? '' })
    }
    const map = document.getMap(CHAPTER_MAP)
    if (touched(transaction, map)) {
      this.upsertStatistics.run({ ...key, statistics: readChapter(map).statistics ? 1 : 0 })
    }
  }
}

/** What the projection hands on from persistence's store context (projection.ts's StoreContext; not imported: it imports this). */
type ChapterStore = { meta: RoundDocumentMeta; document: Y.Doc; transaction: Y.Transaction | null; userId: number | null; now: number }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const touched = (transaction: Y.Transaction | null, type: Y.AbstractType<any>) => transaction === null || transaction.changedParentTypes.has(type)

/** The stored chapter as a new document's first content (server/collab/seed.ts). */
export function storedChapter(db: Db, roundId: number, slug: string): { json: string | null; statistics: boolean } | null {
  const row = db
    .select({ json: reportChapters.json, statistics: reportChapters.statistics })
    .from(reportChapters)
    .where(and(eq(reportChapters.roundId, roundId), eq(reportChapters.slug, slug)))
    .get()
  return row ?? null
}
