import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MEETING_MAP, readMeeting } from '../../app/shared/live/layout'
import { markEnded } from '../../app/shared/live/meeting'
import { CLOSE } from '../../app/shared/live/close-codes'
import { meetingDocumentName } from '../../app/shared/live/names'
import { addItems, closeMeeting, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { createUserWithSession, firstMeasures, logRows, openClient, startCollabServer, waitFor, whenSaved, type Client, type TestServer } from './harness'

// The end of a meeting travels in its live document: the server writes the 'ended' marker when the meeting
// closes (the close action, through a direct connection), and every open screen reads it. No client may write it.

let server: TestServer
let coordinator: { id: number; token: string }
let viewer: { id: number; token: string }
const clients: Client[] = []

beforeAll(async () => {
  server = await startCollabServer()
  coordinator = await createUserWithSession(server.db, 'coordinator')
  viewer = await createUserWithSession(server.db, 'viewer')
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

function runningMeeting(title: string): number {
  const id = createMeeting(server.db, { roundId: server.openRoundId, title, date: '2026-12-03', time: null, location: '' }, coordinator.id)
  addItems(server.db, id, firstMeasures(server.db, 2).map((m) => ({ measureId: m.id })))
  startMeeting(server.db, id)
  return id
}

describe('the end of a meeting in its document', () => {
  test('a client cannot end a running meeting through the document: the marker is rejected (4422) and nothing is stored', async () => {
    const name = meetingDocumentName(server.openRoundId, runningMeeting('Jour fixe A'))
    const moderator = client(name, coordinator.token)
    await whenSaved(moderator)
    const before = logRows(server.db, name).length
    markEnded(moderator.doc.getMap(MEETING_MAP))
    await waitFor(() => moderator.closes.some((close) => close.code === CLOSE.rejected.code), 'Ablehnung 4422')
    expect(logRows(server.db, name)).toHaveLength(before)
  })

  test('the server ends it when the meeting closes: every open reader sees it at once, and the document takes no more writes', async () => {
    const meetingId = runningMeeting('Jour fixe B')
    const name = meetingDocumentName(server.openRoundId, meetingId)
    const moderator = client(name, coordinator.token)
    const follower = client(name, viewer.token)
    await whenSaved(moderator)
    await whenSaved(follower)
    expect(readMeeting(follower.doc.getMap(MEETING_MAP)).ended).toBe(false)

    closeMeeting(server.db, meetingId)
    await server.collab.edit(name, coordinator.id, (doc) => markEnded(doc.getMap(MEETING_MAP)))
    await waitFor(() => readMeeting(follower.doc.getMap(MEETING_MAP)).ended, 'Folgende sehen das Ende')
    await waitFor(() => readMeeting(moderator.doc.getMap(MEETING_MAP)).ended, 'die Moderation sieht das Ende')

    const before = logRows(server.db, name).length
    moderator.doc.getMap(MEETING_MAP).set('current', null)
    await waitFor(() => moderator.closes.some((close) => close.code === CLOSE.meetingNotRunning.code), 'Ablehnung 4424')
    expect(logRows(server.db, name)).toHaveLength(before)
  })
})
