import { Document } from '@hocuspocus/server'
import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CLOSE } from '../../../app/shared/live/close-codes'
import { resolveDocument, type RoundDocumentMeta } from '../documents'
import { measureDocumentName, parseDocumentName } from '../../../app/shared/live/names'
import { DEFAULT_LIMITS } from '../schema'
import { Admission } from './admission'
import { fakeConnection, testDb } from './test-fakes'

let world: ReturnType<typeof testDb>

beforeAll(() => {
  world = testDb()
})

function setup(options: { readOnly?: boolean; access?: 'read' | 'write'; poisoned?: boolean; roundState?: 'closed' } = {}) {
  const name = measureDocumentName(world.openRound, world.measureA)
  const resolved = resolveDocument(world.db, parseDocumentName(name)!)! as RoundDocumentMeta
  const doc = { ...resolved, roundState: options.roundState ?? resolved.roundState }
  const context = { socketKey: 's', userId: 7, userName: 'x', sessionId: 'y', doc, access: options.access ?? 'write' }
  const admission = new Admission({ db: world.db, limits: DEFAULT_LIMITS, isPoisoned: () => options.poisoned ?? false })
  const document = new Document(name)
  document.getMap('status').set('attainment', 'medium')
  const fake = fakeConnection({ readOnly: options.readOnly, context })
  const sync = (update: Uint8Array, type = 2) =>
    admission.beforeSync({ connection: fake.connection, document, type, payload: update, context, documentName: name, clientsCount: 1 } as never)
  const after = () => admission.afterHandleMessage({ connection: fake.connection } as never)
  return { admission, document, sync, after, ...fake }
}

function updateOn(base: Y.Doc, change: (doc: Y.Doc) => void) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const sv = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, sv)
}

describe('admission against a fake connection', () => {
  test('a good update passes and the document is not touched by the check itself', async () => {
    const { document, sync, after, closed } = setup()
    const before = Y.encodeStateAsUpdate(document)
    await sync(updateOn(document, (d) => d.getMap('status').set('attainment', 'high')))
    await after()
    expect(closed).toEqual([])
    expect(Y.encodeStateAsUpdate(document)).toEqual(before)
  })

  test('a bad update throws the close code, closes the socket and leaves the document as it was', async () => {
    const { document, sync, after, closed } = setup()
    const before = Y.encodeStateAsUpdate(document)
    await expect(sync(updateOn(document, (d) => d.getMap('status').set('attainment', 'purple')))).rejects.toMatchObject({ code: 4422, reason: CLOSE.rejected.reason })
    await after()
    expect(closed).toEqual([{ code: 4422, reason: CLOSE.rejected.reason }])
    expect(Y.encodeStateAsUpdate(document)).toEqual(before)
    expect(document.getMap('status').get('attainment')).toBe('medium')
  })

  test('sync step 1 (a state vector) is not an update and is not checked', async () => {
    const { sync, closed } = setup()
    await sync(new Uint8Array([1, 2, 3]), 0)
    expect(closed).toEqual([])
  })

  test('a read-only connection is left to Hocuspocus, which does not apply its updates', async () => {
    const { sync, closed } = setup({ readOnly: true })
    await sync(new Uint8Array([9, 9, 9]))
    expect(closed).toEqual([])
  })

  test('a connection whose context has no write access is refused even if not marked read-only', async () => {
    const { document, sync } = setup({ access: 'read' })
    await expect(sync(updateOn(document, (d) => d.getMap('status').set('routine', true)))).rejects.toMatchObject({ code: CLOSE.forbidden.code })
  })

  test('a document whose storing failed accepts nothing until it is reloaded', async () => {
    const { document, sync } = setup({ poisoned: true })
    await expect(sync(updateOn(document, (d) => d.getMap('status').set('routine', true)))).rejects.toMatchObject({ code: CLOSE.storeFailed.code })
  })

  test('an update on a connection made while the round was closed is refused with 4423', async () => {
    const { document, sync } = setup({ roundState: 'closed' })
    await expect(sync(updateOn(document, (d) => d.getMap('status').set('routine', true)))).rejects.toMatchObject({ code: CLOSE.roundClosed.code })
  })

  test('an update whose dependency is missing is refused with 4422 (unknown state) and leaves the document as it was', async () => {
    const { document, sync, after, closed } = setup()
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(document))
    client.getMap('status').set('routine', true)
    const sv1 = Y.encodeStateVector(client)
    client.getMap('status').set('attainment', 'purple')
    const second = Y.encodeStateAsUpdate(client, sv1) // depends on the first, which the server never got
    const before = Y.encodeStateAsUpdate(document)
    await expect(sync(second)).rejects.toMatchObject({ code: CLOSE.unknownState.code })
    await after()
    expect(closed).toEqual([{ code: CLOSE.unknownState.code, reason: CLOSE.unknownState.reason }])
    expect(Y.encodeStateAsUpdate(document)).toEqual(before)
  })

  test('once the missing update arrives first, both pass in order and bad content in the second is still checked', async () => {
    const { document, sync, after } = setup()
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(document))
    const sv1 = Y.encodeStateVector(client)
    client.getMap('status').set('routine', true)
    const first = Y.encodeStateAsUpdate(client, sv1)
    const sv2 = Y.encodeStateVector(client)
    client.getMap('status').set('attainment', 'purple')
    const bad = Y.encodeStateAsUpdate(client, sv2)
    await sync(first)
    Y.applyUpdate(document, first, { source: 'connection', connection: null })
    await after()
    await expect(sync(bad)).rejects.toMatchObject({ code: CLOSE.rejected.code })
    await after()
    expect(document.getMap('status').get('routine')).toBe(true)
    expect(document.getMap('status').get('attainment')).toBe('medium')
  })

  test('a second update of the same document waits until the first one was handled', async () => {
    const { document, sync, after } = setup()
    const update = updateOn(document, (d) => d.getMap('status').set('routine', true))
    await sync(update)
    let second = false
    const waiting = sync(update).then(() => {
      second = true
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(second).toBe(false)
    await after()
    await waiting
    expect(second).toBe(true)
    await after()
  })
})
