import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import type { Db } from '../../../db/client'
import { getServices, getT, notFound, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { roundOpen } from '../../../server/policies/policy'
import { goalByNumber, goalNeighbours, goalUnitIds, listRounds, roundOrCurrent } from '../../../server/services/catalogue/catalogue'
import { goalNarrative, measureStatuses, statusChangesOf } from '../../../server/services/catalogue/status'
import { measureTimeline } from '../../../server/services/catalogue/timeline'
import { ReadCache } from '../../../server/services/read-cache'
import { goalDocumentName, measureDocumentName } from '../../shared/live/names'
import type { PresenceRole } from '~/collab/use-live'
import { forumFeedbackFor } from '~/routes/forums/feedback-panel.server'
import { loadGoalIndicators } from '~/routes/monitoring/goal-indicators.server'

const QuerySchema = z.object({ runde: z.coerce.number().int().positive().optional().catch(undefined) })

/** /ziele/:number: one goal with its measures in a round (the asked-for one, else the current), live while it is open. */
export function loadGoal(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'concept.read')
  const t = getT(context)
  const number = requireIdParam(context, param, 'catalogue:goal.invalid')
  const { db } = getServices(context)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  // The same for every user: a pure read of the database, cached until the next write (~10 queries otherwise).
  const read = goalCache.get(db, `${number}:${query.runde ?? ''}`, () => readGoal(db, number, query.runde))
  if (!read.goal) throw notFound(t('catalogue:goal.notFound', { number }))
  const { goal, round, measures } = read

  // Presence shows the unit the user works for on this goal, else a cross-unit role (also for a coordinator who
  // belongs to a unit), which each reader's page names in its own language; an editor of another unit shows none.
  const goalUnits = measures.flatMap((m) => m.units)
  const shown = auth.actor.memberships
    .map((m): { unit: string; role?: PresenceRole } | null => {
      const unit = goalUnits.find((u) => u.id === m.unitId)
      if (unit) return { unit: unit.shortName }
      return m.role === 'editor' ? null : { unit: '', role: m.role }
    })
    .find((x) => x !== null) ?? { unit: '' }

  return {
    title: t('catalogue:goal.title', { number: goal.number }),
    round,
    rounds: read.rounds,
    /** The round's documents are live (and the page follows rating changes) only while it is open. */
    liveRound: round !== undefined && roundOpen(round.state) === 'allowed',
    me: { id: auth.user.id, name: auth.user.name, ...shown },
    goal: {
      ...goal,
      canEdit: round ? can(auth.actor, 'work.edit', { kind: 'goal', unitIds: read.goalUnitIds, roundState: round.state }) : false,
    },
    measures: measures.map((m) => ({
      ...m,
      canEdit: round ? can(auth.actor, 'work.edit', { kind: 'measure', unitIds: m.units.map((u) => u.id), roundState: round.state }) : false,
    })),
    previous: read.previous,
    next: read.next,
    /** What the monitoring and the forums say about this goal, beside its measures (per user: rights decide what). */
    monitoring: loadGoalIndicators(context, goal.number),
    forumFeedback: forumFeedbackFor(context, { goalId: goal.id }),
  }
}

const goalCache = new ReadCache<ReturnType<typeof readGoal>>(32)

/** Everything the goal page shows that does not depend on who asks (the rights are checked per request). */
function readGoal(db: Db, number: number, roundId: number | undefined) {
  const goal = goalByNumber(db, number)
  if (!goal) return { goal: null } as const
  const rounds = listRounds(db)
  const round = roundOrCurrent(db, roundId, rounds)
  const measureIds = goal.measures.map((m) => m.id)
  const timeline = measureTimeline(db, measureIds)
  const statuses = round ? measureStatuses(db, round.id, measureIds) : new Map()
  const changes = round ? statusChangesOf(db, round.id, measureIds) : []
  const narrative = round ? goalNarrative(db, round.id, goal.id) : undefined
  const { previous, next } = goalNeighbours(db, goal.number)
  return {
    round,
    rounds,
    goal: {
      id: goal.id,
      number: goal.number,
      description: goal.description,
      challengeTitle: goal.challengeTitle,
      fieldNumber: goal.fieldNumber,
      fieldTitle: goal.fieldTitle,
      narrativeText: narrative?.narrativeText ?? '',
      documentName: round ? goalDocumentName(round.id, goal.number) : null,
    },
    goalUnitIds: round ? goalUnitIds(db, goal.id) : [],
    measures: goal.measures.map((m) => {
      const status = statuses.get(m.id)
      return {
        id: m.id,
        title: m.title,
        sourceUncertain: m.sourceUncertain,
        units: m.units,
        timeline: timeline.get(m.id) ?? [],
        status: status ? { proposal: status.proposal, proposalFlags: status.proposalFlags, narrativeText: status.narrativeText } : null,
        changes: changes.filter((c) => c.measureId === m.id),
        documentName: round ? measureDocumentName(round.id, m.id) : null,
      }
    }),
    previous,
    next,
  }
}
