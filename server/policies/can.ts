import { adminRules } from './admin'
import { catalogueRules } from './catalogue'
import { forumRules } from './forums'
import { internalRules } from './internal'
import { meetingRules } from './meetings'
import { monitoringRules } from './monitoring'
import { hasRole, isForumSession, type Actor, type ForumSessionActor, type Rule, type Verdict } from './policy'
import { publishRules } from './publish'
import { reportRules } from './report'
import { roundRules } from './rounds'
import { workRules } from './work'

/**
 * The one place that decides who may do what. HTTP routes (through require*), services' state checks and the
 * collaboration server's auth extension all ask `can(actor, action, subject)`; the root loader sends the menu's
 * answers to the UI so it can hide controls, but the server always asks again. Each action names the type of its
 * subject, and a rule that needs one cannot be asked without it.
 */
const RULES = { ...catalogueRules, ...internalRules, ...adminRules, ...roundRules, ...workRules, ...meetingRules, ...reportRules, ...forumRules, ...monitoringRules, ...publishRules }

export type Action = keyof typeof RULES
export type SubjectOf<A extends Action> = (typeof RULES)[A] extends Rule<infer S> ? S : never
/** The subject argument of an action: none, optional, or required. */
export type SubjectArgs<A extends Action> = undefined extends SubjectOf<A>
  ? [SubjectOf<A>] extends [undefined]
    ? []
    : [subject?: SubjectOf<A>]
  : [subject: SubjectOf<A>]

/** The verdict with its reason: 'allowed', 'forbidden', or the state of the subject that stands in the way. */
export function decide<A extends Action>(actor: Actor | ForumSessionActor | null, action: A, ...[subject]: SubjectArgs<A>): Verdict {
  const rule = RULES[action] as Rule<SubjectOf<A>>
  // A forum session passes only the rules made for it, and no account passes those.
  if (isForumSession(actor)) return rule.session ? rule.session(subject as SubjectOf<A>, actor) : 'forbidden'
  if (!actor || !actor.active) return 'forbidden'
  if (!hasRole(actor, rule.roles)) return 'forbidden'
  return rule.check ? rule.check(subject as SubjectOf<A>, actor) : 'allowed'
}

export function can<A extends Action>(actor: Actor | ForumSessionActor | null, action: A, ...subject: SubjectArgs<A>): boolean {
  return decide(actor, action, ...subject) === 'allowed'
}

/**
 * Whether the actor's roles allow an action at all, whatever its subject: for menus, and for actions whose service
 * then checks the subject's state with the same rule and says in a German message why not (400 next to the form).
 */
export function holdsRoleFor(actor: Actor | null, action: Action): boolean {
  return !!actor && actor.active && hasRole(actor, RULES[action].roles)
}

/** The abilities the UI needs without a subject (menus, admin links). */
export function globalAbilities(actor: Actor | null) {
  return {
    admin: can(actor, 'admin.access'),
    manageRounds: can(actor, 'round.manage'),
    manageMeetings: holdsRoleFor(actor, 'meeting.manage'),
    remindUnits: holdsRoleFor(actor, 'unit.remind'),
    exportReports: can(actor, 'report.export'),
    readProgress: can(actor, 'progress.read'),
    /** Meetings, minutes, progress, to-do, comparison: not for participant accounts. */
    readInternal: can(actor, 'internal.read'),
    /** Setting up and running participation forums (nav entry "Foren" → /foren). */
    manageForums: can(actor, 'forum.manage'),
    /** The monitoring (nav entry → /monitoring). */
    readMonitoring: can(actor, 'monitoring.read'),
    /** The to-do page is the editor's; others reach it from the progress page. */
    ownTasks: !!actor && actor.memberships.some((m) => m.role === 'editor' && m.unitId !== null) && can(actor, 'concept.read'),
  }
}
export type GlobalAbilities = ReturnType<typeof globalAbilities>

export type { Actor, ForumSessionActor, Membership, MeetingSubject, Reason, RoundSubject, Verdict, WorkSubject } from './policy'
export type { PublishSubject } from './publish'
export type { CardSubject, ForumSessionSubject, ForumSubject, PosterSubject, SessionForumSubject, VoteSubject } from './forums'
export { editorUnitIds } from './policy'
