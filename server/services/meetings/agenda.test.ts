import { and, eq } from 'drizzle-orm'
import { describe, expect, it, beforeEach } from 'vitest'
import { challenges, concepts, fields, goals, meetingItems, measureStatus, measures, rounds } from '../../../db/schema'
import { addItems, agendaOptions, agendaProposals, moveItem, removeItem } from './agenda'
import { closeMeeting, startMeeting } from './meetings'
import { closeRound } from '../rounds/rounds'
import { agenda, db, expectRefused, goalIds, historicalId, m, OPENED, openId, plan, snapshot, useMeetingDatabase } from './test-fixture'

useMeetingDatabase()

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

describe('agendaOptions', () => {
  it('lists every goal with its measures in catalogue order, for picking by hand', () => {
    const options = agendaOptions(db)
    expect(options).toHaveLength(89)
    expect(options.map((g) => g.goalNumber)).toEqual(options.map((g) => g.goalNumber).sort((a, b) => a - b))
    expect(options.reduce((n, g) => n + g.measures.length, 0)).toBe(db.select({ id: measures.id }).from(measures).all().length)
  })
})
