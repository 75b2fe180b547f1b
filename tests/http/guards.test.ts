import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'
import { DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from '../../db/seed/demo'
import { loginOverHttp, startServer, type RunningServer } from '../setup/server'

// Every route over real HTTP against the built server: who gets the page, who a 403, who the login page.

let server: RunningServer
const cookies: Record<string, string> = {}
const ROLE_ACCOUNTS = {
  commissioner: `beauftragte@${DEMO_DOMAIN}`,
  coordinator: `koordination@${DEMO_DOMAIN}`,
  editor: `ordnung@${DEMO_DOMAIN}`,
  participant: `forum@${DEMO_DOMAIN}`,
  viewer: `lesen@${DEMO_DOMAIN}`,
} as const
type Who = 'anonymous' | 'admin' | keyof typeof ROLE_ACCOUNTS

beforeAll(async () => {
  server = await startServer()
  const db = openDatabase(path.join(server.dataDir, 'zielwerk.sqlite'))
  await seedDemo(db)
  db.$client.close()
  cookies.admin = await loginOverHttp(server.url, server.admin)
  for (const [role, email] of Object.entries(ROLE_ACCOUNTS)) {
    cookies[role] = await loginOverHttp(server.url, { email, password: DEMO_PASSWORD })
  }
})

afterAll(async () => {
  await server?.stop()
})

function get(who: Who, pathname: string) {
  return fetch(server.url + pathname, { redirect: 'manual', headers: who === 'anonymous' ? {} : { Cookie: cookies[who]! } })
}

function post(who: Who, pathname: string, form: Record<string, string>, origin = server.url) {
  return fetch(server.url + pathname, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: origin,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(who === 'anonymous' ? {} : { Cookie: cookies[who]! }),
    },
    body: new URLSearchParams(form),
  })
}

const everyone: Who[] = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer']

const pages: { path: string; allowed: Who[] }[] = [
  { path: '/', allowed: everyone },
  { path: '/ziele/42', allowed: everyone },
  { path: '/massnahmen/1', allowed: everyone },
  { path: '/konto', allowed: everyone },
  { path: '/runden', allowed: ['admin', 'commissioner'] },
  { path: '/runden/2/fortschritt', allowed: ['admin', 'commissioner', 'coordinator'] },
  { path: '/aufgaben', allowed: everyone },
  { path: '/vergleich', allowed: everyone },
  { path: '/admin', allowed: ['admin'] },
  { path: '/admin/benutzer', allowed: ['admin'] },
  { path: '/admin/benutzer/1', allowed: ['admin'] },
  { path: '/admin/einheiten', allowed: ['admin'] },
  { path: '/admin/zuordnungen', allowed: ['admin'] },
  { path: '/admin/zuordnungen/vorlage.csv', allowed: ['admin'] },
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

  it('refuses a login form posted from a foreign page', async () => {
    const response = await post('anonymous', '/login', { email: server.admin.email, password: server.admin.password }, 'http://evil.example')
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie().join(';')).not.toContain('zw_session=')
  })
})

describe('login', () => {
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
