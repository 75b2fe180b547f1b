import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, requireAuth, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { can } from '../../../server/policies/can'
import { hasDemoValues, setSmallNumberThreshold, smallNumberThreshold } from '../../../server/services/monitoring/common'
import { indicatorOverview, removeDemoValues } from '../../../server/services/monitoring/indicators'
import { forbidden, reasonText } from '../../../server/auth/require'
import { msg, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

export function loadMonitoring(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'monitoring.read')
  const { db } = getServices(context)
  const overview = indicatorOverview(db)
  return {
    title: getT(context)('monitoring:title'),
    ...overview,
    indicators: overview.indicators.map((i) => ({
      id: i.id,
      key: i.key,
      name: i.name,
      area: i.area,
      unit: i.unit,
      referenceKind: i.referenceKind,
      active: i.active,
      goalNumbers: i.goalNumbers,
      warnings: i.warnings,
      values: i.values,
      seedPassage: i.seedPassage,
    })),
    demo: hasDemoValues(db),
    threshold: smallNumberThreshold(db),
    can: {
      manage: can(auth.actor, 'indicator.manage'),
      import: can(auth.actor, 'indicatorValue.import'),
      removeDemo: can(auth.actor, 'monitoringDemo.remove'),
    },
  }
}

const Schema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('removeDemo') }),
    z.object({
      intent: z.literal('threshold'),
      threshold: z.coerce.number({ message: msg('monitoring:refusal.thresholdRange', { min: 2, max: 20 }) }).int(msg('monitoring:refusal.thresholdRange', { min: 2, max: 20 })),
    }),
  ],
  { message: msg('validation:unknownAction') },
)

export async function changeMonitoring(context: Ctx, request: Request) {
  const auth = requireAuth(context, request)
  const { db } = getServices(context)
  const t = getT(context)
  const parsed = parseForm(Schema, await request.formData(), t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, { intent: 'threshold' })
  const input = parsed.data
  if (input.intent === 'removeDemo') {
    if (!can(auth.actor, 'monitoringDemo.remove')) throw forbidden(reasonText(context, 'forbidden'))
    const n = removeDemoValues(db)
    return done(n === 0 ? t('monitoring:demo.noneLeft') : t('monitoring:demo.removed', { count: n }), { intent: 'removeDemo' })
  }
  if (!can(auth.actor, 'indicator.manage')) throw forbidden(reasonText(context, 'forbidden'))
  try {
    setSmallNumberThreshold(db, input.threshold)
    return done(t('monitoring:overview.thresholdSaved', { threshold: input.threshold }), { intent: 'threshold' })
  } catch (error) {
    return refusalOf(context, error, { intent: 'threshold' })
  }
}
