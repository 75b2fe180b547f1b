import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { measureDocumentName } from '../../app/shared/live/names'
import { assign, createUserWithSession, firstMeasures, logRows, openClient, startCollabServer, unitIds, waitFor, whenSaved, type Client, type TestServer } from './harness'

let server: TestServer
let token: string
let name: string
const clients: Client[] = []

beforeAll(async () => {
  server = await startCollabServer()
  const [unit] = unitIds(server.db)
  const [measure] = firstMeasures(server.db, 1)
  assign(server.db, measure!.id, unit!)
  token = (await createUserWithSession(server.db, 'editor', unit!)).token
  name = measureDocumentName(server.openRoundId, measure!.id)
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

function client(doc?: Y.Doc) {
  const c = openClient(server.url, name, token, doc)
  clients.push(c)
  return c
}

const narrativeText = (doc: Y.Doc) => doc.getXmlFragment('narrative').toString()

function typeParagraph(doc: Y.Doc, text: string) {
  const fragment = doc.getXmlFragment('narrative')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  fragment.insert(fragment.length, [paragraph])
}

describe('two and ten clients on one measure', () => {
  test('two clients editing rating and narrative converge, and the server stored every acknowledged edit', async () => {
    const a = client()
    const b = client()
    await whenSaved(a)
    await whenSaved(b)
    a.doc.getMap('status').set('attainment', 'medium')
    typeParagraph(b.doc, 'Sachstand von B')
    await waitFor(() => a.doc.getMap('status').get('attainment') === 'medium' && b.doc.getMap('status').get('attainment') === 'medium', 'Bewertung bei beiden')
    await waitFor(() => narrativeText(a.doc) === narrativeText(b.doc) && narrativeText(a.doc).includes('Sachstand von B'), 'Sachstand bei beiden')
    await whenSaved(a)
    await whenSaved(b)
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
    // What the server acknowledged is in the log: replaying it gives the clients' state.
    const replay = new Y.Doc()
    for (const row of logRows(server.db, name)) Y.applyUpdate(replay, row.update)
    expect(replay.getMap('status').get('attainment')).toBe('medium')
    expect(narrativeText(replay)).toBe(narrativeText(a.doc))
  })

  test('ten clients typing at once converge to the same document', async () => {
    const ten = Array.from({ length: 10 }, () => client())
    for (const c of ten) await whenSaved(c)
    ten.forEach((c, i) => typeParagraph(c.doc, `Zeile ${i}`))
    ten[3]!.doc.getMap('status').set('routine', true)
    await waitFor(
      () => ten.every((c) => ten.every((_, i) => narrativeText(c.doc).includes(`Zeile ${i}<`)) && c.doc.getMap('status').get('routine') === true),
      'alle zehn Zeilen bei allen',
      10_000,
    )
    const first = narrativeText(ten[0]!.doc)
    for (const c of ten) expect(narrativeText(c.doc)).toBe(first)
    for (const c of ten) await whenSaved(c)
  })
})
