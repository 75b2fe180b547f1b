import { expect } from 'vitest'
import { addSessionCookie, browserTest as test } from '../setup/browser'
import { loginDemoUser, startDemoServer } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// When the network drops before a lazily loaded part of a page has arrived, that part says so and offers a
// reload; the rest of the page stays (it used to turn into the whole-page error screen).

let server: RunningServer
let cookie: string

test.beforeAll(async () => {
  server = await startDemoServer()
  cookie = await loginDemoUser(server.url, 'ordnung')
})

test.afterAll(async () => {
  await server?.stop()
})

test('the goal page keeps its content and offers a reload when the editor cannot be fetched', async ({ context, page, browserErrors }) => {
  browserErrors.allow(/Failed to load resource|Failed to fetch dynamically imported module|narrative-editor|net::ERR_FAILED/)
  await addSessionCookie(context, server.url, cookie)
  await page.route(/\/assets\/narrative-editor-[^/]+\.js$/, (route) => route.abort('internetdisconnected'))
  await page.goto(`${server.url}/ziele/1`)
  const alert = page.getByRole('alert').filter({ hasText: 'Der Editor konnte nicht geladen werden' }).first()
  await alert.waitFor()
  expect(await alert.getByRole('button', { name: 'Seite neu laden' }).isVisible()).toBe(true)
  // The page itself is still there: heading, rating controls, save state.
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ziel 1')
  await page.locator('[data-save-state="saved"]').waitFor()
  expect(await page.getByRole('radio', { name: 'hoch' }).count()).toBeGreaterThan(0)

  // Back online, the reload brings the editor.
  await page.unroute(/\/assets\/narrative-editor-[^/]+\.js$/)
  await alert.getByRole('button', { name: 'Seite neu laden' }).click()
  await page.locator('.ProseMirror').first().waitFor()
  expect(await page.getByText('konnte nicht geladen werden').count()).toBe(0)
})
