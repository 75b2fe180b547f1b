import type { onAuthenticatePayload } from '@hocuspocus/server'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { memberships } from '../../../db/schema'
import { invalidateUserSessions } from '../../auth/session'
import { CLOSE } from '../../../app/shared/live/close-codes'
import { agreedDocumentName, goalDocumentName, measureDocumentName } from '../../../app/shared/live/names'
import type { CollabContext } from '../types'
import { Auth } from './auth'
import { fakeConnection, testDb, userWithToken } from './test-fakes'

let world: ReturnType<typeof testDb>
let auth: Auth

beforeAll(() => {
  world = testDb()
  auth = new Auth({ db: world.db, maxDocumentsPerConnection: 3, maxAwarenessStateBytes: 200 })
})

function payload(documentName: string, token: string, socketKey = 's1', cookie?: string) {
  return {
    documentName,
    token,
    requestHeaders: new Headers(cookie ? { cookie } : {}),
    connectionConfig: { readOnly: false, isAuthenticated: false },
    context: { socketKey },
  } as unknown as onAuthenticatePayload
}

async function decide(documentName: string, token: string, socketKey = 's1') {
  const p = payload(documentName, token, socketKey)
  const context = await auth.onAuthenticate(p)
  return { readOnly: p.connectionConfig.readOnly, context }
}

describe('onAuthenticate', () => {
  test('a unit editor gets write access to his unit’s measure and read access to another unit’s', async () => {
    const editor = await userWithToken(world.db, 'editor', world.unitA)
    expect((await decide(measureDocumentName(world.openRound, world.measureA), editor.token, 'e1')).readOnly).toBe(false)
    expect((await decide(measureDocumentName(world.openRound, world.measureB), editor.token, 'e1')).readOnly).toBe(true)
    expect((await decide(agreedDocumentName(world.openRound, world.measureA), editor.token, 'e1')).readOnly).toBe(true)
  })

  test('the context carries user, session and the document’s subject', async () => {
    const editor = await userWithToken(world.db, 'editor', world.unitA)
    const { context } = await decide(measureDocumentName(world.openRound, world.measureA), editor.token, 'e2')
    expect(context).toMatchObject({ userId: editor.id, userName: editor.name, access: 'write', doc: { kind: 'measure', measureId: world.measureA, unitIds: [world.unitA] } })
  })

  test('a viewer reads, and nobody writes a closed round', async () => {
    const viewer = await userWithToken(world.db, 'viewer')
    const commissioner = await userWithToken(world.db, 'commissioner')
    expect((await decide(measureDocumentName(world.openRound, world.measureA), viewer.token, 'v')).readOnly).toBe(true)
    expect((await decide(measureDocumentName(world.openRound, world.measureA), commissioner.token, 'c')).readOnly).toBe(false)
    expect((await decide(goalDocumentName(world.closedRound, 1), commissioner.token, 'c')).readOnly).toBe(true)
  })

  test('the session cookie counts when there is no token', async () => {
    const editor = await userWithToken(world.db, 'editor', world.unitA)
    const p = payload(measureDocumentName(world.openRound, world.measureA), 'cookie', 'k', `a=b; zw_session=${editor.token}`)
    await expect(auth.onAuthenticate(p)).resolves.toMatchObject({ userId: editor.id })
  })

  test.each<[string, () => string, number]>([
    ['a name outside the scheme', () => 'round/x/measure/1', CLOSE.badName.code],
    ['an unknown measure', () => measureDocumentName(world.openRound, 99_999), CLOSE.notFound.code],
    ['an unknown round', () => measureDocumentName(4_242, world.measureA), CLOSE.notFound.code],
  ])('%s is refused', async (_what, name, code) => {
    const viewer = await userWithToken(world.db, 'viewer')
    await expect(auth.onAuthenticate(payload(name(), viewer.token, 'x'))).rejects.toMatchObject({ code })
  })

  test('no session, an ended session or a user without any role is refused', async () => {
    const name = measureDocumentName(world.openRound, world.measureA)
    await expect(auth.onAuthenticate(payload(name, ''))).rejects.toMatchObject({ code: CLOSE.unauthenticated.code })
    const ended = await userWithToken(world.db, 'editor', world.unitA)
    invalidateUserSessions(world.db, ended.id)
    await expect(auth.onAuthenticate(payload(name, ended.token))).rejects.toMatchObject({ code: CLOSE.unauthenticated.code })
    const nobody = await userWithToken(world.db, 'viewer')
    world.db.delete(memberships).where(eq(memberships.userId, nobody.id)).run()
    await expect(auth.onAuthenticate(payload(name, nobody.token))).rejects.toMatchObject({ code: CLOSE.forbidden.code })
  })

  test('one socket may open only so many documents; another socket may open its own', async () => {
    const viewer = await userWithToken(world.db, 'viewer')
    for (const goal of [1, 2, 3]) await decide(goalDocumentName(world.openRound, goal), viewer.token, 'many')
    // the same document again is no new document
    await decide(goalDocumentName(world.openRound, 1), viewer.token, 'many')
    await expect(auth.onAuthenticate(payload(goalDocumentName(world.openRound, 4), viewer.token, 'many'))).rejects.toMatchObject({ code: CLOSE.tooManyDocuments.code })
    await decide(goalDocumentName(world.openRound, 4), viewer.token, 'other')
    auth.forgetSocket('many')
    await decide(goalDocumentName(world.openRound, 4), viewer.token, 'many')
  })
})

describe('what read-only connections send', () => {
  test('their awareness states are dropped', async () => {
    const { connection } = fakeConnection({ readOnly: true })
    const states = new Map<number, Record<string, unknown>>([[1, { user: { name: 'x' } }]])
    await auth.beforeHandleAwareness({ connection, states, context: {} } as never)
    expect(states.size).toBe(0)
  })

  test('a writer’s oversized awareness closes the socket with 4413', async () => {
    const { connection, closed } = fakeConnection()
    const states = new Map<number, Record<string, unknown>>([[1, { blob: 'x'.repeat(500) }]])
    await expect(auth.beforeHandleAwareness({ connection, states, context: {} } as never)).rejects.toMatchObject({ code: 4413 })
    expect(closed).toEqual([{ code: 4413, reason: CLOSE.tooLarge.reason }])
  })

  test('a writer’s awareness carries his account name', async () => {
    const context = { userName: 'Echte Person', userId: 1, doc: {} }
    const { connection } = fakeConnection({ context })
    const states = new Map<number, Record<string, unknown>>([[1, { user: { name: 'Jemand anderes', color: '#000' } }]])
    await auth.beforeHandleAwareness({ connection, states, context } as never)
    expect(states.get(1)).toEqual({ user: { name: 'Echte Person', color: '#000' } })
  })

  test('their stateless messages stop before any later hook; a writer’s pass', async () => {
    await expect(auth.onStateless({ connection: fakeConnection({ readOnly: true }).connection } as never)).rejects.toThrow()
    await expect(auth.onStateless({ connection: fakeConnection().connection } as never)).resolves.toBeUndefined()
  })
})

describe('re-checking open connections', () => {
  async function connected(role: 'editor' | 'viewer', documentName: string) {
    const user = await userWithToken(world.db, role, role === 'editor' ? world.unitA : null)
    const context = (await decide(documentName, user.token, `r-${user.id}`)).context as Omit<CollabContext, 'socketKey'>
    const fake = fakeConnection({ context: { socketKey: `r-${user.id}`, ...context } })
    await auth.connected({ connection: fake.connection, context: fake.connection.context } as never)
    return { user, ...fake }
  }

  test('nothing changed: the connection stays', async () => {
    const { user, closed } = await connected('editor', measureDocumentName(world.openRound, world.measureA))
    expect(auth.reevaluate(user.id)).toBe(0)
    expect(closed).toEqual([])
  })

  test('an ended session closes with 4401', async () => {
    const { user, closed } = await connected('editor', measureDocumentName(world.openRound, world.measureA))
    invalidateUserSessions(world.db, user.id)
    expect(auth.reevaluate(user.id)).toBe(1)
    expect(closed[0]?.code).toBe(CLOSE.unauthenticated.code)
  })

  test('losing the unit’s assignment downgrades: the socket closes with 4410 to reconnect read-only', async () => {
    const { user, closed } = await connected('editor', measureDocumentName(world.openRound, world.measureA))
    world.db.update(memberships).set({ role: 'viewer' }).where(eq(memberships.userId, user.id)).run()
    auth.reevaluate(user.id)
    expect(closed[0]?.code).toBe(CLOSE.accessChanged.code)
  })

  test('a closed connection is forgotten', async () => {
    const { user, closed, fireClose } = await connected('viewer', measureDocumentName(world.openRound, world.measureA))
    fireClose()
    invalidateUserSessions(world.db, user.id)
    expect(auth.reevaluate(user.id)).toBe(0)
    expect(closed).toEqual([])
  })
})
