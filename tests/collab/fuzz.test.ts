import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { measureDocumentName } from '../../app/shared/live/names'
import {
  assign,
  createUserWithSession,
  firstMeasures,
  openClient,
  RawClient,
  sleep,
  startCollabServer,
  unitIds,
  updateFrom,
  whenSaved,
  type TestServer,
} from './harness'

let server: TestServer
let editor: { token: string }
let name: string

beforeAll(async () => {
  server = await startCollabServer()
  const unit = unitIds(server.db)[0]!
  const measure = firstMeasures(server.db, 1)[0]!
  assign(server.db, measure.id, unit)
  editor = await createUserWithSession(server.db, 'editor', unit)
  name = measureDocumentName(server.openRoundId, measure.id)
})

afterAll(async () => {
  await server.close()
})

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function mutate(bytes: Uint8Array, next: () => number): Uint8Array {
  const copy = new Uint8Array(bytes)
  switch (Math.floor(next() * 4)) {
    case 0:
      return copy.slice(0, Math.floor(next() * copy.length)) // truncated
    case 1: {
      for (let i = 0; i < 3; i++) copy[Math.floor(next() * copy.length)]! ^= 1 << Math.floor(next() * 8) // bit flips
      return copy
    }
    case 2: {
      const huge = encoding.createEncoder() // a length prefix claiming gigabytes
      encoding.writeVarString(huge, name)
      encoding.writeVarUint(huge, 0)
      encoding.writeVarUint(huge, 2)
      encoding.writeVarUint(huge, 2 ** 31)
      return encoding.toUint8Array(huge)
    }
    default:
      return Uint8Array.from({ length: 1 + Math.floor(next() * 64) }, () => Math.floor(next() * 256)) // noise
  }
}

describe('malformed frames', () => {
  test('truncated, bit-flipped, noisy and huge-length frames close the bad sockets while an honest client keeps editing intact', async () => {
    const honest = openClient(server.url, name, editor.token)
    await whenSaved(honest)
    const next = random(20261122)
    const good = updateFrom(null, (doc) => doc.getMap('status').set('routine', true))
    const templates = [good, updateFrom(null, (doc) => doc.getXmlFragment('narrative').insert(0, [new Y.XmlElement('paragraph')]))]
    let sockets = 0
    let closedByServer = 0
    for (let batch = 0; batch < 80; batch++) {
      const authenticated = batch % 2 === 0
      const r = await RawClient.connect(server.url)
      sockets++
      if (authenticated) await r.open(name, editor.token)
      for (let i = 0; i < 60 && r.closed === null; i++) {
        const kind = next()
        if (kind < 0.4) r.update(name, mutate(templates[Math.floor(next() * templates.length)]!, next))
        else if (kind < 0.7) r.sendBytes(mutate(templates[0]!, next))
        else if (kind < 0.85) r.awareness(name, Uint8Array.from({ length: 40 }, () => Math.floor(next() * 256)))
        else r.sendBytes(Uint8Array.from({ length: 8 }, () => Math.floor(next() * 256)))
      }
      // the honest client keeps typing meanwhile
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(`Zeile ${batch}`)])
      honest.doc.getXmlFragment('narrative').insert(honest.doc.getXmlFragment('narrative').length, [p])
      await sleep(20)
      if (r.closed !== null) closedByServer++
      else r.close()
    }
    // Most sockets sent something the server had to refuse and were closed by it; the rest we closed.
    expect(closedByServer).toBeGreaterThan(sockets / 2)
    await whenSaved(honest, 'ehrlicher Client gespeichert', 10_000)
    const reader = openClient(server.url, name, editor.token)
    await whenSaved(reader)
    const text = reader.doc.getXmlFragment('narrative').toString()
    for (let batch = 0; batch < 80; batch++) expect(text).toContain(`Zeile ${batch}<`)
    expect(reader.doc.getXmlFragment('narrative').toString()).toBe(honest.doc.getXmlFragment('narrative').toString())
    honest.destroy()
    reader.destroy()
  }, 60_000)
})
