import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { goalStatus, goals, measureStatus, meetings, statusChanges } from '../../db/schema'
import type { StatusChange } from '../../server/collab'
import { AUDIT_COALESCE_MS } from '../../server/collab/extensions/projection'
import { NARRATIVE_DELAY_MS } from '../../server/collab/extensions/projection-narratives'
import { agreedDocumentName, goalDocumentName, measureDocumentName } from '../../app/shared/live/names'
import {
  assign,
  createUserWithSession,
  firstMeasures,
  openClient,
  startCollabServer,
  unitIds,
  waitFor,
  whenSaved,
  type Client,
  type TestServer,
} from './harness'

let server: TestServer
let editor: { id: number; token: string }
let otherEditor: { id: number; token: string }
let coordinator: { id: number; token: string }
let measure: { id: number; goalNumber: number }
const events: StatusChange[] = []
const clients: Client[] = []

beforeAll(async () => {
  server = await startCollabServer({ onStatusChange: (change) => events.push(change) })
  const [unit] = unitIds(server.db)
  measure = firstMeasures(server.db, 1)[0]!
  assign(server.db, measure.id, unit!)
  editor = await createUserWithSession(server.db, 'editor', unit!)
  otherEditor = await createUserWithSession(server.db, 'editor', unit!)
  coordinator = await createUserWithSession(server.db, 'coordinator')
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

function client(name: string, token: string) {
  const c = openClient(server.url, name, token)
  clients.push(c)
  return c
}

const status = () =>
  server.db
    .select()
    .from(measureStatus)
    .where(and(eq(measureStatus.roundId, server.openRoundId), eq(measureStatus.measureId, measure.id)))
    .get()!

const changes = () =>
  server.db
    .select()
    .from(statusChanges)
    .where(and(eq(statusChanges.roundId, server.openRoundId), eq(statusChanges.measureId, measure.id)))
    .orderBy(asc(statusChanges.id))
    .all()

describe('projection into the relational tables', () => {
  test('a rating change appears in measure_status and in the audit trail with the user who made it', async () => {
    const before = status()
    const a = client(measureDocumentName(server.openRoundId, measure.id), editor.token)
    const b = client(measureDocumentName(server.openRoundId, measure.id), otherEditor.token)
    await whenSaved(a)
    await whenSaved(b)
    a.doc.getMap('status').set('attainment', 'high')
    await whenSaved(a)
    b.doc.getMap('status').set('continue', !before.proposalContinue)
    await whenSaved(b)
    const after = status()
    expect(after.proposalAttainment).toBe('high')
    expect(after.proposalContinue).toBe(!before.proposalContinue)
    expect(after.updatedBy).toBe(otherEditor.id)
    expect(changes().map(({ kind, field, oldValue, newValue, userId }) => ({ kind, field, oldValue, newValue, userId }))).toEqual([
      { kind: 'proposal', field: 'attainment', oldValue: before.proposalAttainment, newValue: 'high', userId: editor.id },
      { kind: 'proposal', field: 'continue', oldValue: String(before.proposalContinue), newValue: String(!before.proposalContinue), userId: otherEditor.id },
    ])
    expect(events.at(-1)).toMatchObject({ roundId: server.openRoundId, measureId: measure.id, proposal: 'high' })
  })

  test('typing in the narrative stores JSON and plain text, and writes no audit row', async () => {
    const auditBefore = changes().length
    const a = client(measureDocumentName(server.openRoundId, measure.id), editor.token)
    await whenSaved(a)
    a.doc.transact(() => {
      const p = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      text.insert(0, 'Kurse laufen, ')
      text.insert(14, 'siehe Bericht', { link: { href: 'https://example.org/bericht' } })
      p.insert(0, [text])
      const list = new Y.XmlElement('bulletList')
      const item = new Y.XmlElement('listItem')
      const ip = new Y.XmlElement('paragraph')
      ip.insert(0, [new Y.XmlText('zweiter Punkt')])
      item.insert(0, [ip])
      list.insert(0, [item])
      a.doc.getXmlFragment('narrative').insert(0, [p, list])
    })
    await whenSaved(a)
    // Nobody asks for it: the narrative follows within the projection's delay on its own.
    await waitFor(() => status().narrativeText !== '', 'Sachstand in measure_status', NARRATIVE_DELAY_MS * 10)
    const row = status()
    expect(row.narrativeText).toBe('Kurse laufen, siehe Bericht\nzweiter Punkt')
    const json = JSON.parse(row.narrativeJson!)
    expect(json.type).toBe('doc')
    expect(JSON.stringify(json)).toContain('https://example.org/bericht')
    expect(changes()).toHaveLength(auditBefore)
  })

  test('the agreed rating from its own document goes to the agreed columns with who agreed and in which meeting', async () => {
    const meetingId = server.db
      .insert(meetings)
      .values({ roundId: server.openRoundId, title: 'Jour fixe', date: '2026-11-20', state: 'running' })
      .returning({ id: meetings.id })
      .get().id
    const c = client(agreedDocumentName(server.openRoundId, measure.id), coordinator.token)
    await whenSaved(c)
    const before = Date.now()
    c.doc.transact(() => {
      const map = c.doc.getMap('agreed')
      map.set('attainment', 'low')
      map.set('mandatory', true)
      map.set('routine', false)
      map.set('meetingId', meetingId)
    })
    await whenSaved(c)
    const row = status()
    expect(row.agreedAttainment).toBe('low')
    expect(row.agreedMandatory).toBe(true)
    expect(row.agreedRoutine).toBe(false)
    expect(row.agreedContinue).toBeNull()
    expect(row.agreedBy).toBe(coordinator.id)
    expect(row.agreedInMeeting).toBe(meetingId)
    expect(row.agreedAt).toBeGreaterThanOrEqual(before)
    const agreedChanges = changes().filter((c) => c.kind === 'agreed')
    expect(agreedChanges.find((c) => c.field === 'attainment')).toMatchObject({ oldValue: null, newValue: 'low', userId: coordinator.id, meetingId })
    expect(agreedChanges.every((c) => c.userId === coordinator.id)).toBe(true)
    expect(events.at(-1)).toMatchObject({ measureId: measure.id, agreed: 'low', flags: { mandatory: true, routine: false } })
  })

  test('the goal’s narrative goes to goal_status', async () => {
    const c = client(goalDocumentName(server.openRoundId, measure.goalNumber), editor.token)
    await whenSaved(c)
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Ziel insgesamt auf gutem Weg')])
    c.doc.getXmlFragment('narrative').insert(0, [p])
    await whenSaved(c)
    // Asked for (as app.ts does before every HTTP request): written at once.
    server.collab.flush()
    const goalId = server.db.select({ id: goals.id }).from(goals).where(eq(goals.number, measure.goalNumber)).get()!.id
    const row = server.db
      .select()
      .from(goalStatus)
      .where(and(eq(goalStatus.roundId, server.openRoundId), eq(goalStatus.goalId, goalId)))
      .get()
    expect(row?.narrativeText).toBe('Ziel insgesamt auf gutem Weg')
    expect(row?.updatedBy).toBe(editor.id)
  })
})

describe('rating changes in quick succession are one audit entry', () => {
  let second: { id: number }
  const audit = () =>
    server.db
      .select({ field: statusChanges.field, oldValue: statusChanges.oldValue, newValue: statusChanges.newValue, userId: statusChanges.userId })
      .from(statusChanges)
      .where(and(eq(statusChanges.roundId, server.openRoundId), eq(statusChanges.measureId, second.id)))
      .orderBy(asc(statusChanges.id))
      .all()

  beforeAll(() => {
    second = firstMeasures(server.db, 2)[1]!
    assign(server.db, second.id, unitIds(server.db)[0]!)
  })

  test('arrow keys through the radio group (high, medium, low) leave one entry: first old value → last new value', async () => {
    const a = client(measureDocumentName(server.openRoundId, second.id), editor.token)
    await whenSaved(a)
    const map = a.doc.getMap('status')
    const start = (map.get('attainment') as string | null | undefined) ?? null
    for (const value of ['high', 'medium', 'low']) {
      map.set('attainment', value)
      await whenSaved(a)
    }
    expect(audit()).toEqual([{ field: 'attainment', oldValue: start, newValue: 'low', userId: editor.id }])
  })

  test('going back to the value before the series removes its entry; another user’s change starts a new one', async () => {
    const a = client(measureDocumentName(server.openRoundId, second.id), editor.token)
    await whenSaved(a)
    const map = a.doc.getMap('status')
    map.set('mandatory', true)
    await whenSaved(a)
    expect(audit().filter((c) => c.field === 'mandatory')).toHaveLength(1)
    map.set('mandatory', false)
    await whenSaved(a)
    expect(audit().filter((c) => c.field === 'mandatory')).toEqual([])

    const b = client(measureDocumentName(server.openRoundId, second.id), otherEditor.token)
    await whenSaved(b)
    b.doc.getMap('status').set('attainment', 'unclear')
    await whenSaved(b)
    expect(audit().filter((c) => c.field === 'attainment')).toEqual([
      { field: 'attainment', oldValue: null, newValue: 'low', userId: editor.id },
      { field: 'attainment', oldValue: 'low', newValue: 'unclear', userId: otherEditor.id },
    ])
  })

  test('a change after the window is an entry of its own', async () => {
    // The window is AUDIT_COALESCE_MS after the latest entry: age it instead of waiting.
    server.db
      .update(statusChanges)
      .set({ at: Date.now() - AUDIT_COALESCE_MS - 1 })
      .where(and(eq(statusChanges.roundId, server.openRoundId), eq(statusChanges.measureId, second.id)))
      .run()
    const b = client(measureDocumentName(server.openRoundId, second.id), otherEditor.token)
    await whenSaved(b)
    b.doc.getMap('status').set('attainment', 'high')
    await whenSaved(b)
    expect(audit().filter((c) => c.field === 'attainment').map((c) => [c.oldValue, c.newValue])).toEqual([
      [null, 'low'],
      ['low', 'unclear'],
      ['unclear', 'high'],
    ])
  })
})
