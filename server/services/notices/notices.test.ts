import { and, asc, eq } from 'drizzle-orm'
import nodemailer, { type Transport } from 'nodemailer'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { measureStatus, measureUnits, measures, memberships, notices, rounds, units, users } from '../../../db/schema'
import { type Role } from '../../../app/shared/vocabulary'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import { createRound } from '../rounds/rounds'
import { createMailer } from './mailer'
import { tFor } from '../../../app/shared/i18n/resources'
import {
  NoticeError,
  describeReminder,
  lastRemindedByUnit,
  listNotices,
  markAllNoticesRead,
  markNoticeRead,
  newestUnreadReminder,
  remindUnits,
  unreadNoticeCount,
} from './notices'

let db: Db
let openRoundId: number
let closedRoundId: number
let unitA: number
let unitB: number
let coordinator: number
let editorA: number
let editorA2: number
let editorB: number

function addUser(name: string, role: Role, unitId: number | null, active = true): number {
  const id = db
    .insert(users)
    .values({ email: `${name.toLowerCase()}@example.org`, name, active })
    .returning({ id: users.id })
    .get().id
  db.insert(memberships).values({ userId: id, unitId, role }).run()
  return id
}

const allNotices = () => db.select().from(notices).orderBy(asc(notices.id)).all()

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  const roundId = (name: string) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, name)).get()!.id
  openRoundId = roundId(FIRST_OPEN_ROUND_NAME)
  closedRoundId = roundId(HISTORICAL_ROUND_NAME)
  db.update(rounds).set({ dueDate: '2027-03-31' }).where(eq(rounds.id, openRoundId)).run()
  const byShort = (short: string) => db.select({ id: units.id }).from(units).where(eq(units.shortName, short)).get()!.id
  unitA = byShort('FD Ordnung')
  unitB = byShort('VHS')
  coordinator = addUser('Koordination', 'coordinator', byShort('Strategische Planung'))
  editorA = addUser('Anna', 'editor', unitA)
  editorA2 = addUser('Aaron', 'editor', unitA)
  editorB = addUser('Berta', 'editor', unitB)
  addUser('Inaktiv', 'editor', unitA, false)
  addUser('Lesend', 'viewer', null)
  // A coordinator who also belongs to unit A in another role is not one of its editors.
  db.insert(memberships).values({ userId: coordinator, unitId: unitA, role: 'coordinator' }).run()

  // Unit A has three measures; one is updated in the open round.
  const [m1, m2, m3] = db.select({ id: measures.id }).from(measures).orderBy(asc(measures.id)).limit(3).all()
  db.insert(measureUnits)
    .values([
      { measureId: m1!.id, unitId: unitA, role: 'lead' },
      { measureId: m2!.id, unitId: unitA, role: 'lead' },
      { measureId: m3!.id, unitId: unitA, role: 'contributing' },
    ])
    .run()
  db.update(measureStatus)
    .set({ updatedAt: Date.now() })
    .where(and(eq(measureStatus.roundId, openRoundId), eq(measureStatus.measureId, m1!.id)))
    .run()
})

describe('remindUnits', () => {
  it('writes one reminder per active editor of the unit, and nobody else', async () => {
    const result = await remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA], message: '  Bitte bis Ende März.  ', byUserId: coordinator })
    const rows = allNotices()
    expect(rows.map((r) => r.userId).sort()).toEqual([editorA, editorA2].sort())
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'reminder', roundId: openRoundId, unitId: unitA, createdBy: coordinator, message: 'Bitte bis Ende März.', readAt: null, emailedAt: null, emailError: null })
    }
    expect(result).toMatchObject({ roundName: FIRST_OPEN_ROUND_NAME, notices: 2, people: 2, mail: { configured: false, sent: 0, failed: 0 } })
    expect(result.units).toEqual([{ id: unitA, shortName: 'FD Ordnung', recipients: 2 }])
  })

  it('reminds several units at once, each unit its own editors', async () => {
    const result = await remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA, unitB, unitA], byUserId: coordinator })
    expect(result.notices).toBe(3)
    expect(allNotices().map((r) => [r.userId, r.unitId]).sort()).toEqual(
      [
        [editorA, unitA],
        [editorA2, unitA],
        [editorB, unitB],
      ].sort(),
    )
  })

  it('refuses a closed round and a draft with a German message and writes nothing', async () => {
    await expect(remindUnits(db, null, { roundId: closedRoundId, unitIds: [unitA], byUserId: coordinator })).rejects.toThrow(
      `„${HISTORICAL_ROUND_NAME}“ ist abgeschlossen: Erinnern lässt sich nur an eine offene Berichtsrunde.`,
    )
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    await expect(remindUnits(db, null, { roundId: draft, unitIds: [unitA], byUserId: coordinator })).rejects.toThrow('noch ein Entwurf')
    await expect(remindUnits(db, null, { roundId: 99_999, unitIds: [unitA], byUserId: coordinator })).rejects.toThrow('Diese Berichtsrunde gibt es nicht.')
    expect(allNotices()).toEqual([])
  })

  it('refuses an unknown unit and writes nothing, not even for the known one', async () => {
    const attempt = remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA, 99_999], byUserId: coordinator })
    await expect(attempt).rejects.toBeInstanceOf(NoticeError)
    await expect(attempt).rejects.toThrow('Eine Organisationseinheit Nr. 99999 gibt es nicht.')
    expect(allNotices()).toEqual([])
  })

  it('refuses a deactivated unit, an empty choice, a unit without editors and an over-long message', async () => {
    db.update(units).set({ active: false }).where(eq(units.id, unitB)).run()
    await expect(remindUnits(db, null, { roundId: openRoundId, unitIds: [unitB], byUserId: coordinator })).rejects.toThrow('„VHS“ ist deaktiviert')
    await expect(remindUnits(db, null, { roundId: openRoundId, unitIds: [], byUserId: coordinator })).rejects.toThrow('mindestens eine Organisationseinheit')
    const lonely = db.select({ id: units.id }).from(units).where(eq(units.shortName, 'FD Jugend')).get()!.id
    await expect(remindUnits(db, null, { roundId: openRoundId, unitIds: [lonely], byUserId: coordinator })).rejects.toThrow('„FD Jugend“ hat kein aktives Konto')
    const long = remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA], message: 'x'.repeat(1001), byUserId: coordinator })
    await expect(long).rejects.toMatchObject({ field: 'message', message: 'Die Nachricht darf höchstens 1000 Zeichen lang sein.' })
    expect(allNotices()).toEqual([])
  })

  it('reminds every unit with measures not yet updated, and refuses when there is none', async () => {
    // Unit B's only measure is updated, so only unit A (two of three open) is reminded.
    const m4 = db.select({ id: measures.id }).from(measures).orderBy(asc(measures.id)).limit(1).offset(3).get()!.id
    db.insert(measureUnits).values({ measureId: m4, unitId: unitB, role: 'lead' }).run()
    db.update(measureStatus).set({ updatedAt: Date.now() }).where(and(eq(measureStatus.roundId, openRoundId), eq(measureStatus.measureId, m4))).run()
    const result = await remindUnits(db, null, { roundId: openRoundId, unitIds: 'withOpenMeasures', byUserId: coordinator })
    expect(result.units).toEqual([{ id: unitA, shortName: 'FD Ordnung', recipients: 2 }])

    db.update(measureStatus).set({ updatedAt: Date.now() }).where(eq(measureStatus.roundId, openRoundId)).run()
    await expect(remindUnits(db, null, { roundId: openRoundId, unitIds: 'withOpenMeasures', byUserId: coordinator })).rejects.toThrow(
      'Alle Einheiten haben ihre Maßnahmen in dieser Runde aktualisiert',
    )
    expect(allNotices()).toHaveLength(2)
  })

  it('says in German how many people were reminded and what became of the e-mails', () => {
    const base = { roundName: 'R', notices: 3, people: 3, units: [{ id: 1, shortName: 'FD Ordnung', recipients: 2 }, { id: 2, shortName: 'VHS', recipients: 1 }] }
    expect(describeReminder({ ...base, mail: { configured: false, sent: 0, failed: 0 } })).toBe(
      '3 Personen erinnert (FD Ordnung, VHS). Nur in der App – ohne E-Mail: kein SMTP eingerichtet.',
    )
    expect(describeReminder({ ...base, people: 1, units: [{ id: 1, shortName: 'VHS', recipients: 1 }, { id: 3, shortName: 'FD Jugend', recipients: 0 }], mail: { configured: true, sent: 1, failed: 0 } })).toBe(
      '1 Person erinnert (VHS). Ohne aktives Konto mit Bearbeitungsrecht, daher nicht erinnert: FD Jugend. In der App und per E-Mail (1 E-Mail versandt).',
    )
    expect(describeReminder({ ...base, mail: { configured: true, sent: 2, failed: 1 } })).toContain('2 E-Mails versandt, 1 fehlgeschlagen; die Erinnerung steht trotzdem bei allen in der App.')
    expect(describeReminder({ ...base, mail: { configured: true, sent: 0, failed: 3 } })).toContain('Die E-Mails konnten nicht versandt werden')
    expect(describeReminder({ ...base, mail: { configured: true, sent: 1, failed: 2 } })).toContain('1 E-Mail versandt, 2 fehlgeschlagen;')
  })

  it('says it in English too, with English plurals', () => {
    const base = { roundName: 'R', notices: 1, people: 1, units: [{ id: 1, shortName: 'VHS', recipients: 1 }] }
    expect(describeReminder({ ...base, mail: { configured: true, sent: 1, failed: 0 } }, tFor('en'))).toBe('1 person reminded (VHS). In the app and by e-mail (1 e-mail sent).')
    expect(describeReminder({ ...base, people: 2, mail: { configured: false, sent: 0, failed: 0 } }, tFor('en'))).toBe(
      '2 people reminded (VHS). In the app only – no e-mail: SMTP is not set up.',
    )
  })

  it('records when each unit was last reminded in the round', async () => {
    expect(lastRemindedByUnit(db, openRoundId).size).toBe(0)
    const before = Date.now()
    await remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA], byUserId: coordinator })
    const last = lastRemindedByUnit(db, openRoundId)
    expect([...last.keys()]).toEqual([unitA])
    expect(last.get(unitA)).toBeGreaterThanOrEqual(before)
  })
})

describe('remindUnits with e-mail', () => {
  it('e-mails each editor with the round, the due date, the open measures and a link to the to-do page', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true })
    const sendMail = vi.spyOn(transport, 'sendMail')
    const mailer = createMailer(transport, 'Zielwerk <zielwerk@example.org>')
    const result = await remindUnits(db, mailer, {
      roundId: openRoundId,
      unitIds: [unitA],
      message: 'Bitte an den Jour fixe denken.',
      byUserId: coordinator,
      appOrigin: 'https://zielwerk.example.org',
    })
    expect(result.mail).toEqual({ configured: true, sent: 2, failed: 0 })
    expect(sendMail).toHaveBeenCalledTimes(2)

    const sent = await Promise.all(sendMail.mock.results.map(async (r) => JSON.parse(((await r.value) as { message: string }).message)))
    const anna = sent.find((m) => m.to[0].address === 'anna@example.org')
    expect(anna).toBeDefined()
    expect(anna.from).toEqual({ address: 'zielwerk@example.org', name: 'Zielwerk' })
    expect(anna.to).toEqual([{ address: 'anna@example.org', name: 'Anna' }])
    expect(anna.subject).toBe(`Erinnerung: Berichtsrunde „${FIRST_OPEN_ROUND_NAME}“ – FD Ordnung`)
    expect(anna.text).toContain('Guten Tag Anna,')
    expect(anna.text).toContain('Koordination erinnert Sie daran')
    expect(anna.text).toContain('Abgabetermin: 31.03.2027')
    expect(anna.text).toContain('Noch nicht aktualisiert: 2 von 3 Maßnahmen.')
    expect(anna.text).toContain('Bitte an den Jour fixe denken.')
    expect(anna.text).toContain('Ihre Aufgaben: https://zielwerk.example.org/aufgaben')

    for (const row of allNotices()) {
      expect(row.emailedAt).toBeGreaterThan(0)
      expect(row.emailError).toBeNull()
    }
  })

  it('writes each e-mail in its recipient’s language', async () => {
    db.update(users).set({ locale: 'en' }).where(eq(users.id, editorA2)).run()
    const transport = nodemailer.createTransport({ jsonTransport: true })
    const sendMail = vi.spyOn(transport, 'sendMail')
    await remindUnits(db, createMailer(transport, 'zielwerk@example.org'), { roundId: openRoundId, unitIds: [unitA], byUserId: coordinator, appOrigin: 'https://z.example.org' })
    const sent = await Promise.all(sendMail.mock.results.map(async (r) => JSON.parse(((await r.value) as { message: string }).message)))
    const aaron = sent.find((m) => m.to[0].address === 'aaron@example.org')
    const anna = sent.find((m) => m.to[0].address === 'anna@example.org')
    expect(aaron.subject).toBe(`Reminder: reporting round “${FIRST_OPEN_ROUND_NAME}” – FD Ordnung`)
    expect(aaron.text).toContain('Hello Aaron,')
    expect(aaron.text).toContain('Due date: 31 Mar 2027')
    expect(aaron.text).toContain('Not updated yet: 2 of 3 measures.')
    expect(aaron.text).toContain('Your tasks: https://z.example.org/aufgaben')
    expect(anna.text).toContain('Guten Tag Anna,')
    expect(anna.text).toContain('Abgabetermin: 31.03.2027')
  })

  it('keeps the in-app notice and records the error when the transport fails', async () => {
    const failing: Transport = {
      name: 'failing',
      version: '1',
      send: (_mail, callback) => callback(new Error('Verbindung zum SMTP-Server abgelehnt'), undefined as never),
    }
    const mailer = createMailer(nodemailer.createTransport(failing), 'zielwerk@example.org')
    const result = await remindUnits(db, mailer, { roundId: openRoundId, unitIds: [unitA], byUserId: coordinator, appOrigin: 'http://localhost' })
    expect(result).toMatchObject({ notices: 2, mail: { configured: true, sent: 0, failed: 2 } })
    const rows = allNotices()
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.emailedAt).toBeNull()
      expect(row.emailError).toContain('Verbindung zum SMTP-Server abgelehnt')
    }
    expect(unreadNoticeCount(db, editorA)).toBe(1)
  })
})

describe('reading notices', () => {
  it('lists a user’s own notices newest first and counts the unread ones', async () => {
    await remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA], message: 'Erste', byUserId: coordinator })
    await new Promise((resolve) => setTimeout(resolve, 5))
    await remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA], message: 'Zweite', byUserId: coordinator })
    const list = listNotices(db, editorA)
    expect(list.map((n) => n.message)).toEqual(['Zweite', 'Erste'])
    expect(list[0]).toMatchObject({ kind: 'reminder', roundName: FIRST_OPEN_ROUND_NAME, senderName: 'Koordination', emailed: false, readAt: null })
    expect(list[0]!.unitName).toContain('Fachdienst Ordnung')
    expect(unreadNoticeCount(db, editorA)).toBe(2)
    expect(unreadNoticeCount(db, editorB)).toBe(0)
    expect(newestUnreadReminder(db, editorA, openRoundId)?.message).toBe('Zweite')
    expect(newestUnreadReminder(db, editorA, closedRoundId)).toBeUndefined()
  })

  it('marks only the user’s own notices read', async () => {
    await remindUnits(db, null, { roundId: openRoundId, unitIds: [unitA, unitB], byUserId: coordinator })
    const annas = listNotices(db, editorA)[0]!
    expect(() => markNoticeRead(db, editorB, annas.id)).toThrow('Diesen Hinweis gibt es nicht (mehr).')
    expect(unreadNoticeCount(db, editorA)).toBe(1)

    markNoticeRead(db, editorA, annas.id)
    expect(unreadNoticeCount(db, editorA)).toBe(0)
    expect(listNotices(db, editorA)[0]!.readAt).not.toBeNull()
    expect(newestUnreadReminder(db, editorA, openRoundId)).toBeUndefined()

    expect(markAllNoticesRead(db, editorB)).toBe(1)
    expect(unreadNoticeCount(db, editorB)).toBe(0)
    expect(unreadNoticeCount(db, editorA2)).toBe(1)
  })
})
