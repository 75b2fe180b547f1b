import type { Extension } from '@hocuspocus/server'
import { and, eq } from 'drizzle-orm'
import type * as Y from 'yjs'
import { AGREED_MAP, FLAG_KEYS, NARRATIVE, readAgreed, readRating, STATUS_MAP } from '../../../app/editor/layout'
import type { Db } from '../../../db/client'
import { goalStatus, measureStatus, statusChanges, type Attainment } from '../../../db/schema'
import type { DocumentMeta } from '../documents'
import { narrativeJson, narrativeText } from '../schema'

/** What persistence hands every projector inside its store transaction. */
export type StoreContext = {
  /** The store transaction (better-sqlite3 transactions are synchronous; drizzle's tx has the Db's API). */
  tx: Db
  meta: DocumentMeta
  document: Y.Doc
  /** The Yjs transaction that produced the update; null = project everything (e.g. a re-projection). */
  transaction: Y.Transaction | null
  userId: number | null
  now: number
}

export interface Projector {
  /** Writes inside the store transaction; may return work to do after the commit (notifications). */
  project(context: StoreContext): (() => void) | void
}

export type StatusChange = {
  roundId: number
  measureId: number
  proposal: Attainment | null
  agreed: Attainment | null
  /** Agreed marks where the Jour fixe agreed them, else the proposal's (as the overview shows them). */
  flags: Record<(typeof FLAG_KEYS)[number], boolean>
}

type FlagKey = (typeof FLAG_KEYS)[number]

const PROPOSAL_COLUMN = {
  mandatory: 'proposalMandatory',
  routine: 'proposalRoutine',
  continue: 'proposalContinue',
  responsibilityQuestionable: 'proposalResponsibilityQuestionable',
  changedConditions: 'proposalChangedConditions',
} as const satisfies Record<FlagKey, keyof typeof measureStatus.$inferSelect>

const AGREED_COLUMN = {
  mandatory: 'agreedMandatory',
  routine: 'agreedRoutine',
  continue: 'agreedContinue',
  responsibilityQuestionable: 'agreedResponsibilityQuestionable',
  changedConditions: 'agreedChangedConditions',
} as const satisfies Record<FlagKey, keyof typeof measureStatus.$inferSelect>

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function touched(transaction: Y.Transaction | null, type: Y.AbstractType<any>): boolean {
  return transaction === null || transaction.changedParentTypes.has(type)
}

const asText = (value: string | boolean | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value)

/**
 * Projection: in the same transaction that stores an update, the document's structured fields go into the
 * relational tables the overview, filters and exports read (never Yjs): measure_status (proposal, marks,
 * narrative as JSON and text; the agreed rating from the agreed document), goal_status, and one
 * status_changes row for every change of an attainment or a mark, with the user whose connection made it.
 */
export class Projection implements Extension, Projector {
  extensionName = 'zielwerk-projection'

  constructor(private readonly options: { onStatusChange?: (change: StatusChange) => void } = {}) {}

  project(context: StoreContext): (() => void) | void {
    switch (context.meta.kind) {
      case 'measure':
        return this.projectMeasure(context)
      case 'goal':
        return this.projectGoal(context)
      case 'agreed':
        return this.projectAgreed(context)
    }
  }

  private row(tx: Db, meta: DocumentMeta) {
    return tx
      .select()
      .from(measureStatus)
      .where(and(eq(measureStatus.roundId, meta.roundId), eq(measureStatus.measureId, meta.measureId!)))
      .get()
  }

  private upsertMeasureStatus(tx: Db, meta: DocumentMeta, set: Partial<typeof measureStatus.$inferInsert>) {
    tx.insert(measureStatus)
      .values({ roundId: meta.roundId, measureId: meta.measureId!, ...set })
      .onConflictDoUpdate({ target: [measureStatus.roundId, measureStatus.measureId], set })
      .run()
  }

  private projectMeasure({ tx, meta, document, transaction, userId, now }: StoreContext) {
    const status = document.getMap(STATUS_MAP)
    const fragment = document.getXmlFragment(NARRATIVE)
    const statusChanged = touched(transaction, status)
    const narrativeChanged = touched(transaction, fragment)
    if (!statusChanged && !narrativeChanged) return
    const before = this.row(tx, meta)
    const set: Partial<typeof measureStatus.$inferInsert> = { updatedAt: now, updatedBy: userId }
    const changes: (typeof statusChanges.$inferInsert)[] = []
    if (statusChanged) {
      const rating = readRating(status)
      set.proposalAttainment = rating.attainment
      if ((before?.proposalAttainment ?? null) !== rating.attainment) {
        changes.push(this.change(meta, 'proposal', 'attainment', before?.proposalAttainment ?? null, rating.attainment, userId, null, now))
      }
      for (const key of FLAG_KEYS) {
        const column = PROPOSAL_COLUMN[key]
        set[column] = rating.flags[key]
        const old = before ? before[column] : false
        if (old !== rating.flags[key]) changes.push(this.change(meta, 'proposal', key, old, rating.flags[key], userId, null, now))
      }
    }
    if (narrativeChanged) {
      const json = narrativeJson(fragment)
      set.narrativeJson = json ? JSON.stringify(json) : null
      set.narrativeText = narrativeText(json)
    }
    this.upsertMeasureStatus(tx, meta, set)
    if (changes.length > 0) tx.insert(statusChanges).values(changes).run()
    return statusChanged ? this.notifyAfterCommit(tx, meta) : undefined
  }

  private projectAgreed({ tx, meta, document, transaction, userId, now }: StoreContext) {
    const map = document.getMap(AGREED_MAP)
    if (!touched(transaction, map)) return
    const agreed = readAgreed(map)
    const before = this.row(tx, meta)
    const anything = agreed.attainment !== null || FLAG_KEYS.some((key) => agreed.flags[key] !== null)
    const set: Partial<typeof measureStatus.$inferInsert> = {
      agreedAttainment: agreed.attainment,
      agreedAt: anything ? now : null,
      agreedBy: anything ? userId : null,
      agreedInMeeting: agreed.meetingId,
      updatedAt: now,
      updatedBy: userId,
    }
    const changes: (typeof statusChanges.$inferInsert)[] = []
    if ((before?.agreedAttainment ?? null) !== agreed.attainment) {
      changes.push(this.change(meta, 'agreed', 'attainment', before?.agreedAttainment ?? null, agreed.attainment, userId, agreed.meetingId, now))
    }
    for (const key of FLAG_KEYS) {
      const column = AGREED_COLUMN[key]
      set[column] = agreed.flags[key]
      const old = before ? before[column] : null
      if (old !== agreed.flags[key]) changes.push(this.change(meta, 'agreed', key, old, agreed.flags[key], userId, agreed.meetingId, now))
    }
    this.upsertMeasureStatus(tx, meta, set)
    if (changes.length > 0) tx.insert(statusChanges).values(changes).run()
    return this.notifyAfterCommit(tx, meta)
  }

  private projectGoal({ tx, meta, document, transaction, userId, now }: StoreContext) {
    const fragment = document.getXmlFragment(NARRATIVE)
    if (!touched(transaction, fragment)) return
    const json = narrativeJson(fragment)
    const set = { narrativeJson: json ? JSON.stringify(json) : null, narrativeText: narrativeText(json), updatedAt: now, updatedBy: userId }
    tx.insert(goalStatus)
      .values({ roundId: meta.roundId, goalId: meta.goalId, ...set })
      .onConflictDoUpdate({ target: [goalStatus.roundId, goalStatus.goalId], set })
      .run()
  }

  private change(
    meta: DocumentMeta,
    kind: 'proposal' | 'agreed',
    field: string,
    oldValue: string | boolean | null,
    newValue: string | boolean | null,
    userId: number | null,
    meetingId: number | null,
    at: number,
  ): typeof statusChanges.$inferInsert {
    return { roundId: meta.roundId, measureId: meta.measureId!, kind, field, oldValue: asText(oldValue), newValue: asText(newValue), userId, meetingId, at }
  }

  /** Reads the row as committed a moment later and hands it to the live overview after the commit. */
  private notifyAfterCommit(tx: Db, meta: DocumentMeta): (() => void) | undefined {
    const listener = this.options.onStatusChange
    if (!listener) return undefined
    const row = this.row(tx, meta)
    if (!row) return undefined
    const flags = {} as StatusChange['flags']
    for (const key of FLAG_KEYS) flags[key] = row[AGREED_COLUMN[key]] ?? row[PROPOSAL_COLUMN[key]]
    const change: StatusChange = {
      roundId: meta.roundId,
      measureId: meta.measureId!,
      proposal: row.proposalAttainment,
      agreed: row.agreedAttainment,
      flags,
    }
    return () => listener(change)
  }
}
