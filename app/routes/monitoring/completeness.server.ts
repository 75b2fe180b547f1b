import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { hasDemoValues, listIndicators } from '../../../server/services/monitoring/common'
import { completeness } from '../../../server/services/monitoring/reports'

type Ctx = Readonly<RouterContextProvider>

const QuerySchema = z.object({ kennzahl: z.coerce.number().int().positive().optional().catch(undefined) })

export function loadCompleteness(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'monitoring.read')
  const { db } = getServices(context)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return {
    title: getT(context)('monitoring:completeness.title'),
    selected: query.kennzahl ?? null,
    options: listIndicators(db, { activeOnly: true }).map((i) => ({ id: i.id, name: i.name })),
    demo: hasDemoValues(db),
    ...completeness(db, { indicatorId: query.kennzahl }),
  }
}
