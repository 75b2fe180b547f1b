import net from 'node:net'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Db } from '../../db/client'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../../server/cli/demo'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, signedInContext } from '../setup/browser'
import { startDemoServer, withServerDb } from '../setup/demo'
import { freePort, loginOverHttp, type RunningServer } from '../setup/server'

// The live goal page in Chromium with several people at once: two writers (the lead unit's editor and the
// coordinator) co-edit goal 2's measure, a viewer and the overview follow without reload, the save state tells
// the truth when the editor's connection is cut, and what they did ends up in the database with its author.

const WHO = {
  editor: { email: `ordnung@${DEMO_DOMAIN}`, name: 'Demo: FD Ordnung' },
  coordinator: { email: `koordination@${DEMO_DOMAIN}`, name: 'Demo: Koordination Jour fixe' },
  viewer: { email: `lesen@${DEMO_DOMAIN}`, name: 'Demo: Lesezugriff' },
} as const
type Who = keyof typeof WHO

/** Goal 2 has one measure; the demo seed makes FD Ordnung its lead unit (goals 1–10). */
const GOAL = 2

/** Vitest's expect.poll gives up after 1 s; pages on a busy 2-core CI machine get 10 s, like the locators. */
const eventually = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout })

let server: RunningServer
let proxy: CuttableProxy
const cookies = {} as Record<Who, string>
const userIds = {} as Record<Who, number>
let measureId: number
let roundId: number

const withDb = <T>(use: (sqlite: Db['$client']) => T): T => withServerDb(server, (db) => use(db.$client))

test.beforeAll(async () => {
  // The relay is a second origin in front of the server, as a reverse proxy would be: it must be configured.
  proxy = await CuttableProxy.start()
  const port = await freePort()
  server = await startDemoServer({ port, env: { ZIELWERK_ORIGIN: `http://localhost:${port},http://127.0.0.1:${port},${proxy.url}` } })
  proxy.target = port
  withDb((sqlite) => {
    const measures = sqlite.prepare('SELECT m.id FROM measures m JOIN goals g ON g.id = m.goal_id WHERE g.number = ?').all(GOAL) as { id: number }[]
    if (measures.length !== 1) throw new Error(`Ziel ${GOAL} sollte genau eine Maßnahme haben, hat ${measures.length}.`)
    measureId = measures[0]!.id
    roundId = (sqlite.prepare(`SELECT id FROM rounds WHERE state = 'open'`).get() as { id: number }).id
    for (const who of Object.keys(WHO) as Who[]) {
      userIds[who] = (sqlite.prepare('SELECT id FROM users WHERE email = ?').get(WHO[who].email) as { id: number }).id
    }
  })
  for (const who of Object.keys(WHO) as Who[]) cookies[who] = await loginOverHttp(server.url, { email: WHO[who].email, password: DEMO_PASSWORD })
})

test.afterAll(async () => {
  await proxy?.stop()
  await server?.stop()
})

/**
 * A TCP relay in front of the server, so that one browser's network can really go away. `context.setOffline(true)`
 * alone does not do that in Chromium 156: it holds the open WebSocket's frames back but never closes the socket, so
 * the page learns nothing (idle, it kept saying "Gespeichert" for 20 s; an edit stayed at "Wird gespeichert…" and
 * never reached the other browser) until the provider's 30-second message timeout. `cut()` destroys every relayed
 * TCP connection and refuses new ones, as a dropped network does; `refuseCollab()` lets HTTP through but refuses the
 * WebSocket upgrade, for reloading the page while the collaboration server is still out of reach.
 */
class CuttableProxy {
  private mode: 'open' | 'cut' | 'no-collab' = 'open'
  /** The server's port, set once it listens. */
  target = 0
  private readonly sockets = new Set<net.Socket>()

  private constructor(
    private readonly server: net.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<CuttableProxy> {
    let self: CuttableProxy | undefined
    const relay = net.createServer((client) => {
      const proxy = self!
      if (proxy.mode === 'cut') {
        client.destroy()
        return
      }
      const upstream = net.connect(proxy.target, '127.0.0.1')
      proxy.track(client)
      proxy.track(upstream)
      const end = () => {
        client.destroy()
        upstream.destroy()
      }
      client.on('data', (chunk: Buffer) => {
        // A request on this connection (new or kept alive) that asks for the collaboration socket.
        if (proxy.mode === 'no-collab' && chunk.toString('latin1', 0, 16).startsWith('GET /collab')) end()
        else upstream.write(chunk)
      })
      upstream.on('data', (chunk: Buffer) => client.write(chunk))
      client.on('close', end)
      upstream.on('close', end)
      client.on('error', end)
      upstream.on('error', end)
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    const port = (relay.address() as net.AddressInfo).port
    self = new CuttableProxy(relay, `http://127.0.0.1:${port}`)
    return self
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
  }

  cut() {
    this.mode = 'cut'
    for (const socket of this.sockets) socket.destroy()
  }

  refuseCollab() {
    this.mode = 'no-collab'
  }

  restore() {
    this.mode = 'open'
  }

  stop(): Promise<void> {
    this.cut()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

/** Opens the goal page and waits until it is synced and its lazily loaded editor is there (the page is complete). */
async function openGoal(page: Page, baseUrl = server.url) {
  await page.goto(`${baseUrl}/ziele/${GOAL}`)
  await saveState(page, 'saved')
  await narrativeOf(page).waitFor()
}

async function saveState(page: Page, state: 'saved' | 'offline', timeout = 10_000) {
  await page.locator(`[data-save-state="${state}"]`).waitFor({ timeout })
}

const measureOf = (page: Page) => page.locator(`[data-measure="${measureId}"]`)
const narrativeOf = (page: Page) => measureOf(page).locator('.ProseMirror')
const rating = (page: Page, label: string) => measureOf(page).getByRole('radio', { name: label, exact: true })
/** Clicks the visible pill of a rating option, as a person does (the native radio inside is visually hidden). */
const choose = (page: Page, label: string) => measureOf(page).locator('label').filter({ has: page.getByRole('radio', { name: label, exact: true }) }).click()
const mark = (page: Page, label: string) => measureOf(page).getByRole('checkbox', { name: label, exact: true })
const presenceNames = (page: Page) => page.getByTestId('presence').getByRole('listitem').allTextContents()

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function typeInto(page: Page, editor: Locator, text: string) {
  await editor.click()
  await page.keyboard.press('End')
  await page.keyboard.type(text)
}

test('two writers co-edit rating, marks and narrative live, a viewer and the overview follow, and the database records who did what', async ({
  browser,
  context,
  page: editor,
  browserErrors,
}) => {
  await addSessionCookie(context, server.url, cookies.editor)
  const coordinatorContext = await signedInContext(browser, browserErrors, server.url, cookies.coordinator, 'coordinator')
  const viewerContext = await signedInContext(browser, browserErrors, server.url, cookies.viewer, 'viewer')
  try {
    const coordinator = await coordinatorContext.newPage()
    const viewer = await viewerContext.newPage()
    const overview = await viewerContext.newPage()
    await overview.goto(`${server.url}/`)
    const badge = overview.locator(`tr[data-measure="${measureId}"] [data-attainment]`)
    expect(await badge.getAttribute('data-attainment')).toBe('none')

    await Promise.all([openGoal(editor), openGoal(coordinator), openGoal(viewer)])

    // Presence: both writers, with their units; the viewer's read-only connection sends no awareness.
    await eventually(() => presenceNames(editor)).toEqual(expect.arrayContaining([`${WHO.editor.name}(FD Ordnung)`, `${WHO.coordinator.name}(Koordination)`]))
    await eventually(() => presenceNames(coordinator)).toEqual(expect.arrayContaining([expect.stringContaining(WHO.editor.name), expect.stringContaining(WHO.coordinator.name)]))
    expect((await presenceNames(editor)).some((name) => name.includes(WHO.viewer.name))).toBe(false)

    // The editor rates "hoch": the others see it checked, the overview's badge follows without reload.
    expect(await rating(coordinator, 'hoch').isChecked()).toBe(false)
    await choose(editor, 'hoch')
    await eventually(() => rating(coordinator, 'hoch').isChecked()).toBe(true)
    await eventually(() => rating(viewer, 'hoch').isChecked()).toBe(true)
    expect(await rating(viewer, 'noch nicht bewertet').isChecked()).toBe(false)
    await eventually(() => badge.getAttribute('data-attainment')).toBe('high')
    expect(await badge.textContent()).toBe('Bewertung: hoch (Vorschlag)')

    // The editor writes the narrative: the coordinator sees the text and the editor's named caret.
    const sentence = 'Die Beratung läuft in allen Gemeinden.'
    await typeInto(editor, narrativeOf(editor), sentence)
    await eventually(() => narrativeOf(coordinator).textContent()).toContain(sentence)
    const caret = measureOf(coordinator).locator('.collaboration-carets__label')
    await eventually(() => caret.allTextContents()).toEqual([WHO.editor.name])
    await eventually(() => narrativeOf(viewer).textContent()).toContain(sentence)

    // The coordinator toggles a mark: the editor and the viewer see it.
    // (Goal 2's measure carries "Routine" over from the historical round; this mark starts unset.)
    expect(await mark(editor, 'Weiterführungsbedarf').isChecked()).toBe(false)
    await mark(coordinator, 'Weiterführungsbedarf').check()
    await eventually(() => mark(editor, 'Weiterführungsbedarf').isChecked()).toBe(true)
    await eventually(() => mark(viewer, 'Weiterführungsbedarf').isChecked()).toBe(true)

    // The viewer sees everything but can change nothing: no enabled control, no toolbar, no editable text.
    const controls = viewer.locator('input[type="radio"], input[type="checkbox"]')
    expect(await controls.count()).toBeGreaterThanOrEqual(10)
    expect(await viewer.locator('input[type="radio"]:enabled, input[type="checkbox"]:enabled').count()).toBe(0)
    expect(await viewer.getByRole('toolbar').count()).toBe(0)
    const viewerEditors = viewer.locator('.ProseMirror')
    expect(await viewerEditors.count()).toBe(2)
    expect(await viewerEditors.evaluateAll((els) => els.map((el) => el.getAttribute('contenteditable')))).toEqual(['false', 'false'])
    expect(await measureOf(viewer).getByText('Nur lesen:').isVisible()).toBe(true)
    // …and the writers do have them (so the checks above are not vacuous).
    expect(await measureOf(editor).getByRole('toolbar').count()).toBe(1)
    expect(await narrativeOf(editor).getAttribute('contenteditable')).toBe('true')
    expect(await rating(editor, 'mittel').isEnabled()).toBe(true)

    // Stored: "Gespeichert" means the server has it; the projection and the audit name who did it.
    // The rating and marks are in the table at once; the narrative follows within half a second (projection-narratives.ts).
    await Promise.all([saveState(editor, 'saved'), saveState(coordinator, 'saved')])
    const status = () =>
      withDb(
        (sqlite) =>
          sqlite
            .prepare('SELECT proposal_attainment AS attainment, proposal_continue AS continued, narrative_text AS text FROM measure_status WHERE round_id = ? AND measure_id = ?')
            .get(roundId, measureId) as { attainment: string | null; continued: number; text: string },
      )
    expect(status()).toMatchObject({ attainment: 'high', continued: 1 })
    await expect.poll(() => status().text).toContain(sentence)
    const audit = withDb(
      (sqlite) =>
        sqlite
          .prepare(`SELECT field, old_value AS oldValue, new_value AS newValue, user_id AS userId FROM status_changes WHERE round_id = ? AND measure_id = ? AND kind = 'proposal' ORDER BY id`)
          .all(roundId, measureId) as { field: string; oldValue: string | null; newValue: string | null; userId: number }[],
    )
    expect(audit).toContainEqual({ field: 'attainment', oldValue: null, newValue: 'high', userId: userIds.editor })
    expect(audit).toContainEqual({ field: 'continue', oldValue: 'false', newValue: 'true', userId: userIds.coordinator })

    // The page's change history shows it too, reloaded by itself after the rating events.
    const changes = measureOf(viewer).getByTestId(`changes-${measureId}`)
    await eventually(() => changes.locator('summary').textContent()).toBe('Änderungen in dieser Runde (2)')
    await changes.locator('summary').click()
    expect(await changes.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${WHO.editor.name} · Vorschlag · Bewertung: nicht bewertet → hoch`),
        expect.stringContaining(`${WHO.coordinator.name} · Vorschlag · Weiterführungsbedarf: nein → ja`),
      ]),
    )
  } finally {
    await coordinatorContext.close()
    await viewerContext.close()
  }
}, 90_000)

test('the save state goes through "Offline" when the editor loses the network and back to "Gespeichert", and the offline edit arrives once, also after a reload', async ({
  browser,
  context,
  page: editor,
  browserErrors,
}) => {
  // While the editor's network is down, Chromium reports each refused reconnect of the collaboration socket and
  // the status stream cut off mid-response as console errors. They are what this test causes; only those of the
  // editor's page (the relay's address) are allowed, the coordinator's page must stay clean.
  const relay = escapeRegExp(new URL(proxy.url).host)
  browserErrors.allow(new RegExp(`^console\\.error: WebSocket connection to 'ws://${relay}/collab' failed: `))
  browserErrors.allow(new RegExp(`^console\\.error: Failed to load resource: net::ERR_[A-Z_]+ \\(http://${relay}/live/status\\?`))
  await addSessionCookie(context, proxy.url, cookies.editor)
  const coordinatorContext = await signedInContext(browser, browserErrors, server.url, cookies.coordinator, 'coordinator')
  try {
    const coordinator = await coordinatorContext.newPage()
    await Promise.all([openGoal(editor, proxy.url), openGoal(coordinator)])
    await eventually(() => presenceNames(coordinator)).toEqual(expect.arrayContaining([expect.stringContaining(WHO.editor.name)]))

    // The network goes away: the relay drops the editor's connections and the browser is told it is offline.
    proxy.cut()
    await context.setOffline(true)
    await saveState(editor, 'offline')
    expect(await editor.locator('[data-save-state]').textContent()).toContain(
      'Offline – Änderungen bleiben in diesem Browser und werden übertragen, sobald die Verbindung zurück ist',
    )
    // The server noticed too: the editor left the coordinator's presence list.
    await eventually(() => presenceNames(coordinator), 15_000).not.toEqual(expect.arrayContaining([expect.stringContaining(WHO.editor.name)]))

    const offlineText = 'Offline ergänzt: Termin mit dem Jobcenter.'
    await typeInto(editor, narrativeOf(editor), offlineText)
    await mark(editor, 'Pflichtaufgabe').check()
    expect(await editor.locator('[data-save-state]').getAttribute('data-save-state')).toBe('offline')
    // Give a wrongly still-open socket time to deliver; nothing may arrive.
    await coordinator.waitForTimeout(1_500)
    expect(await narrativeOf(coordinator).textContent()).not.toContain(offlineText)
    expect(await mark(coordinator, 'Pflichtaufgabe').isChecked()).toBe(false)

    // A reload while the collaboration server is still out of reach (the page itself loads, its socket is
    // refused): the offline edit comes back from IndexedDB.
    proxy.refuseCollab()
    await context.setOffline(false)
    await editor.reload()
    await eventually(() => narrativeOf(editor).textContent()).toContain(offlineText)
    expect(await mark(editor, 'Pflichtaufgabe').isChecked()).toBe(true)
    await saveState(editor, 'offline')

    // The network comes back: "Gespeichert" again, and the coordinator has the edit exactly once.
    proxy.restore()
    await saveState(editor, 'saved', 40_000)
    await eventually(() => narrativeOf(coordinator).textContent()).toContain(offlineText)
    expect((await narrativeOf(coordinator).textContent())!.split(offlineText)).toHaveLength(2)
    await eventually(() => mark(coordinator, 'Pflichtaufgabe').isChecked()).toBe(true)
    const stored = () =>
      withDb(
        (sqlite) =>
          sqlite.prepare('SELECT narrative_text AS text, proposal_mandatory AS mandatory FROM measure_status WHERE round_id = ? AND measure_id = ?').get(roundId, measureId) as {
            text: string
            mandatory: number
          },
      )
    expect(stored().mandatory).toBe(1)
    await expect.poll(() => stored().text.split(offlineText).length).toBe(2)
  } finally {
    await coordinatorContext.close()
  }
}, 120_000)

test('axe-core finds no WCAG 2.1 AA violations on the live goal page, for an editor and for a viewer seeing his caret', async ({
  browser,
  context,
  page: editor,
  browserErrors,
}) => {
  await addSessionCookie(context, server.url, cookies.editor)
  const viewerContext = await signedInContext(browser, browserErrors, server.url, cookies.viewer, 'viewer')
  try {
    const viewer = await viewerContext.newPage()
    await Promise.all([openGoal(editor), openGoal(viewer)])
    await typeInto(editor, narrativeOf(editor), ' Geprüft.')
    await eventually(() => measureOf(viewer).locator('.collaboration-carets__label').count()).toBe(1)
    await expectNoAxeViolations(editor)
    await expectNoAxeViolations(viewer)
  } finally {
    await viewerContext.close()
  }
}, 60_000)
