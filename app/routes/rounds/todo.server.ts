import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { can, editorUnitIds } from '../../../server/policies/can'
import { newestUnreadReminder } from '../../../server/services/notices/notices'
import { unitTodo, unitsWithMeasures } from '../../../server/services/rounds/progress'
import { roundInWork } from '../../../server/services/rounds/lookup'
import { berlinToday, daysUntil } from '~/shared/dates'

const QuerySchema = z.object({ einheit: z.coerce.number().int().positive().optional().catch(undefined) })

export function loadTodo(context: Readonly<RouterContextProvider>, request: Request) {
  const auth = requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const own = editorUnitIds(auth.actor)
  // The commissioner and coordinators look at any unit's list; editors only at their own units'.
  const picker = can(auth.actor, 'progress.read')
  const allUnits = unitsWithMeasures(db)
  const options = picker ? allUnits : allUnits.filter((u) => own.includes(u.id))
  const chosen = options.find((u) => u.id === query.einheit)
  const unitIds = chosen ? [chosen.id] : picker ? [] : own
  const round = roundInWork(db)
  const items = round ? unitTodo(db, round, unitIds) : []
  const unitName = new Map(allUnits.map((u) => [u.id, u.name]))
  const reminder = round ? newestUnreadReminder(db, auth.user.id, round.id) : undefined
  return {
    title: getT(context)('myTasks'),
    picker,
    hasUnit: own.length > 0,
    options,
    selected: chosen?.id ?? null,
    round: round
      ? { id: round.id, name: round.name, dueDate: round.dueDate, daysLeft: round.dueDate ? daysUntil(round.dueDate, berlinToday()) : null }
      : null,
    showUnit: unitIds.length > 1,
    reminder: reminder
      ? { senderName: reminder.senderName ?? 'Zielwerk', createdAt: reminder.createdAt, message: reminder.message, unitName: reminder.unitName }
      : null,
    items: items.map((i) => ({
      key: `${i.measureId}-${i.unitId}`,
      title: i.title,
      goalNumber: i.goalNumber,
      unit: unitName.get(i.unitId) ?? '',
      role: i.role,
      updated: i.updated,
      proposal: i.proposal,
    })),
  }
}
