import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roundPublicationLog, roundPublications } from '../../db/schema'
import { resetSiteText, saveSiteText } from '../../server/services/site/texts'
import { demoRoundIds, loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// Publishing over real HTTP: who may publish and withdraw, what is refused (and that nothing changed), and that the
// public pages and files answer exactly while the round is published, to everybody, and nothing else opens up.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
const ids = { open: 0, closed: 0 }

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  withServerDb(server, (db) => {
    const rounds = demoRoundIds(db)
    ids.open = rounds.open
    ids.closed = rounds.historical
  })
})

afterAll(async () => {
  await server?.stop()
})

const { get, post } = requestsAs<Who>(() => server.url, cookies)
const log = () => withServerDb(server, (db) => db.select({ roundId: roundPublicationLog.roundId, action: roundPublicationLog.action }).from(roundPublicationLog).all())
const publications = () => withServerDb(server, (db) => db.select().from(roundPublications).all())
const publicPaths = (id: number) => [
  `/veroeffentlicht/runden/${id}`,
  `/veroeffentlicht/runden/${id}/bericht`,
  ...['docx', 'xlsx', 'csv'].map((f) => `/veroeffentlicht/runden/${id}/uebersicht.${f}`),
  `/veroeffentlicht/runden/${id}/bericht.docx`,
]
const page = (id: number) => `/runden/${id}/veroeffentlichung`

describe('publishing a round over HTTP', () => {
  it('shows the publication page to the commissioner only; others get 403, a logged-out visitor the login page', async () => {
    expect((await get('commissioner', page(ids.closed))).status).toBe(200)
    for (const who of ['admin', 'coordinator', 'editor', 'participant', 'viewer'] as const) {
      const response = await get(who, page(ids.closed))
      expect(response.status, who).toBe(403)
      await response.body?.cancel()
    }
    const anonymous = await get('anonymous', page(ids.closed))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login/)
  })

  it('answers an unknown round with 404 and a German message, before anything is written', async () => {
    const response = await get('commissioner', page(99999))
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Eine Berichtsrunde „99999“ gibt es nicht.')
    expect((await post('commissioner', page(99999), { intent: 'publish' })).status).toBe(404)
    expect(publications()).toEqual([])
  })

  it('refuses every role but the commissioner with 403, and publishes nothing', async () => {
    for (const who of ['admin', 'coordinator', 'editor', 'participant', 'viewer'] as const) {
      const response = await post(who, page(ids.closed), { intent: 'publish' })
      expect(response.status, who).toBe(403)
      await response.body?.cancel()
    }
    expect((await post('anonymous', page(ids.closed), { intent: 'publish' })).status).toBe(302)
    expect(publications()).toEqual([])
    expect(log()).toEqual([])
  })

  it('refuses to publish an open round with a German message, and changes nothing', async () => {
    const response = await post('commissioner', page(ids.open), { intent: 'publish' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('ist noch nicht abgeschlossen: Veröffentlichen lässt sich nur eine abgeschlossene Berichtsrunde. Es wurde nichts veröffentlicht.')
    expect(publications()).toEqual([])
  })

  it('refuses while the privacy notice is empty, says so with a link to the site texts, and changes nothing', async () => {
    withServerDb(server, (db) => saveSiteText(db, { key: 'privacy', language: 'de', body: '' }, 1))
    try {
      const refused = await post('commissioner', page(ids.closed), { intent: 'publish' })
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain('„Datenschutz“ ist leer: Solange ein Text der Website fehlt, lässt sich nichts veröffentlichen')
      const shown = await (await get('commissioner', page(ids.closed))).text()
      expect(shown).toContain('„Datenschutz“ ist leer.')
      expect(shown).toContain('href="/admin/texte"')
      expect(publications()).toEqual([])
    } finally {
      withServerDb(server, (db) => resetSiteText(db, 'privacy', 'de'))
    }
  })

  it('keeps an unpublished round off the public pages: 404 with a German page, nothing listed', async () => {
    for (const path of publicPaths(ids.closed)) {
      const response = await get('anonymous', path)
      expect(response.status, path).toBe(404)
      expect(await response.text(), path).toContain('Sie wurde nie veröffentlicht oder die Veröffentlichung wurde zurückgezogen.')
    }
    const list = await get('anonymous', '/veroeffentlicht')
    expect(list.status).toBe(200)
    expect(await list.text()).toContain('Zurzeit ist keine Berichtsrunde veröffentlicht.')
  })

  it('publishes the closed round: the overview, the report and the files are readable without login, the log says so', async () => {
    const response = await post('commissioner', page(ids.closed), { intent: 'publish' })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('ist veröffentlicht.')
    expect(html).toContain(`/veroeffentlicht/runden/${ids.closed}`)
    expect(log()).toEqual([{ roundId: ids.closed, action: 'publish' }])

    const list = await (await get('anonymous', '/veroeffentlicht')).text()
    expect(list).toContain(`href="/veroeffentlicht/runden/${ids.closed}/bericht"`)
    const overview = await get('anonymous', `/veroeffentlicht/runden/${ids.closed}`)
    expect(overview.status).toBe(200)
    const overviewHtml = await overview.text()
    expect(overviewHtml).toContain('Bewertungsschema')
    expect(overviewHtml).toContain('Herausforderung &amp; Zielbeschreibung')
    expect(overviewHtml.match(/class="goal-number"/g)).toHaveLength(89)
    expect(overviewHtml).toContain('href="/datenschutz"')
    expect(overviewHtml).toContain('href="/barrierefreiheit"')
    const report = await (await get('anonymous', `/veroeffentlicht/runden/${ids.closed}/bericht`)).text()
    for (const part of ['Inhalt', '1 Einleitung', '2 Prozessansatz und Evaluationsmethodik', '4 Fazit', 'Anlage']) expect(report, part).toContain(part)

    const csv = await get('anonymous', `/veroeffentlicht/runden/${ids.closed}/uebersicht.csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toContain('attachment')
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    for (const path of publicPaths(ids.closed)) {
      const response = await get('anonymous', path)
      expect(response.status, path).toBe(200)
      await response.body?.cancel()
    }
    const pdf = await get('anonymous', `/veroeffentlicht/runden/${ids.closed}/uebersicht.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await get('anonymous', `/veroeffentlicht/runden/${ids.closed}/bericht.xlsx`)).status).toBe(404)
  })

  it('opens nothing else: internal pages and exports stay behind login, for a participant too, and an open round stays unpublished', async () => {
    for (const path of [`/runden/${ids.closed}/uebersicht.csv`, `/runden/${ids.closed}/bericht.docx`, '/', `/ziele/1?runde=${ids.closed}`, '/runden']) {
      const response = await get('anonymous', path)
      expect(response.status, path).toBe(302)
      expect(response.headers.get('location'), path).toMatch(/^\/login/)
    }
    expect((await get('participant', `/runden/${ids.closed}/uebersicht.csv`)).status).toBe(403)
    expect((await get('participant', `/veroeffentlicht/runden/${ids.closed}`)).status).toBe(200)
    for (const path of publicPaths(ids.open)) expect((await get('anonymous', path)).status, path).toBe(404)
  })

  it('withdraws the publication: logged, the public pages and files answer 404, the list is empty again', async () => {
    for (const who of ['admin', 'coordinator', 'viewer'] as const) expect((await post(who, page(ids.closed), { intent: 'withdraw' })).status, who).toBe(403)
    const response = await post('commissioner', page(ids.closed), { intent: 'withdraw' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('ist zurückgezogen.')
    expect(log()).toEqual([
      { roundId: ids.closed, action: 'publish' },
      { roundId: ids.closed, action: 'withdraw' },
    ])
    for (const path of publicPaths(ids.closed)) expect((await get('anonymous', path)).status, path).toBe(404)
    expect(await (await get('anonymous', '/veroeffentlicht')).text()).toContain('Zurzeit ist keine Berichtsrunde veröffentlicht.')
    const again = await post('commissioner', page(ids.closed), { intent: 'withdraw' })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('ist nicht veröffentlicht: Es gibt nichts zurückzuziehen.')
    const shown = await (await get('commissioner', page(ids.closed))).text()
    expect(shown).toContain('zurückgezogen am')
  })
})
