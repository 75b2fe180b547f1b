import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getI18n, getServices, getT, notFound, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { can } from '../../../server/policies/can'
import { dataSheetWithJson, isPublished, saveInterpretation, territoryBySlug } from '../../../server/services/monitoring/sheets'
import type { Db } from '../../../db/client'
import { serverMarkupContext } from '../../../server/context'
import type { Locale } from '~/shared/i18n'
import { sheetMarkup } from './sheet-markup.server'
import { msg, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

const YearParam = z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100))

/** The sheet named by the route (territory slug and year) with its JSON, or 404 in the request's language. */
export function sheetOf(context: Ctx, db: Db, slug: string | undefined, yearParam: string | undefined) {
  const t = getT(context)
  const territory = territoryBySlug(db, slug ?? '')
  if (!territory) throw notFound(t('monitoring:sheet.notFound', { id: slug ?? '' }))
  const year = YearParam.safeParse(yearParam)
  if (!year.success) throw notFound(t('monitoring:sheet.yearInvalid', { id: yearParam ?? '' }))
  return dataSheetWithJson(db, territory, year.data)
}

/**
 * What a sheet page's loader sends: the sheet's heading data, its interpretation, and the body as markup only (offered
 * for the page's render, see sheet-markup.server.tsx). The body is not in the loader data as well: the browser keeps
 * the markup the server sent, and after a client-side navigation it fetches the same markup (`bodyHref`), so the
 * ~250 kB sheet goes out once and no request pays for encoding it a second time. `bodyKey` names the markup's
 * content and language: a changed sheet is fetched anew.
 */
function sheetData(context: Ctx, db: Db, slug: string | undefined, year: string | undefined, bodyHref: (slug: string, year: number) => string) {
  const { sheet, json, version } = sheetOf(context, db, slug, year)
  const locale = getI18n(context).language as Locale
  const bodyKey = `${locale}.${version}`
  context.get(serverMarkupContext)?.set(bodyKey, () => sheetMarkup(json, locale))
  return {
    title: getT(context)('monitoring:sheet.title', { territory: sheet.territory.name, year: sheet.year }),
    bodyKey,
    bodyHref: bodyHref(sheet.territory.slug, sheet.year),
    slug: sheet.territory.slug,
    name: sheet.territory.name,
    year: sheet.year,
    interpretation: sheet.interpretation,
  }
}

export function loadSheet(context: Ctx, request: Request, slug: string | undefined, year: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'monitoring.read')
  const { db } = getServices(context)
  return { ...sheetData(context, db, slug, year, (s, y) => `/monitoring/datenblaetter/${s}/${y}/inhalt.html`), canInterpret: can(auth.actor, 'sheet.interpret') }
}

/** Published sheets for everybody, without login: nothing of an unpublished year. */
export function loadPublishedSheet(context: Ctx, slug: string | undefined, year: string | undefined) {
  const { db } = getServices(context)
  const y = YearParam.safeParse(year)
  if (!y.success || !isPublished(db, y.data)) throw notFound(getT(context)('monitoring:public.notPublished', { year: year ?? '' }))
  return sheetData(context, db, slug, year, (s, y) => `/veroeffentlicht/datenblaetter/${y}/${s}/inhalt.html`)
}

const InterpretationSchema = z.object({
  intent: z.literal('interpret', { message: msg('validation:unknownAction') }),
  text: z.string({ message: msg('monitoring:refusal.interpretationTooLong', { max: 5000 }) }).max(5000, msg('monitoring:refusal.interpretationTooLong', { max: 5000 })),
})

export async function saveSheetInterpretation(context: Ctx, request: Request, slug: string | undefined, year: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'sheet.interpret')
  const { db } = getServices(context)
  const t = getT(context)
  const { sheet } = sheetOf(context, db, slug, year)
  const parsed = parseForm(InterpretationSchema, await request.formData(), t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, { intent: 'interpret' })
  try {
    saveInterpretation(db, { territoryId: sheet.territory.id, year: sheet.year, text: parsed.data.text, userId: auth.user.id })
    return done(t(parsed.data.text.trim() === '' ? 'monitoring:sheet.interpretationRemoved' : 'monitoring:sheet.interpretationSaved'), { intent: 'interpret' })
  } catch (error) {
    return refusalOf(context, error, { intent: 'interpret' })
  }
}
