import { expect } from 'vitest'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { startServer, loginOverHttp, type RunningServer } from '../setup/server'

// The footer's texts in Chromium: reachable by keyboard from any page, readable without login, accessible; the
// admin edits one and sees it at once.

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
})

test.afterAll(async () => {
  await server?.stop()
})

test('the footer leads to the accessibility statement and the privacy notice, both pass axe without login', async ({ page }) => {
  await page.goto(`${server.url}/login`)
  const footer = page.getByRole('navigation', { name: 'Rechtliches' })
  await footer.getByRole('link', { name: 'Erklärung zur Barrierefreiheit' }).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => new URL(page.url()).pathname).toBe('/barrierefreiheit')
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Erklärung zur Barrierefreiheit')
  expect(await page.getByRole('heading', { level: 2, name: 'Schlichtungsverfahren' }).count()).toBe(1)
  await expectNoAxeViolations(page)
  await footer.getByRole('link', { name: 'Datenschutz' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Datenschutz')
  await expectNoAxeViolations(page)
})

test('the admin edits the statement and the footer page shows it at once', async ({ page, context }) => {
  await addSessionCookie(context, server.url, await loginOverHttp(server.url, server.admin))
  await page.goto(`${server.url}/admin/texte`)
  await expectNoAxeViolations(page)
  const german = page.locator('[data-text="accessibility:de"]')
  await german.getByLabel('Text (Deutsch)').fill('Zielwerk ist teilweise barrierefrei.\n\n## Kontakt\n- barrierefreiheit@lkos.de')
  await german.getByRole('button', { name: 'Speichern' }).click()
  await expect.poll(() => german.getByRole('status').textContent()).toBe('Gespeichert.')
  await page.goto(`${server.url}/barrierefreiheit`)
  expect(await page.getByRole('listitem').filter({ hasText: 'barrierefreiheit@lkos.de' }).count()).toBe(1)
})
