import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { currentRound, goalByNumber, listRounds } from '../../../server/services/catalogue/catalogue'
import { goalNarrative, measureStatuses, statusChangesOf } from '../../../server/services/catalogue/status'
import { goalDocumentName, measureDocumentName } from '../../shared/live/names'
import { measureTimeline } from '../../../server/services/catalogue/timeline'

const ParamsSchema = z.coerce.number().int().min(1).max(9999)
const QuerySchema = z.object({ runde: z.coerce.number().int().positive().optional().catch(undefined) })

const ROLE_LABEL: Record<string, string> = {
  admin: 'Administration',
  commissioner: 'Integrationsbeauftragte/r',
  coordinator: 'Koordination',
  participant: 'Forum',
  viewer: 'Lesezugriff',
}

export function loadGoal(context: Readonly<RouterContextProvider>, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'concept.read')
  const number = ParamsSchema.safeParse(param)
  if (!number.success) throw notFound(`Ein Ziel „${param ?? ''}“ gibt es nicht.`)
  const { db } = getServices(context)
  const goal = goalByNumber(db, number.data)
  if (!goal) throw notFound(`Ziel ${number.data} gibt es im Konzept nicht.`)

  const rounds = listRounds(db)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const round = rounds.find((r) => r.id === query.runde) ?? currentRound(db, rounds)
  const measureIds = goal.measures.map((m) => m.id)
  const timeline = measureTimeline(db, measureIds)
  const statuses = round ? measureStatuses(db, round.id, measureIds) : new Map()
  const changes = round ? statusChangesOf(db, round.id, measureIds) : []
  const goalUnitIds = [...new Set(goal.measures.flatMap((m) => m.units.map((u) => u.id)))]
  const narrative = round ? goalNarrative(db, round.id, goal.id) : undefined

  // Presence shows the unit the user works for on this goal, else a cross-unit role (also for a coordinator who
  // belongs to a unit); an editor of another unit shows none (ROLE_LABEL has no editor).
  const unitNames = auth.actor.memberships
    .map((m) => goal.measures.flatMap((x) => x.units).find((u) => u.id === m.unitId)?.shortName ?? ROLE_LABEL[m.role])
    .filter(Boolean)

  return {
    round,
    rounds,
    me: { id: auth.user.id, name: auth.user.name, unit: unitNames[0] ?? '' },
    goal: {
      id: goal.id,
      number: goal.number,
      description: goal.description,
      challengeTitle: goal.challengeTitle,
      fieldNumber: goal.fieldNumber,
      fieldTitle: goal.fieldTitle,
      narrativeText: narrative?.narrativeText ?? '',
      narrativeJson: narrative?.narrativeJson ?? null,
      documentName: round ? goalDocumentName(round.id, goal.number) : null,
      canEdit: round ? can(auth.actor, 'work.edit', { kind: 'goal', unitIds: goalUnitIds, roundState: round.state }) : false,
    },
    measures: goal.measures.map((m) => ({
      ...m,
      timeline: timeline.get(m.id) ?? [],
      status: statuses.get(m.id) ?? null,
      changes: changes.filter((c) => c.measureId === m.id),
      documentName: round ? measureDocumentName(round.id, m.id) : null,
      canEdit: round ? can(auth.actor, 'work.edit', { kind: 'measure', unitIds: m.units.map((u) => u.id), roundState: round.state }) : false,
    })),
    previous: number.data > 1 ? number.data - 1 : null,
    next: goalByNumber(db, number.data + 1) ? number.data + 1 : null,
  }
}
