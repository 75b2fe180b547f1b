import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CLOSE } from '../../app/shared/live/close-codes'
import { measureDocumentName } from '../../app/shared/live/names'
import { assign, createUserWithSession, firstMeasures, openClient, RawClient, startCollabServer, unitIds, waitFor, whenSaved, type TestServer } from './harness'

/**
 * What one WebSocket may cost (server/collab/socket-budget.ts): a socket that sends more messages or bytes
 * than its budget is closed with 4430, and nothing more of it is handled; everybody else goes on working.
 * The budget is small here (the defaults are sized for a meeting page with 200 documents) so that a flood of a
 * few hundred frames is enough.
 */

let server: TestServer
let editor: { token: string }
let name: string
const raws: RawClient[] = []

beforeAll(async () => {
  server = await startCollabServer({
    socketLimits: { burstMessages: 100, messagesPerSecond: 20, burstBytes: 256 * 1024, bytesPerSecond: 64 * 1024, bytesBeforeAuthentication: 32 * 1024 },
  })
  const unit = unitIds(server.db)[0]!
  const measure = firstMeasures(server.db, 1)[0]!
  assign(server.db, measure.id, unit)
  editor = await createUserWithSession(server.db, 'editor', unit)
  name = measureDocumentName(server.openRoundId, measure.id)
})

afterAll(async () => {
  for (const r of raws) r.close()
  await server.close()
})

async function raw() {
  const r = await RawClient.connect(server.url)
  raws.push(r)
  return r
}

/** An honest provider still edits and has its edit saved and seen by another. */
async function othersStillServed(marker: string) {
  const writer = openClient(server.url, name, editor.token)
  const reader = openClient(server.url, name, editor.token)
  try {
    await whenSaved(writer)
    await whenSaved(reader)
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(marker)])
    writer.doc.getXmlFragment('narrative').insert(writer.doc.getXmlFragment('narrative').length, [p])
    await whenSaved(writer)
    await waitFor(() => reader.doc.getXmlFragment('narrative').toString().includes(marker), 'der andere sieht die Änderung')
  } finally {
    writer.destroy()
    reader.destroy()
  }
}

describe('a socket that floods', () => {
  test('an authenticated socket sending awareness as fast as it can is closed with 4430, and honest clients go on', async () => {
    const r = await raw()
    expect(await r.open(name, editor.token)).toMatchObject({ type: 'authenticated' })
    const awareness = new Awareness(new Y.Doc())
    for (let i = 0; i < 1_000 && r.closed === null; i++) {
      awareness.setLocalState({ i })
      r.awareness(name, encodeAwarenessUpdate(awareness, [awareness.clientID]))
    }
    await waitFor(() => r.closed !== null, 'Socket geschlossen')
    expect(r.closed).toEqual({ code: CLOSE.tooManyMessages.code, reason: CLOSE.tooManyMessages.reason })
    await othersStillServed('Nach der Flut')
  })

  test('a socket that never authenticates may not buffer more than its budget before authentication', async () => {
    const r = await raw()
    // Sync messages for a document it never authenticates: Hocuspocus would queue them until it does.
    const frame = (() => {
      const e = encoding.createEncoder()
      encoding.writeVarString(e, name)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, new Uint8Array(4 * 1024))
      return encoding.toUint8Array(e)
    })()
    for (let i = 0; i < 20 && r.closed === null; i++) r.sendBytes(frame)
    await waitFor(() => r.closed !== null, 'Socket geschlossen')
    expect(r.closed?.code).toBe(CLOSE.tooManyMessages.code)
    await othersStillServed('Nach dem Puffern')
  })

  test('a socket within its budget is left alone', async () => {
    const r = await raw()
    expect(await r.open(name, editor.token)).toMatchObject({ type: 'authenticated' })
    const awareness = new Awareness(new Y.Doc())
    for (let i = 0; i < 20; i++) {
      awareness.setLocalState({ i })
      r.awareness(name, encodeAwarenessUpdate(awareness, [awareness.clientID]))
    }
    // It can still authenticate another document: the server kept handling it.
    expect(await r.open(measureDocumentName(server.openRoundId, firstMeasures(server.db, 2)[1]!.id), editor.token)).toMatchObject({ type: 'authenticated' })
    expect(r.closed).toBeNull()
  })
})
