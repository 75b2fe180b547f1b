import type { Extension } from '@hocuspocus/server'
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type * as Y from 'yjs'
import { AGREED_MAP, MEETING_MAP, NARRATIVE, parseItemKey, readAgreed, readRating, STATUS_MAP } from '../../../app/shared/live/layout'
import { FLAGS, isItemState } from '../../../app/shared/vocabulary'
import type { Db } from '../../../db/client'
import { measureStatus, meetingItems, statusChanges } from '../../../db/schema'
import { type Attainment } from '../../../app/shared/vocabulary'
import type { DocumentMeta, RoundDocumentMeta } from '../documents'
import { PosterProjection } from './projection-posters'
import { NarrativeProjection } from './projection-narratives'
import { ChapterProjector } from './projection-chapters'

/** What persistence hands every projector inside its store transaction. */
export type StoreContext = {
  /** The database, inside the store transaction: a better-sqlite3 transaction belongs to the connection, so
   * every statement on it until the commit is part of that transaction. */
  tx: Db
  meta: DocumentMeta
  document: Y.Doc
  /** The Yjs transaction that produced the update; null = project everything (e.g. a re-projection). */
  transaction: Y.Transaction | null
  userId: number | null
  /** The participant (forum session) whose connection made the change; null for staff and server edits. */
  participantId: number | null
  now: number
}

/** A store of a round's document (measure, goal, agreed, meeting). */
type RoundStoreContext = StoreContext & { meta: RoundDocumentMeta }

export interface Projector {
  /** Writes inside the store transaction; may return work to do after the commit (notifications). */
  project(context: StoreContext): (() => void) | void
  /**
   * Whether project() writes to the database for this store. When no projector does (plain typing: the
   * narratives follow later), persistence appends the update in one statement, without a transaction.
   */
  writes(context: StoreContext): boolean
}

export type StatusChange = {
  roundId: number
  measureId: number
  proposal: Attainment | null
  agreed: Attainment | null
  /** Agreed marks where the Jour fixe agreed them, else the proposal's (as the overview shows them). */
  flags: Record<(typeof FLAGS)[number], boolean>
}

type Flag = (typeof FLAGS)[number]

const PROPOSAL_COLUMN = {
  mandatory: 'proposalMandatory',
  routine: 'proposalRoutine',
  continue: 'proposalContinue',
  responsibilityQuestionable: 'proposalResponsibilityQuestionable',
  changedConditions: 'proposalChangedConditions',
} as const satisfies Record<Flag, keyof typeof measureStatus.$inferSelect>

const AGREED_COLUMN = {
  mandatory: 'agreedMandatory',
  routine: 'agreedRoutine',
  continue: 'agreedContinue',
  responsibilityQuestionable: 'agreedResponsibilityQuestionable',
  changedConditions: 'agreedChangedConditions',
} as const satisfies Record<Flag, keyof typeof measureStatus.$inferSelect>

const isPosterStore = (context: StoreContext): context is StoreContext & { meta: Extract<DocumentMeta, { kind: 'poster' }> } => context.meta.kind === 'poster'
const isRoundStore = (context: StoreContext): context is RoundStoreContext => context.meta.kind !== 'poster'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function touched(transaction: Y.Transaction | null, type: Y.AbstractType<any>): boolean {
  return transaction === null || transaction.changedParentTypes.has(type)
}

/** Changes of one field by one user closer together than this are one audit entry (see insertChange). */
export const AUDIT_COALESCE_MS = 5_000

const asText = (value: string | boolean | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value)

/**
 * Projection: in the same transaction that stores an update, the document's structured fields go into the
 * relational tables the overview, filters and exports read (never Yjs): measure_status (proposal, marks; the
 * agreed rating from the agreed document), and one status_changes row for every change of an attainment or a
 * mark, with the user whose connection made it. The narratives (measure_status, goal_status) follow a moment
 * later and always before an HTTP request is answered (projection-narratives.ts); they are read incrementally
 * (narrative.ts): a write re-reads the paragraphs changed since, not the document.
 */
export class Projection implements Extension, Projector {
  extensionName = 'zielwerk-projection'

  private readonly statements: ReturnType<typeof prepare>
  private readonly chapters: ChapterProjector

  constructor(private readonly options: { db: Db; onStatusChange?: (change: StatusChange) => void; narrativeDelayMs?: number }) {
    // Prepared once: a store runs on every keystroke, and building drizzle queries costs more than running them.
    // Prepared statements use the same connection, so they run inside the store transaction.
    this.statements = prepare(options.db)
    this.chapters = new ChapterProjector(options.db)
    this.posters = new PosterProjection()
    this.narratives = new NarrativeProjection(options.db, options.narrativeDelayMs)
  }

  private readonly narratives: NarrativeProjection

  private readonly posters: PosterProjection

  project(context: StoreContext): (() => void) | void {
    // A table's poster projects its cards into forum_feedback (projection-posters.ts). No copy of the context: this
    // runs on every keystroke.
    if (isPosterStore(context)) return this.posters.project(context)
    if (isRoundStore(context)) return this.projectRound(context)
  }

  writes({ meta, document, transaction }: StoreContext): boolean {
    switch (meta.kind) {
      case 'measure':
        return touched(transaction, document.getMap(STATUS_MAP))
      case 'goal':
        return false
      case 'agreed':
        return touched(transaction, document.getMap(AGREED_MAP))
      case 'meeting':
        return touched(transaction, document.getMap(MEETING_MAP))
      case 'chapter':
      case 'poster':
        return true
    }
  }

  private projectRound(context: RoundStoreContext): (() => void) | void {
    switch (context.meta.kind) {
      case 'measure':
        return this.projectMeasure(context)
      case 'goal':
        return this.projectGoal(context)
      case 'agreed':
        return this.projectAgreed(context)
      case 'meeting':
        return this.projectMeeting(context)
      case 'chapter':
        return this.chapters.project(context)
    }
  }

  private row(meta: RoundDocumentMeta) {
    return this.statements.row.get({ roundId: meta.roundId, measureId: meta.measureId! })
  }

  private projectMeasure({ meta, document, transaction, userId, now }: RoundStoreContext) {
    const status = document.getMap(STATUS_MAP)
    const fragment = document.getXmlFragment(NARRATIVE)
    const statusChanged = touched(transaction, status)
    const narrativeChanged = touched(transaction, fragment)
    const key = { roundId: meta.roundId, measureId: meta.measureId!, at: now, by: userId }
    if (narrativeChanged) this.narratives.mark(meta, document, userId, now)
    if (!statusChanged) return
    const before = this.row(meta)
    const rating = readRating(status)
    if ((before?.proposalAttainment ?? null) !== rating.attainment) {
      this.insertChange(meta, 'proposal', 'attainment', before?.proposalAttainment ?? null, rating.attainment, userId, null, now)
    }
    for (const flag of FLAGS) {
      const old = before ? before[PROPOSAL_COLUMN[flag]] : false
      if (old !== rating.flags[flag]) this.insertChange(meta, 'proposal', flag, old, rating.flags[flag], userId, null, now)
    }
    this.statements.upsertProposal.run({ ...key, attainment: rating.attainment, ...rating.flags })
    return this.notifyAfterCommit(meta)
  }

  private projectAgreed({ meta, document, transaction, userId, now }: RoundStoreContext) {
    const map = document.getMap(AGREED_MAP)
    if (!touched(transaction, map)) return
    const agreed = readAgreed(map)
    const before = this.row(meta)
    const anything = agreed.attainment !== null || FLAGS.some((key) => agreed.flags[key] !== null)
    if ((before?.agreedAttainment ?? null) !== agreed.attainment) {
      this.insertChange(meta, 'agreed', 'attainment', before?.agreedAttainment ?? null, agreed.attainment, userId, agreed.meetingId, now)
    }
    for (const flag of FLAGS) {
      const old = before ? before[AGREED_COLUMN[flag]] : null
      if (old !== agreed.flags[flag]) this.insertChange(meta, 'agreed', flag, old, agreed.flags[flag], userId, agreed.meetingId, now)
    }
    const flags = Object.fromEntries(FLAGS.map((flag) => [flag, sqliteFlag(agreed.flags[flag])]))
    this.statements.upsertAgreed.run({
      roundId: meta.roundId,
      measureId: meta.measureId!,
      attainment: agreed.attainment,
      ...flags,
      agreedAt: anything ? now : null,
      agreedBy: anything ? userId : null,
      meetingId: agreed.meetingId,
      at: now,
      by: userId,
    })
    return this.notifyAfterCommit(meta)
  }

  /** Item states and decision notes into meeting_items (the minutes read them there); 'current' stays live only. */
  private projectMeeting({ meta, document, transaction, userId, now }: RoundStoreContext) {
    const map = document.getMap(MEETING_MAP)
    if (!touched(transaction, map)) return
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const keys = transaction ? [...(transaction.changed.get(map as Y.AbstractType<any>) ?? [])] : [...map.keys()]
    for (const key of keys) {
      const parsed = key === null ? null : parseItemKey(key)
      if (!parsed) continue
      const value = map.get(key!)
      const item = { id: parsed.itemId, meetingId: meta.meetingId!, at: now, by: userId }
      if (parsed.field === 'state') this.statements.setItemState.run({ ...item, state: isItemState(value) ? value : 'open' })
      else this.statements.setItemNote.run({ ...item, note: typeof value === 'string' ? value : '' })
    }
  }

  private projectGoal({ meta, document, transaction, userId, now }: RoundStoreContext) {
    if (touched(transaction, document.getXmlFragment(NARRATIVE))) this.narratives.mark(meta, document, userId, now)
  }

  /** Writes the narratives that wait (before an HTTP request is answered, an unload, a stop). */
  flushNarratives(): void {
    this.narratives.flush()
  }

  async beforeUnloadDocument() {
    this.narratives.flush()
  }

  /** At start: narratives of documents whose log a crash left behind (projection-narratives.ts). */
  recoverNarratives(): number {
    return this.narratives.recover()
  }

  stop(): void {
    this.narratives.stop()
  }

  /**
   * One audit row per change, except that a user's quick succession of changes of one field (arrow keys through
   * the rating's radio group) is one change: when the field's latest row is the same user's, made in the app in
   * the same meeting (or none) less than AUDIT_COALESCE_MS ago, it takes the new value instead (first old value →
   * last new value), and it goes away when the value is back where it started.
   */
  private insertChange(
    meta: RoundDocumentMeta,
    kind: 'proposal' | 'agreed',
    field: string,
    oldValue: string | boolean | null,
    newValue: string | boolean | null,
    userId: number | null,
    meetingId: number | null,
    at: number,
  ) {
    const key = { roundId: meta.roundId, measureId: meta.measureId!, kind, field }
    const last = userId === null ? undefined : this.statements.lastChange.get(key)
    if (last && last.userId === userId && last.meetingId === meetingId && last.source === null && at - last.at < AUDIT_COALESCE_MS) {
      if (last.oldValue === asText(newValue)) this.statements.deleteChange.run({ id: last.id })
      else this.statements.updateChange.run({ id: last.id, newValue: asText(newValue), at })
      return
    }
    this.statements.insertChange.run({ ...key, oldValue: asText(oldValue), newValue: asText(newValue), userId, meetingId, at })
  }

  /** Reads the row as committed a moment later and hands it to the live overview after the commit. */
  private notifyAfterCommit(meta: RoundDocumentMeta): (() => void) | undefined {
    const listener = this.options.onStatusChange
    if (!listener) return undefined
    const row = this.row(meta)
    if (!row) return undefined
    const flags = {} as StatusChange['flags']
    for (const key of FLAGS) flags[key] = row[AGREED_COLUMN[key]] ?? row[PROPOSAL_COLUMN[key]]
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

const p = (name: string) => sql.placeholder(name)

const sqliteFlag = (value: boolean | null) => (value === null ? null : value ? 1 : 0)

function prepare(db: Db) {
  const measureKey = { roundId: p('roundId'), measureId: p('measureId') }
  const touchedBy = { updatedAt: p('at'), updatedBy: p('by') }
  const proposal = {
    proposalAttainment: p('attainment'),
    proposalMandatory: p('mandatory'),
    proposalRoutine: p('routine'),
    proposalContinue: p('continue'),
    proposalResponsibilityQuestionable: p('responsibilityQuestionable'),
    proposalChangedConditions: p('changedConditions'),
    ...touchedBy,
  }
  // Agreed marks may be null (not agreed); drizzle's boolean encoder would turn null into 0, so these
  // placeholders go to the driver as they are (1, 0 or null, see sqliteFlag).
  const raw = (name: string) => sql`${p(name)}`
  const agreed = {
    agreedAttainment: p('attainment'),
    agreedMandatory: raw('mandatory'),
    agreedRoutine: raw('routine'),
    agreedContinue: raw('continue'),
    agreedResponsibilityQuestionable: raw('responsibilityQuestionable'),
    agreedChangedConditions: raw('changedConditions'),
    agreedAt: p('agreedAt'),
    agreedBy: p('agreedBy'),
    agreedInMeeting: p('meetingId'),
    ...touchedBy,
  }
  const target = [measureStatus.roundId, measureStatus.measureId]
  // On conflict, take the values of the row that was to be inserted.
  const fromInsert = <T extends object>(table: object, values: T) =>
    Object.fromEntries(
      Object.keys(values).map((key) => [key, sql`excluded.${sql.identifier((table as Record<string, { name: string }>)[key]!.name)}`]),
    ) as Record<keyof T, SQL>
  return {
    row: db
      .select()
      .from(measureStatus)
      .where(and(eq(measureStatus.roundId, p('roundId')), eq(measureStatus.measureId, p('measureId'))))
      .prepare(),
    upsertProposal: db.insert(measureStatus).values({ ...measureKey, ...proposal }).onConflictDoUpdate({ target, set: fromInsert(measureStatus, proposal) }).prepare(),
    upsertAgreed: db.insert(measureStatus).values({ ...measureKey, ...agreed }).onConflictDoUpdate({ target, set: fromInsert(measureStatus, agreed) }).prepare(),
    setItemState: db
      .update(meetingItems)
      .set({ state: sql`${p('state')}`, updatedAt: sql`${p('at')}`, updatedBy: sql`${p('by')}` })
      .where(and(eq(meetingItems.id, p('id')), eq(meetingItems.meetingId, p('meetingId'))))
      .prepare(),
    setItemNote: db
      .update(meetingItems)
      .set({ decisionNote: sql`${p('note')}`, updatedAt: sql`${p('at')}`, updatedBy: sql`${p('by')}` })
      .where(and(eq(meetingItems.id, p('id')), eq(meetingItems.meetingId, p('meetingId'))))
      .prepare(),
    lastChange: db
      .select({
        id: statusChanges.id,
        oldValue: statusChanges.oldValue,
        userId: statusChanges.userId,
        meetingId: statusChanges.meetingId,
        source: statusChanges.source,
        at: statusChanges.at,
      })
      .from(statusChanges)
      .where(
        and(
          eq(statusChanges.roundId, p('roundId')),
          eq(statusChanges.measureId, p('measureId')),
          eq(statusChanges.kind, sql`${p('kind')}`),
          eq(statusChanges.field, p('field')),
        ),
      )
      .orderBy(desc(statusChanges.at), desc(statusChanges.id))
      .limit(1)
      .prepare(),
    updateChange: db
      .update(statusChanges)
      .set({ newValue: sql`${p('newValue')}`, at: sql`${p('at')}` })
      .where(eq(statusChanges.id, p('id')))
      .prepare(),
    deleteChange: db.delete(statusChanges).where(eq(statusChanges.id, p('id'))).prepare(),
    insertChange: db
      .insert(statusChanges)
      .values({
        roundId: p('roundId'),
        measureId: p('measureId'),
        kind: p('kind'),
        field: p('field'),
        oldValue: p('oldValue'),
        newValue: p('newValue'),
        userId: p('userId'),
        meetingId: p('meetingId'),
        at: p('at'),
      })
      .prepare(),
  }
}
