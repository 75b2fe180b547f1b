import type { Db } from '../../../db/client'
import type { QuarterlyReport, Sheet } from '../../../app/shared/monitoring'
import { listTerritories, MonitoringError } from './common'
import { quarterlyReport } from './reports'
import { dataSheetWithJson, isPublished, territoryBySlug } from './sheets'

/**
 * What the monitoring's exports read: the same protected sheets the pages show (dataSheetWithJson, cached until the
 * next write), for one territory or for all 22 of a year (the county first, then the municipalities alphabetically,
 * listTerritories' order, never by a value), and the quarterly report. `published` reads only a published year
 * (the public routes, without login); a year that is not published is refused as if it did not exist.
 */

export type ExportScope = 'staff' | 'published'

/** A refusal of an export with its HTTP status (404: no such thing, 400: a malformed request). */
export class ExportRefusal extends MonitoringError {
  override name = 'ExportRefusal'
  constructor(
    key: ConstructorParameters<typeof MonitoringError>[0],
    values: Record<string, string | number>,
    readonly status: 400 | 404 = 404,
  ) {
    super(key, { values })
  }
}

/** A year in a path: four digits, 1990–2100 (the sheet page's rule). */
export function exportYear(db: Db, param: string | undefined, scope: ExportScope): number {
  const year = /^\d{4}$/.test(param ?? '') ? Number(param) : NaN
  if (scope === 'published') {
    if (!Number.isFinite(year) || !isPublished(db, year)) throw new ExportRefusal('monitoring:public.notPublished', { year: param ?? '' })
    return year
  }
  if (!Number.isFinite(year) || year < 1990 || year > 2100) throw new ExportRefusal('monitoring:sheet.yearInvalid', { id: param ?? '' })
  return year
}

export function exportSheet(db: Db, slug: string | undefined, yearParam: string | undefined, scope: ExportScope): { sheet: Sheet; json: string } {
  const year = exportYear(db, yearParam, scope)
  const territory = territoryBySlug(db, slug ?? '')
  if (!territory) throw new ExportRefusal('monitoring:sheet.notFound', { id: slug ?? '' })
  return dataSheetWithJson(db, territory, year)
}

/**
 * All 22 sheets of a year in the report's order. Making a sheet that is not cached yet reads and protects a few
 * thousand values (milliseconds each): the loop yields to the event loop between two sheets.
 */
export async function exportDatenreport(db: Db, yearParam: string | undefined, scope: ExportScope): Promise<{ year: number; sheets: { sheet: Sheet; json: string }[] }> {
  const year = exportYear(db, yearParam, scope)
  const sheets: { sheet: Sheet; json: string }[] = []
  for (const territory of listTerritories(db)) {
    sheets.push(dataSheetWithJson(db, territory, year))
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return { year, sheets }
}

/** The quarterly report of `2021-4` (the page's ?quartal= form). */
export function exportQuarterly(db: Db, param: string | undefined): QuarterlyReport {
  const m = /^(\d{4})-([1-4])$/.exec(param ?? '')
  if (!m || Number(m[1]) < 1990 || Number(m[1]) > 2100) throw new ExportRefusal('monitoring:export.quarterInvalid', { id: param ?? '' })
  return quarterlyReport(db, Number(m[1]), Number(m[2]))
}
