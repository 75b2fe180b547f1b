import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import {
  concepts,
  fields,
  forumCategories,
  forumFeedback,
  forumFormats,
  forumParticipants,
  forumPhases,
  forumPolls,
  forumSessions,
  forumTables,
  forumTargetGroupLinks,
  forumTargetGroups,
  forums,
  rounds,
} from '../../../db/schema'
import { isParticipantLanguage, type ParticipantLanguage } from '../../../app/shared/i18n/languages'
import type { CodeMode, ForumState } from '../../../app/shared/vocabulary'
import { Refusal } from '../refusal'
import { FORUM_CODE_LENGTH, SEAT_CODE_LENGTH, generateCode } from './codes'
import { publishForumEvent } from './events'
import { DEFAULT_TABLE_CAPACITY, PHASE_PRESETS } from './presets'

/**
 * Setting up and running participation forums: a forum's details, its tables and codes, and the forum's state (open for input, closed). Its phases and their categories are in
 * phases.ts, the editable lists of formats and target groups in lists.ts; cards, questions and the review have modules of their own beside this one.
 */

/** This service's refusals: message keys of the `forums` namespace (staff pages, German and English). */
export class ForumError extends Refusal {
  override name = 'ForumError'
}

// ── Forums ───────────────────────────────────────────────────────────────────────────────────────────────────────

export type ForumInput = {
  title: string
  formatId: number
  date: string
  time: string | null
  place: string
  invitedBy: string
  moderators: string
  languages: ParticipantLanguage[]
  interpreting: string
  materialUrl: string
  roundId: number | null
  codeMode: CodeMode
  anyTable: boolean
  targetGroupIds: number[]
}

export function forumRow(db: DbOrTx, forumId: number) {
  const row = db
    .select({
      id: forums.id,
      title: forums.title,
      formatId: forums.formatId,
      formatPreset: forumFormats.preset,
      formatName: forumFormats.name,
      date: forums.date,
      time: forums.time,
      place: forums.place,
      invitedBy: forums.invitedBy,
      moderators: forums.moderators,
      languages: forums.languages,
      interpreting: forums.interpreting,
      materialUrl: forums.materialUrl,
      roundId: forums.roundId,
      roundName: rounds.name,
      codeMode: forums.codeMode,
      code: forums.code,
      anyTable: forums.anyTable,
      state: forums.state,
      openedAt: forums.openedAt,
      closedAt: forums.closedAt,
      feedbackPublishedAt: forums.feedbackPublishedAt,
    })
    .from(forums)
    .innerJoin(forumFormats, eq(forumFormats.id, forums.formatId))
    .leftJoin(rounds, eq(rounds.id, forums.roundId))
    .where(eq(forums.id, forumId))
    .get()
  if (!row) throw new ForumError('forums:error.unknownForum', { values: { id: forumId } })
  return { ...row, languages: parseLanguages(row.languages) }
}
export type ForumRow = ReturnType<typeof forumRow>

export function parseLanguages(json: string): ParticipantLanguage[] {
  try {
    const list: unknown = JSON.parse(json)
    const valid = Array.isArray(list) ? list.filter(isParticipantLanguage) : []
    return valid.length > 0 ? valid : ['de']
  } catch {
    return ['de']
  }
}

export function listForums(db: DbOrTx) {
  const cards = db
    .select({ forumId: forumFeedback.forumId, n: sql<number>`count(*)`.as('n') })
    .from(forumFeedback)
    .groupBy(forumFeedback.forumId)
    .as('cards')
  return db
    .select({
      id: forums.id,
      title: forums.title,
      date: forums.date,
      time: forums.time,
      place: forums.place,
      state: forums.state,
      formatPreset: forumFormats.preset,
      formatName: forumFormats.name,
      roundName: rounds.name,
      cards: sql<number>`coalesce(${cards.n}, 0)`,
    })
    .from(forums)
    .innerJoin(forumFormats, eq(forumFormats.id, forums.formatId))
    .leftJoin(rounds, eq(rounds.id, forums.roundId))
    .leftJoin(cards, eq(cards.forumId, forums.id))
    .orderBy(desc(forums.date), desc(forums.id))
    .all()
}

/** The fields of action of the newest concept, in order: what tables and the target picker are made of. */
export function conceptFields(db: DbOrTx) {
  const concept = db.select({ id: max(concepts.id) }).from(concepts).get()?.id
  if (!concept) return []
  return db.select({ id: fields.id, number: fields.number, title: fields.title }).from(fields).where(eq(fields.conceptId, concept)).orderBy(asc(fields.number)).all()
}

function uniqueForumCode(db: DbOrTx): string {
  for (;;) {
    const code = generateCode(FORUM_CODE_LENGTH)
    if (!db.select({ id: forums.id }).from(forums).where(eq(forums.code, code)).get()) return code
  }
}

function checkInput(db: DbOrTx, input: ForumInput) {
  if (!db.select({ id: forumFormats.id }).from(forumFormats).where(eq(forumFormats.id, input.formatId)).get()) {
    throw new ForumError('forums:error.unknownFormat', { field: 'formatId' })
  }
  if (input.roundId !== null && !db.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, input.roundId)).get()) {
    throw new ForumError('forums:error.unknownRound', { field: 'roundId' })
  }
  const groups = input.targetGroupIds.length
    ? db.select({ id: forumTargetGroups.id }).from(forumTargetGroups).where(inArray(forumTargetGroups.id, input.targetGroupIds)).all()
    : []
  if (groups.length !== new Set(input.targetGroupIds).size) throw new ForumError('forums:error.unknownTargetGroup', { field: 'targetGroupIds' })
}

function detailValues(input: ForumInput) {
  return {
    title: input.title.trim(),
    formatId: input.formatId,
    date: input.date,
    time: input.time,
    place: input.place.trim(),
    invitedBy: input.invitedBy.trim(),
    moderators: input.moderators.trim(),
    languages: JSON.stringify([...new Set<ParticipantLanguage>(['de', ...input.languages])]),
    interpreting: input.interpreting.trim(),
    materialUrl: input.materialUrl.trim(),
    roundId: input.roundId,
    anyTable: input.anyTable,
  }
}

/**
 * A new forum with what its format presets: its phases and their categories, one table per field of action
 * (capacity 8), a forum code, and in personal-code mode one code per seat.
 */
export function createForum(db: DbOrTx, input: ForumInput, byUserId: number | null): number {
  return db.transaction((tx) => {
    checkInput(tx, input)
    const format = tx.select({ preset: forumFormats.preset }).from(forumFormats).where(eq(forumFormats.id, input.formatId)).get()!
    const forumId = tx
      .insert(forums)
      .values({ ...detailValues(input), codeMode: input.codeMode, code: uniqueForumCode(tx), createdBy: byUserId })
      .returning({ id: forums.id })
      .get().id
    for (const id of new Set(input.targetGroupIds)) tx.insert(forumTargetGroupLinks).values({ forumId, targetGroupId: id }).run()
    PHASE_PRESETS[format.preset ?? 'dialogForum'].forEach((phase, index) => {
      const phaseId = tx.insert(forumPhases).values({ forumId, position: index + 1, title: phase.title }).returning({ id: forumPhases.id }).get().id
      phase.categories.forEach((preset, position) => tx.insert(forumCategories).values({ phaseId, position: position + 1, preset }).run())
    })
    for (const field of conceptFields(tx)) {
      tx.insert(forumTables).values({ forumId, number: field.number, name: field.title, fieldId: field.id, capacity: DEFAULT_TABLE_CAPACITY }).run()
    }
    if (input.codeMode === 'personal') ensureSeats(tx, forumId)
    return forumId
  })
}

/** Details, target groups, the code mode (only before anybody joined) and whether any table may be posted to. */
export function updateForum(db: DbOrTx, forumId: number, input: ForumInput): void {
  db.transaction((tx) => {
    const forum = forumRow(tx, forumId)
    checkInput(tx, input)
    if (input.codeMode !== forum.codeMode) {
      if (joinedCount(tx, forumId) > 0) throw new ForumError('forums:error.codeModeAfterJoin', { field: 'codeMode' })
      tx.update(forums).set({ codeMode: input.codeMode }).where(eq(forums.id, forumId)).run()
      if (input.codeMode === 'personal') ensureSeats(tx, forumId)
      else tx.delete(forumParticipants).where(eq(forumParticipants.forumId, forumId)).run()
    }
    tx.update(forums).set(detailValues(input)).where(eq(forums.id, forumId)).run()
    tx.delete(forumTargetGroupLinks).where(eq(forumTargetGroupLinks.forumId, forumId)).run()
    for (const id of new Set(input.targetGroupIds)) tx.insert(forumTargetGroupLinks).values({ forumId, targetGroupId: id }).run()
  })
}

export function forumTargetGroupIds(db: DbOrTx, forumId: number): number[] {
  return db.select({ id: forumTargetGroupLinks.targetGroupId }).from(forumTargetGroupLinks).where(eq(forumTargetGroupLinks.forumId, forumId)).all().map((r) => r.id)
}

export function forumTargetGroupsOf(db: DbOrTx, forumId: number) {
  return db
    .select({ id: forumTargetGroups.id, preset: forumTargetGroups.preset, name: forumTargetGroups.name })
    .from(forumTargetGroupLinks)
    .innerJoin(forumTargetGroups, eq(forumTargetGroups.id, forumTargetGroupLinks.targetGroupId))
    .where(eq(forumTargetGroupLinks.forumId, forumId))
    .orderBy(asc(forumTargetGroups.id))
    .all()
}

function joinedCount(db: DbOrTx, forumId: number): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(forumParticipants)
    .where(and(eq(forumParticipants.forumId, forumId), sql`${forumParticipants.joinedAt} is not null`))
    .get()!.n
}

/** Personal codes: one per seat (capacity of each table); tables that grew get more, none is taken away. */
export function ensureSeats(db: DbOrTx, forumId: number): void {
  const tables = tablesOf(db, forumId)
  for (const table of tables) {
    const have = db.select({ n: sql<number>`count(*)` }).from(forumParticipants).where(eq(forumParticipants.seatTableId, table.id)).get()!.n
    for (let i = have; i < table.capacity; i++) {
      for (;;) {
        const code = generateCode(SEAT_CODE_LENGTH)
        if (db.select({ id: forumParticipants.id }).from(forumParticipants).where(eq(forumParticipants.seatCode, code)).get()) continue
        db.insert(forumParticipants).values({ forumId, seatCode: code, seatTableId: table.id }).run()
        break
      }
    }
  }
}

/** The seats of a personal-code forum, by table, for the print page. */
export function seatsOf(db: DbOrTx, forumId: number) {
  return db
    .select({ id: forumParticipants.id, code: forumParticipants.seatCode, tableId: forumParticipants.seatTableId, joined: sql<boolean>`${forumParticipants.joinedAt} is not null` })
    .from(forumParticipants)
    .where(and(eq(forumParticipants.forumId, forumId), sql`${forumParticipants.seatCode} is not null`))
    .orderBy(asc(forumParticipants.seatTableId), asc(forumParticipants.id))
    .all()
}

// ── Tables ───────────────────────────────────────────────────────────────────────────────────────────────────────

export function tablesOf(db: DbOrTx, forumId: number) {
  return db
    .select({ id: forumTables.id, number: forumTables.number, name: forumTables.name, fieldId: forumTables.fieldId, capacity: forumTables.capacity, host: forumTables.host })
    .from(forumTables)
    .where(eq(forumTables.forumId, forumId))
    .orderBy(asc(forumTables.number))
    .all()
}

export type TableInput = { name: string; capacity: number; host: string; fieldId: number | null }

function tableOf(db: DbOrTx, forumId: number, tableId: number) {
  const table = db.select({ id: forumTables.id }).from(forumTables).where(and(eq(forumTables.id, tableId), eq(forumTables.forumId, forumId))).get()
  if (!table) throw new ForumError('forums:error.unknownTable')
  return table
}

export function addTable(db: DbOrTx, forumId: number, input: TableInput): number {
  return db.transaction((tx) => {
    const forum = forumRow(tx, forumId)
    const next = (tx.select({ n: max(forumTables.number) }).from(forumTables).where(eq(forumTables.forumId, forumId)).get()?.n ?? 0) + 1
    const id = tx.insert(forumTables).values({ forumId, number: next, ...trimTable(input) }).returning({ id: forumTables.id }).get().id
    if (forum.codeMode === 'personal') ensureSeats(tx, forumId)
    return id
  })
}

export function updateTable(db: DbOrTx, forumId: number, tableId: number, input: TableInput): void {
  db.transaction((tx) => {
    const forum = forumRow(tx, forumId)
    tableOf(tx, forumId, tableId)
    tx.update(forumTables).set(trimTable(input)).where(eq(forumTables.id, tableId)).run()
    if (forum.codeMode === 'personal') ensureSeats(tx, forumId)
  })
}

/** A table without cards can go (with its unused seats); one with cards stays, the cards are the record. */
export function deleteTable(db: DbOrTx, forumId: number, tableId: number): void {
  db.transaction((tx) => {
    tableOf(tx, forumId, tableId)
    const cards = tx.select({ n: sql<number>`count(*)` }).from(forumFeedback).where(eq(forumFeedback.tableId, tableId)).get()!.n
    if (cards > 0) throw new ForumError('forums:error.tableHasCards')
    const joined = tx
      .select({ n: sql<number>`count(*)` })
      .from(forumParticipants)
      .where(and(eq(forumParticipants.seatTableId, tableId), sql`${forumParticipants.joinedAt} is not null`))
      .get()!.n
    if (joined > 0) throw new ForumError('forums:error.tableHasParticipants')
    tx.delete(forumParticipants).where(eq(forumParticipants.seatTableId, tableId)).run()
    tx.delete(forumTables).where(eq(forumTables.id, tableId)).run()
  })
}

const trimTable = (input: TableInput) => ({ name: input.name.trim(), capacity: input.capacity, host: input.host.trim(), fieldId: input.fieldId })

// ── Running the event ────────────────────────────────────────────────────────────────────────────────────────────

/** The forum opens for input (again); a closed forum reopened keeps its cards and votes. */
export function openForum(db: DbOrTx, forumId: number, now = Date.now()): void {
  db.transaction((tx) => {
    const forum = forumRow(tx, forumId)
    if (forum.state === 'open') throw new ForumError('forums:error.alreadyOpen')
    tx.update(forums).set({ state: 'open', openedAt: forum.openedAt ?? now, closedAt: null }).where(eq(forums.id, forumId)).run()
  })
  publishForumEvent({ kind: 'state', forumId })
}

/** Input ends: the open phase and every open question close with it; sessions stay valid for a while (forum-session.ts). */
export function closeForum(db: DbOrTx, forumId: number, now = Date.now()): void {
  db.transaction((tx) => {
    const forum = forumRow(tx, forumId)
    if (forum.state !== 'open') throw new ForumError('forums:error.notOpen')
    tx.update(forums).set({ state: 'closed', closedAt: now }).where(eq(forums.id, forumId)).run()
    tx.update(forumPhases).set({ state: 'closed' }).where(and(eq(forumPhases.forumId, forumId), eq(forumPhases.state, 'open'))).run()
    tx.update(forumPolls).set({ state: 'closed', closedAt: now }).where(and(eq(forumPolls.forumId, forumId), eq(forumPolls.state, 'open'))).run()
  })
  publishForumEvent({ kind: 'state', forumId })
}

/** The Rückmeldung becomes visible to the participants (or is taken back while the review goes on). */
export function setFeedbackPublished(db: DbOrTx, forumId: number, published: boolean, now = Date.now()): void {
  db.transaction((tx) => {
    forumRow(tx, forumId)
    tx.update(forums).set({ feedbackPublishedAt: published ? now : null }).where(eq(forums.id, forumId)).run()
  })
}

/** How many joined, how many sessions are open now: for the forum page. */
export function forumCounts(db: DbOrTx, forumId: number) {
  return {
    joined: joinedCount(db, forumId),
    sessions: db.select({ n: sql<number>`count(*)` }).from(forumSessions).where(eq(forumSessions.forumId, forumId)).get()!.n,
    cards: db.select({ n: sql<number>`count(*)` }).from(forumFeedback).where(eq(forumFeedback.forumId, forumId)).get()!.n,
  }
}

/** The forums that fed a round (the round records whether and which external stakeholders took part). */
export function forumsOfRound(db: DbOrTx, roundId: number) {
  return db
    .select({ id: forums.id, title: forums.title, date: forums.date, formatPreset: forumFormats.preset, formatName: forumFormats.name, state: forums.state })
    .from(forums)
    .innerJoin(forumFormats, eq(forumFormats.id, forums.formatId))
    .where(eq(forums.roundId, roundId))
    .orderBy(asc(forums.date))
    .all()
}

export type { ForumState }
