import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { DbOrTx } from '../../../db/client'
import { roundPublicationLog, roundPublications, rounds, users } from '../../../db/schema'
import type { MessageKey, MessageValues } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import { SITE_TEXT_KEYS, type PublicationAction, type RoundState, type SiteTextKey } from '../../../app/shared/vocabulary'
import { decide, type Actor } from '../../policies/can'
import { Refusal } from '../refusal'
import { siteText } from '../site/texts'

/**
 * Publishing a closed round: its overview and report become readable without login (app/routes/published/), and
 * the commissioner can take that back. The rule is the policy's ('round.publish': a closed round, both site texts
 * in German not empty); this service asks it with the round's real state and the texts as stored, inside the
 * transaction that writes, so that nothing changes when it says no. Every publish and withdrawal is logged.
 */

export class PublicationError extends Refusal {
  override name = 'PublicationError'
  constructor(
    key: MessageKey,
    values: MessageValues = {},
    readonly status: 400 | 403 | 404 = 400,
  ) {
    super(key, { values })
  }
}

type RoundRow = { id: number; name: string; state: RoundState; period: string; closedAt: number | null }

/** The round, or a 404 refusal with its German message. */
export function requirePublicationRound(db: DbOrTx, roundId: number): RoundRow {
  const round = db.select({ id: rounds.id, name: rounds.name, state: rounds.state, period: rounds.period, closedAt: rounds.closedAt }).from(rounds).where(eq(rounds.id, roundId)).get()
  if (!round) throw new PublicationError('report:errors.roundNotFound', { id: roundId }, 404)
  return round
}

/** The site texts (German, the county's language) that are empty and so stand in the way of publishing. */
export function emptySiteTexts(db: DbOrTx): SiteTextKey[] {
  return SITE_TEXT_KEYS.filter((key) => siteText(db, key, 'de').body.trim() === '')
}

export type Publication = { published: boolean; publishedAt: number; publishedBy: string | null; withdrawnAt: number | null; withdrawnBy: string | null }

/** A round's publication as it stands (null: never published). */
export function publicationOf(db: DbOrTx, roundId: number): Publication | null {
  const publisher = alias(users, 'publisher')
  const withdrawer = alias(users, 'withdrawer')
  const row = db
    .select({ publishedAt: roundPublications.publishedAt, publishedBy: publisher.name, withdrawnAt: roundPublications.withdrawnAt, withdrawnBy: withdrawer.name })
    .from(roundPublications)
    .leftJoin(publisher, eq(publisher.id, roundPublications.publishedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, roundPublications.withdrawnBy))
    .where(eq(roundPublications.roundId, roundId))
    .get()
  return row ? { ...row, published: row.withdrawnAt === null } : null
}

/** The ids of the rounds readable without login now. */
export function publishedRoundIds(db: DbOrTx): Set<number> {
  return new Set(db.select({ id: roundPublications.roundId }).from(roundPublications).where(isNull(roundPublications.withdrawnAt)).all().map((r) => r.id))
}

/** Whether the round is public now: the one question every public page and file asks first. */
export function isRoundPublished(db: DbOrTx, roundId: number): boolean {
  return !!db
    .select({ id: roundPublications.roundId })
    .from(roundPublications)
    .innerJoin(rounds, eq(rounds.id, roundPublications.roundId))
    .where(and(eq(roundPublications.roundId, roundId), isNull(roundPublications.withdrawnAt), eq(rounds.state, 'closed')))
    .get()
}

/** The published rounds, the latest closed first: the public list (/veroeffentlicht). */
export function publishedRounds(db: DbOrTx) {
  return db
    .select({ id: rounds.id, name: rounds.name, period: rounds.period, closedAt: rounds.closedAt, publishedAt: roundPublications.publishedAt })
    .from(roundPublications)
    .innerJoin(rounds, eq(rounds.id, roundPublications.roundId))
    .where(and(isNull(roundPublications.withdrawnAt), eq(rounds.state, 'closed')))
    .orderBy(desc(rounds.closedAt), desc(rounds.id))
    .all()
}

export type PublicationLogEntry = { action: PublicationAction; at: number; by: string | null }

export function publicationLog(db: DbOrTx, roundId: number): PublicationLogEntry[] {
  return db
    .select({ action: roundPublicationLog.action, at: roundPublicationLog.at, by: users.name })
    .from(roundPublicationLog)
    .leftJoin(users, eq(users.id, roundPublicationLog.userId))
    .where(eq(roundPublicationLog.roundId, roundId))
    .orderBy(asc(roundPublicationLog.at), asc(roundPublicationLog.id))
    .all()
}

/** The empty texts' names in German, for the refusal ("„Datenschutz“"). */
function textNames(keys: SiteTextKey[]): string {
  const t = tFor('de')
  return keys.map((key) => `„${t(`site:${key}.title`)}“`).join(' und ')
}

/** Publishes a closed round; refuses (nothing written) an open or draft round, empty site texts, a public round. */
export function publishRound(db: DbOrTx, actor: Actor, roundId: number, now = Date.now()): RoundRow {
  return db.transaction((tx) => {
    const round = requirePublicationRound(tx, roundId)
    const empty = emptySiteTexts(tx)
    const verdict = decide(actor, 'round.publish', { state: round.state, siteTextsComplete: empty.length === 0 })
    if (verdict === 'forbidden') throw new PublicationError('policy:forbidden', {}, 403)
    if (verdict === 'roundNotClosed') throw new PublicationError('report:publish.refusal.notClosed', { round: round.name })
    if (verdict === 'siteTextsIncomplete') throw new PublicationError('report:publish.refusal.siteTexts', { texts: textNames(empty), count: empty.length })
    if (verdict !== 'allowed') throw new PublicationError(`policy:${verdict}`)
    if (publicationOf(tx, roundId)?.published) throw new PublicationError('report:publish.refusal.already', { round: round.name })
    tx.insert(roundPublications)
      .values({ roundId, publishedAt: now, publishedBy: actor.id })
      .onConflictDoUpdate({ target: roundPublications.roundId, set: { publishedAt: now, publishedBy: actor.id, withdrawnAt: null, withdrawnBy: null } })
      .run()
    tx.insert(roundPublicationLog).values({ roundId, action: 'publish', userId: actor.id, at: now }).run()
    return round
  })
}

/** Takes a published round off the public pages (they answer 404 from then on); refuses a round that is not public. */
export function withdrawPublication(db: DbOrTx, actor: Actor, roundId: number, now = Date.now()): RoundRow {
  return db.transaction((tx) => {
    const round = requirePublicationRound(tx, roundId)
    if (decide(actor, 'round.publish') !== 'allowed') throw new PublicationError('policy:forbidden', {}, 403)
    if (!publicationOf(tx, roundId)?.published) throw new PublicationError('report:publish.refusal.notPublished', { round: round.name })
    tx.update(roundPublications).set({ withdrawnAt: now, withdrawnBy: actor.id }).where(eq(roundPublications.roundId, roundId)).run()
    tx.insert(roundPublicationLog).values({ roundId, action: 'withdraw', userId: actor.id, at: now }).run()
    return round
  })
}
