import { expect } from 'vitest'
import { seedDemoMonitoring } from '../../server/cli/demo-monitoring'
import { addSessionCookie, browserTest as test } from '../setup/browser'
import { loginDemoUser, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// A data sheet's body is rendered once per sheet and language and shared between requests
// (app/routes/monitoring/sheet-markup.server.tsx), and it goes to the browser once: as markup in the document, not a
// second time as loader data. Here: the browser keeps the markup it was sent (hydration leaves it alone), after a
// client-side navigation it fetches the same markup, in German and English; and a change (an interpretation, a new
// threshold) shows on the next request.

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

/** The inner HTML of the sheet body, without comments (React's text separators). */
const bodyHtml = (root: Element) => {
  const element = root.querySelector('[data-testid="sheet-body"]') ?? root
  const copy = element.cloneNode(true) as Element
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.parentNode!.removeChild(comment)
  return copy.innerHTML
}

for (const locale of ['de', 'en'] as const) {
  test(`the browser keeps the sheet body it was sent and fetches the same after a client-side navigation (${locale})`, async ({ page, context }) => {
    await addSessionCookie(context, server.url, statistics)
    if (locale === 'en') await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
    const fetched: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/inhalt.html')) fetched.push(request.url())
    })
    const path = `/monitoring/datenblaetter/glandorf/${year}`
    const response = await page.goto(`${server.url}${path}`)
    const html = await response!.text()
    // The sheet's figures travel once: in the body's markup, not in the loader data's script as well.
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('')
    expect(scripts).not.toContain('auslaender')
    expect(scripts.length).toBeLessThan(12_000)
    const sent = await page.evaluate(
      ([markup, serialise]) => new Function('root', `return (${serialise})(root)`)(new DOMParser().parseFromString(markup!, 'text/html').body) as string,
      [html, bodyHtml.toString()] as const,
    )
    expect(sent).toContain('data-indicator="auslaender"')
    expect(sent).toContain('<svg')
    // Hydrated (the page's modules loaded and run; a hydration error would fail the test): the same DOM as sent, and
    // nothing fetched.
    await page.waitForLoadState('networkidle')
    expect(await page.evaluate((serialise) => new Function('root', `return (${serialise})(root)`)(document.body) as string, bodyHtml.toString())).toBe(sent)
    expect(fetched).toEqual([])
    // After a client-side navigation from the list the body comes from the server's markup, fetched once.
    await page.goto(`${server.url}/monitoring/datenblaetter?jahr=${year}`)
    await page.getByTestId('municipality-list').getByRole('link', { name: 'Glandorf' }).click()
    await page.waitForURL(`${server.url}${path}`)
    const body = page.getByTestId('sheet-body')
    await expect.poll(() => body.locator('[data-testid="sheet-indicator"]').count()).toBeGreaterThan(10)
    expect(await page.evaluate((serialise) => new Function('root', `return (${serialise})(root)`)(document.body) as string, bodyHtml.toString())).toBe(sent)
    expect(fetched).toEqual([`${server.url}${path}/inhalt.html`])
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
