import net from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { forumFeedback } from '../../db/schema'
import { createForum, deleteTable, openForum, tablesOf } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { phasesOf, setPhaseState } from '../../server/services/forums/phases'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, type BrowserErrors, hydrated } from '../setup/browser'
import { loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import { freePort, type RunningServer } from '../setup/server'

// Live table posters (forums, phase B) on phones: three participants (one in Arabic, right to left) at two tables,
// cards that appear at once for the others at the table and not at the other table, one phone offline and back
// (its card waits in IndexedDB and arrives once), the plenary view showing them all from the projection, the
// Tischpate's tablet page, axe on every poster page, and screenshots in German and Arabic.

const PHONE = { width: 390, height: 844 }
const eventually = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout })

let server: RunningServer
let relay: Relay
const cookies: Record<string, string> = {}
const world = { forumId: 0, phaseId: 0, tables: [] as number[], code: '' }

/**
 * A TCP relay in front of the server, so that one phone's network really goes away (as tests/e2e/live.test.ts
 * explains: Chromium's setOffline alone keeps an open WebSocket). `cut()` drops and refuses connections.
 */
class Relay {
  private open = true
  target = 0
  private readonly sockets = new Set<net.Socket>()
  private constructor(private readonly server: net.Server, readonly url: string) {}

  static async start(): Promise<Relay> {
    let self: Relay | undefined
    const server = net.createServer((client) => {
      const relay = self!
      if (!relay.open) return void client.destroy()
      const upstream = net.connect(relay.target, '127.0.0.1')
      for (const s of [client, upstream]) {
        relay.sockets.add(s)
        s.on('close', () => relay.sockets.delete(s))
      }
      const end = () => {
        client.destroy()
        upstream.destroy()
      }
      client.pipe(upstream)
      upstream.pipe(client)
      for (const s of [client, upstream]) {
        s.on('close', end)
        s.on('error', end)
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    self = new Relay(server, `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`)
    return self
  }

  cut() {
    this.open = false
    for (const s of this.sockets) s.destroy()
  }

  restore() {
    this.open = true
  }

  stop(): Promise<void> {
    this.cut()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

test.beforeAll(async () => {
  relay = await Relay.start()
  const port = await freePort()
  server = await startDemoServer({ port, env: { ZIELWERK_ORIGIN: `http://localhost:${port},http://127.0.0.1:${port},${relay.url}` } })
  relay.target = port
  Object.assign(cookies, await loginDemoUsers(server.url, ['koordination']))
  withServerDb(server, (db) => {
    const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
    world.forumId = createForum(db, { title: 'Integrationskonferenz Plakate 2027', formatId, date: '2027-03-10', time: '09:30', place: 'Kreishaus', invitedBy: 'Landkreis Osnabrück', moderators: '', languages: ['ar', 'uk'], interpreting: '', materialUrl: '', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] }, null)
    for (const table of tablesOf(db, world.forumId).slice(3)) deleteTable(db, world.forumId, table.id)
    world.tables = tablesOf(db, world.forumId).map((t) => t.id)
    openForum(db, world.forumId)
    world.phaseId = phasesOf(db, world.forumId)[0]!.id
    setPhaseState(db, world.forumId, world.phaseId, 'open')
    world.code = (db.$client.prepare('select code from forums where id = ?').get(world.forumId) as { code: string }).code
  })
})

test.afterAll(async () => {
  await relay?.stop()
  await server?.stop()
})

async function phone(browser: Browser, errors: BrowserErrors, label: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: PHONE, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const record = (errors as BrowserErrors & { record: (m: string) => void }).record
  page.setDefaultTimeout(10_000)
  page.on('console', (m) => {
    if (m.type() === 'error') record(`[${label}] console.error: ${m.text()} [Seite ${page.url()}]`)
  })
  page.on('pageerror', (e) => record(`[${label}] Seitenfehler: ${e.message} [Seite ${page.url()}]`))
  return { context, page }
}

/** Joins with the forum's code on the start page, takes a seat, and opens the table's poster. */
async function join(page: Page, base: string, name: string, language: string, tableIndex: number) {
  await page.goto(`${base}/mitmachen?code=${world.code}`)
  await hydrated(page)
  if (language !== 'de') {
    await page.locator('#participant-language').selectOption(language)
    await page.locator('form[action="/mitmachen/sprache"] button').click()
    await eventually(() => page.locator('html').getAttribute('lang')).toBe(language)
  }
  await page.locator('input[name="name"]').fill(name)
  await page.locator('section[aria-labelledby="start-title"] form button[type="submit"]').click()
  await page.waitForURL(`${base}/mitmachen/forum`)
  await page.locator('select[name="tableId"]').selectOption(String(world.tables[tableIndex]))
  await page.locator('form:has(input[name="intent"][value="sit"]) button[type="submit"]').click()
  await page.getByTestId('own-table').waitFor()
  await page.getByTestId('open-poster').click()
  await page.waitForURL(`${base}/mitmachen/plakat`)
  await page.locator('[data-save-state="saved"]').waitFor()
}

async function addCard(page: Page, text: string) {
  await page.locator('textarea[name="text"]').fill(text)
  await page.locator('section[aria-labelledby="poster-new"] button[type="submit"]').click()
}

const cardTexts = (page: Page) => page.getByTestId('poster-card').locator('p[dir="auto"]').allTextContents()

test('three phones at two tables post cards live, one offline and back; the plenary and the Tischpate’s tablet show them', async ({ page, context, browser, browserErrors }) => {
  const relayHost = new URL(relay.url).host
  browserErrors.allow(new RegExp(`WebSocket connection to 'ws://${relayHost.replace('.', '\\.')}/mitmachen/collab' failed`))
  browserErrors.allow(/net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE)/)
  const amal = await phone(browser, browserErrors, 'amal')
  const bodo = await phone(browser, browserErrors, 'bodo')
  const olena = await phone(browser, browserErrors, 'olena')
  try {
    await join(amal.page, server.url, 'Amal', 'ar', 0)
    // Bodo's phone reaches the server through the relay, whose network is cut below.
    await join(bodo.page, relay.url, 'Bodo', 'de', 0)
    await join(olena.page, server.url, 'Olena', 'uk', 1)
    expect(await amal.page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await amal.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

    // Amal's card (Arabic) appears on Bodo's phone at the same table, not on Olena's at the other one.
    const arabic = 'نحتاج إلى دورات لغة في المساء'
    await addCard(amal.page, arabic)
    await eventually(() => cardTexts(bodo.page)).toContain(arabic)
    await amal.page.locator('[data-save-state="saved"]').waitFor()
    expect(await amal.page.getByTestId('poster-card').first().locator('p[dir="auto"]').getAttribute('lang')).toBe('ar')
    const ukrainian = 'Більше місць у дитсадках'
    await addCard(olena.page, ukrainian)
    await olena.page.locator('[data-save-state="saved"]').waitFor()
    await amal.page.waitForTimeout(500)
    expect(await cardTexts(amal.page)).not.toContain(ukrainian)

    // The projector's plenary, open from here on, shows the two cards from the projection.
    await addSessionCookie(context, server.url, cookies.koordination!)
    await page.goto(`${server.url}/foren/${world.forumId}/plenum/${world.phaseId}`)
    await eventually(() => page.getByTestId('plenary').getAttribute('data-cards')).toBe('2')

    // Bodo's network goes away: his card stays on the phone, the save state says so, nobody else has it yet.
    relay.cut()
    await bodo.context.setOffline(true)
    await bodo.page.locator('[data-save-state="offline"]').waitFor({ timeout: 15_000 })
    const offline = 'Offline geschrieben: Sprechstunde auch samstags'
    await addCard(bodo.page, offline)
    await eventually(() => cardTexts(bodo.page)).toContain(offline)
    expect(await bodo.page.locator('[data-save-state]').getAttribute('data-save-state')).toBe('offline')
    await amal.page.waitForTimeout(1_500)
    expect(await cardTexts(amal.page)).not.toContain(offline)

    // Back online: the card arrives once, and "Gespeichert" is true again.
    relay.restore()
    await bodo.context.setOffline(false)
    await bodo.page.locator('[data-save-state="saved"]').waitFor({ timeout: 20_000 })
    await eventually(() => cardTexts(amal.page), 15_000).toContain(offline)
    expect((await cardTexts(amal.page)).filter((t) => t === offline)).toHaveLength(1)
    const rows = withServerDb(server, (db) => db.select({ text: forumFeedback.text, source: forumFeedback.source }).from(forumFeedback).all())
    expect(rows.filter((r) => r.source === 'poster').map((r) => r.text).sort()).toEqual([arabic, ukrainian, offline].sort())

    for (const p of [amal.page, bodo.page, olena.page]) await expectNoAxeViolations(p)
    await amal.page.screenshot({ path: '/tmp/posters-ar.png', fullPage: true })
    await bodo.page.screenshot({ path: '/tmp/posters-de.png', fullPage: true })

    // The plenary updated itself (no reload) when the offline card arrived; the Tischpate's tablet shows table 1's two.
    await eventually(() => page.getByTestId('plenary').getAttribute('data-cards')).toBe('3')
    expect(await page.getByTestId('plenary-card').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(offline)]))
    await expectNoAxeViolations(page)
    await page.setViewportSize({ width: 1024, height: 900 })
    await page.goto(`${server.url}/foren/${world.forumId}/plakat/${world.tables[0]}/${world.phaseId}`)
    await page.locator('[data-save-state="saved"]').waitFor()
    await eventually(() => cardTexts(page)).toEqual(expect.arrayContaining([arabic, offline]))
    expect(await cardTexts(page)).toHaveLength(2)
    await expectNoAxeViolations(page)
    await page.screenshot({ path: '/tmp/posters-staff.png', fullPage: true })

    // A participant takes down their own card (and only their own): gone from the poster and from the record.
    expect(await amal.page.getByTestId('poster-card-remove').count()).toBe(1)
    expect(await amal.page.locator(`[data-testid="poster-card"]:has-text("${offline}") [data-testid="poster-card-remove"]`).count()).toBe(0)
    await olena.page.getByTestId('poster-card-remove').click()
    await eventually(() => cardTexts(olena.page)).not.toContain(ukrainian)
    await olena.page.locator('[data-save-state="saved"]').waitFor()
    await eventually(() => withServerDb(server, (db) => db.select({ text: forumFeedback.text }).from(forumFeedback).all().map((r) => r.text))).not.toContain(ukrainian)
    await expectNoAxeViolations(olena.page)

    // The moderator closes the phase: the open phones learn it at once (re-checked connections) and read only.
    const closed = await fetch(`${server.url}/foren/${world.forumId}`, {
      method: 'POST',
      headers: { Cookie: cookies.koordination!, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'phaseClose', target: String(world.phaseId) }),
    })
    expect(closed.status).toBe(200)
    await amal.page.locator('[data-save-state][data-access="read"]').waitFor()
    expect(await amal.page.locator('section[aria-labelledby="poster-new"]').count()).toBe(0)
    expect(await cardTexts(amal.page)).toEqual(expect.arrayContaining([arabic, offline]))
  } finally {
    for (const p of [amal, bodo, olena]) await p.context.close()
  }
})
