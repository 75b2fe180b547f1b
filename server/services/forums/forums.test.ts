import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../db/client'
import { forumFeedback, forumFeedbackChanges, forumParticipants, forumSessions, forumVotes, forums, goals, measures } from '../../../db/schema'
import { seedCatalogue } from '../../../db/seed/catalogue'
import { FORUM_SESSION_GRACE, validateForumSession } from '../../auth/forum-session'
import { formatCode, normaliseCode } from './codes'
import { cardsOf, feedbackOn, plenary, postCard, type CardInput } from './feedback'
import { hideCard, mergeCards, moveCard, rueckmeldung, setDisposition, unhideCard } from './moderation'
import { searchCatalogue, targetByNumber } from './targets'
import { closeForum, createForum, ensureSeats, ForumError, forumRow, openForum, seatsOf, tablesOf, updateForum, type ForumInput } from './forums'
import { listFormats } from './lists'
import { phasesOf, setPhaseState } from './phases'
import { addPhoto, reencodePhoto } from './files'
import { forgetParticipantDetails, forgetOldParticipantDetails, join, JoinError, sitAt, tableInPhase } from './join'
import { castVote, createPoll, pollResult, pollsOf, setPollState, VoteError, PollError } from './polls'
import { resultsCsv } from './exports'

let db: Db

const input = (over: Partial<ForumInput> = {}): ForumInput => ({
  title: 'Integrationskonferenz 2027',
  formatId: listFormats(db).find((f) => f.preset === 'conference')!.id,
  date: '2027-03-10',
  time: '09:30',
  place: 'Kreishaus',
  invitedBy: 'Landkreis Osnabrück',
  moderators: 'Moderation A',
  languages: ['ar'],
  interpreting: 'Arabisch',
  materialUrl: '/',
  roundId: null,
  codeMode: 'open',
  anyTable: false,
  targetGroupIds: [],
  ...over,
})

function running(over: Partial<ForumInput> = {}) {
  const forumId = createForum(db, input(over), null)
  openForum(db, forumId)
  const phases = phasesOf(db, forumId)
  setPhaseState(db, forumId, phases[0]!.id, 'open')
  return { forumId, phases, tables: tablesOf(db, forumId), code: forumRow(db, forumId).code }
}

const goal = (number: number) => db.select({ id: goals.id }).from(goals).where(eq(goals.number, number)).get()!.id

beforeEach(() => {
  db = openDatabase(':memory:')
  seedCatalogue(db)
})

describe('setting up a forum', () => {
  it('presets an Integrationskonferenz with the seed’s two phases and their categories, and a table of 8 per field', () => {
    const forumId = createForum(db, input(), null)
    const phases = phasesOf(db, forumId)
    expect(phases.map((p) => p.categories.map((c) => c.preset))).toEqual([
      ['praise', 'veto', 'need', 'idea'],
      ['networks', 'society', 'idea'],
    ])
    const tables = tablesOf(db, forumId)
    expect(tables).toHaveLength(9)
    expect(tables.every((t) => t.capacity === 8 && t.fieldId !== null)).toBe(true)
    expect(forumRow(db, forumId).languages).toEqual(['de', 'ar'])
  })

  it('presets the staff forum and the Dialogforen with their own categories', () => {
    const staff = createForum(db, input({ formatId: listFormats(db).find((f) => f.preset === 'staffForum')!.id }), null)
    expect(phasesOf(db, staff)[1]!.categories.map((c) => c.preset)).toEqual(['explicitPraise', 'changeNeeded', 'requiredForSuccess', 'idea'])
    const dialog = createForum(db, input({ formatId: listFormats(db).find((f) => f.preset === 'dialogForum')!.id }), null)
    expect(phasesOf(db, dialog).flatMap((p) => p.categories.map((c) => c.preset))).toEqual(['strength', 'weakness', 'challenge', 'idea', 'goalProposal', 'indicatorProposal', 'idea'])
  })

  it('gives a personal-code forum one code per seat, and refuses to change the code mode once somebody joined', () => {
    const forumId = createForum(db, input({ codeMode: 'personal' }), null)
    expect(seatsOf(db, forumId)).toHaveLength(72)
    const seat = seatsOf(db, forumId)[0]!
    join(db, { code: formatCode(seat.code!), name: '', organisation: '', language: 'de' })
    expect(() => updateForum(db, forumId, input({ codeMode: 'open' }))).toThrow(ForumError)
    ensureSeats(db, forumId)
    expect(seatsOf(db, forumId)).toHaveLength(72)
  })

  it('refuses an unknown format, round or target group and changes nothing', () => {
    expect(() => createForum(db, input({ formatId: 999 }), null)).toThrow(ForumError)
    expect(() => createForum(db, input({ roundId: 999 }), null)).toThrow(ForumError)
    expect(() => createForum(db, input({ targetGroupIds: [999] }), null)).toThrow(ForumError)
    expect(db.select().from(forums).all()).toHaveLength(0)
  })

  it('opens one phase at a time and closes phases and questions with the forum', () => {
    const { forumId, phases } = running()
    const poll = createPoll(db, forumId, { question: 'Wie zufrieden?', kind: 'scale', options: [] })
    setPollState(db, forumId, poll, 'open')
    setPhaseState(db, forumId, phases[1]!.id, 'open')
    expect(phasesOf(db, forumId).map((p) => p.state)).toEqual(['closed', 'open'])
    closeForum(db, forumId)
    expect(phasesOf(db, forumId).map((p) => p.state)).toEqual(['closed', 'closed'])
    expect(pollsOf(db, forumId)[0]!.state).toBe('closed')
    expect(() => setPhaseState(db, forumId, phases[0]!.id, 'open')).toThrow(ForumError)
  })
})

describe('joining by code', () => {
  it('joins with the open code however it is typed, and stores only what was given', () => {
    const { forumId, code } = running()
    const joined = join(db, { code: ` ${formatCode(code).toLowerCase()} `, name: ' Amal ', organisation: '', language: 'ar' })
    expect(joined.forumId).toBe(forumId)
    const row = db.select().from(forumParticipants).where(eq(forumParticipants.id, joined.participantId)).get()!
    expect(row).toMatchObject({ name: 'Amal', organisation: '', language: 'ar', seatCode: null })
    expect(validateForumSession(db, joined.token)?.actor).toEqual({ kind: 'forumSession', forumId, participantId: joined.participantId })
    expect(normaliseCode('abc-def')).toBe('ABCDEF')
  })

  it('answers an unknown, malformed or expired code alike, and a closed forum with its own message', () => {
    const { forumId, code } = running()
    for (const bad of ['ZZZZZZ', 'abc', '!!!!!!!', '']) {
      expect(() => join(db, { code: bad, name: '', organisation: '', language: 'de' })).toThrowError(expect.objectContaining({ key: 'participant:join.unknownCode' }))
    }
    closeForum(db, forumId, Date.now())
    expect(() => join(db, { code, name: '', organisation: '', language: 'de' })).toThrowError(expect.objectContaining({ key: 'participant:join.closed' }))
    // A personal code of a forum long closed is unknown.
    const personal = createForum(db, input({ codeMode: 'personal' }), null)
    const seat = seatsOf(db, personal)[0]!.code!
    openForum(db, personal)
    closeForum(db, personal, Date.now() - FORUM_SESSION_GRACE - 1000)
    expect(() => join(db, { code: seat, name: '', organisation: '', language: 'de' })).toThrowError(expect.objectContaining({ key: 'participant:join.unknownCode' }))
    expect(() => join(db, { code: forumRow(db, personal).code, name: '', organisation: '', language: 'de' })).toThrow(JoinError)
  })

  it('ends sessions the grace after input closed', () => {
    const { forumId, code } = running()
    const joined = join(db, { code, name: '', organisation: '', language: 'de' })
    const closedAt = Date.now()
    closeForum(db, forumId, closedAt)
    expect(validateForumSession(db, joined.token, closedAt + FORUM_SESSION_GRACE - 1)).not.toBeNull()
    expect(validateForumSession(db, joined.token, closedAt + FORUM_SESSION_GRACE + 1)).toBeNull()
    expect(db.select().from(forumSessions).all()).toHaveLength(0)
  })

  it('seats a participant per phase, starting from the seat of a personal code', () => {
    const forumId = createForum(db, input({ codeMode: 'personal' }), null)
    const seat = seatsOf(db, forumId)[0]!
    const joined = join(db, { code: seat.code!, name: '', organisation: '', language: 'de' })
    const [p1, p2] = phasesOf(db, forumId)
    const participant = { id: joined.participantId, seatTableId: seat.tableId }
    expect(tableInPhase(db, participant, p1!.id)).toBe(seat.tableId)
    const other = tablesOf(db, forumId)[4]!.id
    sitAt(db, joined.participantId, p2!.id, other)
    expect(tableInPhase(db, participant, p2!.id)).toBe(other)
  })

  it('forgets names and organisations on request and after the retention period', () => {
    const { forumId, code } = running({ date: '2026-01-01' })
    join(db, { code, name: 'Amal', organisation: 'Verein', language: 'de' })
    expect(forgetOldParticipantDetails(db, '2026-03-01')).toBe(0)
    expect(forgetOldParticipantDetails(db, '2026-12-01')).toBe(1)
    join(db, { code, name: 'Bodo', organisation: '', language: 'de' })
    forgetParticipantDetails(db, forumId)
    expect(db.select({ name: forumParticipants.name }).from(forumParticipants).all().every((p) => p.name === '')).toBe(true)
  })
})

describe('cards', () => {
  function card(forumId: number, phaseId: number, tableId: number, categoryId: number, over: Partial<CardInput> = {}) {
    return postCard(db, { forumId, phaseId, tableId, categoryId, target: { target: 'goal', id: 12 }, text: 'Mehr Sprachkurse am Abend', language: 'de', source: 'participant', participantId: null, enteredBy: null, ...over })
  }

  it('resolves a card’s target with its goal, challenge and field, by reference and by number', () => {
    const { forumId, phases, tables } = running()
    const { id } = card(forumId, phases[0]!.id, tables[0]!.id, phases[0]!.categories[0]!.id, { target: targetByNumber(db, '12.1')! })
    const row = db.select().from(forumFeedback).where(eq(forumFeedback.id, id)).get()!
    const measure = db.select({ goalId: measures.goalId }).from(measures).where(eq(measures.id, row.measureId!)).get()!
    expect(row).toMatchObject({ target: 'measure', goalId: measure.goalId })
    expect(row.fieldId).not.toBeNull()
    expect(targetByNumber(db, '999')).toBeNull()
    expect(searchCatalogue(db, '12')[0]).toMatchObject({ ref: 'goal:12' })
  })

  it('refuses an empty or over-long text, a category of another phase, another forum’s table, an unknown target, and stores nothing', () => {
    const { forumId, phases, tables } = running()
    const other = running()
    const cat = phases[0]!.categories[0]!.id
    expect(() => card(forumId, phases[0]!.id, tables[0]!.id, cat, { text: '   ' })).toThrowError(expect.objectContaining({ key: 'participant:card.textMissing' }))
    expect(() => card(forumId, phases[0]!.id, tables[0]!.id, cat, { text: 'x'.repeat(501) })).toThrowError(expect.objectContaining({ key: 'participant:card.textTooLong' }))
    expect(() => card(forumId, phases[0]!.id, tables[0]!.id, phases[1]!.categories[0]!.id)).toThrowError(expect.objectContaining({ key: 'participant:card.unknownCategory' }))
    expect(() => card(forumId, phases[0]!.id, other.tables[0]!.id, cat)).toThrowError(expect.objectContaining({ key: 'participant:card.unknownTable' }))
    expect(() => card(forumId, phases[0]!.id, tables[0]!.id, cat, { target: { target: 'goal', id: 999 } })).toThrowError(expect.objectContaining({ key: 'participant:card.unknownTarget' }))
    expect(db.select().from(forumFeedback).all()).toHaveLength(0)
  })

  it('moves, merges, hides and unhides with an audit row each; hidden and merged cards leave the plenary', () => {
    const { forumId, phases, tables } = running()
    const [praise, veto] = phases[0]!.categories
    const a = card(forumId, phases[0]!.id, tables[0]!.id, praise!.id).id
    const b = card(forumId, phases[0]!.id, tables[1]!.id, praise!.id).id
    const c = card(forumId, phases[0]!.id, tables[1]!.id, praise!.id, { text: 'Beleidigung' }).id
    moveCard(db, forumId, a, { target: { target: 'goal', id: 13 }, categoryId: veto!.id }, null, 'gehört zu Ziel 13')
    expect(db.select().from(forumFeedback).where(eq(forumFeedback.id, a)).get()).toMatchObject({ goalId: goal(13), categoryId: veto!.id })
    mergeCards(db, forumId, a, [b], null)
    hideCard(db, forumId, c, 'beleidigend', null)
    expect(() => hideCard(db, forumId, c, 'nochmal', null)).toThrow(ForumError)
    expect(() => hideCard(db, forumId, a, '  ', null)).toThrowError(expect.objectContaining({ key: 'forums:error.hideReasonMissing' }))
    expect(plenary(db, forumId, phases[0]!.id).flatMap((g) => g.categories.flatMap((x) => x.cards.map((k) => k.id)))).toEqual([a])
    expect(db.select({ kind: forumFeedbackChanges.kind }).from(forumFeedbackChanges).all().map((r) => r.kind)).toEqual(['move', 'merge', 'hide'])
    unhideCard(db, forumId, c, null)
    expect(cardsOf(db, forumId, { visibleOnly: true }).map((k) => k.id).sort()).toEqual([a, c].sort())
    // Kept, with its reason, in the audit.
    expect(db.select().from(forumFeedbackChanges).where(eq(forumFeedbackChanges.kind, 'hide')).get()).toMatchObject({ reason: 'beleidigend' })
  })

  it('gives items their disposition one by one or in bulk, and the Rückmeldung and the goal page show them without names', () => {
    const { forumId, phases, tables } = running()
    const cat = phases[0]!.categories[0]!.id
    const a = card(forumId, phases[0]!.id, tables[0]!.id, cat).id
    const b = card(forumId, phases[0]!.id, tables[0]!.id, cat, { target: { target: 'concept' } }).id
    const hidden = card(forumId, phases[0]!.id, tables[0]!.id, cat).id
    hideCard(db, forumId, hidden, 'Spam', null)
    expect(setDisposition(db, forumId, [a, b], { disposition: 'adopted', reason: 'Im Entwurf 2 aufgenommen.', date: '2027-04-01' }, null)).toBe(2)
    expect(() => setDisposition(db, forumId, [hidden], { disposition: 'adopted', reason: '', date: '2027-04-01' }, null)).toThrow(ForumError)
    expect(() => setDisposition(db, forumId, [], { disposition: 'adopted', reason: '', date: '2027-04-01' }, null)).toThrow(ForumError)
    setDisposition(db, forumId, [b], { disposition: 'alreadyIncluded', reason: '', date: '2027-04-02' }, null)
    const groups = rueckmeldung(db, forumId)
    expect(groups[0]!.fieldNumber).toBeNull()
    expect(groups.flatMap((f) => f.goals.flatMap((g) => g.items.map((i) => [i.id, i.disposition])))).toEqual([
      [b, 'alreadyIncluded'],
      [a, 'adopted'],
    ])
    const onGoal = feedbackOn(db, { goalId: goal(12) })
    expect(onGoal).toMatchObject({ total: 1, counts: [{ preset: 'praise', count: 1 }] })
    expect(onGoal.items[0]).toMatchObject({ forumTitle: 'Integrationskonferenz 2027', tableNumber: tables[0]!.number })
    expect(Object.keys(onGoal.items[0]!)).not.toContain('participantId')
  })
})

describe('televoting', () => {
  it('counts one vote per participant, lets it change while open, refuses a closed question and bad answers', () => {
    const { forumId, code } = running()
    const poll = createPoll(db, forumId, { question: 'Welches Handlungsfeld zuerst?', kind: 'single', options: ['Sprache', 'Arbeit', 'Wohnen'] })
    const [sprache, arbeit] = pollsOf(db, forumId)[0]!.options
    const one = join(db, { code, name: '', organisation: '', language: 'de' }).participantId
    const two = join(db, { code, name: '', organisation: '', language: 'de' }).participantId
    expect(() => castVote(db, forumId, poll, one, [sprache!.id])).toThrowError(expect.objectContaining({ key: 'participant:vote.notOpen' }))
    setPollState(db, forumId, poll, 'open')
    castVote(db, forumId, poll, one, [sprache!.id])
    castVote(db, forumId, poll, one, [arbeit!.id])
    castVote(db, forumId, poll, two, [arbeit!.id])
    expect(db.select().from(forumVotes).all()).toHaveLength(2)
    expect(() => castVote(db, forumId, poll, two, [sprache!.id, arbeit!.id])).toThrow(VoteError)
    expect(() => castVote(db, forumId, poll, two, [999999])).toThrow(VoteError)
    expect(() => castVote(db, forumId, poll, two, [])).toThrow(VoteError)
    setPollState(db, forumId, poll, 'closed')
    expect(() => castVote(db, forumId, poll, two, [sprache!.id])).toThrowError(expect.objectContaining({ key: 'participant:vote.closed' }))
    const result = pollResult(db, forumId, poll)
    expect(result.voters).toBe(2)
    expect(result.options.map((o) => [o.label, o.count, o.percent])).toEqual([
      ['Sprache', 0, 0],
      ['Arbeit', 2, 100],
      ['Wohnen', 0, 0],
    ])
    // The database's unique index is the rule, whatever a caller does.
    expect(() => db.insert(forumVotes).values({ pollId: poll, participantId: one, updatedAt: 1 }).run()).toThrow(/UNIQUE/)
  })

  it('shares of several answers are of the voters; a scale has its mean; bad questions are refused', () => {
    const { forumId, code } = running()
    const multiple = createPoll(db, forumId, { question: 'Was fehlt?', kind: 'multiple', options: ['A', 'B'] })
    const scale = createPoll(db, forumId, { question: 'Wie gut?', kind: 'scale', options: ['ignored'] })
    setPollState(db, forumId, multiple, 'open')
    setPollState(db, forumId, scale, 'open')
    const polls = pollsOf(db, forumId)
    const p = join(db, { code, name: '', organisation: '', language: 'de' }).participantId
    const q = join(db, { code, name: '', organisation: '', language: 'de' }).participantId
    castVote(db, forumId, multiple, p, polls[0]!.options.map((o) => o.id))
    castVote(db, forumId, multiple, q, [polls[0]!.options[0]!.id])
    expect(pollResult(db, forumId, multiple).options.map((o) => o.percent)).toEqual([100, 50])
    expect(polls[1]!.options.map((o) => o.label)).toEqual(['1', '2', '3', '4', '5'])
    castVote(db, forumId, scale, p, [polls[1]!.options[3]!.id])
    castVote(db, forumId, scale, q, [polls[1]!.options[1]!.id])
    expect(pollResult(db, forumId, scale).mean).toBe(3)
    expect(() => createPoll(db, forumId, { question: '', kind: 'single', options: ['a', 'b'] })).toThrow(PollError)
    expect(() => createPoll(db, forumId, { question: 'x', kind: 'single', options: ['a'] })).toThrow(PollError)
    expect(() => createPoll(db, forumId, { question: 'x', kind: 'single', options: ['a', 'a'] })).toThrow(PollError)
    const csv = resultsCsv(
      { forum: 'Forum', date: 'Datum', codeMode: 'Teilnahme', question: 'Frage', kind: 'Art', state: 'Stand', voters: 'Abstimmende', answer: 'Antwort', count: 'Stimmen', percent: 'Anteil' },
      '=Forum',
      '2027-03-10',
      'offen',
      [pollResult(db, forumId, multiple)],
      () => 'mehrere',
      () => 'offen',
    )
    expect(csv.split('\r\n')[1]).toBe("'=Forum;2027-03-10;offen;Was fehlt?;mehrere;offen;2;A;2;100")
  })
})

describe('poster photos', () => {
  it('re-encodes a photo without its metadata (GPS), limits its size and refuses what is no JPEG or PNG', async () => {
    const { forumId } = running()
    const original = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Kamera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 16/1 0/1' } })
      .toBuffer()
    expect((await sharp(original).metadata()).exif).toBeDefined()
    const clean = await reencodePhoto(original)
    const meta = await sharp(clean.data).metadata()
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect([meta.width, meta.height]).toEqual([2400, 1600])
    expect(clean.data.includes(Buffer.from('Kamera'))).toBe(false)
    await expect(reencodePhoto(Buffer.from('GIF89a…'))).rejects.toMatchObject({ key: 'forums:file.photoType' })
    await expect(reencodePhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(100)]))).rejects.toMatchObject({ key: 'forums:file.photoBroken' })
    expect(await addPhoto(db, forumId, { fileName: 'Plakat Tisch 1.jpeg', bytes: original, tableId: null, phaseId: null }, null)).toBeGreaterThan(0)
  })
})
