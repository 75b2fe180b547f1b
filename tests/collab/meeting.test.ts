import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { itemNoteKey, itemStateKey } from '../../app/shared/live/layout'
import { meetingItems, meetings, measureStatus, rounds, statusChanges } from '../../db/schema'
import { CLOSE } from '../../app/shared/live/close-codes'
import { agreedDocumentName, meetingDocumentName } from '../../app/shared/live/names'
import { addItems, closeMeeting, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import {
  assign,
  createUserWithSession,
  firstMeasures,
  logRows,
  openClient,
  RawClient,
  startCollabServer,
  unitIds,
  updateFrom,
  waitFor,
  whenSaved,
  type Client,
  type TestServer,
} from './harness'

// Meeting mode over the WebSocket: the meeting's live document (moderator's item, item states, decision notes)
// is written only by who runs meetings, only while the meeting runs, only for the meeting's own items; the
// agreed rating may name only a running meeting of its round.

let server: TestServer
let editor: { id: number; token: string }
let coordinator: { id: number; token: string }
let measure: { id: number }
let running: number
let planned: number
let items: number[]
const clients: Client[] = []
const raws: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer()
  const [unitA] = unitIds(server.db) as [number]
  const measures = firstMeasures(server.db, 3)
  measure = measures[0]!
  for (const m of measures) assign(server.db, m.id, unitA)
  editor = await createUserWithSession(server.db, 'editor', unitA)
  coordinator = await createUserWithSession(server.db, 'coordinator')
  const meeting = (title: string) => createMeeting(server.db, { roundId: server.openRoundId, title, date: '2026-11-23', time: null, location: '' }, coordinator.id)
  running = meeting('Jour fixe 1')
  addItems(server.db, running, measures.map((m) => ({ measureId: m.id })))
  startMeeting(server.db, running)
  items = server.db.select({ id: meetingItems.id }).from(meetingItems).where(eq(meetingItems.meetingId, running)).all().map((r) => r.id)
  planned = meeting('Jour fixe 2')
  addItems(server.db, planned, [{ measureId: measure.id }])
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const r of raws) r.close()
  await server.close()
})

function client(name: string, token: string) {
  const c = openClient(server.url, name, token)
  clients.push(c)
  return c
}

async function raw() {
  const r = await RawClient.connect(server.url)
  raws.push(r)
  return r
}

const item = (id: number) => server.db.select().from(meetingItems).where(eq(meetingItems.id, id)).get()!

describe('the meeting document', () => {
  test('the coordinator steps, sets states and notes; followers see it, and states and notes land in meeting_items', async () => {
    const name = meetingDocumentName(server.openRoundId, running)
    const moderator = client(name, coordinator.token)
    const follower = client(name, editor.token)
    await whenSaved(moderator)
    await whenSaved(follower)
    moderator.doc.transact(() => {
      const map = moderator.doc.getMap('meeting')
      map.set('current', items[1]!)
      map.set(itemStateKey(items[1]!), 'discussed')
      map.set(itemNoteKey(items[1]!), 'Vorschlag übernommen; Bericht folgt.')
    })
    await whenSaved(moderator)
    await waitFor(() => follower.doc.getMap('meeting').get('current') === items[1], 'Folgende sehen den Punkt')
    expect(item(items[1]!)).toMatchObject({ state: 'discussed', decisionNote: 'Vorschlag übernommen; Bericht folgt.', updatedBy: coordinator.id })
    expect(item(items[0]!).state).toBe('open')
  })

  test('a meeting document nobody has written yet starts from the states and notes in meeting_items', async () => {
    const fresh = createMeeting(server.db, { roundId: server.openRoundId, title: 'Jour fixe 3', date: '2026-11-30', time: null, location: '' }, coordinator.id)
    addItems(server.db, fresh, [{ measureId: measure.id }])
    startMeeting(server.db, fresh)
    const item = server.db.select({ id: meetingItems.id }).from(meetingItems).where(eq(meetingItems.meetingId, fresh)).get()!.id
    server.db.update(meetingItems).set({ state: 'deferred', decisionNote: 'Nächste Sitzung' }).where(eq(meetingItems.id, item)).run()
    const c = client(meetingDocumentName(server.openRoundId, fresh), editor.token)
    await whenSaved(c)
    expect(c.doc.getMap('meeting').get(itemStateKey(item))).toBe('deferred')
    expect(c.doc.getMap('meeting').get(itemNoteKey(item))).toBe('Nächste Sitzung')
  })

  test('a unit editor only reads the meeting document: his update is not applied', async () => {
    const name = meetingDocumentName(server.openRoundId, running)
    const r = await raw()
    expect(await r.open(name, editor.token)).toEqual({ type: 'authenticated', scope: 'readonly' })
    const before = logRows(server.db, name).length
    r.syncStep1(name)
    r.update(name, updateFrom(null, (doc) => doc.getMap('meeting').set(itemStateKey(items[0]!), 'agreed')))
    await waitFor(() => r.messages.some((m) => m.type === 'syncStatus'), 'Antwort auf das Update')
    expect(r.messages.find((m) => m.type === 'syncStatus')).toEqual({ type: 'syncStatus', applied: false })
    expect(logRows(server.db, name)).toHaveLength(before)
    expect(item(items[0]!).state).toBe('open')
  })

  test('a meeting that has not started is read-only even for the coordinator', async () => {
    const r = await raw()
    expect(await r.open(meetingDocumentName(server.openRoundId, planned), coordinator.token)).toMatchObject({ scope: 'readonly' })
  })

  test('a meeting document under the wrong round, or of a meeting that does not exist, is refused', async () => {
    const r = await raw()
    expect(await r.open(meetingDocumentName(server.closedRoundId, running), coordinator.token)).toMatchObject({ type: 'denied' })
    expect(await r.open(meetingDocumentName(server.openRoundId, 99999), coordinator.token)).toMatchObject({ type: 'denied' })
  })

  for (const [label, change] of [
    ['an item of another meeting', (doc: Y.Doc) => doc.getMap('meeting').set(itemStateKey(99999), 'agreed')],
    ['an unknown state', (doc: Y.Doc) => doc.getMap('meeting').set(itemStateKey(items[0]!), 'beschlossen')],
    ['a note that is not text', (doc: Y.Doc) => doc.getMap('meeting').set(itemNoteKey(items[0]!), 42)],
    ['an overlong note', (doc: Y.Doc) => doc.getMap('meeting').set(itemNoteKey(items[0]!), 'x'.repeat(4001))],
    ['a current item that is not on the agenda', (doc: Y.Doc) => doc.getMap('meeting').set('current', 99999)],
    ['a stranger key', (doc: Y.Doc) => doc.getMap('meeting').set('moderator', 'ich')],
  ] as const) {
    test(`admission rejects ${label} (4422) and nothing changes`, async () => {
      const name = meetingDocumentName(server.openRoundId, running)
      const c = client(name, coordinator.token)
      await whenSaved(c)
      const before = logRows(server.db, name).length
      const states = server.db.select({ state: meetingItems.state, note: meetingItems.decisionNote }).from(meetingItems).all()
      change(c.doc)
      await waitFor(() => c.closes.some((close) => close.code === CLOSE.rejected.code), 'Ablehnung 4422')
      expect(logRows(server.db, name)).toHaveLength(before)
      expect(server.db.select({ state: meetingItems.state, note: meetingItems.decisionNote }).from(meetingItems).all()).toEqual(states)
      c.destroy()
    })
  }
})

describe('agreeing names a running meeting of the round', () => {
  test('an agreed rating in the running meeting is projected with who agreed and in which meeting; the audit says so', async () => {
    const c = client(agreedDocumentName(server.openRoundId, measure.id), coordinator.token)
    await whenSaved(c)
    c.doc.transact(() => {
      const map = c.doc.getMap('agreed')
      map.set('attainment', 'medium')
      for (const flag of ['mandatory', 'routine', 'continue', 'responsibilityQuestionable', 'changedConditions']) map.set(flag, flag === 'routine')
      map.set('meetingId', running)
    })
    await whenSaved(c)
    const row = server.db
      .select()
      .from(measureStatus)
      .where(and(eq(measureStatus.roundId, server.openRoundId), eq(measureStatus.measureId, measure.id)))
      .get()!
    expect(row).toMatchObject({ agreedAttainment: 'medium', agreedRoutine: true, agreedMandatory: false, agreedBy: coordinator.id, agreedInMeeting: running })
    const audit = server.db
      .select()
      .from(statusChanges)
      .where(and(eq(statusChanges.measureId, measure.id), eq(statusChanges.kind, 'agreed'), eq(statusChanges.field, 'attainment')))
      .all()
    expect(audit.at(-1)).toMatchObject({ newValue: 'medium', userId: coordinator.id, meetingId: running })
  })

  test('naming a meeting that is not running, or does not exist, is rejected and changes nothing', async () => {
    for (const [meetingId, code] of [
      [planned, CLOSE.meetingNotRunning.code],
      [99999, CLOSE.rejected.code],
    ] as const) {
      const name = agreedDocumentName(server.openRoundId, measure.id)
      const c = client(name, coordinator.token)
      await whenSaved(c)
      const before = logRows(server.db, name).length
      c.doc.transact(() => {
        c.doc.getMap('agreed').set('attainment', 'low')
        c.doc.getMap('agreed').set('meetingId', meetingId)
      })
      await waitFor(() => c.closes.some((close) => close.code === code), `Ablehnung ${code}`)
      expect(logRows(server.db, name)).toHaveLength(before)
      c.destroy()
    }
  })

  test('a server-side edit (the HTTP path) is projected and attributed like a browser edit', async () => {
    await server.collab.edit(meetingDocumentName(server.openRoundId, running), coordinator.id, (doc) => {
      doc.getMap('meeting').set(itemStateKey(items[2]!), 'deferred')
    })
    expect(item(items[2]!)).toMatchObject({ state: 'deferred', updatedBy: coordinator.id })
  })

  test('once the meeting has ended, its document takes no more writes (4424)', async () => {
    const name = meetingDocumentName(server.openRoundId, running)
    const c = client(name, coordinator.token)
    await whenSaved(c)
    closeMeeting(server.db, running)
    const before = logRows(server.db, name).length
    c.doc.getMap('meeting').set(itemStateKey(items[0]!), 'agreed')
    await waitFor(() => c.closes.some((close) => close.code === CLOSE.meetingNotRunning.code), 'Ablehnung 4424')
    expect(logRows(server.db, name)).toHaveLength(before)
    expect(item(items[0]!).state).toBe('open')
    expect(server.db.select({ state: meetings.state }).from(meetings).where(eq(meetings.id, running)).get()!.state).toBe('closed')
    expect(server.db.select({ state: rounds.state }).from(rounds).where(eq(rounds.id, server.openRoundId)).get()!.state).toBe('open')
  })
})
