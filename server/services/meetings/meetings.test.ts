import { and, asc, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import {
  challenges,
  concepts,
  fields,
  goals,
  meetingAttendance,
  meetingItems,
  meetings,
  measureStatus,
  measures,
  rounds,
  users,
} from '../../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME, seedCatalogue } from '../../../db/seed/catalogue'
import {
  MeetingError,
  addItems,
  agendaProposals,
  closeMeeting,
  createMeeting,
  meetingDetail,
  moveItem,
  removeItem,
  setAttendance,
  startMeeting,
  type MeetingInput,
} from './meetings'
import { closeRound, createRound } from '../rounds/rounds'

let db: Db
let openId: number
let historicalId: number
let coordinatorId: number
/** The first measures of the catalogue, by id. */
let m: number[]
let goalIds: number[]

/** When the open round opened, in these tests. */
const OPENED = 1_800_000_000_000

function addUser(email: string, name: string, active = true): number {
  return db.insert(users).values({ email, name, active }).returning({ id: users.id }).get().id
}

function plan(title = 'Jour fixe November', roundId = openId): number {
  const input: MeetingInput = { roundId, title, date: '2026-11-23', time: '10:00', location: 'Raum 1.12' }
  return createMeeting(db, input, coordinatorId)
}

const agenda = (meetingId: number) =>
  db
    .select({ id: meetingItems.id, position: meetingItems.position, measureId: meetingItems.measureId, goalId: meetingItems.goalId, reason: meetingItems.reason })
    .from(meetingItems)
    .where(eq(meetingItems.meetingId, meetingId))
    .orderBy(asc(meetingItems.position))
    .all()

const meetingOf = (id: number) =>
  db.select({ state: meetings.state, startedAt: meetings.startedAt, endedAt: meetings.endedAt }).from(meetings).where(eq(meetings.id, id)).get()!

/** Everything the meetings service writes. */
const snapshot = () => ({
  meetings: db.select().from(meetings).orderBy(asc(meetings.id)).all(),
  items: db.select().from(meetingItems).orderBy(asc(meetingItems.id)).all(),
  attendance: db.select().from(meetingAttendance).orderBy(asc(meetingAttendance.id)).all(),
})

/** The attempt is refused with a MeetingError whose message matches, and nothing the service writes changed. */
function expectRefused(attempt: () => unknown, message: RegExp, field?: string) {
  const before = snapshot()
  let error: unknown
  try {
    attempt()
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(MeetingError)
  expect((error as MeetingError).message).toMatch(message)
  if (field) expect((error as MeetingError).field).toBe(field)
  expect(snapshot()).toEqual(before)
}

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
  openId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!.id
  historicalId = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, HISTORICAL_ROUND_NAME)).get()!.id
  db.update(rounds).set({ openedAt: OPENED }).where(eq(rounds.id, openId)).run()
  coordinatorId = addUser('koordination@test.zielwerk', 'Koordination')
  m = db.select({ id: measures.id }).from(measures).orderBy(asc(measures.id)).limit(12).all().map((r) => r.id)
  goalIds = db.select({ id: goals.id }).from(goals).orderBy(asc(goals.id)).limit(3).all().map((r) => r.id)
})

describe('createMeeting', () => {
  it('plans a meeting in the open round, title and location trimmed', () => {
    const id = createMeeting(db, { roundId: openId, title: '  Jour fixe  ', date: '2026-11-23', time: null, location: ' Rathaus ' }, coordinatorId)
    expect(db.select().from(meetings).where(eq(meetings.id, id)).get()).toMatchObject({
      roundId: openId,
      title: 'Jour fixe',
      date: '2026-11-23',
      time: null,
      location: 'Rathaus',
      state: 'planned',
      createdBy: coordinatorId,
      startedAt: null,
      endedAt: null,
    })
  })

  it('refuses a closed round in German, next to the round field, and writes nothing', () => {
    expectRefused(() => plan('Rückblick', historicalId), /Sitzungen gibt es nur in einer offenen Berichtsrunde; „Evaluation 2018–2022/, 'roundId')
    expect(snapshot().meetings).toHaveLength(0)
  })

  it('refuses a draft round and writes nothing', () => {
    const draft = createRound(db, { name: 'Sachstand 2027', period: '2027', dueDate: null })
    expectRefused(() => plan('Vorbesprechung', draft), /nur in einer offenen Berichtsrunde; „Sachstand 2027“ ist es nicht/, 'roundId')
    expect(snapshot().meetings).toHaveLength(0)
  })

  it('refuses a round that does not exist', () => {
    expectRefused(() => plan('Irgendwo', 99_999), /Diese Berichtsrunde gibt es nicht/, 'roundId')
    expect(snapshot().meetings).toHaveLength(0)
  })
})

describe('addItems', () => {
  it('appends measures and goals in the order picked, with their reasons', () => {
    const id = plan()
    expect(addItems(db, id, [{ measureId: m[2]! }, { goalId: goalIds[0]! }, { measureId: m[0]!, reason: 'differs' }])).toBe(3)
    expect(agenda(id)).toMatchObject([
      { position: 1, measureId: m[2], goalId: null, reason: 'manual' },
      { position: 2, measureId: null, goalId: goalIds[0], reason: 'manual' },
      { position: 3, measureId: m[0], goalId: null, reason: 'differs' },
    ])
  })

  it('skips what is already on the agenda and repeats within the pick list; the rest goes to the end', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }, { goalId: goalIds[0]! }])
    const before = agenda(id)
    expect(addItems(db, id, [{ measureId: m[0]! }, { measureId: m[1]! }, { measureId: m[1]! }, { goalId: goalIds[0]! }, { goalId: goalIds[1]! }])).toBe(2)
    expect(agenda(id)).toEqual([
      ...before,
      expect.objectContaining({ position: 3, measureId: m[1] }),
      expect.objectContaining({ position: 4, goalId: goalIds[1] }),
    ])
  })

  it('an unknown measure refuses the whole request: the known picks are not added either', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }])
    expectRefused(() => addItems(db, id, [{ measureId: m[1]! }, { measureId: 99_999 }, { goalId: goalIds[0]! }]), /Die Maßnahme 99999 gibt es nicht/, 'items')
    expect(agenda(id).map((i) => i.measureId)).toEqual([m[0]])
  })

  it('an unknown goal refuses the whole request', () => {
    const id = plan()
    expectRefused(() => addItems(db, id, [{ measureId: m[1]! }, { goalId: 99_999 }]), /Das Ziel 99999 gibt es nicht/, 'items')
    expect(agenda(id)).toEqual([])
  })

  it('a measure or goal of another concept is refused like an unknown one', () => {
    const concept = db.insert(concepts).values({ title: 'Anderes Konzept', period: '2030', region: 'Anderswo' }).returning({ id: concepts.id }).get().id
    const field = db.insert(fields).values({ conceptId: concept, number: 1, title: 'Feld' }).returning({ id: fields.id }).get().id
    const challenge = db.insert(challenges).values({ fieldId: field, position: 1, title: 'Herausforderung' }).returning({ id: challenges.id }).get().id
    const goal = db.insert(goals).values({ conceptId: concept, challengeId: challenge, number: 1, description: 'Fremdes Ziel' }).returning({ id: goals.id }).get().id
    const measure = db.insert(measures).values({ goalId: goal, position: 1, title: 'Fremde Maßnahme' }).returning({ id: measures.id }).get().id
    const id = plan()
    expectRefused(() => addItems(db, id, [{ measureId: m[0]! }, { measureId: measure }]), new RegExp(`Die Maßnahme ${measure} gibt es nicht`), 'items')
    expectRefused(() => addItems(db, id, [{ goalId: goal }]), new RegExp(`Das Ziel ${goal} gibt es nicht`), 'items')
    expect(agenda(id)).toEqual([])
  })

  it('an empty pick list is refused in German', () => {
    const id = plan()
    expectRefused(() => addItems(db, id, []), /Bitte mindestens eine Maßnahme oder ein Ziel auswählen/, 'items')
  })

  it('the agenda of an ended meeting does not change', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }])
    startMeeting(db, id)
    closeMeeting(db, id)
    expectRefused(() => addItems(db, id, [{ measureId: m[1]! }]), /ist beendet; ihr Protokoll bleibt, wie es ist/)
  })
})

describe('removeItem and moveItem', () => {
  let id: number
  let items: number[]
  beforeEach(() => {
    id = plan()
    addItems(db, id, [{ measureId: m[0]! }, { measureId: m[1]! }, { measureId: m[2]! }])
    items = agenda(id).map((i) => i.id)
  })

  it('removes an item; the others keep their order', () => {
    removeItem(db, id, items[1]!)
    expect(agenda(id).map((i) => i.id)).toEqual([items[0], items[2]])
  })

  it('an agreed item stays on the agenda', () => {
    db.update(meetingItems).set({ state: 'agreed' }).where(eq(meetingItems.id, items[0]!)).run()
    expectRefused(() => removeItem(db, id, items[0]!), /Ein abgestimmter Punkt bleibt auf der Tagesordnung/)
  })

  it('an item of another meeting is neither removed nor moved', () => {
    const other = plan('Jour fixe Dezember')
    expectRefused(() => removeItem(db, other, items[0]!), /Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht/)
    expectRefused(() => moveItem(db, other, items[0]!, 'down'), /Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht/)
  })

  it('moves an item up and down by swapping with its neighbour', () => {
    moveItem(db, id, items[2]!, 'up')
    expect(agenda(id).map((i) => i.id)).toEqual([items[0], items[2], items[1]])
    moveItem(db, id, items[0]!, 'down')
    expect(agenda(id).map((i) => i.id)).toEqual([items[2], items[0], items[1]])
    expect(agenda(id).map((i) => i.position)).toEqual([1, 2, 3])
  })

  it('the first item up and the last item down change nothing', () => {
    const before = snapshot()
    moveItem(db, id, items[0]!, 'up')
    moveItem(db, id, items[2]!, 'down')
    expect(snapshot()).toEqual(before)
  })

  it('nothing moves or goes once the round is closed', () => {
    closeRound(db, openId)
    expectRefused(() => removeItem(db, id, items[0]!), /ist nicht offen: An ihren Sitzungen ändert sich nichts mehr/)
    expectRefused(() => moveItem(db, id, items[0]!, 'down'), /ist nicht offen/)
  })
})

describe('setAttendance', () => {
  let id: number
  let anna: number
  let ben: number
  beforeEach(() => {
    id = plan()
    anna = addUser('anna@test.zielwerk', 'Anna Arendt')
    ben = addUser('ben@test.zielwerk', 'Ben Bauer')
  })

  const attendance = () =>
    db
      .select({ userId: meetingAttendance.userId, name: meetingAttendance.name, organisation: meetingAttendance.organisation })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, id))
      .orderBy(asc(meetingAttendance.name))
      .all()

  it('records accounts under their names and guests trimmed, and replaces the previous list', () => {
    setAttendance(db, id, [anna, ben, anna], [{ name: ' Cem Cakir ', organisation: ' Integrationsrat ' }])
    expect(attendance()).toEqual([
      { userId: anna, name: 'Anna Arendt', organisation: '' },
      { userId: ben, name: 'Ben Bauer', organisation: '' },
      { userId: null, name: 'Cem Cakir', organisation: 'Integrationsrat' },
    ])
    setAttendance(db, id, [ben], [])
    expect(attendance()).toEqual([{ userId: ben, name: 'Ben Bauer', organisation: '' }])
  })

  it('an account that does not exist refuses the whole list; the previous one stays', () => {
    setAttendance(db, id, [anna], [])
    expectRefused(() => setAttendance(db, id, [ben, 99_999], [{ name: 'Gast', organisation: '' }]), /ein Konto, das es nicht \(mehr\) gibt/, 'attendance')
    expect(attendance()).toEqual([{ userId: anna, name: 'Anna Arendt', organisation: '' }])
  })

  it('a deactivated account is refused', () => {
    const gone = addUser('weg@test.zielwerk', 'Ausgeschieden', false)
    setAttendance(db, id, [anna], [])
    expectRefused(() => setAttendance(db, id, [ben, gone], []), /ein Konto, das es nicht \(mehr\) gibt/, 'attendance')
    expect(attendance()).toEqual([{ userId: anna, name: 'Anna Arendt', organisation: '' }])
  })
})

describe('starting and closing', () => {
  it('a meeting with an empty agenda does not start', () => {
    const id = plan()
    expectRefused(() => startMeeting(db, id, OPENED + 1000), /Die Tagesordnung ist leer: Bitte zuerst Maßnahmen oder Ziele aufnehmen/)
    expect(meetingOf(id)).toEqual({ state: 'planned', startedAt: null, endedAt: null })
  })

  it('starts once: a second start is refused and keeps the first start time', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }])
    expect(startMeeting(db, id, OPENED + 1000)).toMatchObject({ state: 'running', startedAt: OPENED + 1000 })
    expect(meetingOf(id)).toEqual({ state: 'running', startedAt: OPENED + 1000, endedAt: null })
    expectRefused(() => startMeeting(db, id, OPENED + 2000), /Die Sitzung „Jour fixe November“ läuft schon/)
  })

  it('a planned meeting cannot be closed', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }])
    expectRefused(() => closeMeeting(db, id, OPENED + 1000), /hat noch nicht begonnen/)
    expect(meetingOf(id).state).toBe('planned')
  })

  it('closes a running meeting once: a second close is refused ("schon beendet") and keeps the end time', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }])
    startMeeting(db, id, OPENED + 1000)
    closeMeeting(db, id, OPENED + 5000)
    expect(meetingOf(id)).toEqual({ state: 'closed', startedAt: OPENED + 1000, endedAt: OPENED + 5000 })
    expectRefused(() => closeMeeting(db, id, OPENED + 9000), /Die Sitzung „Jour fixe November“ ist schon beendet/)
    expectRefused(() => startMeeting(db, id, OPENED + 9000), /ist beendet/)
  })

  it('closing the round ends its meetings: a running one with an end time, a planned one without', () => {
    const running = plan('Läuft')
    addItems(db, running, [{ measureId: m[0]! }])
    startMeeting(db, running, OPENED + 1000)
    const planned = plan('Geplant')
    const done = plan('Vorbei')
    addItems(db, done, [{ measureId: m[1]! }])
    startMeeting(db, done, OPENED + 100)
    closeMeeting(db, done, OPENED + 200)

    closeRound(db, openId, OPENED + 50_000)

    expect(meetingOf(running)).toEqual({ state: 'closed', startedAt: OPENED + 1000, endedAt: OPENED + 50_000 })
    expect(meetingOf(planned)).toEqual({ state: 'closed', startedAt: null, endedAt: null })
    expect(meetingOf(done)).toEqual({ state: 'closed', startedAt: OPENED + 100, endedAt: OPENED + 200 })
    expectRefused(() => plan('Nachzügler'), /nur in einer offenen Berichtsrunde/, 'roundId')
  })
})

describe('the outcome an ended meeting keeps', () => {
  const agree = (measureId: number, attainment: 'high' | 'low', meetingId: number) =>
    db
      .update(measureStatus)
      .set({ agreedAttainment: attainment, agreedMandatory: true, agreedRoutine: false, agreedContinue: false, agreedResponsibilityQuestionable: false, agreedChangedConditions: false, agreedInMeeting: meetingId, agreedBy: coordinatorId })
      .where(and(eq(measureStatus.roundId, openId), eq(measureStatus.measureId, measureId)))
      .run()
  const outcomeOf = (meetingId: number) => meetingDetail(db, meetingId).items.map(({ agreed, agreedHere, agreedByName }) => ({ agreed, agreedHere, agreedByName }))

  it('the minutes of an ended meeting do not change when a later meeting agrees the measure again', () => {
    const first = plan('Erste')
    addItems(db, first, [{ measureId: m[0]! }])
    startMeeting(db, first)
    agree(m[0]!, 'high', first)
    closeMeeting(db, first)
    const second = plan('Zweite')
    addItems(db, second, [{ measureId: m[0]! }])
    startMeeting(db, second)
    agree(m[0]!, 'low', second)

    expect(outcomeOf(first)).toEqual([{ agreed: 'high', agreedHere: true, agreedByName: 'Koordination' }])
    // The running meeting shows the live state.
    expect(outcomeOf(second)).toEqual([{ agreed: 'low', agreedHere: true, agreedByName: 'Koordination' }])
  })

  it('closing the round keeps the outcome of its running meetings too', () => {
    const id = plan()
    addItems(db, id, [{ measureId: m[1]! }])
    startMeeting(db, id)
    agree(m[1]!, 'low', id)
    closeRound(db, openId)
    db.update(measureStatus).set({ agreedAttainment: 'high' }).where(and(eq(measureStatus.roundId, openId), eq(measureStatus.measureId, m[1]!))).run()
    expect(outcomeOf(id)).toEqual([{ agreed: 'low', agreedHere: true, agreedByName: 'Koordination' }])
  })
})

describe('agendaProposals', () => {
  type Status = Partial<typeof measureStatus.$inferInsert>
  const NO_FLAGS = { mandatory: false, routine: false, continue: false, responsibilityQuestionable: false, changedConditions: false }

  /** Sets a measure's status in a round; unset flags are false (proposal) and not agreed (agreed). */
  function status(roundId: number, measureId: number, values: Status) {
    db.update(measureStatus)
      .set({
        proposalMandatory: false,
        proposalRoutine: false,
        proposalContinue: false,
        proposalResponsibilityQuestionable: false,
        proposalChangedConditions: false,
        ...values,
      })
      .where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId)))
      .run()
  }
  const agreedFlags = (flags = NO_FLAGS) => ({
    agreedMandatory: flags.mandatory,
    agreedRoutine: flags.routine,
    agreedContinue: flags.continue,
    agreedResponsibilityQuestionable: flags.responsibilityQuestionable,
    agreedChangedConditions: flags.changedConditions,
  })
  const reasonsOf = (meetingId: number, today = '2026-11-20') => new Map(agendaProposals(db, meetingId, today).map((p) => [p.measureId, p.reasons]))

  it('a measure changed since the last meeting ended is proposed; one changed before is not', () => {
    const last = plan('Oktober')
    addItems(db, last, [{ measureId: m[0]! }])
    startMeeting(db, last, OPENED + 1000)
    closeMeeting(db, last, OPENED + 2000)
    status(openId, m[1]!, { updatedAt: OPENED + 1500 })
    status(openId, m[2]!, { updatedAt: OPENED + 2500 })
    const next = plan('November')
    expect(reasonsOf(next)).toEqual(new Map([[m[2]!, ['changed']]]))
  })

  it('without an earlier meeting, "changed" counts from the opening of the round', () => {
    status(openId, m[1]!, { updatedAt: OPENED - 1 })
    status(openId, m[2]!, { updatedAt: OPENED + 1 })
    const next = plan()
    const proposals = agendaProposals(db, next, '2026-11-20')
    expect(proposals).toHaveLength(1)
    expect(proposals[0]).toMatchObject({ measureId: m[2], reasons: ['changed'], proposal: null, agreed: null })
    expect(proposals[0]!.title.length).toBeGreaterThan(0)
    expect(proposals[0]!.goalNumber).toBeGreaterThan(0)
  })

  it('a proposal that differs from this round’s agreed rating, in attainment or a mark, is proposed; an equal one is not', () => {
    status(openId, m[0]!, { proposalAttainment: 'high', agreedAttainment: 'medium', ...agreedFlags() })
    status(openId, m[1]!, { proposalAttainment: 'medium', proposalContinue: true, agreedAttainment: 'medium', ...agreedFlags() })
    status(openId, m[2]!, { proposalAttainment: 'medium', proposalRoutine: true, agreedAttainment: 'medium', ...agreedFlags({ ...NO_FLAGS, routine: true }) })
    const reasons = reasonsOf(plan())
    expect(reasons.get(m[0]!)).toEqual(['differs'])
    expect(reasons.get(m[1]!)).toEqual(['differs'])
    expect(reasons.has(m[2]!)).toBe(false)
  })

  it('without an agreement in this round, the newest closed round’s agreed rating is compared; "not agreed yet" is given too', () => {
    // A closed round newer than the historical one (which agreed marks but no attainment).
    const newer = db
      .insert(rounds)
      .values({ conceptId: db.select({ id: concepts.id }).from(concepts).get()!.id, name: 'Sachstand 2025', period: '2025', state: 'closed', openedAt: Date.UTC(2025, 0, 1), closedAt: Date.UTC(2025, 11, 31) })
      .returning({ id: rounds.id })
      .get().id
    for (const measureId of [m[0]!, m[1]!]) {
      db.insert(measureStatus).values({ roundId: newer, measureId, proposalAttainment: 'high', agreedAttainment: 'high', ...agreedFlags() }).run()
    }
    status(historicalId, m[2]!, { agreedAttainment: 'low', ...agreedFlags() })
    status(openId, m[0]!, { proposalAttainment: 'high' }) // as agreed in 2025 (the historical round had no attainment)
    status(openId, m[1]!, { proposalAttainment: 'low' }) // 2025 agreed high
    status(openId, m[2]!, { proposalAttainment: 'low', proposalMandatory: true }) // historical: low, not mandatory
    status(openId, m[3]!, { proposalAttainment: 'low' })
    const reasons = reasonsOf(plan())
    expect(reasons.get(m[0]!)).toEqual(['notAgreed'])
    expect(reasons.get(m[1]!)).toEqual(['differs', 'notAgreed'])
    expect(reasons.get(m[2]!)).toEqual(['differs', 'notAgreed'])
    // m[3]: the historical round agreed no attainment for it, so "low" differs from that.
    expect(reasons.get(m[3]!)).toEqual(['differs', 'notAgreed'])
  })

  it('a measure without proposal and without reason is not proposed', () => {
    status(openId, m[0]!, { proposalAttainment: 'high' })
    const reasons = reasonsOf(plan())
    expect([...reasons.keys()]).toEqual([m[0]])
    expect(reasons.has(m[4]!)).toBe(false)
  })

  it('after the due date, a measure the unit has not updated is overdue; an updated one is not', () => {
    db.update(rounds).set({ dueDate: '2026-03-31' }).where(eq(rounds.id, openId)).run()
    status(openId, m[0]!, { updatedAt: OPENED - 10 }) // updated (before the round opened, so not "changed")
    const id = plan()
    const after = reasonsOf(id, '2026-04-01')
    expect(after.get(m[1]!)).toEqual(['overdue'])
    expect(after.has(m[0]!)).toBe(false)
    // Every measure but the updated one is overdue.
    expect(after.size).toBe(db.select({ id: measures.id }).from(measures).all().length - 1)
    // On the due date itself nothing is overdue yet.
    expect(reasonsOf(id, '2026-03-31').size).toBe(0)
  })

  it('measures already on the agenda are left out', () => {
    status(openId, m[0]!, { proposalAttainment: 'high' })
    status(openId, m[1]!, { proposalAttainment: 'low' })
    const id = plan()
    addItems(db, id, [{ measureId: m[0]! }])
    const reasons = reasonsOf(id)
    expect(reasons.has(m[0]!)).toBe(false)
    expect(reasons.get(m[1]!)).toEqual(['differs', 'notAgreed'])
  })
})
