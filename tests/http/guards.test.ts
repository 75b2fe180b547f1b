import http from 'node:http'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../db/client'
import { notices, rounds, units, users } from '../../db/schema'
import { DEMO_PASSWORD } from '../../server/cli/demo'
import { demoRoundIds, loginEveryRole, ROLE_ACCOUNTS, startDemoServer, unitMeasures, withServerDb, type Role } from '../setup/demo'
import { addItems, closeMeeting, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { createForum } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { requestsAs } from '../setup/http'
import { loginOverHttp, type RunningServer } from '../setup/server'

// Every route over real HTTP against the built server: who gets the page, who a 403, who the login page.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  // Meeting 1 (ended, so it has minutes with the attendees) and forum 1, for the internal and the forum pages.
  withServerDb(server, (db) => {
    const meeting = createMeeting(db, { roundId: demoRoundIds(db).open, title: 'Jour fixe', date: '2026-12-03', time: null, location: '' }, 1)
    addItems(db, meeting, [{ measureId: unitMeasures(db, 'FD Ordnung')[0]!.id }])
    startMeeting(db, meeting)
    closeMeeting(db, meeting)
    const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
    createForum(db, { title: 'Forum', formatId, date: '2027-03-10', time: null, place: '', invitedBy: '', moderators: '', languages: [], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] }, null)
  })
})

afterAll(async () => {
  await server?.stop()
})

const { get, post } = requestsAs<Who>(() => server.url, cookies)

const everyone: Who[] = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer']
/** The internal pages (internal.read): every role but the forum participant's. */
const internal: Who[] = ['admin', 'commissioner', 'coordinator', 'editor', 'viewer']
/** Setting up and running forums (forum.manage). */
const forumStaff: Who[] = ['commissioner', 'coordinator']

const pages: { path: string; allowed: Who[] }[] = [
  { path: '/', allowed: everyone },
  { path: '/ziele/42', allowed: everyone },
  { path: '/massnahmen/1', allowed: everyone },
  { path: '/konto', allowed: everyone },
  { path: '/runden', allowed: ['admin', 'commissioner'] },
  { path: '/runden/2/fortschritt', allowed: ['admin', 'commissioner', 'coordinator'] },
  { path: '/runden/2/veroeffentlichung', allowed: ['commissioner'] },
  { path: '/runden/2/bericht', allowed: internal },
  { path: '/aufgaben', allowed: internal },
  { path: '/hinweise', allowed: everyone },
  { path: '/vergleich', allowed: internal },
  { path: '/sitzungen', allowed: internal },
  { path: '/sitzungen/1', allowed: internal },
  { path: '/sitzungen/1/protokoll', allowed: internal },
  { path: '/sitzungen/1/protokoll.docx', allowed: internal },
  { path: '/foren', allowed: forumStaff },
  { path: '/foren/listen', allowed: forumStaff },
  { path: '/foren/1', allowed: forumStaff },
  { path: '/foren/1/karten', allowed: forumStaff },
  { path: '/foren/1/abstimmungen', allowed: forumStaff },
  { path: '/foren/1/abstimmungen.csv', allowed: forumStaff },
  { path: '/foren/1/abstimmungen.xlsx', allowed: forumStaff },
  { path: '/foren/1/auswertung', allowed: forumStaff },
  { path: '/foren/1/fotos', allowed: forumStaff },
  { path: '/foren/1/druck', allowed: forumStaff },
  { path: '/foren/1/plenum/1', allowed: forumStaff },
  { path: '/foren/1/plakat/1/1', allowed: forumStaff },
  { path: '/admin', allowed: ['admin'] },
  { path: '/admin/benutzer', allowed: ['admin'] },
  { path: '/admin/benutzer/1', allowed: ['admin'] },
  { path: '/admin/einheiten', allowed: ['admin'] },
  { path: '/admin/zuordnungen', allowed: ['admin'] },
  { path: '/admin/zuordnungen/vorlage.csv', allowed: ['admin'] },
  { path: '/admin/texte', allowed: ['admin'] },
]

describe('route guards over HTTP', () => {
  for (const page of pages) {
    it(`sends an anonymous visitor of ${page.path} to the login page`, async () => {
      const response = await get('anonymous', page.path)
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toMatch(/^\/login/)
    })
    for (const who of everyone) {
      const allowed = page.allowed.includes(who)
      it(`${allowed ? 'shows' : 'refuses with 403'} ${page.path} to ${who}`, async () => {
        const response = await get(who, page.path)
        expect(response.status).toBe(allowed ? 200 : 403)
        await response.body?.cancel()
      })
    }
  }

  it('refuses a unit editor who posts to the user administration, and creates nobody', async () => {
    const response = await post('editor', '/admin/benutzer', {
      intent: 'create',
      name: 'Eindringling',
      email: 'eindringling@example.org',
      role: 'admin',
    })
    expect(response.status).toBe(403)
    const list = await (await get('admin', '/admin/benutzer')).text()
    expect(list).not.toContain('eindringling@example.org')
  })

  it('refuses a coordinator who tries to create a round', async () => {
    const response = await post('coordinator', '/runden', { intent: 'create', name: 'Runde vom Koordinator', period: '2027' })
    expect(response.status).toBe(403)
    const list = await (await get('admin', '/runden')).text()
    expect(list).not.toContain('Runde vom Koordinator')
  })

  it('answers an unknown or malformed measure id with 404 and a German message, and a known one with its page', async () => {
    for (const bad of ['999999', 'abc', '0', '1.5']) {
      const response = await get('viewer', `/massnahmen/${bad}`)
      expect(response.status, bad).toBe(404)
      expect(await response.text()).toContain(`Eine Maßnahme „${bad}“ gibt es im Konzept nicht.`)
    }
    const page = await (await get('viewer', '/massnahmen/1')).text()
    expect(page).toContain('Sachstand und Abstimmung je Berichtsrunde')
  })

  it('answers the live status stream only to logged-in users and rejects a bad round parameter', async () => {
    expect((await get('anonymous', '/live/status?runde=2')).status).toBe(302)
    const bad = await get('viewer', '/live/status?runde=abc')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('runde')
  })
})

describe('the report page over HTTP', () => {
  const cover = (roundId: number) => withServerDb(server, (db) => db.$client.prepare('select title, authors from report_covers where round_id = ?').get(roundId) as { title: string; authors: string } | undefined)
  const form = (title: string) => ({ intent: 'cover', title, standDate: '', 'author-0-name': 'Autorin', 'author-0-unit': 'Planung' })

  it("refuses a unit editor's and a viewer's cover with 403 and saves nothing", async () => {
    const round = withServerDb(server, (db) => demoRoundIds(db).open)
    for (const who of ['editor', 'viewer', 'admin'] as const) {
      const response = await post(who, `/runden/${round}/bericht`, form(`Titel von ${who}`))
      expect(response.status, who).toBe(403)
      await response.body?.cancel()
    }
    expect(cover(round)?.title ?? '').not.toMatch(/Titel von/)
  })

  it("saves a coordinator's cover of an open round, and refuses the commissioner's for a closed round", async () => {
    const { open, historical } = withServerDb(server, (db) => demoRoundIds(db))
    const saved = await post('coordinator', `/runden/${open}/bericht`, form('Bericht der Koordination'))
    expect(saved.status).toBe(200)
    await saved.body?.cancel()
    expect(cover(open)).toEqual({ title: 'Bericht der Koordination', authors: JSON.stringify([{ name: 'Autorin', unit: 'Planung' }]) })
    const closed = await post('commissioner', `/runden/${historical}/bericht`, form('Zu spät'))
    expect(closed.status).toBe(403)
    await closed.body?.cancel()
    expect(cover(historical)).toBeUndefined()
  })

  it('answers an unknown round with 404 and a bad date with 400 next to the field', async () => {
    const missing = await get('viewer', '/runden/99999/bericht')
    expect(missing.status).toBe(404)
    await missing.body?.cancel()
    const round = withServerDb(server, (db) => demoRoundIds(db).open)
    const bad = await post('commissioner', `/runden/${round}/bericht`, { ...form('x'), standDate: '31.05.2027' })
    expect(bad.status).toBe(400)
    await bad.body?.cancel()
  })
})

describe('reminders over HTTP', () => {
  /** Reads the server's database directly, as the server itself wrote it. */
  const query = <T>(read: (db: Db) => T): T => withServerDb(server, read)
  const ids = () =>
    query((db) => ({
      round: db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'open')).get()!.id,
      ordnung: db.select({ id: units.id }).from(units).where(eq(units.shortName, 'FD Ordnung')).get()!.id,
      editor: db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_ACCOUNTS.editor)).get()!.id,
    }))
  const remindersWith = (message: string) => query((db) => db.select({ id: notices.id, readAt: notices.readAt, userId: notices.userId }).from(notices).where(eq(notices.message, message)).all())

  for (const who of ['editor', 'viewer', 'participant', 'admin'] as const) {
    it(`refuses a reminder posted by ${who === 'admin' ? 'the administrator' : `a ${who}`} with 403 and writes no notice`, async () => {
      const { round, ordnung } = ids()
      const response = await post(who, `/runden/${round}/fortschritt`, { unitId: String(ordnung), message: `Von ${who}` })
      expect(response.status).toBe(403)
      const all = await post(who, `/runden/${round}/fortschritt`, { unitId: 'all', message: `Von ${who}` })
      expect(all.status).toBe(403)
      expect(remindersWith(`Von ${who}`)).toEqual([])
    })
  }

  it('lets the coordinator remind a unit; its editor reads it on /hinweise, and nobody else can mark it read', async () => {
    const { round, ordnung, editor } = ids()
    const response = await post('coordinator', `/runden/${round}/fortschritt`, { unitId: String(ordnung), message: 'Bitte bis Freitag.' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('1 Person erinnert (FD Ordnung). Nur in der App – ohne E-Mail: kein SMTP eingerichtet.')
    const [notice] = remindersWith('Bitte bis Freitag.')
    expect(notice).toMatchObject({ userId: editor, readAt: null })

    expect(await (await get('editor', '/hinweise')).text()).toContain('Bitte bis Freitag.')
    expect(await (await get('viewer', '/hinweise')).text()).not.toContain('Bitte bis Freitag.')
    const foreign = await post('viewer', '/hinweise', { intent: 'read', noticeId: String(notice!.id) })
    expect(foreign.status).toBe(400)
    expect(await foreign.text()).toContain('Diesen Hinweis gibt es nicht (mehr).')
    expect(remindersWith('Bitte bis Freitag.')[0]!.readAt).toBeNull()

    const own = await post('editor', '/hinweise', { intent: 'read', noticeId: String(notice!.id) })
    expect(own.status).toBe(200)
    expect(remindersWith('Bitte bis Freitag.')[0]!.readAt).not.toBeNull()
  })

  it('refuses a reminder with a German message for an unknown unit, a closed round and an over-long message', async () => {
    const { round, ordnung } = ids()
    const closed = query((db) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'closed')).get()!.id)
    const unknown = await post('coordinator', `/runden/${round}/fortschritt`, { unitId: '99999', message: 'Unbekannt' })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('Eine Organisationseinheit Nr. 99999 gibt es nicht.')
    const old = await post('coordinator', `/runden/${closed}/fortschritt`, { unitId: String(ordnung), message: 'Alt' })
    expect(old.status).toBe(400)
    expect(await old.text()).toContain('ist abgeschlossen: Erinnern lässt sich nur an eine offene Berichtsrunde.')
    const long = await post('coordinator', `/runden/${round}/fortschritt`, { unitId: String(ordnung), message: 'x'.repeat(1001) })
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('Die Nachricht darf höchstens 1000 Zeichen lang sein.')
    expect(query((db) => db.select({ id: notices.id }).from(notices).where(eq(notices.roundId, closed)).all())).toEqual([])
    expect([...remindersWith('Unbekannt'), ...remindersWith('Alt')]).toEqual([])
  })
})

describe('Origin check', () => {
  it('refuses a POST from a foreign Origin on a resource route', async () => {
    const response = await post('admin', '/admin/zuordnungen/vorlage.csv', {}, 'http://evil.example')
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('fremde Herkunft')
  })

  it('refuses a foreign logout and keeps the session alive', async () => {
    const response = await post('viewer', '/logout', {}, 'http://evil.example')
    expect(response.status).toBe(403)
    expect((await get('viewer', '/')).status).toBe(200)
  })

  it('trusts neither Host nor X-Forwarded-Host: a foreign Origin that names itself as Host is refused, for forms and WebSocket upgrades', async () => {
    const { port } = new URL(server.url)
    const send = (headers: Record<string, string>, method = 'POST', path = '/logout') =>
      new Promise<number>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, method, path, headers: { Cookie: cookies.viewer!, ...headers } }, (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        })
        request.on('upgrade', (response, socket) => {
          socket.destroy()
          resolve(response.statusCode ?? 101)
        })
        request.on('error', reject)
        request.end()
      })
    // DNS rebinding: the browser on evil.example talks to our port and sends its own name as Host and Origin.
    expect(await send({ Origin: 'http://evil.example', Host: 'evil.example' })).toBe(403)
    expect(await send({ Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' })).toBe(403)
    expect(await send({ Origin: `http://evil.example:${port}`, Host: `evil.example:${port}` })).toBe(403)
    const upgrade = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' }
    expect(await send({ ...upgrade, Origin: 'http://evil.example', Host: 'evil.example' }, 'GET', '/collab')).toBe(403)
    expect(await send({ ...upgrade, Origin: `http://127.0.0.1:${port}` }, 'GET', '/collab')).toBe(101)
    // The session survived all of it.
    expect((await get('viewer', '/')).status).toBe(200)
  })

  it('refuses a login form posted from a foreign page', async () => {
    const response = await post('anonymous', '/login', { email: server.admin.email, password: server.admin.password }, 'http://evil.example')
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie().join(';')).not.toContain('zw_session=')
  })
})

describe('login', () => {
  it('sends the user after login only to a path of this site: no tab, control character or backslash trick leaves it', async () => {
    const cookie = await loginOverHttp(server.url, server.admin)
    const tricks = ['/\t/evil.example/x', '/\n/evil.example', '/\\evil.example', '//evil.example/x', 'https://evil.example/x', ' /evil', '/\u0000/evil.example']
    for (const trick of tricks) {
      // A logged-in user opening /login is sent on at once (GET) …
      const again = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent(trick)}`, { redirect: 'manual', headers: { Cookie: cookie } })
      expect(again.status, trick).toBe(302)
      expect(again.headers.get('location'), trick).toBe('/')
      // … and the form without JavaScript (POST) too.
      const login = await post('anonymous', '/login', { email: server.admin.email, password: server.admin.password, redirectTo: trick })
      expect(login.status, trick).toBe(302)
      expect(login.headers.get('location'), trick).toBe('/')
    }
    const fine = await post('anonymous', '/login', { email: server.admin.email, password: server.admin.password, redirectTo: '/ziele/7?runde=2#m3' })
    expect(fine.headers.get('location')).toBe('/ziele/7?runde=2#m3')
  })

  it('rate-limits an account after five wrong passwords with a German message, even for the right password', async () => {
    const email = ROLE_ACCOUNTS.participant
    for (let i = 0; i < 5; i++) {
      const wrong = await post('anonymous', '/login', { email, password: 'falsch-falsch-falsch' })
      expect(await wrong.text()).toContain('E-Mail oder Passwort ist falsch.')
    }
    const blocked = await post('anonymous', '/login', { email, password: DEMO_PASSWORD })
    expect(blocked.status).toBe(200)
    expect(await blocked.text()).toContain('Zu viele Anmeldeversuche')
    expect(blocked.headers.getSetCookie().join(';')).not.toContain('zw_session=')
  })

  it('ends the session on logout', async () => {
    const cookie = await loginOverHttp(server.url, server.admin)
    const out = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: server.url } })
    expect(out.status).toBe(302)
    const after = await fetch(`${server.url}/`, { redirect: 'manual', headers: { Cookie: cookie } })
    expect(after.status).toBe(302)
  })
})

describe('the header', () => {
  it('names the account link by its person, so the admin sees "Verwaltung" once and "Konto: Administration", not two sections', async () => {
    const html = await (await get('admin', '/')).text()
    const link = /<a[^>]*data-testid="account-link"[^>]*>([^<]*)<\/a>/.exec(html)
    expect(link?.[1]).toBe('Konto: Administration')
    expect(html.match(/>Verwaltung</g)).toHaveLength(1)
  })
})

describe('headers and health', () => {
  it('sends a CSP with a script nonce, no framing, nosniff and a referrer policy', async () => {
    const response = await get('viewer', '/')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    const html = await response.text()
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    // every inline script carries the nonce
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
  })

  it('answers /healthz with 200 and JSON', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
  })
})
