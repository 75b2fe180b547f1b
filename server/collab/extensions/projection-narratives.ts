import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import * as Y from 'yjs'
import { NARRATIVE } from '../../../app/shared/live/layout'
import { parseDocumentName } from '../../../app/shared/live/names'
import type { Db } from '../../../db/client'
import { documentUpdates, goalStatus, measureStatus } from '../../../db/schema'
import { resolveDocument, type RoundDocumentMeta } from '../documents'
import { narrativeOf } from '../narrative'
import { dropPending } from '../ydoc'
import { readStored } from './stored'

/** By default a narrative is in measure_status / goal_status at most this long after a keystroke (NarrativeProjection). */
export const NARRATIVE_DELAY_MS = 500

type Target = { kind: 'measure'; roundId: number; measureId: number } | { kind: 'goal'; roundId: number; goalId: number }

type Pending = { target: Target; fragment: Y.XmlFragment; at: number; by: number | null }

/**
 * The narratives (Sachstand) of measures and goals, as JSON and plain text in measure_status and goal_status.
 *
 * The Yjs update is in the log before "Gespeichert" (persistence.ts); that is what makes an edit durable. The
 * narrative's columns are derived from the document, and rewriting them on every keystroke (a row of tens of kB
 * once a narrative is long, dozens of times a second in a Jour fixe) was most of what a live edit cost beyond
 * plain Hocuspocus. So a keystroke only marks its document, and the marked narratives are written in one
 * transaction:
 * - NARRATIVE_DELAY_MS (ZIELWERK_NARRATIVE_DELAY_MS) after the first mark: while people type, twice a second
 *   instead of on every keystroke;
 * - before the server answers any HTTP request (app.ts), so every page, export and action reads what was typed;
 * - before a document is unloaded, and when the server stops;
 * - at start for every document whose log is not compacted yet (a crash between a keystroke and its write):
 *   `recover` reads those documents from the database and writes what differs.
 * Each write carries the time and user of the document's last narrative change.
 */
export class NarrativeProjection {
  private readonly pending = new Map<string, Pending>()
  private timer: NodeJS.Timeout | null = null
  private readonly statements: ReturnType<typeof prepare>
  private readonly inTransaction: (work: () => void) => void

  constructor(
    private readonly db: Db,
    private readonly delayMs = NARRATIVE_DELAY_MS,
  ) {
    this.statements = prepare(db)
    this.inTransaction = db.$client.transaction((work: () => void) => work())
  }

  /** Inside the store transaction of a narrative change: remembers the document for the next write. */
  mark(meta: RoundDocumentMeta, document: Y.Doc, by: number | null, at: number): void {
    const waiting = this.pending.get(meta.name)
    if (waiting) {
      // Every keystroke marks its document: the entry it left is brought up to date, not made anew.
      waiting.at = at
      waiting.by = by
      waiting.fragment = document.getXmlFragment(NARRATIVE)
    } else {
      const target = targetOf(meta)
      if (!target) return
      this.pending.set(meta.name, { target, fragment: document.getXmlFragment(NARRATIVE), at, by })
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.delayMs)
      this.timer.unref()
    }
  }

  /** Writes every marked narrative now, in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    const batch = [...this.pending.entries()]
    this.pending.clear()
    try {
      this.inTransaction(() => {
        for (const [, pending] of batch) this.write(pending.target, pending.fragment, pending.at, pending.by)
      })
    } catch (error) {
      // The edits are in the log; the columns are written again with the next flush (or at the next start).
      console.error('Zielwerk: Sachstände konnten nicht in die Übersicht geschrieben werden:', (error as Error).message)
      for (const [name, pending] of batch) if (!this.pending.has(name)) this.pending.set(name, pending)
      if (!this.timer) {
        this.timer = setTimeout(() => this.flush(), Math.max(this.delayMs, 500) * 4)
        this.timer.unref()
      }
    }
  }

  private write(target: Target, fragment: Y.XmlFragment, at: number, by: number | null) {
    const narrative = narrativeOf(fragment)
    const values = { json: narrative?.jsonText() ?? null, text: narrative?.text() ?? '', at, by }
    if (target.kind === 'measure') this.statements.upsertMeasure.run({ roundId: target.roundId, measureId: target.measureId, ...values })
    else this.statements.upsertGoal.run({ roundId: target.roundId, goalId: target.goalId, ...values })
  }

  /**
   * At start: every measure or goal document of an open round with rows in its log is read from the database
   * (snapshot + log), and its narrative written where the columns differ. Returns how many were written.
   */
  recover(): number {
    const names = this.db.selectDistinct({ name: documentUpdates.name }).from(documentUpdates).all()
    let written = 0
    for (const { name } of names) {
      const parsed = parseDocumentName(name)
      if (!parsed || (parsed.kind !== 'measure' && parsed.kind !== 'goal')) continue
      const meta = resolveDocument(this.db, parsed)
      const target = meta && meta.kind !== 'poster' && meta.roundState === 'open' ? targetOf(meta) : null
      if (target && this.recoverOne(name, target)) written++
    }
    return written
  }

  private recoverOne(name: string, target: Target): boolean {
    const stored = readStored(this.db, name)
    const doc = new Y.Doc({ gc: true })
    try {
      Y.transact(doc, () => {
        if (stored.state) Y.applyUpdate(doc, stored.state)
        for (const { update } of stored.updates) Y.applyUpdate(doc, update)
      })
      dropPending(doc)
      const narrative = narrativeOf(doc.getXmlFragment(NARRATIVE))
      const json = narrative?.jsonText() ?? null
      const text = narrative?.text() ?? ''
      const projected =
        target.kind === 'measure'
          ? this.db.select({ json: measureStatus.narrativeJson, text: measureStatus.narrativeText }).from(measureStatus).where(and(eq(measureStatus.roundId, target.roundId), eq(measureStatus.measureId, target.measureId))).get()
          : this.db.select({ json: goalStatus.narrativeJson, text: goalStatus.narrativeText }).from(goalStatus).where(and(eq(goalStatus.roundId, target.roundId), eq(goalStatus.goalId, target.goalId))).get()
      if ((projected?.json ?? null) === json && (projected?.text ?? '') === text) return false
      // Attributed to the log's last row (the latest edit of the document, whoever made it).
      const last = this.db
        .select({ at: documentUpdates.createdAt, by: documentUpdates.userId })
        .from(documentUpdates)
        .where(eq(documentUpdates.name, name))
        .orderBy(desc(documentUpdates.id))
        .limit(1)
        .get()
      this.write(target, doc.getXmlFragment(NARRATIVE), last?.at ?? Date.now(), last?.by ?? null)
      return true
    } finally {
      doc.destroy()
    }
  }

  stop(): void {
    this.flush()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

function targetOf(meta: RoundDocumentMeta): Target | null {
  if (meta.kind === 'measure' && meta.measureId !== null) return { kind: 'measure', roundId: meta.roundId, measureId: meta.measureId }
  if (meta.kind === 'goal' && meta.goalId !== null) return { kind: 'goal', roundId: meta.roundId, goalId: meta.goalId }
  return null
}

const p = (name: string) => sql.placeholder(name)

function prepare(db: Db) {
  const narrative = { narrativeJson: p('json'), narrativeText: p('text'), updatedAt: p('at'), updatedBy: p('by') }
  // A narrative written after a later change of the same row (a rating) leaves that change's time and user.
  const set = (table: typeof measureStatus | typeof goalStatus): Record<keyof typeof narrative, SQL> => ({
    narrativeJson: sql`excluded.narrative_json`,
    narrativeText: sql`excluded.narrative_text`,
    updatedAt: sql`max(coalesce(${table.updatedAt}, 0), excluded.updated_at)`,
    updatedBy: sql`case when excluded.updated_at >= coalesce(${table.updatedAt}, 0) then excluded.updated_by else ${table.updatedBy} end`,
  })
  return {
    upsertMeasure: db
      .insert(measureStatus)
      .values({ roundId: p('roundId'), measureId: p('measureId'), ...narrative })
      .onConflictDoUpdate({ target: [measureStatus.roundId, measureStatus.measureId], set: set(measureStatus) })
      .prepare(),
    upsertGoal: db
      .insert(goalStatus)
      .values({ roundId: p('roundId'), goalId: p('goalId'), ...narrative })
      .onConflictDoUpdate({ target: [goalStatus.roundId, goalStatus.goalId], set: set(goalStatus) })
      .prepare(),
  }
}
