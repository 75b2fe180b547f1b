import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { rounds } from '../../db/schema'
import { FIRST_OPEN_ROUND_NAME } from '../../db/seed/catalogue'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The commissioner's /runden: one open round per concept at a time ("close X and open Y" as one confirmed step
// that works without JavaScript), and drafts that were never opened can be deleted.

let server: RunningServer
const cookies: Record<string, string> = {}

test.beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginDemoUsers(server.url, ['beauftragte']))
})

test.afterAll(async () => {
  await server?.stop()
})

const stateOf = (name: string) => withServerDb(server, (db) => db.select({ state: rounds.state }).from(rounds).where(eq(rounds.name, name)).get()?.state)
const openCount = () => withServerDb(server, (db) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'open')).all().length)
const post = (form: Record<string, string>) =>
  fetch(`${server.url}/runden`, { method: 'POST', headers: { Cookie: cookies.beauftragte!, Origin: server.url }, body: new URLSearchParams(form) })

for (const javaScript of [true, false]) {
  test(`with a round open, a new draft opens only by closing the open one in one confirmed step (JavaScript ${javaScript ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', javaScriptEnabled: javaScript })
    try {
      await addSessionCookie(context, server.url, cookies.beauftragte!)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
      page.on('pageerror', (e) => void errors.push(e.message))
      const open = withServerDb(server, (db) => db.select({ name: rounds.name }).from(rounds).where(eq(rounds.state, 'open')).get()!.name)
      const draft = javaScript ? 'Sachstand 2027' : 'Sachstand 2028'
      await page.goto(`${server.url}/runden`)
      await page.getByLabel('Name', { exact: true }).fill(draft)
      await page.getByLabel('Zeitraum').fill(draft.slice(-4))
      await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click()
      await page.getByText(`Die Berichtsrunde „${draft}“ ist als Entwurf angelegt.`).waitFor()

      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: draft, exact: true }) })
      // No plain "Öffnen" while another round is open: the summary asks first.
      expect(await row.getByRole('button', { name: `Öffnen: ${draft}`, exact: true }).count()).toBe(0)
      await row.locator('summary', { hasText: 'Öffnen …' }).click()
      await expect.poll(() => row.getByText('Es kann immer nur eine Berichtsrunde offen sein.', { exact: false }).isVisible()).toBe(true)
      if (javaScript) await expectNoAxeViolations(page)
      await row.getByRole('button', { name: `${open} abschließen und ${draft} öffnen`, exact: true }).click()
      await page.getByText('Abgeschlossen und geöffnet; die neue Runde beginnt mit dem Stand der abgeschlossenen.').waitFor()

      expect(stateOf(open)).toBe('closed')
      expect(stateOf(draft)).toBe('open')
      expect(openCount()).toBe(1)
      const states = await page.locator('tbody tr td:nth-child(4)').allTextContents()
      expect(states.filter((s) => s === 'offen')).toHaveLength(1)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
}

test('opening a second round over HTTP is refused with a German message and changes nothing', async () => {
  const created = await post({ intent: 'create', name: 'Sachstand 2030', period: '2030', dueDate: '' })
  expect(created.status).toBe(200)
  const draftId = withServerDb(server, (db) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, 'Sachstand 2030')).get()!.id)
  const response = await post({ intent: 'open', roundId: String(draftId) })
  expect(response.status).toBe(400)
  expect(await response.text()).toContain('es kann immer nur eine Berichtsrunde offen sein')
  expect(stateOf('Sachstand 2030')).toBe('draft')
  expect(openCount()).toBe(1)
})

test('a draft that was never opened can be deleted; an open or closed round cannot', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.beauftragte!)
  await page.goto(`${server.url}/runden`)
  await page.getByLabel('Name', { exact: true }).fill('Entwurf zum Löschen')
  await page.getByLabel('Zeitraum').fill('2031')
  await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click()
  await page.getByText('Die Berichtsrunde „Entwurf zum Löschen“ ist als Entwurf angelegt.').waitFor()
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Entwurf zum Löschen', exact: true }) })
  await row.locator('summary', { hasText: 'Löschen …' }).click()
  await row.getByRole('button', { name: 'Entwurf löschen: Entwurf zum Löschen', exact: true }).click()
  await page.getByText('Der Entwurf „Entwurf zum Löschen“ ist gelöscht.').waitFor()
  await expect.poll(() => page.getByRole('rowheader', { name: 'Entwurf zum Löschen', exact: true }).count()).toBe(0)
  expect(stateOf('Entwurf zum Löschen')).toBeUndefined()
  await expectNoAxeViolations(page)

  const notDraftId = withServerDb(server, (db) => db.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, FIRST_OPEN_ROUND_NAME)).get()!.id)
  const before = stateOf(FIRST_OPEN_ROUND_NAME)
  const refused = await post({ intent: 'delete', roundId: String(notDraftId) })
  expect(refused.status).toBe(400)
  expect(await refused.text()).toContain('ist kein Entwurf')
  expect(stateOf(FIRST_OPEN_ROUND_NAME)).toBe(before)
})

test('the due date says nothing about a format the date picker does not show; a client without a picker learns the ISO format', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.beauftragte!)
  await page.goto(`${server.url}/runden`)
  const due = page.getByLabel('Abgabetermin (optional)')
  expect(await due.getAttribute('type')).toBe('date')
  const hint = await due.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '))
  expect(hint).toContain('Bis dahin sollen die Einheiten ihre Maßnahmen aktualisiert haben.')
  expect(hint).not.toMatch(/JJJJ|TT|Format/)

  const response = await post({ intent: 'create', name: 'Sachstand 2032', period: '2032', dueDate: '31.03.2032' })
  expect(response.status).toBe(400)
  expect(await response.text()).toContain('Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-31.')
})
