import { describe, expect, it } from 'vitest'
import type { Role } from '../../app/shared/vocabulary'
import {
  can,
  decide,
  globalAbilities,
  holdsRoleFor,
  type Action,
  type Actor,
  type CardSubject,
  type ForumSessionActor,
  type MeetingSubject,
  type PosterSubject,
  type RoundSubject,
  type VoteSubject,
  type WorkSubject,
} from './can'
import type { BaselineSubject } from './rounds'

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
  /** A participant who joined forum 1 by code: no account, no role. */
  forumSession: { kind: 'forumSession', forumId: 1, participantId: 7 },
} satisfies Record<string, Actor | ForumSessionActor | null>
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
const closedRoundWithoutAttainment: BaselineSubject = { state: 'closed', hasAttainment: false }
const closedRoundWithAttainment: BaselineSubject = { state: 'closed', hasAttainment: true }
const openRoundWithoutAttainment: BaselineSubject = { state: 'open', hasAttainment: false }
const plannedMeeting: MeetingSubject = { state: 'planned', roundState: 'open' }
const runningMeeting: MeetingSubject = { state: 'running', roundState: 'open' }
const endedMeeting: MeetingSubject = { state: 'closed', roundState: 'open' }
const meetingOfClosedRound: MeetingSubject = { state: 'running', roundState: 'closed' }

const card = (over: Partial<CardSubject> = {}): CardSubject => ({ forumId: 1, forumState: 'open', phaseState: 'open', tableId: 3, ownTableId: 3, anyTable: false, ...over })
const poster = (over: Partial<PosterSubject> = {}): PosterSubject => ({ forumId: 1, forumState: 'open', phaseState: 'open', tableId: 3, ownTableId: 3, anyTable: false, ...over })
const vote = (over: Partial<VoteSubject> = {}): VoteSubject => ({ forumId: 1, forumState: 'open', pollState: 'open', ...over })

type Case = { action: Action; subject?: unknown; label: string; allowed: ActorName[] }

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
  { action: 'round.backfill', subject: closedRoundWithoutAttainment, label: "enter a closed round's missing historical attainment", allowed: ['commissioner'] },
  { action: 'round.backfill', subject: closedRoundWithAttainment, label: 'enter the attainment of a closed round that has some', allowed: [] },
  { action: 'round.backfill', subject: openRoundWithoutAttainment, label: 'enter historical attainment into an open round', allowed: [] },
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
  { action: 'report.import', subject: openRound, label: 'import proposals from Excel into an open round', allowed: ['commissioner'] },
  { action: 'report.import', subject: closedRound, label: 'import proposals into a closed round', allowed: [] },
  { action: 'report.import', subject: draftRound, label: 'import proposals into a draft round', allowed: [] },
  { action: 'round.publish', subject: { state: 'closed', siteTextsComplete: true }, label: 'publish a closed round', allowed: ['commissioner'] },
  { action: 'round.publish', subject: { state: 'open', siteTextsComplete: true }, label: 'publish an open round', allowed: [] },
  { action: 'round.publish', subject: { state: 'draft', siteTextsComplete: true }, label: 'publish a draft round', allowed: [] },
  { action: 'round.publish', subject: { state: 'closed', siteTextsComplete: false }, label: 'publish a closed round while a site text is empty', allowed: [] },
  { action: 'round.publish', label: 'withdraw a publication', allowed: ['commissioner'] },
  { action: 'report.read', label: 'read the report and its chapters', allowed: ['admin', 'commissioner', 'coordinator', 'editorA', 'viewer', 'statistics'] },
  { action: 'report.write', subject: openRound, label: 'write the report chapters of an open round', allowed: ['commissioner', 'coordinator'] },
  { action: 'report.write', subject: closedRound, label: 'write the report chapters of a closed round', allowed: [] },
  { action: 'report.write', subject: draftRound, label: 'write the report chapters of a draft round', allowed: [] },
  { action: 'internal.read', label: 'read internal pages (meetings, minutes, progress, to-do, comparison)', allowed: ['admin', 'commissioner', 'coordinator', 'editorA', 'viewer', 'statistics'] },
  { action: 'forum.manage', label: 'set up forums', allowed: ['commissioner', 'coordinator'] },
  { action: 'forum.run', subject: { state: 'open' }, label: 'open and close phases and votes of an open forum', allowed: ['commissioner', 'coordinator'] },
  { action: 'forum.run', subject: { state: 'planned' }, label: 'run a forum not open yet', allowed: [] },
  { action: 'forum.run', subject: { state: 'closed' }, label: 'run a closed forum', allowed: [] },
  { action: 'forum.moderate', label: 'moderate cards', allowed: ['commissioner', 'coordinator'] },
  { action: 'forum.review', label: 'review forum items', allowed: ['commissioner', 'coordinator'] },
  { action: 'forum.feedback.read', label: 'read forum feedback where decisions are made', allowed: ['admin', 'commissioner', 'coordinator', 'editorA', 'viewer'] },
  { action: 'forum.session.read', subject: { forumId: 1 }, label: 'read their own forum as a participant', allowed: ['forumSession'] },
  { action: 'forum.session.read', subject: { forumId: 2 }, label: 'read another forum as a participant', allowed: [] },
  { action: 'forum.seat.choose', subject: { forumId: 1, forumState: 'open' }, label: 'take a seat in their open forum', allowed: ['forumSession'] },
  { action: 'forum.seat.choose', subject: { forumId: 1, forumState: 'closed' }, label: 'take a seat in their closed forum', allowed: [] },
  { action: 'forum.card.post', subject: card(), label: 'post a card at their own table in an open phase', allowed: ['forumSession'] },
  { action: 'forum.card.post', subject: card({ tableId: 4 }), label: 'post a card at another table', allowed: [] },
  { action: 'forum.card.post', subject: card({ tableId: 4, anyTable: true }), label: 'post a card at another table where the forum allows any', allowed: ['forumSession'] },
  { action: 'forum.card.post', subject: card({ phaseState: 'closed' }), label: 'post a card in a closed phase', allowed: [] },
  { action: 'forum.card.post', subject: card({ phaseState: 'pending' }), label: 'post a card in a phase not begun', allowed: [] },
  { action: 'forum.card.post', subject: card({ forumState: 'closed' }), label: 'post a card in a closed forum', allowed: [] },
  { action: 'forum.card.post', subject: card({ forumId: 2 }), label: "post a card in another forum", allowed: [] },
  { action: 'poster.write', subject: poster(), label: 'write their own table\'s poster in an open phase', allowed: ['commissioner', 'coordinator', 'forumSession'] },
  { action: 'poster.write', subject: poster({ tableId: 4 }), label: 'write another table\'s poster', allowed: ['commissioner', 'coordinator'] },
  { action: 'poster.write', subject: poster({ tableId: 4, anyTable: true }), label: 'write another table\'s poster where the forum allows any', allowed: ['commissioner', 'coordinator', 'forumSession'] },
  { action: 'poster.write', subject: poster({ phaseState: 'closed' }), label: 'write a poster of a closed phase', allowed: [] },
  { action: 'poster.write', subject: poster({ phaseState: 'pending' }), label: 'write a poster of a phase not begun', allowed: [] },
  { action: 'poster.write', subject: poster({ forumState: 'closed' }), label: 'write a poster of a closed forum', allowed: [] },
  { action: 'poster.write', subject: poster({ forumId: 2 }), label: 'write a poster of another forum', allowed: ['commissioner', 'coordinator'] },
  { action: 'poster.read', subject: poster({ phaseState: 'closed' }), label: 'read their own table\'s poster of a closed phase', allowed: ['commissioner', 'coordinator', 'forumSession'] },
  { action: 'poster.read', subject: poster({ tableId: 4 }), label: 'read another table\'s poster', allowed: ['commissioner', 'coordinator'] },
  { action: 'poster.read', subject: poster({ forumId: 2 }), label: 'read a poster of another forum', allowed: ['commissioner', 'coordinator'] },
  { action: 'forum.vote', subject: vote(), label: 'vote on an open question of their forum', allowed: ['forumSession'] },
  { action: 'forum.vote', subject: vote({ pollState: 'closed' }), label: 'vote on a closed question', allowed: [] },
  { action: 'forum.vote', subject: vote({ pollState: 'prepared' }), label: 'vote on a question not opened', allowed: [] },
  { action: 'forum.vote', subject: vote({ forumId: 2 }), label: "vote in another forum", allowed: [] },
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

  it('says why a forum session may not: the phase, the question, the table, the forum', () => {
    const session = actors.forumSession
    expect(decide(session, 'forum.card.post', card({ phaseState: 'closed' }))).toBe('phaseClosed')
    expect(decide(session, 'forum.card.post', card({ phaseState: 'pending' }))).toBe('phaseNotOpen')
    expect(decide(session, 'forum.card.post', card({ tableId: 4 }))).toBe('otherTable')
    expect(decide(session, 'forum.card.post', card({ forumState: 'planned' }))).toBe('forumNotOpen')
    expect(decide(session, 'forum.vote', vote({ pollState: 'closed' }))).toBe('pollClosed')
    expect(decide(session, 'forum.vote', vote({ forumState: 'closed' }))).toBe('forumClosed')
    expect(decide(session, 'forum.vote', vote({ forumId: 2 }))).toBe('forbidden')
  })

  it('lets a forum session pass no rule of an account, and no account a forum-session rule', () => {
    for (const action of ['concept.read', 'internal.read', 'admin.access', 'forum.manage', 'forum.feedback.read'] as const) {
      expect(decide(actors.forumSession, action), action).toBe('forbidden')
    }
    // The participant account role is no forum session: it cannot post or vote in any forum.
    expect(decide(actors.participant, 'forum.card.post', card())).toBe('forbidden')
    expect(decide(actors.participant, 'forum.vote', vote())).toBe('forbidden')
  })

  it('says why: the role, or the state of the subject', () => {
    expect(decide(actors.editorA, 'meeting.run', runningMeeting)).toBe('forbidden')
    expect(decide(actors.coordinator, 'meeting.run', plannedMeeting)).toBe('meetingNotRunning')
    expect(decide(actors.coordinator, 'meeting.run', endedMeeting)).toBe('meetingClosed')
    expect(decide(actors.coordinator, 'meeting.run', meetingOfClosedRound)).toBe('roundClosed')
    expect(decide(actors.coordinator, 'work.edit', ownMeasureDraft)).toBe('roundNotOpen')
    expect(decide(actors.editorA, 'work.edit', otherMeasureOpen)).toBe('forbidden')
    expect(decide(actors.deactivatedAdmin, 'admin.access')).toBe('forbidden')
    expect(decide(actors.commissioner, 'round.backfill', closedRoundWithAttainment)).toBe('attainmentRecorded')
    expect(decide(actors.commissioner, 'round.backfill', openRoundWithoutAttainment)).toBe('roundNotClosed')
    expect(decide(actors.admin, 'round.backfill', closedRoundWithoutAttainment)).toBe('forbidden')
    expect(decide(actors.commissioner, 'round.publish', { state: 'open', siteTextsComplete: true })).toBe('roundNotClosed')
    expect(decide(actors.commissioner, 'round.publish', { state: 'closed', siteTextsComplete: false })).toBe('siteTextsIncomplete')
    expect(decide(actors.admin, 'round.publish', { state: 'closed', siteTextsComplete: true })).toBe('forbidden')
  })

  it('answers menus by role only, and never for a deactivated account', () => {
    expect(holdsRoleFor(actors.coordinator, 'meeting.run')).toBe(true)
    expect(holdsRoleFor(actors.editorA, 'meeting.run')).toBe(false)
    expect(holdsRoleFor(actors.deactivatedAdmin, 'admin.access')).toBe(false)
    expect(globalAbilities(actors.coordinator)).toMatchObject({ manageMeetings: true, remindUnits: true, admin: false })
    expect(globalAbilities(actors.editorA)).toMatchObject({ manageMeetings: false, ownTasks: true, readProgress: false })
    expect(globalAbilities(null)).toMatchObject({ manageMeetings: false, ownTasks: false, admin: false })
    expect(globalAbilities(actors.coordinator)).toMatchObject({ manageForums: true, readInternal: true })
    expect(globalAbilities(actors.participant)).toMatchObject({ manageForums: false, readInternal: false })
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
