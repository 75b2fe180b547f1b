import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { quarterlyReport, reportQuarters } from '../../../server/services/monitoring/reports'

type Ctx = Readonly<RouterContextProvider>

/** ?quartal=2021-4; without it the newest quarter with values. */
export function loadQuarterly(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'monitoring.read')
  const { db } = getServices(context)
  const t = getT(context)
  const quarters = reportQuarters(db)
  const param = new URL(request.url).searchParams.get('quartal')
  let chosen = quarters[0] ?? null
  if (param !== null && param !== '') {
    const m = /^(\d{4})-([1-4])$/.exec(param)
    if (!m) throw notFound(t('monitoring:quarterly.quarterInvalid', { id: param }))
    chosen = { year: Number(m[1]), quarter: Number(m[2]) }
  }
  return {
    title: t('monitoring:quarterly.title'),
    quarters: quarters.map((q) => `${q.year}-${q.quarter}`),
    report: chosen ? quarterlyReport(db, chosen.year, chosen.quarter) : null,
  }
}
