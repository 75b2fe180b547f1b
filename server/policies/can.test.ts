import { describe, expect, it } from 'vitest'
import type { Role } from '../../app/shared/vocabulary'
import { can, decide, globalAbilities, holdsRoleFor, type Action, type Actor, type MeetingSubject, type RoundSubject, type WorkSubject } from './can'

const UNIT_A = 1
const UNIT_B = 2

function actor(role: Role | null, unitId: number | null = null, active = true): Actor {
  return { id: 1, active, memberships: role ? [{ role, unitId }] : [] }
}

const actors = {
  anonymous: null,
  noMembership: actor(null),
  deactivatedAdmin: actor('admin', null, false),
  admin: actor('admin'),
  commissioner: actor('commissioner'),
  coordinator: actor('coordinator'),
  editorA: actor('editor', UNIT_A),
  participant: actor('participant'),
  viewer: actor('viewer'),
  statistics: actor('statistics'),
} satisfies Record<string, Actor | null>
type ActorName = keyof typeof actors

const ownMeasureOpen: WorkSubject = { kind: 'measure', unitIds: [UNIT_A], roundState: 'open' }
const otherMeasureOpen: WorkSubject = { kind: 'measure', unitIds: [UNIT_B], roundState: 'open' }
const sharedGoalOpen: WorkSubject = { kind: 'goal', unitIds: [UNIT_B, UNIT_A], roundState: 'open' }
const ownMeasureClosed: WorkSubject = { kind: 'measure', unitIds: [UNIT_A], roundState: 'closed' }
const ownMeasureDraft: WorkSubject = { kind: 'measure', unitIds: [UNIT_A], roundState: 'draft' }
const unassignedMeasureOpen: WorkSubject = { kind: 'measure', unitIds: [], roundState: 'open' }
const openRound: RoundSubject = { state: 'open' }
const closedRound: RoundSubject = { state: 'closed' }
const draftRound: RoundSubject = { state: 'draft' }
const plannedMeeting: MeetingSubject = { state: 'planned', roundState: 'open' }
const runningMeeting: MeetingSubject = { state: 'running', roundState: 'open' }
const endedMeeting: MeetingSubject = { state: 'closed', roundState: 'open' }
const meetingOfClosedRound: MeetingSubject = { state: 'running', roundState: 'closed' }

type Case = { action: Action; subject?: WorkSubject | RoundSubject | MeetingSubject; label: string; allowed: ActorName[] }

// The whole matrix: every case lists exactly who may; everybody else must be refused.
const cases: Case[] = [
  { action: 'concept.read', label: 'read the concept', allowed: ['admin', 'commissioner', 'coordinator', 'editorA', 'participant', 'viewer', 'statistics'] },
  { action: 'admin.access', label: 'open the admin area', allowed: ['admin'] },
  { action: 'user.manage', label: 'manage users', allowed: ['admin'] },
  { action: 'unit.manage', label: 'manage units', allowed: ['admin'] },
  { action: 'membership.manage', label: 'manage memberships', allowed: ['admin'] },
  { action: 'assignment.manage', label: 'assign measures to units', allowed: ['admin'] },
  { action: 'round.manage', label: 'manage rounds', allowed: ['admin', 'commissioner'] },
  { action: 'round.manage', subject: openRound, label: 'close an open round', allowed: ['admin', 'commissioner'] },
  { action: 'round.manage', subject: closedRound, label: 'change a closed round', allowed: [] },
  { action: 'work.edit', subject: ownMeasureOpen, label: "edit their own unit's measure", allowed: ['commissioner', 'coordinator', 'editorA'] },
  { action: 'work.edit', subject: otherMeasureOpen, label: "edit another unit's measure", allowed: ['commissioner', 'coordinator'] },
  { action: 'work.edit', subject: sharedGoalOpen, label: 'edit a goal that has one of their measures', allowed: ['commissioner', 'coordinator', 'editorA'] },
  { action: 'work.edit', subject: unassignedMeasureOpen, label: 'edit an unassigned measure', allowed: ['commissioner', 'coordinator'] },
  { action: 'work.edit', subject: ownMeasureClosed, label: 'edit a measure of a closed round', allowed: [] },
  { action: 'work.edit', subject: ownMeasureDraft, label: 'edit a measure of a draft round', allowed: [] },
  { action: 'work.agree', subject: openRound, label: 'agree a rating', allowed: ['commissioner', 'coordinator'] },
  { action: 'work.agree', subject: closedRound, label: 'agree a rating in a closed round', allowed: [] },
  { action: 'work.agree', subject: draftRound, label: 'agree a rating in a draft round', allowed: [] },
  { action: 'meeting.create', subject: openRound, label: 'create a meeting in an open round', allowed: ['commissioner', 'coordinator'] },
  { action: 'meeting.create', subject: closedRound, label: 'create a meeting in a closed round', allowed: [] },
  { action: 'meeting.create', subject: draftRound, label: 'create a meeting in a draft round', allowed: [] },
  { action: 'meeting.manage', subject: plannedMeeting, label: 'prepare a planned meeting', allowed: ['commissioner', 'coordinator'] },
  { action: 'meeting.manage', subject: runningMeeting, label: 'change the agenda of a running meeting', allowed: ['commissioner', 'coordinator'] },
  { action: 'meeting.manage', subject: endedMeeting, label: 'change an ended meeting', allowed: [] },
  { action: 'meeting.manage', subject: meetingOfClosedRound, label: 'change a meeting of a closed round', allowed: [] },
  { action: 'meeting.run', subject: runningMeeting, label: 'step, set states, note and agree in a running meeting', allowed: ['commissioner', 'coordinator'] },
  { action: 'meeting.run', subject: plannedMeeting, label: 'run a meeting that has not begun', allowed: [] },
  { action: 'meeting.run', subject: endedMeeting, label: 'run an ended meeting', allowed: [] },
  { action: 'meeting.run', subject: meetingOfClosedRound, label: 'run a meeting of a closed round', allowed: [] },
  { action: 'unit.remind', subject: openRound, label: 'remind units in an open round', allowed: ['commissioner', 'coordinator'] },
  { action: 'unit.remind', subject: closedRound, label: 'remind units in a closed round', allowed: [] },
  { action: 'progress.read', label: "see a round's progress", allowed: ['admin', 'commissioner', 'coordinator'] },
  { action: 'report.export', label: 'export the report', allowed: ['admin', 'commissioner', 'coordinator'] },
  { action: 'monitoring.read', label: 'read the monitoring (unpublished data)', allowed: ['admin', 'commissioner', 'coordinator', 'statistics'] },
  { action: 'indicator.manage', label: 'create and edit indicators', allowed: ['statistics'] },
  { action: 'indicatorValue.import', label: 'import indicator values', allowed: ['statistics'] },
  { action: 'sheet.interpret', label: "write a data sheet's local interpretation", allowed: ['statistics'] },
  { action: 'sheet.publish', label: "publish a year's data sheets", allowed: ['statistics'] },
  { action: 'monitoringDemo.remove', label: 'remove the demo monitoring data', allowed: ['admin', 'statistics'] },
]

describe('can(actor, action, subject)', () => {
  for (const c of cases) {
    for (const name of Object.keys(actors) as ActorName[]) {
      const expected = c.allowed.includes(name)
      it(`${expected ? 'lets' : 'refuses'} ${name} ${c.label}`, () => {
        expect(can(actors[name], c.action, c.subject as never)).toBe(expected)
      })
    }
  }

  it('says why: the role, or the state of the subject', () => {
    expect(decide(actors.editorA, 'meeting.run', runningMeeting)).toBe('forbidden')
    expect(decide(actors.coordinator, 'meeting.run', plannedMeeting)).toBe('meetingNotRunning')
    expect(decide(actors.coordinator, 'meeting.run', endedMeeting)).toBe('meetingClosed')
    expect(decide(actors.coordinator, 'meeting.run', meetingOfClosedRound)).toBe('roundClosed')
    expect(decide(actors.coordinator, 'work.edit', ownMeasureDraft)).toBe('roundNotOpen')
    expect(decide(actors.editorA, 'work.edit', otherMeasureOpen)).toBe('forbidden')
    expect(decide(actors.deactivatedAdmin, 'admin.access')).toBe('forbidden')
  })

  it('answers menus by role only, and never for a deactivated account', () => {
    expect(holdsRoleFor(actors.coordinator, 'meeting.run')).toBe(true)
    expect(holdsRoleFor(actors.editorA, 'meeting.run')).toBe(false)
    expect(holdsRoleFor(actors.deactivatedAdmin, 'admin.access')).toBe(false)
    expect(globalAbilities(actors.coordinator)).toMatchObject({ manageMeetings: true, remindUnits: true, admin: false })
    expect(globalAbilities(actors.editorA)).toMatchObject({ manageMeetings: false, ownTasks: true, readProgress: false })
    expect(globalAbilities(null)).toMatchObject({ manageMeetings: false, ownTasks: false, admin: false })
  })

  it('combines several memberships: a viewer who is also editor of unit A may edit unit A', () => {
    const both: Actor = { id: 2, active: true, memberships: [{ role: 'viewer', unitId: null }, { role: 'editor', unitId: UNIT_A }] }
    expect(can(both, 'work.edit', ownMeasureOpen)).toBe(true)
    expect(can(both, 'work.edit', otherMeasureOpen)).toBe(false)
  })

  it('does not let an editor role without a unit edit any measure', () => {
    expect(can(actor('editor', null), 'work.edit', ownMeasureOpen)).toBe(false)
  })
})
