import { and, asc, eq, inArray, max, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumPollOptions, forumPolls, forumVoteChoices, forumVotes } from '../../../db/schema'
import { SCALE_POINTS, type PollKind, type PollState } from '../../../app/shared/vocabulary'
import { ForumError, forumRow } from './forums'
import { publishForumEvent } from './events'

/**
 * Televoting: questions prepared per forum (one answer, several answers, a scale 1–5), opened and closed by the
 * moderator at different times of the event. One vote per participant and question: the unique index
 * forum_votes(poll_id, participant_id) is the rule, a vote changes while the question is open. Results are
 * aggregates only (counts and shares per answer): no page and no export shows who voted what.
 */

export const QUESTION_MAX = 300
export const OPTION_MAX = 120
export const MAX_OPTIONS = 10

export class PollError extends ForumError {
  override name = 'PollError'
}

export type PollInput = { question: string; kind: PollKind; options: string[] }

function checkInput(input: PollInput): string[] {
  const question = input.question.trim()
  if (!question) throw new PollError('forums:poll.questionMissing', { field: 'question' })
  if (question.length > QUESTION_MAX) throw new PollError('forums:poll.questionTooLong', { values: { max: QUESTION_MAX }, field: 'question' })
  if (input.kind === 'scale') return SCALE_POINTS.map(String)
  const options = input.options.map((o) => o.trim()).filter(Boolean)
  if (options.length < 2) throw new PollError('forums:poll.optionsTooFew', { field: 'options' })
  if (options.length > MAX_OPTIONS) throw new PollError('forums:poll.optionsTooMany', { values: { max: MAX_OPTIONS }, field: 'options' })
  if (options.some((o) => o.length > OPTION_MAX)) throw new PollError('forums:poll.optionTooLong', { values: { max: OPTION_MAX }, field: 'options' })
  if (new Set(options).size !== options.length) throw new PollError('forums:poll.optionsDuplicate', { field: 'options' })
  return options
}

export function createPoll(db: DbOrTx, forumId: number, input: PollInput): number {
  const options = checkInput(input)
  return db.transaction((tx) => {
    forumRow(tx, forumId)
    const next = (tx.select({ n: max(forumPolls.position) }).from(forumPolls).where(eq(forumPolls.forumId, forumId)).get()?.n ?? 0) + 1
    const pollId = tx.insert(forumPolls).values({ forumId, position: next, question: input.question.trim(), kind: input.kind }).returning({ id: forumPolls.id }).get().id
    options.forEach((label, index) => tx.insert(forumPollOptions).values({ pollId, position: index + 1, label }).run())
    return pollId
  })
}

export function pollRow(db: DbOrTx, forumId: number, pollId: number) {
  const poll = db
    .select({ id: forumPolls.id, forumId: forumPolls.forumId, position: forumPolls.position, question: forumPolls.question, kind: forumPolls.kind, state: forumPolls.state, openedAt: forumPolls.openedAt, closedAt: forumPolls.closedAt })
    .from(forumPolls)
    .where(and(eq(forumPolls.id, pollId), eq(forumPolls.forumId, forumId)))
    .get()
  if (!poll) throw new PollError('forums:poll.unknown')
  return poll
}

/** A prepared question's text and answers change until it is opened; after that its votes refer to them. */
export function updatePoll(db: DbOrTx, forumId: number, pollId: number, input: PollInput): void {
  const options = checkInput(input)
  db.transaction((tx) => {
    const poll = pollRow(tx, forumId, pollId)
    if (poll.state !== 'prepared') throw new PollError('forums:poll.notPrepared')
    tx.update(forumPolls).set({ question: input.question.trim(), kind: input.kind }).where(eq(forumPolls.id, pollId)).run()
    tx.delete(forumPollOptions).where(eq(forumPollOptions.pollId, pollId)).run()
    options.forEach((label, index) => tx.insert(forumPollOptions).values({ pollId, position: index + 1, label }).run())
  })
}

export function deletePoll(db: DbOrTx, forumId: number, pollId: number): void {
  db.transaction((tx) => {
    const poll = pollRow(tx, forumId, pollId)
    if (poll.state !== 'prepared') throw new PollError('forums:poll.notPrepared')
    tx.delete(forumPolls).where(eq(forumPolls.id, pollId)).run()
  })
}

/** prepared or closed → open (a closed question can be reopened: its votes stay) → closed. The forum must be open to open. */
export function setPollState(db: DbOrTx, forumId: number, pollId: number, state: 'open' | 'closed', now = Date.now()): void {
  db.transaction((tx) => {
    const poll = pollRow(tx, forumId, pollId)
    if (state === 'open') {
      if (forumRow(tx, forumId).state !== 'open') throw new PollError('forums:error.notOpen')
      if (poll.state === 'open') throw new PollError('forums:poll.alreadyOpen')
      tx.update(forumPolls).set({ state: 'open', openedAt: poll.openedAt ?? now, closedAt: null }).where(eq(forumPolls.id, pollId)).run()
    } else {
      if (poll.state !== 'open') throw new PollError('forums:poll.notOpen')
      tx.update(forumPolls).set({ state: 'closed', closedAt: now }).where(eq(forumPolls.id, pollId)).run()
    }
  })
  publishForumEvent({ kind: 'poll', forumId, pollId })
  publishForumEvent({ kind: 'state', forumId })
}

export function optionsOf(db: DbOrTx, pollIds: number[]) {
  if (pollIds.length === 0) return []
  return db
    .select({ id: forumPollOptions.id, pollId: forumPollOptions.pollId, position: forumPollOptions.position, label: forumPollOptions.label })
    .from(forumPollOptions)
    .where(inArray(forumPollOptions.pollId, pollIds))
    .orderBy(asc(forumPollOptions.pollId), asc(forumPollOptions.position))
    .all()
}

export function pollsOf(db: DbOrTx, forumId: number, states?: PollState[]) {
  const polls = db
    .select({ id: forumPolls.id, position: forumPolls.position, question: forumPolls.question, kind: forumPolls.kind, state: forumPolls.state, openedAt: forumPolls.openedAt, closedAt: forumPolls.closedAt })
    .from(forumPolls)
    .where(states ? and(eq(forumPolls.forumId, forumId), inArray(forumPolls.state, states)) : eq(forumPolls.forumId, forumId))
    .orderBy(asc(forumPolls.position))
    .all()
  const options = optionsOf(db, polls.map((p) => p.id))
  return polls.map((poll) => ({ ...poll, options: options.filter((o) => o.pollId === poll.id) }))
}
export type PollWithOptions = ReturnType<typeof pollsOf>[number]

/** Refusals of a vote's content, shown to the participant in their language. */
export class VoteError extends PollError {
  override name = 'VoteError'
}

/**
 * A participant's vote on an open question (the policy's forum.vote is asked by the caller), replacing their
 * earlier one: the participant is the session's, never one the request names.
 */
export function castVote(db: DbOrTx, forumId: number, pollId: number, participantId: number, optionIds: number[], now = Date.now()): void {
  const chosen = [...new Set(optionIds)]
  db.transaction((tx) => {
    const poll = pollRow(tx, forumId, pollId)
    if (poll.state !== 'open') throw new VoteError(poll.state === 'closed' ? 'participant:vote.closed' : 'participant:vote.notOpen')
    if (chosen.length === 0) throw new VoteError('participant:vote.nothingChosen', { field: 'optionId' })
    if (poll.kind !== 'multiple' && chosen.length > 1) throw new VoteError('participant:vote.onlyOne', { field: 'optionId' })
    const valid = tx.select({ id: forumPollOptions.id }).from(forumPollOptions).where(and(eq(forumPollOptions.pollId, pollId), inArray(forumPollOptions.id, chosen))).all()
    if (valid.length !== chosen.length) throw new VoteError('participant:vote.unknownOption', { field: 'optionId' })
    const voteId = tx
      .insert(forumVotes)
      .values({ pollId, participantId, updatedAt: now })
      .onConflictDoUpdate({ target: [forumVotes.pollId, forumVotes.participantId], set: { updatedAt: now } })
      .returning({ id: forumVotes.id })
      .get().id
    tx.delete(forumVoteChoices).where(eq(forumVoteChoices.voteId, voteId)).run()
    for (const optionId of chosen) tx.insert(forumVoteChoices).values({ voteId, optionId }).run()
  })
  schedulePollEvent(forumId, pollId)
}

/**
 * Counting after every vote would cost a query per vote for every open projector; instead a vote schedules one
 * event per question a few milliseconds later, which carries whatever arrived meanwhile. The projector reads the
 * counts when the event reaches it, so the final count is on screen within this delay after the last vote.
 */
const POLL_EVENT_DELAY_MS = 25
const pending = new Set<number>()
function schedulePollEvent(forumId: number, pollId: number) {
  if (pending.has(pollId)) return
  pending.add(pollId)
  setTimeout(() => {
    pending.delete(pollId)
    publishForumEvent({ kind: 'poll', forumId, pollId })
  }, POLL_EVENT_DELAY_MS).unref()
}

/** The participant's current choice on each of the given questions (to show it and let them change it). */
export function myChoices(db: DbOrTx, participantId: number, pollIds: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>()
  if (pollIds.length === 0) return out
  const rows = db
    .select({ pollId: forumVotes.pollId, optionId: forumVoteChoices.optionId })
    .from(forumVotes)
    .innerJoin(forumVoteChoices, eq(forumVoteChoices.voteId, forumVotes.id))
    .where(and(eq(forumVotes.participantId, participantId), inArray(forumVotes.pollId, pollIds)))
    .all()
  for (const row of rows) out.set(row.pollId, [...(out.get(row.pollId) ?? []), row.optionId])
  return out
}

export type PollResult = {
  pollId: number
  question: string
  kind: PollKind
  state: PollState
  /** Participants who voted. */
  voters: number
  options: { id: number; label: string; count: number; /** of the voters, 0–100 */ percent: number }[]
  /** The scale's mean (1–5), null for other kinds or without votes. */
  mean: number | null
}

/** Counts and shares per answer; for several answers the shares are of the voters and add up to more than 100. */
export function pollResult(db: DbOrTx, forumId: number, pollId: number): PollResult {
  const poll = pollRow(db, forumId, pollId)
  const voters = db.select({ n: sql<number>`count(*)` }).from(forumVotes).where(eq(forumVotes.pollId, pollId)).get()!.n
  const counts = db
    .select({ optionId: forumVoteChoices.optionId, n: sql<number>`count(*)` })
    .from(forumVoteChoices)
    .innerJoin(forumPollOptions, eq(forumPollOptions.id, forumVoteChoices.optionId))
    .where(eq(forumPollOptions.pollId, pollId))
    .groupBy(forumVoteChoices.optionId)
    .all()
  const byOption = new Map(counts.map((c) => [c.optionId, c.n]))
  const options = optionsOf(db, [pollId]).map((option) => {
    const count = byOption.get(option.id) ?? 0
    return { id: option.id, label: option.label, count, percent: voters > 0 ? (count / voters) * 100 : 0 }
  })
  const mean =
    poll.kind === 'scale' && voters > 0 ? options.reduce((sum, option) => sum + Number(option.label) * option.count, 0) / options.reduce((sum, o) => sum + o.count, 0) : null
  return { pollId, question: poll.question, kind: poll.kind, state: poll.state, voters, options, mean }
}

export function pollResults(db: DbOrTx, forumId: number): PollResult[] {
  return pollsOf(db, forumId).map((poll) => pollResult(db, forumId, poll.id))
}
