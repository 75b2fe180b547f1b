import type { ForumState, PhaseState, PollState } from '../../app/shared/vocabulary'
import { forumSessionRule, rule, type ForumSessionActor, type Rule, type Verdict } from './policy'

/**
 * Participation forums. Staff (the commissioner and the coordinators, who form the Koordinierungsgruppe's working
 * side) set forums up, run them and review their results; the administration and everybody else read nothing of
 * them but the feedback shown where decisions are made (forum.feedback.read: goal page, Jour fixe, report).
 *
 * Participants have no accounts: a forum session (ForumSessionActor) may read its own forum's pages, post cards at
 * its own table (or at any table, where the forum allows) while the forum and the phase are open, and vote in its
 * own forum while the question is open. Nothing else: every role rule refuses a forum session.
 */

const RUNS = ['commissioner', 'coordinator'] as const

/** A forum as far as staff rules need it. */
export type ForumSubject = { state: ForumState }
/** Any forum-scoped thing a session wants to see: its forum. */
export type SessionForumSubject = { forumId: number }
/** A forum and its state, as a session's rule needs it. */
export type ForumSessionSubject = { forumId: number; forumState: ForumState }
/** Posting a card: the forum, its state, the phase's state, the table posted to, the table the session sits at. */
export type CardSubject = {
  forumId: number
  forumState: ForumState
  phaseState: PhaseState
  tableId: number
  ownTableId: number | null
  anyTable: boolean
}
/**
 * A table's live poster in a work phase (forum/<f>/table/<t>/phase/<p>): the forum, its state and setting, the
 * phase's state, the poster's table, and the table the session sits at in that phase (null for staff, or unseated).
 */
export type PosterSubject = {
  forumId: number
  forumState: ForumState
  phaseState: PhaseState
  tableId: number
  ownTableId: number | null
  anyTable: boolean
}

/** Voting: the forum, its state and the question's state. */
export type VoteSubject = { forumId: number; forumState: ForumState; pollState: PollState }

const ownForum = (forumId: number, actor: ForumSessionActor): Verdict => (forumId === actor.forumId ? 'allowed' : 'forbidden')

const forumOpen = (state: ForumState): Verdict => (state === 'open' ? 'allowed' : state === 'closed' ? 'forumClosed' : 'forumNotOpen')

const posterOpen = (poster: { forumState: ForumState; phaseState: PhaseState }): Verdict => {
  const forum = forumOpen(poster.forumState)
  if (forum !== 'allowed') return forum
  return poster.phaseState === 'open' ? 'allowed' : poster.phaseState === 'closed' ? 'phaseClosed' : 'phaseNotOpen'
}

/** A forum session's card at a table: own forum, forum and phase open, own table unless the forum allows any. */
const cardAtTable = (card: CardSubject, actor: ForumSessionActor): Verdict => {
  if (card.forumId !== actor.forumId) return 'forbidden'
  const open = posterOpen(card)
  if (open !== 'allowed') return open
  return card.anyTable || card.tableId === card.ownTableId ? 'allowed' : 'otherTable'
}

export const forumRules = {
  /** Create forums (no subject) and change their set-up: details, tables, phases, categories, questions, codes, files. */
  'forum.manage': rule(RUNS),
  /** Run the event: open and close phases and questions; only while the forum is open for input. */
  'forum.run': rule<ForumSubject>(RUNS, (forum) => forumOpen(forum.state)),
  /** Moderate cards (move, merge, hide, enter for others) – during the event and afterwards, before the review. */
  'forum.moderate': rule(RUNS),
  /** The Koordinierungsgruppe's review: dispositions, and publishing the Rückmeldung. */
  'forum.review': rule(RUNS),
  /** Forum feedback where decisions are made (goal page, Jour fixe, report): every internal role. */
  'forum.feedback.read': rule(['admin', 'commissioner', 'coordinator', 'editor', 'viewer']),

  /** A forum session reads its own forum's pages (and no other forum's). */
  'forum.session.read': forumSessionRule<SessionForumSubject>((subject, actor) => ownForum(subject.forumId, actor)),
  /** A forum session takes a seat at one of its forum's tables (seating changes between phases) while input is open. */
  'forum.seat.choose': forumSessionRule<ForumSessionSubject>((forum, actor) => (forum.forumId !== actor.forumId ? 'forbidden' : forumOpen(forum.forumState))),
  /** A forum session posts a card: own forum, forum and phase open, own table unless the forum allows any. */
  'forum.card.post': forumSessionRule<CardSubject>((card, actor) => cardAtTable(card, actor)),
  /**
   * Reading a table's poster. Staff who run forums (the Tischpate with an account, the moderators) read every poster;
   * a forum session its own forum's posters of its own table, or of every table where the forum allows posting at
   * any (what it may write, it may read; the plenary shows all tables from the projection).
   */
  'poster.read': {
    roles: RUNS,
    session: (poster: PosterSubject, actor: ForumSessionActor): Verdict =>
      poster.forumId !== actor.forumId ? 'forbidden' : poster.anyTable || poster.tableId === poster.ownTableId ? 'allowed' : 'otherTable',
  } satisfies Rule<PosterSubject>,
  /**
   * Writing a poster (adding or removing cards): while the forum and the phase are open. A forum session as for
   * posting a card ('forum.card.post'); staff who run forums at any table.
   */
  'poster.write': {
    roles: RUNS,
    check: (poster: PosterSubject): Verdict => posterOpen(poster),
    // The same rule as posting a card over HTTP.
    session: (poster: PosterSubject, actor: ForumSessionActor): Verdict => cardAtTable(poster, actor),
  } satisfies Rule<PosterSubject>,
  /** A forum session votes (or changes its vote): own forum, forum open, question open. */
  'forum.vote': forumSessionRule<VoteSubject>((vote, actor) => {
    if (vote.forumId !== actor.forumId) return 'forbidden'
    const forum = forumOpen(vote.forumState)
    if (forum !== 'allowed') return forum
    return vote.pollState === 'open' ? 'allowed' : vote.pollState === 'closed' ? 'pollClosed' : 'pollNotOpen'
  }),
}
