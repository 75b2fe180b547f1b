import type { RouterContextProvider } from 'react-router'
import { getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { MonitoringError } from '../../../server/services/monitoring/common'
import { referenceChoices, referenceValues } from '../../../server/services/monitoring/references'
import { IdParam } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

/**
 * /monitoring/referenz: what the "Kennzahl einfügen" dialog of a report chapter may quote, as JSON, for whoever may
 * read the monitoring's working data. Without a query the indicators and territories to choose from; with
 * ?kennzahl=<id>&gebiet=<id> the reference dates of that total, each with its protected figure and, where it may be
 * quoted, the node's attributes (server/services/monitoring/references.ts). Refusals are text in the request's
 * language: 400 for a malformed query, 404 for an unknown indicator or territory.
 */
export function loadReferences(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'monitoring.read')
  const { db } = getServices(context)
  const t = getT(context)
  const query = new URL(request.url).searchParams
  const indicator = query.get('kennzahl')
  const territory = query.get('gebiet')
  if (indicator === null && territory === null) return json(referenceChoices(db))
  const indicatorId = IdParam.safeParse(indicator ?? undefined)
  const territoryId = IdParam.safeParse(territory ?? undefined)
  if (!indicatorId.success || !territoryId.success) return new Response(t('monitoring:refusal.referenceQuery'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  try {
    return json({ values: referenceValues(db, indicatorId.data, territoryId.data) })
  } catch (error) {
    if (error instanceof MonitoringError) return new Response(error.text(t), { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    throw error
  }
}
