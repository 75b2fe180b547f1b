import { and, eq, isNotNull, lt, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumParticipants, forumSeating, forums } from '../../../db/schema'
import type { ParticipantLanguage } from '../../../app/shared/i18n/languages'
import { createForumSession, deleteExpiredForumSessions, sessionsValid } from '../../auth/forum-session'
import { Refusal } from '../refusal'
import { isWellFormedCode, normaliseCode } from './codes'

/**
 * Joining a forum with a code: the forum's open code (open mode) or a seat's personal code (personal mode). Only
 * what the person chose to give is stored: a name and an organisation, both optional, and the page language.
 * Every way a code can fail (unknown, malformed, of a forum no longer taking sessions) gets the same answer, so
 * that guessing learns nothing about which forums exist.
 */

/** Refusals shown to participants: message keys of the `participant` namespace (every participant language). */
export class JoinError extends Refusal {
  override name = 'JoinError'
}

/** How long voluntary names and organisations are kept after the forum's date (the privacy notice says so). */
export const PARTICIPANT_DETAILS_DAYS = 180

export type JoinInput = { code: string; name: string; organisation: string; language: ParticipantLanguage }
export type Joined = { token: string; forumId: number; participantId: number; kind: 'seat' | 'forum'; code: string }

/** What a typed code is, before any limit is counted: the normalised code and whether it names a seat. */
export function classifyCode(input: string): { code: string; seat: boolean } | null {
  const code = normaliseCode(input)
  if (!isWellFormedCode(code)) return null
  return { code, seat: code.length === 8 }
}

/** The forum a code names (its own code or one of its personal codes), whatever its state; null for an unknown code. */
export function forumOfCode(db: DbOrTx, input: string): number | null {
  const classified = classifyCode(input)
  if (!classified) return null
  if (classified.seat) return db.select({ id: forumParticipants.forumId }).from(forumParticipants).where(eq(forumParticipants.seatCode, classified.code)).get()?.id ?? null
  return db.select({ id: forums.id }).from(forums).where(eq(forums.code, classified.code)).get()?.id ?? null
}

export function join(db: DbOrTx, input: JoinInput, now = Date.now()): Joined {
  const classified = classifyCode(input.code)
  if (!classified) throw new JoinError('participant:join.unknownCode', { field: 'code' })
  return db.transaction((tx) => {
    deleteExpiredForumSessions(tx, now)
    const details = { name: input.name.trim(), organisation: input.organisation.trim(), language: input.language, joinedAt: now }
    if (classified.seat) {
      const seat = tx
        .select({ id: forumParticipants.id, forumId: forums.id, state: forums.state, closedAt: forums.closedAt, codeMode: forums.codeMode })
        .from(forumParticipants)
        .innerJoin(forums, eq(forums.id, forumParticipants.forumId))
        .where(eq(forumParticipants.seatCode, classified.code))
        .get()
      if (!seat || seat.codeMode !== 'personal' || !sessionsValid(seat, now)) throw new JoinError('participant:join.unknownCode', { field: 'code' })
      if (seat.state === 'closed') throw new JoinError('participant:join.closed', { field: 'code' })
      // A second device with the same card is the same participant; what it gave last counts.
      tx.update(forumParticipants).set(details).where(eq(forumParticipants.id, seat.id)).run()
      return { token: createForumSession(tx, seat.id, seat.forumId), forumId: seat.forumId, participantId: seat.id, kind: 'seat' as const, code: classified.code }
    }
    const forum = tx.select({ id: forums.id, state: forums.state, closedAt: forums.closedAt, codeMode: forums.codeMode }).from(forums).where(eq(forums.code, classified.code)).get()
    if (!forum || !sessionsValid(forum, now)) {
      // The forum code of a closed forum still opens its Rückmeldung: say where to look instead of "unknown".
      if (forum) throw new JoinError('participant:join.closed', { field: 'code' })
      throw new JoinError('participant:join.unknownCode', { field: 'code' })
    }
    if (forum.state === 'closed') throw new JoinError('participant:join.closed', { field: 'code' })
    if (forum.codeMode === 'personal') throw new JoinError('participant:join.usePersonalCode', { field: 'code' })
    const participantId = tx.insert(forumParticipants).values({ forumId: forum.id, ...details }).returning({ id: forumParticipants.id }).get().id
    return { token: createForumSession(tx, participantId, forum.id), forumId: forum.id, participantId, kind: 'forum' as const, code: classified.code }
  })
}

/** The participant's table in a phase: the one they chose, else (first phase) their seat's. */
export function tableInPhase(db: DbOrTx, participant: { id: number; seatTableId: number | null }, phaseId: number): number | null {
  const seated = db
    .select({ tableId: forumSeating.tableId })
    .from(forumSeating)
    .where(and(eq(forumSeating.participantId, participant.id), eq(forumSeating.phaseId, phaseId)))
    .get()
  return seated?.tableId ?? participant.seatTableId
}

/** Takes a seat at a table for a phase (seating may change between phases). The caller checked the table is the forum's. */
export function sitAt(db: DbOrTx, participantId: number, phaseId: number, tableId: number): void {
  db.insert(forumSeating)
    .values({ participantId, phaseId, tableId })
    .onConflictDoUpdate({ target: [forumSeating.participantId, forumSeating.phaseId], set: { tableId } })
    .run()
}

/** Names and organisations of a forum's participants removed (the cards and votes stay, without them). */
export function forgetParticipantDetails(db: DbOrTx, forumId: number): number {
  return db.update(forumParticipants).set({ name: '', organisation: '' }).where(eq(forumParticipants.forumId, forumId)).run().changes
}

/** The retention of the privacy notice: details of forums older than PARTICIPANT_DETAILS_DAYS are removed. */
export function forgetOldParticipantDetails(db: DbOrTx, today: string): number {
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - PARTICIPANT_DETAILS_DAYS * 86_400_000).toISOString().slice(0, 10)
  const old = db.select({ id: forums.id }).from(forums).where(lt(forums.date, cutoff)).all()
  let changed = 0
  for (const forum of old) {
    changed += db
      .update(forumParticipants)
      .set({ name: '', organisation: '' })
      .where(and(eq(forumParticipants.forumId, forum.id), isNotNull(forumParticipants.joinedAt), sql`(${forumParticipants.name} <> '' or ${forumParticipants.organisation} <> '')`))
      .run().changes
  }
  return changed
}
