import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { can } from '../../../server/policies/can'
import { hasDemoValues, listTerritories } from '../../../server/services/monitoring/common'
import { publishedYears, setPublished, sheetYears } from '../../../server/services/monitoring/sheets'
import { msg, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

const QuerySchema = z.object({ jahr: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined) })

export function loadSheets(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'monitoring.read')
  const { db } = getServices(context)
  const years = sheetYears(db)
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const year = query.jahr && years.includes(query.jahr) ? query.jahr : (years[0] ?? null)
  const published = publishedYears(db)
  return {
    title: getT(context)('monitoring:sheets.title'),
    years,
    year,
    published,
    territories: listTerritories(db).map((t) => ({ slug: t.slug, name: t.name, kind: t.kind })),
    demo: hasDemoValues(db),
    canPublish: can(auth.actor, 'sheet.publish'),
  }
}

const PublishSchema = z.object({
  intent: z.enum(['publish', 'unpublish'], { message: msg('validation:unknownAction') }),
  year: z.coerce.number({ message: msg('validation:unknownAction') }).int().min(1990).max(2100),
})

export async function changeSheets(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'sheet.publish')
  const { db } = getServices(context)
  const t = getT(context)
  const parsed = parseForm(PublishSchema, await request.formData(), t)
  if (!parsed.ok) return refused({ form: Object.values(parsed.errors)[0] ?? '' }, { intent: 'publish' })
  const { intent, year } = parsed.data
  try {
    setPublished(db, { year, published: intent === 'publish', userId: auth.user.id })
    return done(t(intent === 'publish' ? 'monitoring:sheets.publishedNow' : 'monitoring:sheets.unpublishedNow', { year }), { intent: 'publish' })
  } catch (error) {
    return refusalOf(context, error, { intent: 'publish' })
  }
}
