import type { Role, RoundState } from '../../app/shared/vocabulary'

/**
 * The one place that decides who may do what. HTTP routes (through require*) and the collaboration server's
 * auth extension both ask `can(actor, action, subject)`; the root loader sends the answers for the UI to hide
 * controls, but the server always asks again.
 */

export type Membership = { unitId: number | null; role: Role }
export type Actor = { id: number; active: boolean; memberships: Membership[] }

/** A measure (or a goal) as far as the policy needs it: the units responsible and the round's state. */
export type WorkSubject = { kind: 'measure' | 'goal'; unitIds: number[]; roundState: RoundState }
export type RoundSubject = { kind: 'round'; state: RoundState }

export type Action =
  | 'concept.read' // overview, goal pages, histories
  | 'admin.access' // the admin area at all
  | 'user.manage'
  | 'unit.manage'
  | 'membership.manage'
  | 'assignment.manage' // measure ↔ unit, by hand or CSV
  | 'round.manage' // create, open, close
  | 'work.edit' // proposal, marks and narrative of a measure, narrative of a goal
  | 'work.agree' // the agreed rating of the Jour fixe
  | 'meeting.manage' // create meetings, agendas, attendance; run meeting mode; write minutes
  | 'unit.remind' // send units a reminder to update their measures
  | 'progress.read' // how far a round is, per unit and per field
  | 'report.export'

type SubjectFor<A extends Action> = A extends 'work.edit' | 'work.agree'
  ? WorkSubject
  : A extends 'round.manage'
    ? RoundSubject | undefined
    : undefined

const hasRole = (actor: Actor, ...roles: Role[]) => actor.memberships.some((m) => roles.includes(m.role))

export function editorUnitIds(actor: Actor): number[] {
  return actor.memberships.filter((m) => m.role === 'editor' && m.unitId !== null).map((m) => m.unitId!)
}

export function can<A extends Action>(actor: Actor | null, action: A, subject?: SubjectFor<A>): boolean {
  if (!actor || !actor.active) return false
  switch (action) {
    case 'concept.read':
      return actor.memberships.length > 0
    case 'admin.access':
    case 'user.manage':
    case 'unit.manage':
    case 'membership.manage':
    case 'assignment.manage':
      return hasRole(actor, 'admin')
    case 'round.manage': {
      const round = subject as RoundSubject | undefined
      if (round && round.state === 'closed') return false
      return hasRole(actor, 'admin', 'commissioner')
    }
    case 'work.edit': {
      const work = subject as WorkSubject | undefined
      if (!work || work.roundState !== 'open') return false
      if (hasRole(actor, 'commissioner', 'coordinator')) return true
      const mine = editorUnitIds(actor)
      return work.unitIds.some((id) => mine.includes(id))
    }
    case 'work.agree': {
      const work = subject as WorkSubject | undefined
      if (!work || work.roundState !== 'open') return false
      return hasRole(actor, 'commissioner', 'coordinator')
    }
    case 'meeting.manage':
    case 'unit.remind':
      return hasRole(actor, 'commissioner', 'coordinator')
    case 'progress.read':
    case 'report.export':
      return hasRole(actor, 'admin', 'commissioner', 'coordinator')
    default:
      return false
  }
}

/** The abilities the UI needs without a subject (menus, admin links). */
export function globalAbilities(actor: Actor | null) {
  return {
    admin: can(actor, 'admin.access'),
    manageRounds: can(actor, 'round.manage'),
    manageMeetings: can(actor, 'meeting.manage'),
    remindUnits: can(actor, 'unit.remind'),
    exportReports: can(actor, 'report.export'),
    readProgress: can(actor, 'progress.read'),
    /** The to-do page is the editor's; others reach it from the progress page. */
    ownTasks: editorUnitIds(actor ?? { id: 0, active: false, memberships: [] }).length > 0 && can(actor, 'concept.read'),
  }
}
export type GlobalAbilities = ReturnType<typeof globalAbilities>
