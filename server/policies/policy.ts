import type { MeetingState, Role, RoundState } from '../../app/shared/vocabulary'

/**
 * The vocabulary of the policy: who acts (an Actor with memberships), what a rule looks like, and what it answers.
 * Rules live per capability beside this file (catalogue.ts, work.ts, rounds.ts, meetings.ts, admin.ts); can.ts puts
 * them together into the one `can(actor, action, subject)`.
 */

export type Membership = { unitId: number | null; role: Role }
export type Actor = { id: number; active: boolean; memberships: Membership[] }
/**
 * A participant who joined a forum by code (server/auth/forum-session.ts): no account, no role. Only rules made
 * with forumSessionRule() can allow it anything, and only within its own forum; every role rule refuses it.
 */
export type ForumSessionActor = { kind: 'forumSession'; forumId: number; participantId: number }
export const isForumSession = (actor: Actor | ForumSessionActor | null): actor is ForumSessionActor => !!actor && 'kind' in actor && actor.kind === 'forumSession'

/**
 * Why a rule says no: `forbidden` (the role may not), or a state of the subject that does not allow it now. The
 * reasons are message keys of the `policy` namespace, so routes can tell the user why in their language.
 */
export const REASONS = [
  'forbidden', 'roundNotOpen', 'roundClosed', 'meetingNotRunning', 'meetingClosed', 'roundNotClosed', 'attainmentRecorded',
  'forumNotOpen', 'forumClosed', 'phaseNotOpen', 'phaseClosed', 'pollNotOpen', 'pollClosed', 'otherTable',
  'siteTextsIncomplete',
] as const
export type Reason = (typeof REASONS)[number]
export type Verdict = 'allowed' | Reason

/**
 * One rule: the roles that may act at all (what menus show), and, where the subject matters, the check that decides
 * for this subject (it runs only for actors holding one of the roles).
 */
export type Rule<S> = {
  roles: readonly Role[]
  check?: (subject: S, actor: Actor) => Verdict
  /** Only for forumSessionRule(): what a forum session may do (roles are then empty: no account holds it). */
  session?: (subject: S, actor: ForumSessionActor) => Verdict
}

/** A rule without a subject; `rule<S>()` with one (the subject's type is what can() then requires). */
export const rule = <S = undefined>(roles: readonly Role[], check?: (subject: S, actor: Actor) => Verdict): Rule<S> => ({ roles, check })
/** A rule that only forum sessions can pass (see ForumSessionActor). */
export const forumSessionRule = <S>(session: (subject: S, actor: ForumSessionActor) => Verdict): Rule<S> => ({ roles: [], session })

export const hasRole = (actor: Actor, roles: readonly Role[]) => actor.memberships.some((m) => roles.includes(m.role))

/** The units an actor edits for (editor memberships of active units; loadActor leaves out deactivated units). */
export function editorUnitIds(actor: Actor): number[] {
  return actor.memberships.flatMap((m) => (m.role === 'editor' && m.unitId !== null ? [m.unitId] : []))
}

// ── Subjects ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A measure or a goal of a round: the units responsible (for a goal: for any of its measures) and the round's state. */
export type WorkSubject = { kind: 'measure' | 'goal'; unitIds: readonly number[]; roundState: RoundState }
/** A round as far as a rule needs it. */
export type RoundSubject = { state: RoundState }
/** A Jour fixe meeting and the state of its round. */
export type MeetingSubject = { state: MeetingState; roundState: RoundState }

/** Writes happen only in an open round: a draft has not begun, a closed round is the historical record. */
export const roundOpen = (state: RoundState): Verdict => (state === 'open' ? 'allowed' : state === 'closed' ? 'roundClosed' : 'roundNotOpen')
