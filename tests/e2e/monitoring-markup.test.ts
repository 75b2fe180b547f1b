import { expect } from 'vitest'
import { seedDemoMonitoring } from '../../server/cli/demo-monitoring'
import { addSessionCookie, browserTest as test } from '../setup/browser'
import { loginDemoUser, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// A data sheet's body is rendered once per sheet and language and shared between requests
// (app/routes/monitoring/sheet-markup.server.tsx). Here: that markup is exactly what the browser renders itself from
// the loader data, in German and English, and a change (an interpretation, a new threshold) shows on the next request.

let server: RunningServer
let statistics: string
const year = new Date().getFullYear() - 1

test.beforeAll(async () => {
  server = await startDemoServer()
  await withServerDb(server, (db) => seedDemoMonitoring(db))
  statistics = await loginDemoUser(server.url, 'statistik')
})

test.afterAll(async () => {
  await server?.stop()
})

for (const locale of ['de', 'en'] as const) {
  test(`the sheet body the server sends is the DOM the browser renders itself (${locale})`, async ({ page, context }) => {
    await addSessionCookie(context, server.url, statistics)
    if (locale === 'en') await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
    const path = `/monitoring/datenblaetter/glandorf/${year}`
    const document = await page.goto(`${server.url}${path}`)
    const sent = await page.evaluate((html) => {
      const parsed = new DOMParser().parseFromString(html, 'text/html')
      const element = parsed.querySelector('[data-testid="sheet-body"]')!
      const walker = parsed.createTreeWalker(element, NodeFilter.SHOW_COMMENT)
      const comments: Node[] = []
      while (walker.nextNode()) comments.push(walker.currentNode)
      for (const comment of comments) comment.parentNode!.removeChild(comment)
      return element.innerHTML
    }, await document!.text())
    expect(sent).toContain('data-indicator="auslaender"')
    expect(sent).toContain('<svg')
    // After a client-side navigation from the list nothing of the body comes from the server's markup.
    await page.goto(`${server.url}/monitoring/datenblaetter?jahr=${year}`)
    await page.getByTestId('municipality-list').getByRole('link', { name: 'Glandorf' }).click()
    await page.waitForURL(`${server.url}${path}`)
    const body = page.getByTestId('sheet-body')
    await expect.poll(() => body.locator('[data-testid="sheet-indicator"]').count()).toBeGreaterThan(10)
    // The client renders the sheet after the navigation's data arrives: wait until it is complete, then compare.
    await expect.poll(() => body.evaluate((element) => element.innerHTML)).toBe(sent)
  })
}

test('a new threshold shows on the very next request of a sheet', async () => {
  const get = async () => (await fetch(`${server.url}/monitoring/datenblaetter/glandorf/${year}`, { headers: { Cookie: statistics } })).text()
  expect(await get()).toContain('als „&lt; 3“')
  const response = await fetch(`${server.url}/monitoring`, {
    method: 'POST',
    headers: { Origin: server.url, Cookie: statistics, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'threshold', threshold: '5' }),
  })
  expect(response.status).toBe(200)
  expect(await get()).toContain('als „&lt; 5“')
})
