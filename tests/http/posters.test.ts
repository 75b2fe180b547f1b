import { HocuspocusProvider } from '@hocuspocus/provider'
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { forumFeedback, forumFeedbackChanges, forumParticipants } from '../../db/schema'
import { createForumSession } from '../../server/auth/forum-session'
import { createForum, openForum, tablesOf } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { phasesOf, setPhaseState } from '../../server/services/forums/phases'
import { sitAt } from '../../server/services/forums/join'
import { CARDS_MAP } from '../../app/shared/live/layout'
import { posterDocumentName } from '../../app/shared/live/names'
import { loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// Moderating poster cards over HTTP (/foren/:id/karten): the record (forum_feedback) changes with an audit row, and
// the table's live poster follows while its phase is open (a server edit): a moved card gets its new category, a
// hidden or merged one leaves the poster but keeps its row. Who may not moderate changes nothing.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
const { post } = requestsAs<Who>(() => server.url, cookies)
const providers: HocuspocusProvider[] = []
const world = { forumId: 0, phaseId: 0, tables: [] as number[], categories: [] as number[], token: '', name: '' }

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  withServerDb(server, (db) => {
    const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
    world.forumId = createForum(db, { title: 'Plakat-Moderation', formatId, date: '2027-03-10', time: null, place: '', invitedBy: '', moderators: '', languages: [], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] }, null)
    openForum(db, world.forumId)
    const phase = phasesOf(db, world.forumId)[0]!
    setPhaseState(db, world.forumId, phase.id, 'open')
    world.phaseId = phase.id
    world.categories = phase.categories.map((c) => c.id)
    world.tables = tablesOf(db, world.forumId).map((t) => t.id)
    const participantId = db.insert(forumParticipants).values({ forumId: world.forumId, joinedAt: Date.now() }).returning({ id: forumParticipants.id }).get().id
    sitAt(db, participantId, phase.id, world.tables[0]!)
    world.token = createForumSession(db, participantId, world.forumId)
  })
  world.name = posterDocumentName(world.forumId, world.tables[0]!, world.phaseId)
})

afterAll(async () => {
  for (const p of providers) {
    p.destroy()
    p.configuration.websocketProvider.destroy()
  }
  await server?.stop()
})

async function phoneAtTable(): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const provider = new HocuspocusProvider({ url: `${server.url.replace(/^http/, 'ws')}/mitmachen/collab`, name: world.name, token: world.token, document: doc })
  providers.push(provider)
  await expect.poll(() => provider.isSynced).toBe(true)
  return doc
}

async function pin(doc: Y.Doc, key: string, text: string) {
  const card = new Y.Map<unknown>()
  card.set('text', text)
  card.set('category', world.categories[0]!)
  card.set('target', 'goal:12')
  card.set('language', 'de')
  card.set('createdAt', Date.now())
  doc.getMap(CARDS_MAP).set(key, card)
  await expect.poll(() => rowOf(key)?.id).toBeDefined()
  return rowOf(key)!.id
}

const rowOf = (key: string) => withServerDb(server, (db) => db.select().from(forumFeedback).where(eq(forumFeedback.cardKey, key)).get())
const changes = (id: number) => withServerDb(server, (db) => db.select().from(forumFeedbackChanges).where(eq(forumFeedbackChanges.feedbackId, id)).orderBy(asc(forumFeedbackChanges.id)).all())
const onPoster = (doc: Y.Doc, key: string) => doc.getMap(CARDS_MAP).get(key) as Y.Map<unknown> | undefined

describe('moderating the cards of a live poster', () => {
  it('a card posted through the page’s form (no JavaScript) is on the table’s live poster too, once, and moderation follows it there', async () => {
    const doc = await phoneAtTable()
    const response = await fetch(`${server.url}/mitmachen/forum`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `zw_forum=${world.token}` },
      body: new URLSearchParams({ intent: 'card', categoryId: String(world.categories[0]), target: 'goal:12', text: 'Über das Formular geschickt', language: 'de' }),
    })
    expect(response.status).toBe(200)
    const rows = () => withServerDb(server, (db) => db.select().from(forumFeedback).where(eq(forumFeedback.text, 'Über das Formular geschickt')).all())
    expect(rows()).toHaveLength(1)
    const row = rows()[0]!
    expect(row).toMatchObject({ source: 'participant', tableId: world.tables[0], phaseId: world.phaseId })
    await expect.poll(() => onPoster(doc, row.cardKey)?.get('text')).toBe('Über das Formular geschickt')
    expect(onPoster(doc, row.cardKey)!.get('target')).toBe('goal:12')
    expect(rows()).toHaveLength(1)
    const hidden = await post('coordinator', `/foren/${world.forumId}/karten`, { intent: 'hide', target: String(row.id), reason: 'doppelt' })
    expect(hidden.status).toBe(200)
    await expect.poll(() => onPoster(doc, row.cardKey)).toBeUndefined()
    expect(rows()[0]!.hiddenReason).toBe('doppelt')
  })

  it('moves a card to another category and goal: the row and its audit change, and the poster shows it', async () => {
    const doc = await phoneAtTable()
    const id = await pin(doc, 'http-move-0001', 'Mehr Abendkurse')
    const response = await post('coordinator', `/foren/${world.forumId}/karten`, { intent: 'move', target: String(id), categoryId: String(world.categories[1]), targetRef: '30', reason: 'passt besser' })
    expect(response.status).toBe(200)
    expect(rowOf('http-move-0001')).toMatchObject({ categoryId: world.categories[1], target: 'goal' })
    expect(changes(id).map((c) => [c.kind, c.reason])).toEqual([['move', 'passt besser']])
    await expect.poll(() => onPoster(doc, 'http-move-0001')?.get('category')).toBe(world.categories[1])
    expect(onPoster(doc, 'http-move-0001')!.get('target')).toBe('goal:30')
  })

  it('hides an abusive card: it leaves the poster, its row stays hidden with the reason in the audit; shown again, it is back', async () => {
    const doc = await phoneAtTable()
    const id = await pin(doc, 'http-hide-0001', 'Beleidigender Text')
    const response = await post('coordinator', `/foren/${world.forumId}/karten`, { intent: 'hide', target: String(id), reason: 'beleidigend' })
    expect(response.status).toBe(200)
    await expect.poll(() => onPoster(doc, 'http-hide-0001')).toBeUndefined()
    expect(rowOf('http-hide-0001')).toMatchObject({ hiddenReason: 'beleidigend' })
    expect(rowOf('http-hide-0001')!.hiddenAt).not.toBeNull()
    expect(changes(id).map((c) => [c.kind, c.reason])).toEqual([['hide', 'beleidigend']])
    // Shown again: back on the poster as the record has it, and its row is the same row.
    expect((await post('coordinator', `/foren/${world.forumId}/karten`, { intent: 'unhide', target: String(id) })).status).toBe(200)
    await expect.poll(() => onPoster(doc, 'http-hide-0001')?.get('text')).toBe('Beleidigender Text')
    expect(onPoster(doc, 'http-hide-0001')!.get('target')).toBe('goal:12')
    expect(rowOf('http-hide-0001')).toMatchObject({ id, hiddenAt: null, hiddenReason: null })
    expect(changes(id).map((c) => c.kind)).toEqual(['hide', 'unhide'])
  })

  it('merges a duplicate into a card: the duplicate leaves the poster and points at the kept one', async () => {
    const doc = await phoneAtTable()
    const kept = await pin(doc, 'http-keep-0001', 'Sprachkurse abends')
    const duplicate = await pin(doc, 'http-dupl-0001', 'Abends Sprachkurse, bitte')
    const response = await post('commissioner', `/foren/${world.forumId}/karten`, { intent: 'merge', target: String(kept), duplicates: String(duplicate) })
    expect(response.status).toBe(200)
    await expect.poll(() => onPoster(doc, 'http-dupl-0001')).toBeUndefined()
    expect(onPoster(doc, 'http-keep-0001')).toBeDefined()
    expect(rowOf('http-dupl-0001')!.mergedIntoId).toBe(kept)
    expect(changes(duplicate).map((c) => c.kind)).toEqual(['merge'])
  })

  it('keeps a poster card at its table: a move to another table is refused and changes nothing', async () => {
    const doc = await phoneAtTable()
    const id = await pin(doc, 'http-table-001', 'Bleibt am Tisch')
    const response = await post('coordinator', `/foren/${world.forumId}/karten`, { intent: 'move', target: String(id), tableId: String(world.tables[1]) })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Eine Karte vom Live-Plakat bleibt an ihrem Tisch')
    expect(rowOf('http-table-001')!.tableId).toBe(world.tables[0])
    expect(changes(id)).toEqual([])
  })

  it('refuses moderation to everybody without forum.moderate, and the card stays on the poster and in the record', async () => {
    const doc = await phoneAtTable()
    const id = await pin(doc, 'http-deny-0001', 'Bleibt sichtbar')
    for (const who of ['admin', 'editor', 'viewer', 'participant'] as const) {
      const response = await post(who, `/foren/${world.forumId}/karten`, { intent: 'hide', target: String(id), reason: 'weg damit' })
      expect(response.status, who).toBe(403)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(onPoster(doc, 'http-deny-0001')).toBeDefined()
    expect(rowOf('http-deny-0001')!.hiddenAt).toBeNull()
    expect(changes(id)).toEqual([])
  })
})
