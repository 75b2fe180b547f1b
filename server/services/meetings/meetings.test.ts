import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { measureStatus, meetings } from '../../../db/schema'
import { tFor } from '../../../app/shared/i18n/resources'
import { addItems } from './agenda'
import { meetingDetail } from './detail'
import { closeMeeting, createMeeting, startMeeting } from './meetings'
import { closeRound, createRound } from '../rounds/rounds'
import { coordinatorId, db, expectRefused, historicalId, m, meetingOf, OPENED, openId, plan, snapshot, useMeetingDatabase } from './test-fixture'

useMeetingDatabase()

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

describe('refusals in the reader\u2019s language', () => {
  it('name a message key with their values: German as the message, any language through the key', () => {
    const error = expectRefused(() => plan('Rückblick', historicalId), /Sitzungen gibt es nur in einer offenen Berichtsrunde/, 'roundId')
    expect(error.key).toBe('meetings:refusal.createRoundNotOpen')
    expect(error.text(tFor('en'))).toMatch(/^Meetings can only be held in an open reporting round; \u201cEvaluation 2018\u20132022.*\u201d is not open\.$/)
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
