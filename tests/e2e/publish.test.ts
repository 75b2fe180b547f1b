import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { rounds, users } from '../../db/schema'
import { DEMO_ROUND_NAME, seedDemoRound } from '../../server/cli/demo-round'
import { publishRound } from '../../server/services/publications/publications'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { loginEveryRole, ROLE_ACCOUNTS, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// Publishing: the commissioner closes the open round and publishes it; a member of the public (no session, no
// JavaScript) reads the published overview and report; axe passes on every published page; withdrawing makes them
// 404. Screenshots of the published demo round in German and English.

let server: RunningServer
let cookies: Awaited<ReturnType<typeof loginEveryRole>>
let open = { id: 0, name: '' }
let demoRoundId = 0

test.beforeAll(async () => {
  server = await startDemoServer()
  cookies = await loginEveryRole(server)
  withServerDb(server, (db) => {
    open = db.select({ id: rounds.id, name: rounds.name }).from(rounds).where(eq(rounds.state, 'open')).get()!
    demoRoundId = seedDemoRound(db).roundId
  })
})

test.afterAll(async () => {
  await server?.stop()
})

// Screenshots only when asked for (ZIELWERK_SCREENSHOTS=<dir>, as the other browser tests): a test run leaves the tree as it was.
const SHOTS = process.env.ZIELWERK_SCREENSHOTS ? `${process.env.ZIELWERK_SCREENSHOTS.replace(/\/$/, '')}/` : null
const shoot = async (page: Page, name: string) => {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}${name}` })
}

async function readPublished(page: Page, name: string) {
  await page.goto(`${server.url}/veroeffentlicht`)
  await page.getByRole('link', { name: `Übersicht der Bewertungen: ${name}` }).click()
  await page.waitForURL(`${server.url}/veroeffentlicht/runden/${open.id}`)
  const overview = page.getByTestId('published-overview')
  expect(await overview.getByRole('heading', { level: 1 }).textContent()).toBe('Evaluationsergebnisse Konzept Migration und Integration 2018-2022')
  expect(await overview.getByRole('heading', { name: 'Bewertungsschema' }).count()).toBe(1)
  expect(await overview.locator('table.overview').count()).toBe(9)
  expect(await overview.locator('th.goal-number').count()).toBe(89)
  expect(await overview.locator('td.rating').count()).toBe(134)
  // Every rating cell says its rating in words (never by colour alone).
  for (const text of await overview.locator('td.rating .word').allTextContents()) expect(text.trim()).not.toBe('')
  expect(await page.getByRole('link', { name: 'Erklärung zur Barrierefreiheit' }).count()).toBeGreaterThan(0)
  expect(await page.getByRole('link', { name: 'Datenschutz' }).count()).toBeGreaterThan(0)
  expect(await page.locator('form[method="post"]').count()).toBe(0)

  await page.getByRole('navigation', { name: 'Diese Berichtsrunde' }).getByRole('link', { name: 'Evaluationsbericht' }).click()
  await page.waitForURL(`${server.url}/veroeffentlicht/runden/${open.id}/bericht`)
  const report = page.getByTestId('published-report')
  expect(await report.getByRole('heading', { level: 2, name: 'Inhalt' }).count()).toBe(1)
  for (const chapter of ['1 Einleitung', '2 Prozessansatz und Evaluationsmethodik', '3 Evaluationsergebnisse', '4 Fazit', 'Anlage: Übersicht – Bewertung der inhaltlichen Zielerreichung der Maßnahmen']) {
    expect(await report.getByRole('heading', { level: 1, name: chapter, exact: true }).count(), chapter).toBe(1)
  }
  expect(await report.locator('.toc li').count()).toBe(14)
  expect(await report.locator('table.overview').count()).toBe(9)
  const file = report.page().getByRole('link', { name: 'Evaluationsbericht als Word (DOCX) herunterladen' })
  expect(await file.getAttribute('href')).toBe(`/veroeffentlicht/runden/${open.id}/bericht.docx`)
}

test('the commissioner closes and publishes a round; the public reads it without JavaScript; withdrawing takes it down', async ({ page, context, browser }) => {
  await addSessionCookie(context, server.url, cookies.commissioner)
  await page.goto(`${server.url}/runden`)
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: open.name, exact: true }) })
  await row.locator('summary', { hasText: 'Abschließen …' }).click()
  await row.getByRole('button', { name: `Endgültig abschließen: ${open.name}` }).click()
  await page.getByText('Abgeschlossen; die Runde ist jetzt schreibgeschützt.').waitFor()

  await row.getByRole('link', { name: `Veröffentlichung: ${open.name}` }).click()
  await page.waitForURL(`${server.url}/runden/${open.id}/veroeffentlichung`)
  expect(await page.getByTestId('publication-state').textContent()).toBe('nicht veröffentlicht')
  await page.locator('summary', { hasText: 'Veröffentlichen …' }).click()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Veröffentlichen', exact: true }).click()
  await page.getByText(`„${open.name}“ ist veröffentlicht.`).waitFor()
  await expect.poll(() => page.getByTestId('publication-state').textContent()).toMatch(/^veröffentlicht seit .+ \(von .+\)$/)
  expect(await page.getByLabel('Öffentliche Adresse').inputValue()).toBe(`${server.url}/veroeffentlicht/runden/${open.id}`)
  expect(await page.getByRole('button', { name: 'Adresse kopieren' }).count()).toBe(1)
  await expectNoAxeViolations(page)
  await shoot(page, `publication-page.de.png`)

  // A member of the public: no session, no JavaScript.
  const visitor = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', javaScriptEnabled: false })
  try {
    await readPublished(await visitor.newPage(), open.name)
  } finally {
    await visitor.close()
  }
  // axe runs in the page: logged out, with JavaScript.
  const anonymous = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  try {
    const publicPage = await anonymous.newPage()
    for (const path of ['/veroeffentlicht', `/veroeffentlicht/runden/${open.id}`, `/veroeffentlicht/runden/${open.id}/bericht`]) {
      await publicPage.goto(`${server.url}${path}`)
      await expectNoAxeViolations(publicPage)
    }
  } finally {
    await anonymous.close()
  }

  await page.locator('summary', { hasText: 'Veröffentlichung zurückziehen …' }).click()
  await page.getByRole('button', { name: 'Veröffentlichung zurückziehen', exact: true }).click()
  await page.getByText(`Die Veröffentlichung von „${open.name}“ ist zurückgezogen.`).waitFor()
  await expect.poll(() => page.getByTestId('publication-log').locator('tbody tr').count()).toBe(2)

  const after = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false })
  try {
    const publicPage = await after.newPage()
    for (const path of [`/veroeffentlicht/runden/${open.id}`, `/veroeffentlicht/runden/${open.id}/bericht`]) {
      const response = await publicPage.goto(`${server.url}${path}`)
      expect(response?.status(), path).toBe(404)
      expect(await publicPage.locator('body').textContent()).toContain('Sie wurde nie veröffentlicht oder die Veröffentlichung wurde zurückgezogen.')
    }
    await publicPage.goto(`${server.url}/veroeffentlicht`)
    expect(await publicPage.getByText('Zurzeit ist keine Berichtsrunde veröffentlicht.').count()).toBe(1)
  } finally {
    await after.close()
  }
  // Four axe runs and three browser contexts: alone about 8 s, on a loaded machine several times that.
}, 120_000)

test('screenshots of the published demo round, in German and in English', async ({ browser }) => {
  withServerDb(server, (db) => {
    const commissioner = db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_ACCOUNTS.commissioner)).get()!
    publishRound(db, { id: commissioner.id, active: true, memberships: [{ role: 'commissioner', unitId: null }] }, demoRoundId)
  })
  for (const lang of ['de', 'en'] as const) {
    const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', timezoneId: 'Europe/Berlin', javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    try {
      await context.addCookies([{ name: 'zw_lang', value: lang, url: server.url }])
      const page = await context.newPage()
      await page.goto(`${server.url}/veroeffentlicht/runden/${demoRoundId}`)
      expect(await page.getByText(DEMO_ROUND_NAME).count()).toBeGreaterThan(0)
      await shoot(page, `published-overview.${lang}.png`)
      await page.locator('section.field').first().scrollIntoViewIfNeeded()
      await shoot(page, `published-overview-table.${lang}.png`)
      await page.goto(`${server.url}/veroeffentlicht/runden/${demoRoundId}/bericht`)
      await shoot(page, `published-report.${lang}.png`)
      await page.goto(`${server.url}/veroeffentlicht`)
      await shoot(page, `published-list.${lang}.png`)
    } finally {
      await context.close()
    }
  }
}, 60_000)
