import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { siteTexts } from '../../../db/schema'
import { STAFF_LOCALES, type Locale } from '../../../app/shared/i18n/languages'
import { tFor } from '../../../app/shared/i18n/resources'
import { SITE_TEXT_KEYS, type SiteTextKey } from '../../../app/shared/vocabulary'
import { Refusal } from '../refusal'

/**
 * The site's own texts: the accessibility statement and the privacy notice, per staff language. A language without a
 * stored text shows the default of the message files (site:<key>.default); a stored empty text stays empty, and then
 * nothing may be published (publishing checks siteTextsComplete).
 */

export const MAX_SITE_TEXT = 20_000

export class SiteTextError extends Refusal {
  override name = 'SiteTextError'
}

export type SiteText = { key: SiteTextKey; language: Locale; body: string; own: boolean; updatedAt: number | null }

const defaultOf = (key: SiteTextKey, language: Locale) => tFor(language)(`site:${key}.default`)

export function siteText(db: DbOrTx, key: SiteTextKey, language: Locale): SiteText {
  const row = db
    .select({ body: siteTexts.body, updatedAt: siteTexts.updatedAt })
    .from(siteTexts)
    .where(and(eq(siteTexts.key, key), eq(siteTexts.language, language)))
    .get()
  return row ? { key, language, body: row.body, own: true, updatedAt: row.updatedAt } : { key, language, body: defaultOf(key, language), own: false, updatedAt: null }
}

export function allSiteTexts(db: DbOrTx): SiteText[] {
  return SITE_TEXT_KEYS.flatMap((key) => STAFF_LOCALES.map((language) => siteText(db, key, language)))
}

/** Both texts exist in German (the county's language): the condition for publishing anything. */
export function siteTextsComplete(db: DbOrTx): boolean {
  return SITE_TEXT_KEYS.every((key) => siteText(db, key, 'de').body.trim() !== '')
}

export function saveSiteText(db: DbOrTx, input: { key: SiteTextKey; language: Locale; body: string }, byUserId: number, now = Date.now()): void {
  if (input.body.length > MAX_SITE_TEXT) throw new SiteTextError('site:edit.tooLong', { values: { max: MAX_SITE_TEXT }, field: 'body' })
  db.insert(siteTexts)
    .values({ ...input, updatedAt: now, updatedBy: byUserId })
    .onConflictDoUpdate({ target: [siteTexts.key, siteTexts.language], set: { body: input.body, updatedAt: now, updatedBy: byUserId } })
    .run()
}

/** Back to the default text of the message files. */
export function resetSiteText(db: DbOrTx, key: SiteTextKey, language: Locale): void {
  db.delete(siteTexts).where(and(eq(siteTexts.key, key), eq(siteTexts.language, language))).run()
}
