import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { forumFeedback, forumParticipants, forums } from '../../db/schema'
import { createForumSession, endForumSession } from '../../server/auth/forum-session'
import { sessionIdFromToken } from '../../server/auth/session'
import { createForum, openForum, tablesOf } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { phasesOf, setPhaseState } from '../../server/services/forums/phases'
import { sitAt } from '../../server/services/forums/join'
import { CLOSE } from '../../app/shared/live/close-codes'
import { CARDS_MAP } from '../../app/shared/live/layout'
import { measureDocumentName, posterDocumentName } from '../../app/shared/live/names'
import type { Db } from '../../db/client'
import { createUserWithSession, firstMeasures, openClient, RawClient, startCollabServer, updateFrom, waitFor, whenSaved, type Client, type TestServer } from './harness'

/**
 * Table posters over the WebSocket with real forum sessions: participants connect on /mitmachen/collab, staff on
 * /collab; who may write which poster is the policy's ('poster.read', 'poster.write'), and what a card may be is
 * admission's (poster-schema.ts).
 */

let server: TestServer
let forumUrl: string
const clients: Client[] = []
const raws: RawClient[] = []

type Forum = { forumId: number; tables: number[]; phases: { id: number; categories: number[] }[] }

function makeForum(db: Db, anyTable = false): Forum {
  const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
  const forumId = createForum(db, { title: 'Plakat-Test', formatId, date: '2027-03-10', time: '09:30', place: '', invitedBy: '', moderators: '', languages: ['ar'], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable, targetGroupIds: [] }, null)
  openForum(db, forumId)
  const phases = phasesOf(db, forumId).map((p) => ({ id: p.id, categories: p.categories.map((c) => c.id) }))
  setPhaseState(db, forumId, phases[0]!.id, 'open')
  return { forumId, tables: tablesOf(db, forumId).map((t) => t.id), phases }
}

function participant(db: Db, forum: Forum, tableIndex: number) {
  const id = db.insert(forumParticipants).values({ forumId: forum.forumId, joinedAt: Date.now(), name: `Teilnehmende ${tableIndex}` }).returning({ id: forumParticipants.id }).get().id
  for (const phase of forum.phases) sitAt(db, id, phase.id, forum.tables[tableIndex]!)
  return { id, token: createForumSession(db, id, forum.forumId) }
}

const poster = (forum: Forum, tableIndex = 0, phaseIndex = 0) => posterDocumentName(forum.forumId, forum.tables[tableIndex]!, forum.phases[phaseIndex]!.id)

function addCard(doc: Y.Doc, key: string, fields: Record<string, unknown>) {
  const card = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) card.set(k, v)
  doc.getMap(CARDS_MAP).set(key, card)
}

const card = (forum: Forum, over: Record<string, unknown> = {}) => ({ text: 'Mehr Sprachkurse am Abend', category: forum.phases[0]!.categories[0]!, target: 'goal:12', language: 'de', author: 'Amal', createdAt: Date.now(), ...over })

function client(url: string, name: string, token: string) {
  const c = openClient(url, name, token)
  clients.push(c)
  return c
}

async function raw(url: string) {
  const r = await RawClient.connect(url)
  raws.push(r)
  return r
}

/** Opens, syncs and sends one update from a raw client; the close it got (or null). */
async function sendRaw(url: string, name: string, token: string, change: (doc: Y.Doc) => void) {
  const r = await raw(url)
  expect(await r.open(name, token)).toEqual({ type: 'authenticated', scope: 'read-write' })
  r.syncStep1(name)
  r.update(name, updateFrom(null, change))
  await waitFor(() => r.closed !== null || r.messages.some((m) => m.type === 'syncStatus'), 'Antwort auf die Karte')
  await new Promise((resolve) => setTimeout(resolve, 50))
  return r.closed
}

const rowOf = (key: string) => server.db.select().from(forumFeedback).where(eq(forumFeedback.cardKey, key)).get()

let forum: Forum
let other: Forum
let open: Forum
let atTable1: { id: number; token: string }
let atTable2: { id: number; token: string }
let inOther: { id: number; token: string }

beforeAll(async () => {
  server = await startCollabServer()
  forumUrl = server.url.replace(/\/collab$/, '/mitmachen/collab')
  forum = makeForum(server.db)
  other = makeForum(server.db)
  open = makeForum(server.db, true)
  atTable1 = participant(server.db, forum, 0)
  atTable2 = participant(server.db, forum, 1)
  inOther = participant(server.db, other, 0)
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const r of raws) r.close()
  await server.close()
})

describe('a forum session on the poster of its table', () => {
  test('writes a card that every other phone at the table gets, and the card is projected into forum_feedback', async () => {
    const name = poster(forum)
    const writer = client(forumUrl, name, atTable1.token)
    const neighbour = client(forumUrl, name, participant(server.db, forum, 0).token)
    await whenSaved(writer)
    await whenSaved(neighbour)
    addCard(writer.doc, 'card-own-table-1', card(forum))
    await whenSaved(writer)
    await waitFor(() => neighbour.doc.getMap(CARDS_MAP).has('card-own-table-1'), 'Karte beim Nachbarn')
    const row = rowOf('card-own-table-1')!
    expect(row).toMatchObject({ forumId: forum.forumId, tableId: forum.tables[0], phaseId: forum.phases[0]!.id, source: 'poster', participantId: atTable1.id, text: 'Mehr Sprachkurse am Abend', target: 'goal', language: 'de' })
    expect(row.goalId).not.toBeNull()
  })

  test('a card removed from the poster is withdrawn from the projection', async () => {
    const name = poster(forum)
    const writer = client(forumUrl, name, atTable1.token)
    await whenSaved(writer)
    addCard(writer.doc, 'card-withdrawn-1', card(forum, { text: 'Doch nicht' }))
    await whenSaved(writer)
    expect(rowOf('card-withdrawn-1')).toBeDefined()
    writer.doc.getMap(CARDS_MAP).delete('card-withdrawn-1')
    await whenSaved(writer)
    await waitFor(() => rowOf('card-withdrawn-1') === undefined, 'Zeile zurückgezogen')
  })

  test('cannot open the poster of another table, of another forum, or a measure document', async () => {
    const r = await raw(forumUrl)
    expect(await r.open(poster(forum, 1), atTable1.token)).toEqual({ type: 'denied', reason: CLOSE.forbidden.reason })
    expect(await r.open(poster(other, 0), atTable1.token)).toEqual({ type: 'denied', reason: CLOSE.forbidden.reason })
    expect(await r.open(measureDocumentName(server.openRoundId, firstMeasures(server.db, 1)[0]!.id), atTable1.token)).toEqual({ type: 'denied', reason: CLOSE.forbidden.reason })
    // … while the participant who sits there writes it.
    const there = await raw(forumUrl)
    expect(await there.open(poster(forum, 1), atTable2.token)).toEqual({ type: 'authenticated', scope: 'read-write' })
  })

  test('writes another table’s poster where the forum allows any table', async () => {
    const p = participant(server.db, open, 0)
    const closed = await sendRaw(forumUrl, poster(open, 2), p.token, (doc) => addCard(doc, 'card-any-table-1', card(open)))
    expect(closed).toBeNull()
    await waitFor(() => rowOf('card-any-table-1') !== undefined, 'Karte am fremden Tisch')
    expect(rowOf('card-any-table-1')!.tableId).toBe(open.tables[2])
  })

  test('reads a poster of a phase not open, and what it sends anyway is not applied', async () => {
    const name = poster(forum, 0, 1)
    const r = await raw(forumUrl)
    expect(await r.open(name, atTable1.token)).toEqual({ type: 'authenticated', scope: 'readonly' })
    r.syncStep1(name)
    r.update(name, updateFrom(null, (doc) => addCard(doc, 'card-closed-phase', card(forum, { category: forum.phases[1]!.categories[0]! }))))
    await waitFor(() => r.messages.some((m) => m.type === 'syncStatus'), 'Antwort')
    expect(r.messages.find((m) => m.type === 'syncStatus')).toEqual({ type: 'syncStatus', applied: false })
    expect(rowOf('card-closed-phase')).toBeUndefined()
  })

  test('the staff path does not know a forum session, the participants’ path no staff session', async () => {
    const staff = await raw(server.url)
    expect(await staff.open(poster(forum), atTable1.token)).toEqual({ type: 'denied', reason: CLOSE.unauthenticated.reason })
    const coordinator = await createUserWithSession(server.db, 'coordinator')
    const participants = await raw(forumUrl)
    expect(await participants.open(poster(forum), coordinator.token)).toEqual({ type: 'denied', reason: CLOSE.unauthenticated.reason })
  })

  test('a participant removes only their own cards', async () => {
    const p = participant(server.db, open, 0)
    const q = participant(server.db, open, 0)
    const name = poster(open, 0)
    const writer = client(forumUrl, name, p.token)
    await whenSaved(writer)
    addCard(writer.doc, 'card-of-p-0001', card(open))
    await whenSaved(writer)
    const base = new Y.Doc()
    Y.applyUpdate(base, Y.encodeStateAsUpdate(writer.doc))
    const r = await raw(forumUrl)
    expect(await r.open(name, q.token)).toMatchObject({ scope: 'read-write' })
    r.syncStep1(name)
    r.update(name, updateFrom(base, (doc) => doc.getMap(CARDS_MAP).delete('card-of-p-0001')))
    await waitFor(() => r.closed !== null, 'geschlossen')
    expect(r.closed!.code).toBe(CLOSE.rejected.code)
    expect(rowOf('card-of-p-0001')).toBeDefined()
  })
})

describe('staff on a poster', () => {
  test('a coordinator (moderator, Tischpate with an account) writes any table’s poster; the card names them', async () => {
    const coordinator = await createUserWithSession(server.db, 'coordinator')
    const closed = await sendRaw(server.url, poster(forum, 3), coordinator.token, (doc) => addCard(doc, 'card-by-coordinator', card(forum)))
    expect(closed).toBeNull()
    await waitFor(() => rowOf('card-by-coordinator') !== undefined, 'Karte der Moderation')
    expect(rowOf('card-by-coordinator')).toMatchObject({ participantId: null, enteredBy: coordinator.id, source: 'poster' })
  })

  test('a staff account without forum rights cannot open a poster', async () => {
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const user = await createUserWithSession(server.db, role)
      const r = await raw(server.url)
      expect(await r.open(poster(forum), user.token), role).toEqual({ type: 'denied', reason: CLOSE.forbidden.reason })
    }
  })
})

describe('admission of cards', () => {
  test.each([
    ['a category of another phase', { category: 0 }, CLOSE.rejected.code],
    ['a text too long', { text: 'x'.repeat(501) }, CLOSE.tooLarge.code],
    ['an empty text', { text: '  ' }, CLOSE.rejected.code],
    ['an unknown goal', { target: 'goal:999' }, CLOSE.rejected.code],
    ['a target of no kind', { target: 'round:1' }, CLOSE.rejected.code],
    ['a field not on a card', { colour: 'red' }, CLOSE.rejected.code],
    ['a language that is no tag', { language: 'Deutsch!' }, CLOSE.rejected.code],
    ['a name too long', { author: 'n'.repeat(81) }, CLOSE.tooLarge.code],
  ])('a card with %s closes the socket and is not stored', async (_what, over, code) => {
    const key = `card-bad-${Math.random().toString(36).slice(2, 10)}`
    const fields = card(forum, over)
    if ('category' in over && over.category === 0) fields.category = forum.phases[1]!.categories[0]!
    const closed = await sendRaw(forumUrl, poster(forum), atTable1.token, (doc) => addCard(doc, key, fields))
    expect(closed?.code).toBe(code)
    expect(rowOf(key)).toBeUndefined()
  })

  test('a card key another forum’s card has is refused, and that card stays as it was', async () => {
    const owner = client(forumUrl, poster(other), inOther.token)
    await whenSaved(owner)
    addCard(owner.doc, 'card-foreign-key', card(other, { text: 'Im anderen Forum' }))
    await whenSaved(owner)
    const closed = await sendRaw(forumUrl, poster(forum), atTable1.token, (doc) => addCard(doc, 'card-foreign-key', card(forum, { text: 'Übernommen?' })))
    expect(closed?.code).toBe(CLOSE.rejected.code)
    expect(rowOf('card-foreign-key')).toMatchObject({ forumId: other.forumId, text: 'Im anderen Forum' })
  })

  test('a card changed after it was added is refused (a client adds and removes cards whole)', async () => {
    const name = poster(forum)
    const writer = client(forumUrl, name, atTable1.token)
    await whenSaved(writer)
    addCard(writer.doc, 'card-changed-later', card(forum))
    await whenSaved(writer)
    const base = new Y.Doc()
    Y.applyUpdate(base, Y.encodeStateAsUpdate(writer.doc))
    const r = await raw(forumUrl)
    expect(await r.open(name, atTable1.token)).toMatchObject({ scope: 'read-write' })
    r.syncStep1(name)
    r.update(name, updateFrom(base, (doc) => (doc.getMap(CARDS_MAP).get('card-changed-later') as Y.Map<unknown>).set('text', 'Anders')))
    await waitFor(() => r.closed !== null, 'geschlossen')
    expect(r.closed!.code).toBe(CLOSE.rejected.code)
    expect(rowOf('card-changed-later')!.text).toBe('Mehr Sprachkurse am Abend')
  })
})

describe('a phase closing under open posters', () => {
  test('re-checks the forum’s connections: writers reconnect read-only, and a late card is not stored', async () => {
    const f = makeForum(server.db)
    const p = participant(server.db, f, 0)
    const name = poster(f)
    const writer = client(forumUrl, name, p.token)
    await whenSaved(writer)
    setPhaseState(server.db, f.forumId, f.phases[0]!.id, 'closed')
    expect(server.collab.closeConnectionsOfForum(f.forumId)).toBe(1)
    await waitFor(() => writer.closes.some((c) => c.code === CLOSE.accessChanged.code), '4410')
    const r = await raw(forumUrl)
    expect(await r.open(name, p.token)).toEqual({ type: 'authenticated', scope: 'readonly' })
  })

  test('a participant who left (the session ended) is cut off from the poster at the re-check (4401)', async () => {
    const f = makeForum(server.db)
    const p = participant(server.db, f, 0)
    const writer = client(forumUrl, poster(f), p.token)
    await whenSaved(writer)
    endForumSession(server.db, sessionIdFromToken(p.token))
    expect(server.collab.closeConnectionsOfForum(f.forumId)).toBe(1)
    await waitFor(() => writer.closes.some((c) => c.code === CLOSE.unauthenticated.code), '4401')
  })

  test('a poster whose forum closed between connecting and writing refuses the card in the store (4425)', async () => {
    const f = makeForum(server.db)
    const p = participant(server.db, f, 0)
    const name = poster(f)
    const r = await raw(forumUrl)
    expect(await r.open(name, p.token)).toMatchObject({ scope: 'read-write' })
    r.syncStep1(name)
    server.db.update(forums).set({ state: 'closed', closedAt: Date.now() }).where(eq(forums.id, f.forumId)).run()
    r.update(name, updateFrom(null, (doc) => addCard(doc, 'card-too-late-1', card(f))))
    await waitFor(() => r.closed !== null, 'geschlossen')
    expect(r.closed!.code).toBe(CLOSE.posterClosed.code)
    expect(rowOf('card-too-late-1')).toBeUndefined()
  })
})
