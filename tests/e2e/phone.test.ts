import { expect } from 'vitest'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { loginDemoUser, startDemoServer } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// On a phone (390 px wide, an iPhone 12–15) the catalogue's pages fit the screen: nothing pans sideways, the
// rating column is on screen. The overview used to be 639 px wide (its measure tables' fixed columns).

let server: RunningServer
let cookie: string

test.beforeAll(async () => {
  server = await startDemoServer()
  cookie = await loginDemoUser(server.url, 'ordnung')
})

test.afterAll(async () => {
  await server?.stop()
})

const PHONE = { width: 390, height: 844 }

const pages = [
  { name: 'the overview', path: '/' },
  { name: 'the overview in English', path: '/', lang: 'en' },
  { name: 'a goal page (live, for its unit)', path: '/ziele/3' },
  { name: 'a measure page', path: '/massnahmen/1' },
]

for (const { name, path, lang } of pages) {
  test(`${name} fits a 390 px phone without scrolling sideways`, async ({ page, context }) => {
    await addSessionCookie(context, server.url, cookie)
    if (lang) await context.addCookies([{ name: 'zw_lang', value: lang, url: server.url }])
    await page.setViewportSize(PHONE)
    await page.goto(`${server.url}${path}`)
    await page.waitForLoadState('networkidle')
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    // Every rating badge is on screen, none cut off at the right edge.
    const right = await page.locator('[data-attainment]').evaluateAll((badges) => Math.max(0, ...badges.map((b) => b.getBoundingClientRect().right)))
    expect(right).toBeLessThanOrEqual(PHONE.width)
  })
}

test('on a phone each measure row of the overview still shows its units, rating and marks', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookie)
  await page.setViewportSize(PHONE)
  await page.goto(`${server.url}/?feld=1`)
  const row = page.locator('tr[data-measure]').filter({ has: page.locator('[data-mark]:visible') }).first()
  expect(await row.locator('[data-attainment]').isVisible()).toBe(true)
  expect(await row.getByText('FD Ordnung').first().isVisible()).toBe(true)
  expect(await row.locator('[data-mark]:visible').count()).toBeGreaterThan(0)
  await expectNoAxeViolations(page)
})
