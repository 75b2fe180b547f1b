import { and, asc, count, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { memberships, notices, rounds, units, users } from '../../../db/schema'
import { formatDate } from '../../../app/shared/dates'
import type { Locale } from '../../../app/shared/i18n/languages'
import type { T } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import type { Mailer } from './mailer'
import { roundOpen } from '../../policies/policy'
import { roundById, type RoundInfo } from '../rounds/lookup'
import { roundProgress, unitTodo } from '../rounds/progress'
import { Refusal } from '../refusal'

/** This service's refusals (a message key under rounds:reminders, the form field): see Refusal. */
export class NoticeError extends Refusal {
  override name = 'NoticeError'
}

export const REMINDER_MESSAGE_MAX = 1000

export type RemindInput = {
  roundId: number
  /** The units to remind, or every active unit whose measures are not all updated in the round yet. */
  unitIds: number[] | 'withOpenMeasures'
  /** A short note from the sender, shown with the reminder and in the e-mail. */
  message?: string
  byUserId: number
  /** Origin for the links in e-mails, e.g. https://zielwerk.lkos.de (see publicOrigin). */
  appOrigin?: string
}

export type RemindResult = {
  roundName: string
  /** Notices written: one per active editor and unit. */
  notices: number
  /** Distinct people reminded (an editor of two units gets two notices). */
  people: number
  units: { id: number; shortName: string; recipients: number }[]
  /** `configured: false`: no SMTP, the reminders are in the app only. */
  mail: { configured: boolean; sent: number; failed: number }
}

type Recipient = { noticeId: number; userId: number; name: string; email: string; locale: Locale; unitId: number }

/**
 * Reminds units to update their measures: one in-app notice per active editor of each unit, written in one
 * transaction (an unknown unit or a round that is not open writes nothing). Then, where SMTP is configured,
 * one e-mail per notice; a failed e-mail is recorded on its notice and never takes the notice back.
 */
export async function remindUnits(db: DbOrTx, mailer: Mailer | null, input: RemindInput): Promise<RemindResult> {
  const message = (input.message ?? '').trim()
  if (message.length > REMINDER_MESSAGE_MAX) {
    throw new NoticeError('rounds:reminders.refusal.messageTooLong', { values: { max: REMINDER_MESSAGE_MAX }, field: 'message' })
  }
  const now = Date.now()

  const written = db.transaction((tx) => {
    const round = roundById(tx, input.roundId)
    if (!round) throw new NoticeError('rounds:refusal.notFound')
    const verdict = roundOpen(round.state)
    if (verdict !== 'allowed') {
      throw new NoticeError(verdict === 'roundClosed' ? 'rounds:reminders.refusal.roundClosed' : 'rounds:reminders.refusal.roundDraft', { values: { name: round.name } })
    }
    const unitIds =
      input.unitIds === 'withOpenMeasures'
        ? roundProgress(tx, round)
            .units.filter((u) => u.updated < u.measures)
            .map((u) => u.id)
        : [...new Set(input.unitIds)]
    if (unitIds.length === 0) {
      throw new NoticeError(input.unitIds === 'withOpenMeasures' ? 'rounds:reminders.refusal.allUpdated' : 'rounds:reminders.refusal.noUnit')
    }

    const found = tx
      .select({ id: units.id, name: units.name, shortName: units.shortName, active: units.active })
      .from(units)
      .where(inArray(units.id, unitIds))
      .all()
    for (const id of unitIds) {
      const unit = found.find((u) => u.id === id)
      if (!unit) throw new NoticeError('rounds:reminders.refusal.unknownUnit', { values: { id } })
      if (!unit.active) throw new NoticeError('rounds:reminders.refusal.unitInactive', { values: { unit: unit.shortName } })
    }

    const editors = tx
      .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale, unitId: memberships.unitId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.role, 'editor'), inArray(memberships.unitId, unitIds), eq(users.active, true)))
      .orderBy(asc(memberships.unitId), asc(users.name))
      .all()
    if (editors.length === 0) {
      if (unitIds.length === 1) throw new NoticeError('rounds:reminders.refusal.noEditor', { values: { unit: found[0]!.shortName } })
      throw new NoticeError('rounds:reminders.refusal.noEditors')
    }

    const recipients: Recipient[] = editors.map((e) => {
      const row = tx
        .insert(notices)
        .values({ userId: e.userId, kind: 'reminder', roundId: round.id, unitId: e.unitId!, message, createdBy: input.byUserId, createdAt: now })
        .returning({ id: notices.id })
        .get()
      return { noticeId: row.id, userId: e.userId, name: e.name, email: e.email, locale: e.locale, unitId: e.unitId! }
    })
    const sender = tx.select({ name: users.name }).from(users).where(eq(users.id, input.byUserId)).get()?.name ?? null
    // Counted in the same snapshot as the notices, for the e-mails.
    const openByUnit = new Map(unitIds.map((id) => [id, openCount(tx, round, id)]))
    return { round, unitIds, units: found, recipients, sender, openByUnit }
  })

  const result: RemindResult = {
    roundName: written.round.name,
    notices: written.recipients.length,
    people: new Set(written.recipients.map((r) => r.userId)).size,
    units: written.unitIds.map((id) => {
      const unit = written.units.find((u) => u.id === id)!
      return { id, shortName: unit.shortName, recipients: written.recipients.filter((r) => r.unitId === id).length }
    }),
    mail: { configured: mailer !== null, sent: 0, failed: 0 },
  }
  if (!mailer) return result

  const unitById = new Map(written.units.map((u) => [u.id, u]))
  await forEachLimited(written.recipients, 4, async (r) => {
    const unit = unitById.get(r.unitId)!
    const mail = reminderMail(r.locale, {
      recipientName: r.name,
      senderName: written.sender,
      roundName: written.round.name,
      dueDate: written.round.dueDate,
      unitName: unit.name,
      unitShortName: unit.shortName,
      open: written.openByUnit.get(r.unitId)!,
      message,
      appOrigin: input.appOrigin ?? '',
    })
    try {
      await mailer.send({ to: { name: r.name, address: r.email }, subject: mail.subject, text: mail.text })
      db.update(notices).set({ emailedAt: Date.now(), emailError: null }).where(eq(notices.id, r.noticeId)).run()
      result.mail.sent++
    } catch (error) {
      // Recorded for the administration, in the transport's own words.
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500) || 'unknown error'
      db.update(notices).set({ emailError: reason }).where(eq(notices.id, r.noticeId)).run()
      result.mail.failed++
    }
  })
  return result
}

function openCount(db: DbOrTx, round: RoundInfo, unitId: number): { open: number; total: number } {
  const items = unitTodo(db, round, [unitId])
  return { open: items.filter((i) => !i.updated).length, total: items.length }
}

async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await run(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * The reminder e-mail in the recipient's language (users.locale): round, due date, how many of the unit's measures
 * are still open, the sender's message and the link to the to-do page. Names of rounds, units and people are data.
 */
export function reminderMail(
  locale: Locale,
  input: {
    recipientName: string
    /** null: the sender's account is gone; the mail then speaks for Zielwerk. */
    senderName: string | null
    roundName: string
    dueDate: string | null
    unitName: string
    unitShortName: string
    open: { open: number; total: number }
    message: string
    appOrigin: string
  },
): { subject: string; text: string } {
  const t = tFor(locale)
  const { open, total } = input.open
  const values = { recipient: input.recipientName, sender: input.senderName ?? 'Zielwerk', unit: input.unitName, round: input.roundName }
  const lines = [
    t('rounds:reminders.mail.greeting', values),
    '',
    t('rounds:reminders.mail.intro', values),
    '',
    input.dueDate ? t('rounds:reminders.mail.due', { date: formatDate(input.dueDate, locale) }) : t('rounds:reminders.mail.noDue'),
    open === 0 ? t('rounds:reminders.mail.allUpdated', { count: total }) : t('rounds:reminders.mail.open', { open, count: total }),
    ...(input.message ? ['', t('rounds:reminders.mail.message'), input.message] : []),
    '',
    t('rounds:reminders.mail.tasks', { url: `${input.appOrigin}/aufgaben` }),
    '',
    '-- ',
    t('rounds:reminders.mail.footer', { url: `${input.appOrigin}/hinweise` }),
  ]
  return { subject: t('rounds:reminders.mail.subject', { round: input.roundName, unit: input.unitShortName }), text: lines.join('\n') }
}

// ── Reading and marking one's own notices ───────────────────────────────────────────────────────────────────

export type NoticeView = {
  id: number
  kind: 'reminder'
  message: string
  createdAt: number
  readAt: number | null
  emailed: boolean
  roundId: number | null
  roundName: string | null
  unitName: string | null
  senderName: string | null
}

const noticeColumns = {
  id: notices.id,
  kind: notices.kind,
  message: notices.message,
  createdAt: notices.createdAt,
  readAt: notices.readAt,
  emailedAt: notices.emailedAt,
  roundId: notices.roundId,
  roundName: rounds.name,
  unitName: units.name,
  senderName: users.name,
}

function noticeQuery(db: DbOrTx) {
  return db
    .select(noticeColumns)
    .from(notices)
    .leftJoin(rounds, eq(rounds.id, notices.roundId))
    .leftJoin(units, eq(units.id, notices.unitId))
    .leftJoin(users, eq(users.id, notices.createdBy))
}

const toView = ({ emailedAt, ...row }: { emailedAt: number | null } & Omit<NoticeView, 'emailed'>): NoticeView => ({ ...row, emailed: emailedAt !== null })

/** A user's notices, newest first. */
export function listNotices(db: DbOrTx, userId: number, limit = 100): NoticeView[] {
  return noticeQuery(db).where(eq(notices.userId, userId)).orderBy(desc(notices.createdAt), desc(notices.id)).limit(limit).all().map(toView)
}

/** The newest unread reminder of a user in one round, for the to-do page. */
export function newestUnreadReminder(db: DbOrTx, userId: number, roundId: number): NoticeView | undefined {
  const row = noticeQuery(db)
    .where(and(eq(notices.userId, userId), isNull(notices.readAt), eq(notices.kind, 'reminder'), eq(notices.roundId, roundId)))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .get()
  return row ? toView(row) : undefined
}

// The header shows the count on every page: one prepared COUNT on the (user_id, read_at) index.
const unreadStatements = new WeakMap<DbOrTx, ReturnType<typeof prepareUnread>>()
const prepareUnread = (db: DbOrTx) =>
  db
    .select({ n: count() })
    .from(notices)
    .where(and(eq(notices.userId, sql.placeholder('userId')), isNull(notices.readAt)))
    .prepare()

export function unreadNoticeCount(db: DbOrTx, userId: number): number {
  let statement = unreadStatements.get(db)
  if (!statement) unreadStatements.set(db, (statement = prepareUnread(db)))
  return statement.get({ userId })?.n ?? 0
}

/** Marks one of the user's own notices read; someone else's notice is "not there". */
export function markNoticeRead(db: DbOrTx, userId: number, noticeId: number, now = Date.now()): void {
  const row = db.select({ readAt: notices.readAt }).from(notices).where(and(eq(notices.id, noticeId), eq(notices.userId, userId))).get()
  if (!row) throw new NoticeError('rounds:reminders.refusal.noticeGone')
  if (row.readAt === null) db.update(notices).set({ readAt: now }).where(eq(notices.id, noticeId)).run()
}

/** Marks all of the user's unread notices read; returns how many. */
export function markAllNoticesRead(db: DbOrTx, userId: number, now = Date.now()): number {
  return db.update(notices).set({ readAt: now }).where(and(eq(notices.userId, userId), isNull(notices.readAt))).run().changes
}

/** When each unit was last reminded in a round (unit id → time), for the progress page. */
export function lastRemindedByUnit(db: DbOrTx, roundId: number): Map<number, number> {
  const rows = db
    .select({ unitId: notices.unitId, at: max(notices.createdAt) })
    .from(notices)
    .where(and(eq(notices.roundId, roundId), eq(notices.kind, 'reminder')))
    .groupBy(notices.unitId)
    .all()
  return new Map(rows.filter((r) => r.unitId !== null && r.at !== null).map((r) => [r.unitId!, r.at!]))
}

/** Short names of the active units (for the "FD Ordnung erinnern" buttons). */
export function unitShortNames(db: DbOrTx): Map<number, string> {
  return new Map(db.select({ id: units.id, shortName: units.shortName }).from(units).where(eq(units.active, true)).all().map((u) => [u.id, u.shortName]))
}

/** The confirmation after a reminder, in the language of `t`: how many people, which units, and what became of the e-mails. */
export function describeReminder(result: RemindResult, t: T = tFor('de')): string {
  const reached = result.units.filter((u) => u.recipients > 0)
  const missed = result.units.filter((u) => u.recipients === 0)
  const parts = [t('rounds:reminders.done.reached', { count: result.people, units: reached.map((u) => u.shortName).join(', ') })]
  if (missed.length > 0) parts.push(t('rounds:reminders.done.missed', { units: missed.map((u) => u.shortName).join(', ') }))
  const { configured, sent, failed } = result.mail
  if (!configured) parts.push(t('rounds:reminders.done.appOnly'))
  else if (failed === 0) parts.push(t('rounds:reminders.done.mailed', { count: sent }))
  else if (sent === 0) parts.push(t('rounds:reminders.done.mailFailed'))
  else parts.push(t('rounds:reminders.done.mailPartly', { sent: t('rounds:reminders.done.sentCount', { count: sent }), failed }))
  return parts.join(' ')
}
