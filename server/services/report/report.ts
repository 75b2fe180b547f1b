import { asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { fields } from '../../../db/schema'
import { FLAGS, type Attainment, type Flag } from '../../../app/shared/vocabulary'
import { goalNumbers, reportCover, storedChapters, type ReportNode } from './chapters'
import { goalPath, splitGoalReferences } from '../../../app/shared/goal-references'
import { participationAnnex, type ParticipationAnnex } from '../forums/participation'
import { overviewData, requireRound, type OverviewData, type OverviewFilters, type OverviewMeasure, type ValueChoice } from './overview'

/**
 * The whole evaluation report ("Evaluationsbericht") of a round as its builders (server/exports/report-*.ts) take it:
 * cover, chapters 1 Einleitung, 2 Prozessansatz und Evaluationsmethodik (the legend goes in there), 3
 * Evaluationsergebnisse with 3.1–3.9 one per field in field order, 4 Fazit, the overview table as the annex, and on
 * request the participation annex (the forums that fed the round: server/services/forums/participation.ts).
 *
 * Chapter texts are ProseMirror JSON of the narrative schema (app/shared/live/extensions.ts), read from report_chapters,
 * the projection of the chapters' live documents (server/services/report/chapters.ts), with the cover (title,
 * authors, "Stand") from report_covers; `texts` may override both (tests, the benchmark). A missing chapter prints
 * as "not written yet". A chapter whose author switched on its statistics gets the generated table, whatever the
 * export's `statistik` parameter. "Ziel n" in a chapter is linked to the goal page (`goalLinks`) where the concept
 * has that goal and printed as written where not. Indicator references inside chapters will be their own inline
 * node: see `ReportNode` and `ReportReferences` below, the one place a resolver plugs in.
 */

/** A ProseMirror node as stored in narrative_json (defined beside the chapters' store, which holds them too). */
export type { ReportNode } from './chapters'

/**
 * Extension point for references inside chapters (indicator values with source and Stichtag, "Ziel n" links): a node
 * type the schema will gain, and its text as the report prints it. The builders ask `resolve` for any node type
 * they do not know; null means "print the node's own text". `lang` marks German data in an export of another language.
 * The indicator references' resolver is in references.ts.
 */
export type ReportReferences = { resolve(node: ReportNode): { text: string; href?: string; lang?: 'de' } | null }
export const NO_REFERENCES: ReportReferences = { resolve: () => null }

export type ChapterKey = 'introduction' | 'method' | 'conclusion' | `field-${number}`

export type ReportTexts = {
  authors?: { name: string; unit: string }[]
  chapters?: Partial<Record<ChapterKey, ReportNode | null>>
  /** The cover's own title (empty: the default title). */
  title?: string
}

export type FieldStatistics = { total: number; attainments: Record<Attainment | 'none', number>; flags: Record<Flag, number> }

export type ReportData = {
  overview: OverviewData
  authors: { name: string; unit: string }[]
  introduction: ReportNode | null
  method: ReportNode | null
  conclusion: ReportNode | null
  /** Every field of the concept in field order (chapters 3.1–3.9, also those the annex's filters leave out). */
  fields: { number: number; title: string; text: ReportNode | null; statistics: FieldStatistics | null }[]
  references: ReportReferences
  /** The cover's own title, if the authors gave one (else the builders' default title). */
  title?: string | null
  /** The optional annex "Beteiligung": the forums that fed the round and what became of their input (null: not asked for). */
  participation?: ParticipationAnnex | null
}

/** What a report shows: which values, which measures, the statistics tables, the participation annex, the links' base. */
export type ReportOptions = { values: ValueChoice; filters: OverviewFilters; statistics: boolean; participation?: boolean; baseUrl?: string }

export function reportData(
  db: DbOrTx,
  roundId: number,
  options: ReportOptions,
  texts: ReportTexts = {},
  references: ReportReferences = NO_REFERENCES,
): ReportData {
  const round = requireRound(db, roundId)
  const overview = overviewData(db, roundId, options.values, options.filters)
  const stored = storedChapters(db, roundId)
  const cover = reportCover(db, roundId)
  if (cover.standDate) overview.stand = cover.standDate
  const withStatistics = (n: number) => options.statistics || stored.get(`field-${n}`)?.statistics === true
  const fieldRows = db.select({ number: fields.number, title: fields.title }).from(fields).where(eq(fields.conceptId, round.conceptId)).orderBy(asc(fields.number)).all()
  // Statistics count every measure of the field, whatever the annex's filters.
  const all = fieldRows.some((f) => withStatistics(f.number)) ? overviewData(db, roundId, options.values, {}) : null
  const chapters: Partial<Record<ChapterKey, ReportNode | null>> = Object.fromEntries([...stored].map(([slug, c]) => [slug, c.json]))
  Object.assign(chapters, texts.chapters ?? {})
  if (options.baseUrl) {
    const known = new Set(goalNumbers(db, round.conceptId))
    for (const key of Object.keys(chapters) as ChapterKey[]) chapters[key] = linkGoalReferences(chapters[key] ?? null, known, options.baseUrl)
  }
  return {
    overview,
    title: texts.title ?? (cover.title || null),
    authors: texts.authors ?? cover.authors,
    introduction: chapters.introduction ?? null,
    method: chapters.method ?? null,
    conclusion: chapters.conclusion ?? null,
    fields: fieldRows.map((f) => {
      const measures = withStatistics(f.number) && all?.fields.find((x) => x.number === f.number)?.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures))
      return { number: f.number, title: f.title, text: chapters[`field-${f.number}`] ?? null, statistics: measures ? fieldStatistics(measures) : null }
    }),
    references,
    participation: options.participation ? participationAnnex(db, roundId) : null,
  }
}

/** The counts of the optional statistics table: measures per attainment (incl. not rated) and per mark. */
export function fieldStatistics(measures: Pick<OverviewMeasure, 'attainment' | 'flags'>[]): FieldStatistics {
  const attainments = { high: 0, medium: 0, low: 0, unclear: 0, none: 0 }
  const flags = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>
  for (const m of measures) {
    attainments[m.attainment ?? 'none']++
    for (const f of FLAGS) if (m.flags[f]) flags[f]++
  }
  return { total: measures.length, attainments, flags }
}

/**
 * "Ziel n" in a chapter's text as a link to `<baseUrl>/ziele/n` where the concept has goal n (a link mark, which every
 * builder prints as a hyperlink); an unknown number stays plain text, as written. Text that is a link already stays.
 */
export function linkGoalReferences(node: ReportNode | null, known: ReadonlySet<number>, baseUrl: string): ReportNode | null {
  if (!node) return null
  if (node.type === 'text') return node
  if (!node.content) return node
  const content: ReportNode[] = []
  for (const child of node.content) {
    if (child.type !== 'text' || !child.text || child.marks?.some((m) => m.type === 'link')) {
      content.push(linkGoalReferences(child, known, baseUrl)!)
      continue
    }
    for (const segment of splitGoalReferences(child.text, known)) {
      const marks = segment.known ? [...(child.marks ?? []), { type: 'link', attrs: { href: `${baseUrl}${goalPath(segment.goal!)}` } }] : child.marks
      content.push({ ...child, text: segment.text, ...(marks ? { marks } : {}) })
    }
  }
  return { ...node, content }
}
