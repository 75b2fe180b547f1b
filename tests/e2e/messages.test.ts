import { expect } from 'vitest'
import { addSessionCookie, browserTest as test } from '../setup/browser'
import { loginDemoUsers, startDemoServer } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The browser loads the messages a page needs, namespace by namespace (app/entry.client.tsx,
// app/shared/i18n/namespaces.ts): the overview only the core ones and the catalogue's; a navigation to another
// capability's page loads that page's namespace before the page shows, in German and in English.

let server: RunningServer
let cookie: string

test.beforeAll(async () => {
  server = await startDemoServer()
  ;({ koordination: cookie } = await loginDemoUsers(server.url, ['koordination'] as const))
})

test.afterAll(async () => {
  await server?.stop()
})

for (const [locale, title, link] of [
  ['de', 'Jour fixe: Sitzungen', 'Jour fixe'],
  ['en', 'Jour fixe: meetings', 'Jour fixe'],
] as const) {
  test(`the overview loads the catalogue's messages only; a navigation to the meetings loads theirs before they show (${locale})`, async ({ page, context }) => {
    await addSessionCookie(context, server.url, cookie)
    if (locale === 'en') await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
    const messages: string[] = []
    page.on('request', (request) => {
      const name = /\/assets\/([a-z]+)-[\w-]+\.js$/.exec(new URL(request.url()).pathname)?.[1]
      if (name && ['common', 'vocabulary', 'policy', 'validation', 'errors', 'account', 'catalogue', 'rounds', 'meetings', 'admin', 'report', 'forums', 'participant', 'monitoring', 'site'].includes(name)) messages.push(name)
    })
    await page.goto(`${server.url}/`)
    await expect.poll(() => page.getByTestId('catalogue').locator('[data-goal]').count()).toBe(89)
    // (app/shared/vocabulary.ts makes a chunk named vocabulary too)
    expect([...new Set(messages)].sort()).toEqual(['account', 'catalogue', 'common', 'errors', 'forums', 'monitoring', 'policy', 'report', 'site', 'validation', 'vocabulary'])

    await page.locator('header nav').getByRole('link', { name: link, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(messages).toContain('meetings')
    expect(await page.locator('main').textContent()).not.toMatch(/\b(meetings|common|catalogue):[a-z]/)
  })
}
