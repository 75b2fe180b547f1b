import type { RouterContextProvider } from 'react-router'
import { getAuth, getServices } from '../../../server/auth/require'
import { can } from '../../../server/policies/can'
import { goalIndicators } from '../../../server/services/monitoring/reports'
import { publishedYears } from '../../../server/services/monitoring/sheets'
import { smallNumberThreshold } from '../../../server/services/monitoring/common'

/**
 * For the goal page's loader (app/routes/catalogue/goal.tsx): the goal's indicators. Who reads the monitoring sees
 * every year; everybody else only published years (published sheets are public anyway).
 */
export function loadGoalIndicators(context: Readonly<RouterContextProvider>, goalNumber: number) {
  const { db } = getServices(context)
  const actor = getAuth(context)?.actor ?? null
  const onlyYears = can(actor, 'monitoring.read') ? undefined : publishedYears(db)
  return { ...goalIndicators(db, goalNumber, { onlyYears }), threshold: smallNumberThreshold(db) }
}

export type GoalIndicatorsData = ReturnType<typeof loadGoalIndicators>
