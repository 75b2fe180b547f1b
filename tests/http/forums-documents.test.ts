import { eq } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forums } from '../../db/schema'
import { finishedConference, FIXTURE, type ForumFixture } from '../../server/exports/forum-fixture'
import { loginEveryRole, openServerDatabase, startDemoServer, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// The forum's documents over real HTTP against the built server (the export worker and Chromium as in production):
// who gets them (the staff who run forums), who does not (a forum session, a viewer, a unit editor, a forum
// participant's account, the administration), unknown forums and files, the links on the forum page, and the
// report's participation annex by its query parameter.

let server: RunningServer
let fixture: ForumFixture
const cookies: Record<string, string> = {}
type Who = 'admin' | Role
const { get, post } = requestsAs<Who>(() => server.url, cookies)
const FILES = ['druck.pdf', 'dokumentation.docx', 'dokumentation.pdf'] as const

beforeAll(async () => {
  server = await startDemoServer()
  const db = openServerDatabase(server)
  try {
    fixture = await finishedConference(db)
    // Reopened, so that a participant can join and hold a forum session (personal codes: a seat's code).
    db.update(forums).set({ state: 'open', closedAt: null }).where(eq(forums.id, fixture.forumId)).run()
  } finally {
    db.$client.close()
  }
  Object.assign(cookies, await loginEveryRole(server))
})

afterAll(async () => {
  await server?.stop()
})

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer())
const startsWith = (bytes: Uint8Array, magic: string) => Buffer.from(bytes.subarray(0, magic.length)).toString('latin1') === magic

describe('the forum documents over HTTP', () => {
  it('are one click from the forum page, and the print page links its PDF', async () => {
    const page = await (await get('coordinator', `/foren/${fixture.forumId}`)).text()
    for (const file of FILES) expect(page, file).toContain(`href="/foren/${fixture.forumId}/${file}"`)
    const print = await (await get('coordinator', `/foren/${fixture.forumId}/druck`)).text()
    expect(print).toContain(`href="/foren/${fixture.forumId}/druck.pdf"`)
    expect(print.match(/data-testid="seat-card"/g)).toHaveLength(24)
  })

  it('sends the commissioner and coordinators each file with its type and a file name through download()', async () => {
    const expected = { 'druck.pdf': ['application/pdf', '%PDF', 'Codes%20Integrationskonferenz%20Gr%C3%B6%C3%9Fe'], 'dokumentation.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK', 'Forumsdokumentation%20Integrationskonferenz%20Gr%C3%B6%C3%9Fe'], 'dokumentation.pdf': ['application/pdf', '%PDF', 'Forumsdokumentation%20Integrationskonferenz'] } as const
    for (const who of ['commissioner', 'coordinator'] as const) {
      for (const file of FILES) {
        const response = await get(who, `/foren/${fixture.forumId}/${file}`)
        expect(response.status, `${who} ${file}`).toBe(200)
        const [type, magic, name] = expected[file]
        expect(response.headers.get('content-type')).toBe(type)
        expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${name}`)
        expect(response.headers.get('cache-control')).toBe('private, no-store')
        const body = await bytesOf(response)
        expect(startsWith(body, magic), file).toBe(true)
        if (file === 'dokumentation.docx') expect(strFromU8(unzipSync(body)['word/document.xml']!)).toContain(FIXTURE.cards.ukrainian)
      }
    }
  })

  it('refuses a viewer, a unit editor, a forum participant’s account and the administration with 403', async () => {
    for (const who of ['viewer', 'editor', 'participant', 'admin', 'statistics'] as const) {
      for (const file of FILES) {
        const response = await get(who, `/foren/${fixture.forumId}/${file}`)
        expect(response.status, `${who} ${file}`).toBe(403)
        expect(response.headers.get('content-type') ?? '', `${who} ${file}`).not.toMatch(/pdf|wordprocessingml/)
        await response.body?.cancel()
      }
    }
  })

  it('gives a forum session nothing: the participant cookie is no staff login', async () => {
    const join = await post('anonymous', '/mitmachen', { code: fixture.seatCodes[0]! })
    expect(join.status, await join.clone().text()).toBe(302)
    const session = join.headers.getSetCookie().find((c) => c.startsWith('zw_forum='))!.split(';')[0]!
    for (const file of FILES) {
      const response = await fetch(`${server.url}/foren/${fixture.forumId}/${file}`, { redirect: 'manual', headers: { Cookie: session } })
      // Not the file: anybody without a staff session is sent to the login.
      expect(response.status, file).toBe(302)
      expect(response.headers.get('location'), file).toMatch(/^\/login/)
    }
  })

  it('answers an unknown forum and an unknown file with 404, saying why', async () => {
    for (const file of FILES) {
      const response = await get('coordinator', `/foren/999999/${file}`)
      expect(response.status, file).toBe(404)
      await response.body?.cancel()
    }
    const unknown = await get('coordinator', `/foren/${fixture.forumId}/dokumentation.odt`)
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('Die Datei „dokumentation.odt“ gibt es nicht.')
    expect((await get('coordinator', `/foren/abc/druck.pdf`)).status).toBe(404)
  })
})

describe('the report’s participation annex over HTTP', () => {
  it('is in the report with ?beteiligung=ja, not without, and a bad value is a 400', async () => {
    const withAnnex = await get('commissioner', `/runden/${fixture.roundId}/bericht.docx?beteiligung=ja&feld=1`)
    expect(withAnnex.status).toBe(200)
    const xml = strFromU8(unzipSync(await bytesOf(withAnnex))['word/document.xml']!)
    expect(xml).toContain('Anlage: Beteiligung')
    expect(xml).toContain(FIXTURE.title.replace('&', '&amp;'))
    const without = strFromU8(unzipSync(await bytesOf(await get('commissioner', `/runden/${fixture.roundId}/bericht.docx?feld=1`)))['word/document.xml']!)
    expect(without).not.toContain('Anlage: Beteiligung')
    const pdf = await get('coordinator', `/runden/${fixture.roundId}/bericht.pdf?beteiligung=ja&feld=1`)
    expect(pdf.status).toBe(200)
    expect(startsWith(await bytesOf(pdf), '%PDF')).toBe(true)
    const bad = await get('commissioner', `/runden/${fixture.roundId}/bericht.pdf?beteiligung=vielleicht`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Ungültiger Wert für „beteiligung“: „vielleicht“.')
    expect((await get('viewer', `/runden/${fixture.roundId}/bericht.docx?beteiligung=ja`)).status).toBe(403)
  })
})
