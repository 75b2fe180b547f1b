import { eq } from 'drizzle-orm'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { forums } from '../../db/schema'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, type BrowserErrors, hydrated } from '../setup/browser'
import { loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// An Integrationskonferenz from set-up to Rückmeldung, as the coordinator and three participants on phones meet
// it (one of them in Arabic, right to left): set-up with two phases and three tables, the print page, joining by
// code, cards at two tables that appear live in the plenary, a vote opened, cast by all, closed and shown on the
// projector, the review, and the Rückmeldung with the dispositions. axe runs on every participant, plenary and
// projector page.

let server: RunningServer
const cookies: Record<string, string> = {}

test.beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginDemoUsers(server.url, ['koordination']))
})

test.afterAll(async () => {
  await server?.stop()
})

const PHONE = { width: 390, height: 844 }

async function phone(browser: Browser, errors: BrowserErrors, label: string, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, timezoneId: 'Europe/Berlin', viewport: PHONE, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const record = (errors as BrowserErrors & { record: (m: string) => void }).record
  page.setDefaultTimeout(10_000)
  page.on('console', (m) => {
    if (m.type() === 'error') record(`[${label}] console.error: ${m.text()} [Seite ${page.url()}]`)
  })
  page.on('pageerror', (e) => record(`[${label}] Seitenfehler: ${e.message} [Seite ${page.url()}]`))
  return { context, page }
}

/** A card about the concept, or about a goal or measure typed by its number (as on a phone). */
async function post(page: Page, text: string, target: string) {
  if (target === 'concept') await page.locator('select[name="target"]').selectOption('concept')
  else await page.locator('input[name="number"]').fill(target)
  await page.locator('textarea[name="text"]').fill(text)
  await page.locator('#karte button[type="submit"]').last().click()
  await page.getByTestId('my-cards').getByText(text).waitFor()
}

test('an Integrationskonferenz: set-up, codes, three phones (one in Arabic), live plenary, televoting on the projector, review and Rückmeldung', async ({ page, context, browser, browserErrors }) => {
  await addSessionCookie(context, server.url, cookies.koordination!)

  // ── Set-up ──
  await page.goto(`${server.url}/foren`)
  await hydrated(page)
  await page.getByLabel('Titel', { exact: true }).fill('Integrationskonferenz 2027')
  await page.getByLabel('Format').selectOption({ label: 'Integrationskonferenz' })
  await page.getByLabel('Datum').fill('2027-03-10')
  await page.getByLabel('Uhrzeit').fill('09:30')
  await page.getByLabel('Ort').fill('Kreishaus Osnabrück')
  await page.getByRole('button', { name: 'Forum anlegen' }).click()
  await page.getByText('Das Forum ist angelegt').waitFor()
  const forumId = Number(/\/foren\/(\d+)/.exec(page.url())![1])
  expect(await page.getByTestId('phase').count()).toBe(2)
  // Three tables: the preset gives one per field; six go.
  while ((await page.getByTestId('table-row').count()) > 3) {
    const before = await page.getByTestId('table-row').count()
    await page.getByTestId('table-row').last().getByRole('button', { name: 'Löschen' }).click()
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(before - 1)
  }
  const code = withServerDb(server, (db) => db.select({ code: forums.code }).from(forums).where(eq(forums.id, forumId)).get()!.code)

  // ── The print page: the invitation with the QR code and a card per table ──
  await page.getByRole('link', { name: 'Codes drucken' }).click()
  await page.getByTestId('invitation').waitFor()
  expect(await page.getByTestId('table-card').count()).toBe(3)
  expect(await page.locator('[data-testid="invitation"] [data-testid="qr"] path').getAttribute('d')).toMatch(/^M\d/)
  expect((await page.getByTestId('print-code').textContent())!.replace(/-/g, '')).toBe(code)

  // ── Open input and phase 1; the plenary is open on the projector before any card exists ──
  await page.goto(`${server.url}/foren/${forumId}`)
  await page.getByRole('button', { name: 'Eingabe öffnen' }).click()
  await page.getByText('Die Eingabe ist geöffnet.').waitFor()
  await page.getByTestId('phase').first().getByRole('button', { name: 'Phase öffnen' }).click()
  await expect.poll(() => page.getByTestId('phase').first().getAttribute('data-state')).toBe('open')
  const phaseId = await page.getByTestId('phase').first().getAttribute('data-phase')
  const projector = await context.newPage()
  await projector.goto(`${server.url}/foren/${forumId}/plenum/${phaseId}`)
  await projector.getByTestId('plenary').waitFor()
  expect(await projector.getByTestId('plenary').getAttribute('data-cards')).toBe('0')
  await expectNoAxeViolations(projector)

  // ── Three participants on phones ──
  const people = [
    { label: 'amal', locale: 'de-DE', language: 'ar', table: 1 },
    { label: 'bodo', locale: 'de-DE', language: 'de', table: 1 },
    { label: 'olena', locale: 'uk-UA', language: 'uk', table: 2 },
  ]
  const phones: { context: BrowserContext; page: Page; language: string }[] = []
  try {
    for (const person of people) {
      const { context: c, page: p } = await phone(browser, browserErrors, person.label, person.locale)
      phones.push({ context: c, page: p, language: person.language })
      // The link of the QR code brings the code along.
      await p.goto(`${server.url}/mitmachen?code=${code}`)
      await hydrated(p)
      if (person.language === 'ar') {
        await p.locator('#participant-language').selectOption('ar')
        await p.locator('form[action="/mitmachen/sprache"] button').click()
        await expect.poll(() => p.locator('html').getAttribute('dir')).toBe('rtl')
        expect(await p.locator('html').getAttribute('lang')).toBe('ar')
        expect(await p.locator('input[name="code"]').inputValue()).toBe(code)
        await expectNoAxeViolations(p)
      }
      if (person.language === 'uk') expect(await p.locator('html').getAttribute('lang')).toBe('uk')
      await p.locator('input[name="name"]').fill(person.label)
      await p.locator('section[aria-labelledby="start-title"] form button[type="submit"]').click()
      await p.waitForURL(`${server.url}/mitmachen/forum`)
      await p.locator('select[name="tableId"]').selectOption({ index: person.table })
      await p.locator('form:has(input[name="intent"][value="sit"]) button[type="submit"]').click()
      await p.getByTestId('own-table').waitFor()
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    }
    const [amal, bodo, olena] = phones as [(typeof phones)[number], (typeof phones)[number], (typeof phones)[number]]
    await expectNoAxeViolations(amal.page)
    // The Arabic page mirrors: the language form sits at the start (right) of the bar.
    const bar = await amal.page.locator('[data-participant] > nav').boundingBox()
    const start = await amal.page.locator('[data-participant] > nav > a').first().boundingBox()
    expect(start!.x + start!.width).toBeGreaterThan(bar!.x + bar!.width / 2)

    await post(amal.page, 'نحتاج إلى دورات لغة مسائية', '12')
    await post(bodo.page, 'Sprachkurse mit Kinderbetreuung', '12')
    await post(olena.page, 'Більше перекладачів у відомствах', 'concept')
    expect(await amal.page.getByTestId('my-cards').locator('[lang="ar"]').count()).toBe(1)
    // At the same table, Bodo sees Amal's card; Olena at another table does not.
    await bodo.page.reload()
    await bodo.page.getByTestId('table-cards').getByText('نحتاج إلى دورات لغة مسائية').waitFor()
    expect(await olena.page.getByTestId('table-cards').getByText('نحتاج').count()).toBe(0)

    // The plenary shows all three without a reload.
    await expect.poll(() => projector.getByTestId('plenary').getAttribute('data-cards')).toBe('3')
    expect(await projector.getByTestId('plenary-card').filter({ hasText: 'Більше перекладачів' }).locator('[lang="uk"]').count()).toBe(1)
    await expectNoAxeViolations(projector)

    // ── Televoting ──
    await page.goto(`${server.url}/foren/${forumId}/abstimmungen`)
    await page.getByRole('textbox', { name: 'Frage', exact: true }).fill('Welches Handlungsfeld braucht am meisten Aufmerksamkeit?')
    await page.getByRole('textbox', { name: 'Antworten' }).fill('Sprache\nArbeit\nWohnen')
    await page.getByRole('button', { name: 'Frage anlegen' }).click()
    await page.getByTestId('staff-poll').waitFor()
    const pollId = await page.getByTestId('staff-poll').getAttribute('data-poll')
    await page.getByTestId('staff-poll').getByRole('button', { name: 'Öffnen' }).click()
    await expect.poll(() => page.getByTestId('staff-poll').getAttribute('data-state')).toBe('open')
    await projector.goto(`${server.url}/foren/${forumId}/projektor/${pollId}`)
    await projector.getByTestId('projector').waitFor()
    await expectNoAxeViolations(projector)

    // The phones show the question by themselves (server-sent events), and every participant votes.
    const choices = ['Sprache', 'Sprache', 'Arbeit']
    for (const [index, person] of phones.entries()) {
      const poll = person.page.getByTestId('poll')
      await poll.waitFor()
      await poll.locator('label').filter({ hasText: choices[index]! }).click()
      await poll.locator('button[type="submit"]').click()
      await poll.getByTestId('my-choice').waitFor()
    }
    await expectNoAxeViolations(amal.page)
    // Olena changes her mind: still one vote.
    await olena.page.getByTestId('poll').locator('label').filter({ hasText: 'Wohnen' }).click()
    await olena.page.getByTestId('poll').locator('button[type="submit"]').click()
    await expect.poll(() => olena.page.getByTestId('my-choice').textContent()).toContain('Wohnen')
    await page.getByTestId('staff-poll').getByRole('button', { name: 'Schließen' }).click()
    await expect.poll(() => page.getByTestId('staff-poll').getAttribute('data-state')).toBe('closed')

    // The projector shows the final result: chart and table, counts only.
    await expect.poll(() => projector.getByTestId('projector').getAttribute('data-state')).toBe('closed')
    expect(await projector.getByTestId('poll-result').getAttribute('data-voters')).toBe('3')
    const count = (label: string) => projector.locator(`[data-testid="result-table"] tr[data-option="${label}"] [data-testid="count"]`).textContent()
    expect([await count('Sprache'), await count('Arbeit'), await count('Wohnen')]).toEqual(['2', '0', '1'])
    expect(await projector.getByTestId('bar-chart').locator('text').filter({ hasText: '2 (66,7 %)' }).count()).toBe(1)
    expect(await projector.getByText(/amal|bodo|olena/).count()).toBe(0)
    await expectNoAxeViolations(projector)

    // ── Review and Rückmeldung ──
    await page.goto(`${server.url}/foren/${forumId}`)
    await page.getByRole('button', { name: 'Eingabe beenden' }).click()
    await page.getByText('Die Eingabe ist beendet').waitFor()
    await page.goto(`${server.url}/foren/${forumId}/auswertung`)
    const items = page.getByTestId('review-item')
    await expect.poll(() => items.count()).toBe(3)
    // Bulk: the two cards on goal 12 were already in the concept.
    for (const text of ['نحتاج إلى دورات لغة مسائية', 'Sprachkurse mit Kinderbetreuung']) await items.filter({ hasText: text }).locator('input[type="checkbox"]').check()
    await page.locator('#bulk-disposition').selectOption('alreadyIncluded')
    await page.locator('#bulk-reason').fill('Steht in Ziel 12 (Sprachkurse).')
    await page.getByRole('button', { name: 'Für die ausgewählten Karten speichern' }).click()
    await page.getByText('2 Karten ausgewertet.').waitFor()
    const olenaItem = items.filter({ hasText: 'Більше перекладачів' })
    await olenaItem.locator('select[name="disposition"]').selectOption('adopted')
    await olenaItem.locator('input[name="reason"]').fill('Neue Maßnahme im Entwurf 3.')
    await olenaItem.getByRole('button', { name: 'Speichern' }).click()
    await expect.poll(() => page.getByTestId('review-count').textContent()).toBe('3 von 3 ausgewertet')
    await page.goto(`${server.url}/foren/${forumId}`)
    await page.getByRole('button', { name: 'Rückmeldung veröffentlichen' }).click()
    await page.getByText('Die Rückmeldung ist für alle mit dem Code sichtbar.').waitFor()

    for (const person of phones) {
      await person.page.goto(`${server.url}/mitmachen/rueckmeldung?code=${code}`)
      await person.page.getByTestId('feedback-summary').waitFor()
      await expect.poll(() => person.page.getByTestId('feedback-item').count()).toBe(3)
      expect(await person.page.locator('[data-testid="feedback-item"][data-disposition="alreadyIncluded"]').count()).toBe(2)
      expect(await person.page.locator('[data-testid="feedback-item"][data-disposition="adopted"]').count()).toBe(1)
      await expectNoAxeViolations(person.page)
    }
    expect(await amal.page.getByTestId('feedback-summary').textContent()).toContain('موجود بالفعل في المفهوم: 2')
    expect(await olena.page.getByText('враховано').first().isVisible()).toBe(true)
    expect(await bodo.page.getByText('bereits im Konzept enthalten').first().isVisible()).toBe(true)

    // The remaining participant pages pass axe too, in Arabic.
    for (const path of ['/mitmachen/datenschutz', '/mitmachen/leichte-sprache', '/mitmachen/forum']) {
      await amal.page.goto(`${server.url}${path}`)
      expect(await amal.page.locator('html').getAttribute('dir')).toBe('rtl')
      await expectNoAxeViolations(amal.page)
    }
  } finally {
    for (const person of phones) await person.context.close()
  }
}, 240_000)
