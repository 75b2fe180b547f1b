import { describe, expect, it } from 'vitest'
import type { Role } from '../../app/shared/vocabulary'
import { can, type Action, type Actor, type RoundSubject, type WorkSubject } from './can'

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
} satisfies Record<string, Actor | null>
type ActorName = keyof typeof actors

const ownMeasureOpen: WorkSubject = { kind: 'measure', unitIds: [UNIT_A], roundState: 'open' }
const otherMeasureOpen: WorkSubject = { kind: 'measure', unitIds: [UNIT_B], roundState: 'open' }
const sharedGoalOpen: WorkSubject = { kind: 'goal', unitIds: [UNIT_B, UNIT_A], roundState: 'open' }
const ownMeasureClosed: WorkSubject = { kind: 'measure', unitIds: [UNIT_A], roundState: 'closed' }
const ownMeasureDraft: WorkSubject = { kind: 'measure', unitIds: [UNIT_A], roundState: 'draft' }
const unassignedMeasureOpen: WorkSubject = { kind: 'measure', unitIds: [], roundState: 'open' }
const openRound: RoundSubject = { kind: 'round', state: 'open' }
const closedRound: RoundSubject = { kind: 'round', state: 'closed' }

type Case = { action: Action; subject?: WorkSubject | RoundSubject; label: string; allowed: ActorName[] }

// The whole matrix: every case lists exactly who may; everybody else must be refused.
const cases: Case[] = [
  { action: 'concept.read', label: 'read the concept', allowed: ['admin', 'commissioner', 'coordinator', 'editorA', 'participant', 'viewer'] },
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
  { action: 'work.agree', subject: ownMeasureOpen, label: 'agree a rating', allowed: ['commissioner', 'coordinator'] },
  { action: 'work.agree', subject: otherMeasureOpen, label: "agree another unit's rating", allowed: ['commissioner', 'coordinator'] },
  { action: 'work.agree', subject: ownMeasureClosed, label: 'agree a rating in a closed round', allowed: [] },
  { action: 'meeting.manage', label: 'run a Jour fixe', allowed: ['commissioner', 'coordinator'] },
  { action: 'unit.remind', label: 'remind units', allowed: ['commissioner', 'coordinator'] },
  { action: 'progress.read', label: "see a round's progress", allowed: ['admin', 'commissioner', 'coordinator'] },
  { action: 'report.export', label: 'export the report', allowed: ['admin', 'commissioner', 'coordinator'] },
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

  it('refuses work without a subject instead of guessing', () => {
    expect(can(actors.coordinator, 'work.edit')).toBe(false)
    expect(can(actors.coordinator, 'work.agree')).toBe(false)
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
