import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { siteTexts } from '../../db/schema'
import { siteTextsComplete } from '../../server/services/site/texts'
import { loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// The accessibility statement and the privacy notice: readable by everybody, linked in every page's footer,
// kept by the administration with sensible defaults; empty texts block publishing.

type Who = 'admin' | Role
let server: RunningServer
const cookies: Record<string, string> = {}
const { get, post } = requestsAs<Who>(() => server.url, cookies)

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
})

afterAll(async () => {
  await server?.stop()
})

const rows = () => withServerDb(server, (db) => db.select().from(siteTexts).all())

describe('the site texts', () => {
  it('are readable without login, with the defaults: conformity, known gaps, feedback, the conciliation procedure', async () => {
    const statement = await (await get('anonymous', '/barrierefreiheit')).text()
    for (const part of ['Erklärung zur Barrierefreiheit', 'Stand der Vereinbarkeit', 'WCAG', 'BITV 2.0', 'Nicht barrierefreie Inhalte', 'Feedback und Kontakt', 'Schlichtungsverfahren']) {
      expect(statement, part).toContain(part)
    }
    const privacy = await get('anonymous', '/datenschutz')
    expect(privacy.status).toBe(200)
    expect(await privacy.text()).toContain('Ihre Rechte')
  })

  it('are linked in the footer of every page, logged in or not', async () => {
    for (const [who, path] of [['anonymous', '/login'], ['viewer', '/'], ['admin', '/admin'], ['anonymous', '/mitmachen']] as const) {
      const html = await (await get(who, path)).text()
      expect(html, path).toMatch(/<footer[\s\S]*href="\/barrierefreiheit"[\s\S]*href="\/datenschutz"[\s\S]*<\/footer>/)
    }
  })

  it('are kept by the administration: a saved text shows at once, an emptied one blocks publishing, a reset brings the default back', async () => {
    const saved = await post('admin', '/admin/texte', { intent: 'save', key: 'accessibility', language: 'de', body: 'Eigene Erklärung.\n\n## Kontakt\n- barrierefreiheit@lkos.de' })
    expect(saved.status).toBe(200)
    const statement = await (await get('anonymous', '/barrierefreiheit')).text()
    expect(statement).toContain('Eigene Erklärung.')
    expect(statement).toContain('<li>barrierefreiheit@lkos.de</li>')
    expect(statement).not.toContain('Schlichtungsverfahren')
    expect(withServerDb(server, siteTextsComplete)).toBe(true)

    await post('admin', '/admin/texte', { intent: 'save', key: 'privacy', language: 'de', body: '   ' })
    expect(withServerDb(server, siteTextsComplete)).toBe(false)
    expect(await (await get('admin', '/admin/texte')).text()).toContain('leer – nichts kann veröffentlicht werden')

    for (const key of ['accessibility', 'privacy']) await post('admin', '/admin/texte', { intent: 'reset', key, language: 'de' })
    expect(rows()).toEqual([])
    expect(withServerDb(server, siteTextsComplete)).toBe(true)
    expect(await (await get('anonymous', '/barrierefreiheit')).text()).toContain('Schlichtungsverfahren')
  })

  it('refuse everybody but the admin, and bad input changes nothing', async () => {
    for (const who of ['commissioner', 'coordinator', 'editor', 'viewer', 'participant'] as const) {
      const response = await post(who, '/admin/texte', { intent: 'save', key: 'privacy', language: 'de', body: 'Übernommen' })
      expect(response.status, who).toBe(403)
    }
    const bad: Record<string, string>[] = [
      { intent: 'save', key: 'impressum', language: 'de', body: 'x' },
      { intent: 'save', key: 'privacy', language: 'fr', body: 'x' },
      { intent: 'save', key: 'privacy', language: 'de', body: 'x'.repeat(20_001) },
      { intent: 'loeschen', key: 'privacy', language: 'de' },
    ]
    for (const form of bad) {
      const response = await post('admin', '/admin/texte', form)
      expect(response.status, JSON.stringify(form).slice(0, 60)).toBe(400)
    }
    expect(rows()).toEqual([])
    expect(withServerDb(server, (db) => db.select().from(siteTexts).where(eq(siteTexts.key, 'privacy')).all())).toEqual([])
  })
})
