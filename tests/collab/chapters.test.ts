import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { reportChapters, rounds } from '../../db/schema'
import { CLOSE } from '../../app/shared/live/close-codes'
import { chapterDocumentName } from '../../app/shared/live/names'
import { and, createUserWithSession, eq, logRows, openClient, RawClient, startCollabServer, unitIds, updateFrom, waitFor, whenSaved, type Client, type TestServer } from './harness'

// The report's chapters over the WebSocket, with a raw protocol client where a browser's provider would not even try:
// who may write them (report.write: commissioner and coordinators, open round), what admission lets in, what the
// projection stores, and the freeze when the round closes.

let server: TestServer
let editor: { id: number; token: string }
let commissioner: { id: number; token: string }
let coordinator: { id: number; token: string }
let participant: { id: number; token: string }
const clients: Client[] = []
const raws: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer()
  editor = await createUserWithSession(server.db, 'editor', unitIds(server.db)[0]!)
  commissioner = await createUserWithSession(server.db, 'commissioner')
  coordinator = await createUserWithSession(server.db, 'coordinator')
  participant = await createUserWithSession(server.db, 'participant')
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const r of raws) r.close()
  await server.close()
})

async function raw() {
  const r = await RawClient.connect(server.url)
  raws.push(r)
  return r
}
function client(name: string, token: string) {
  const c = openClient(server.url, name, token)
  clients.push(c)
  return c
}

const paragraph = (text: string) => (doc: Y.Doc) => {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  doc.getXmlFragment('narrative').insert(0, [p])
}
const stored = (name: string) => {
  const slug = name.split('/').at(-1)!
  return server.db.select({ text: reportChapters.text, statistics: reportChapters.statistics }).from(reportChapters).where(and(eq(reportChapters.roundId, server.openRoundId), eq(reportChapters.slug, slug))).get()
}

describe('who may write a report chapter', () => {
  test('a unit editor only reads a chapter, and an update his raw client sends anyway changes nothing', async () => {
    const name = chapterDocumentName(server.openRoundId, 'field-3')
    const r = await raw()
    expect(await r.open(name, editor.token)).toEqual({ type: 'authenticated', scope: 'readonly' })
    r.syncStep1(name)
    r.update(name, updateFrom(null, paragraph('Vom Fachdienst geschrieben')))
    await waitFor(() => r.messages.some((m) => m.type === 'syncStatus'), 'Antwort auf das Update')
    expect(r.messages.find((m) => m.type === 'syncStatus')).toEqual({ type: 'syncStatus', applied: false })
    expect(logRows(server.db, name)).toHaveLength(0)
    expect(stored(name)?.text ?? '').not.toContain('Vom Fachdienst')
  })

  test('the commissioner and a coordinator write it; what one writes reaches the other and is projected into report_chapters', async () => {
    const name = chapterDocumentName(server.openRoundId, 'field-3')
    const r = await raw()
    expect(await r.open(name, commissioner.token)).toEqual({ type: 'authenticated', scope: 'read-write' })
    const c = await raw()
    expect(await c.open(name, coordinator.token)).toEqual({ type: 'authenticated', scope: 'read-write' })
    const writer = client(name, commissioner.token)
    const reader = client(name, coordinator.token)
    await whenSaved(writer)
    await whenSaved(reader)
    paragraph('Kapitel 3.3 der Beauftragten')(writer.doc)
    writer.doc.getMap('chapter').set('statistics', true)
    await whenSaved(writer)
    await waitFor(() => reader.doc.getXmlFragment('narrative').toString().includes('Kapitel 3.3 der Beauftragten'), 'beim Koordinator angekommen')
    expect(stored(name)).toEqual({ text: 'Kapitel 3.3 der Beauftragten', statistics: true })
  })

  test('a participant account may not even read it', async () => {
    const r = await raw()
    expect(await r.open(chapterDocumentName(server.openRoundId, 'introduction'), participant.token)).toMatchObject({ type: 'denied' })
  })

  test("a closed round's chapters are read-only, for the commissioner too", async () => {
    const r = await raw()
    expect(await r.open(chapterDocumentName(server.closedRoundId, 'method'), commissioner.token)).toMatchObject({ scope: 'readonly' })
  })
})

describe('admission of a chapter', () => {
  test('a settings key the layout does not have, or a statistics switch that is no yes/no, closes the connection with 4422 and changes nothing', async () => {
    const name = chapterDocumentName(server.openRoundId, 'conclusion')
    for (const change of [(doc: Y.Doc) => doc.getMap('chapter').set('autor', 'x'), (doc: Y.Doc) => doc.getMap('chapter').set('statistics', 'ja'), (doc: Y.Doc) => doc.getMap('status').set('attainment', 'high')]) {
      const r = await raw()
      expect(await r.open(name, commissioner.token)).toMatchObject({ scope: 'read-write' })
      r.syncStep1(name)
      r.update(name, updateFrom(null, change))
      await waitFor(() => r.closed !== null, 'Verbindung geschlossen')
      expect(r.closed?.code).toBe(CLOSE.rejected.code)
    }
    expect(logRows(server.db, name)).toHaveLength(0)
  })

  test('once the round is closed, a connection that could write a chapter is closed with 4423 on its next update', async () => {
    const name = chapterDocumentName(server.openRoundId, 'introduction')
    const c = client(name, coordinator.token)
    await whenSaved(c)
    server.db.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, server.openRoundId)).run()
    try {
      const before = logRows(server.db, name).length
      paragraph('Nach dem Abschluss')(c.doc)
      await waitFor(() => c.closes.some((e) => e.code === CLOSE.roundClosed.code), 'Schließen mit 4423')
      expect(logRows(server.db, name)).toHaveLength(before)
      expect(stored(name)?.text ?? '').not.toContain('Nach dem Abschluss')
    } finally {
      server.db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, server.openRoundId)).run()
    }
  })
})
