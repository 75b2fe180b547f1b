import type { RouterContextProvider } from 'react-router'
import { getServices, getT, notFound } from '../../../server/auth/require'
import { listTerritories } from '../../../server/services/monitoring/common'
import { isPublished, publishedYears } from '../../../server/services/monitoring/sheets'

type Ctx = Readonly<RouterContextProvider>

/** Without login: which years are published, and a published year's 22 sheets. Nothing unpublished is read. */
export function loadPublished(context: Ctx, yearParam: string | undefined) {
  const { db } = getServices(context)
  const t = getT(context)
  const years = publishedYears(db).sort((a, b) => b - a)
  const year = yearParam === undefined ? (years[0] ?? null) : Number(yearParam)
  if (yearParam !== undefined && (!/^\d{4}$/.test(yearParam) || !isPublished(db, Number(yearParam)))) throw notFound(t('monitoring:public.notPublished', { year: yearParam }))
  return {
    title: t('monitoring:public.title'),
    years,
    year,
    territories: year === null ? [] : listTerritories(db).map((x) => ({ slug: x.slug, name: x.name, kind: x.kind })),
  }
}
