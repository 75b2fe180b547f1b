import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { measureStatus, rounds } from '../../db/schema'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, unitMeasures, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The round pages as the demo users meet them: a unit editor's to-do list, the coordinator's progress
// tables and the comparison of the historical round with the open one.

let server: RunningServer
const cookies: Record<string, string> = {}
let openRoundId: number
let historicalRoundId: number
let ordnungMeasures: { id: number; title: string }[]

test.beforeAll(async () => {
  server = await startDemoServer()
  withServerDb(server, (db) => {
    ;({ open: openRoundId, historical: historicalRoundId } = demoRoundIds(db))
    db.update(rounds).set({ dueDate: '2099-12-31' }).where(eq(rounds.id, openRoundId)).run()
    ordnungMeasures = unitMeasures(db, 'FD Ordnung')
    const [first] = ordnungMeasures
    const set = (round: number, values: Partial<typeof measureStatus.$inferInsert>) =>
      db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, round), eq(measureStatus.measureId, first!.id))).run()
    set(historicalRoundId, { agreedAttainment: 'high', narrativeText: 'Die Sprechstunde läuft wöchentlich.' })
    set(openRoundId, { proposalAttainment: 'low', narrativeText: 'Die Sprechstunde läuft nur noch monatlich.', updatedAt: Date.now() })
  })
  Object.assign(cookies, await loginDemoUsers(server.url, ['ordnung', 'koordination', 'lesen']))
})

test.afterAll(async () => {
  await server?.stop()
})

test('a unit editor finds their measures on "Meine Aufgaben" with the one they updated marked, and no axe violations', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.ordnung!)
  await page.goto(`${server.url}/`)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Aufgaben' }).click()
  await page.waitForURL(`${server.url}/aufgaben`)

  const rows = page.locator('tbody tr[data-updated]')
  await expect.poll(() => rows.count()).toBe(ordnungMeasures.length)
  expect(await page.locator('tbody tr[data-updated="true"]').count()).toBe(1)
  expect(await page.getByRole('status').textContent()).toBe(`1 von ${ordnungMeasures.length} Maßnahmen aktualisiert, ${ordnungMeasures.length - 1} noch offen.`)
  expect(await page.getByTestId('due').textContent()).toMatch(/31\.12\.2099 \(noch \d+ Tage\)/)
  const updated = page.locator('tbody tr[data-updated="true"]')
  expect(await updated.getByRole('rowheader').textContent()).toBe(ordnungMeasures[0]!.title)
  expect(await updated.getByText('aktualisiert', { exact: false }).textContent()).toContain('aktualisiert')
  await expectNoAxeViolations(page)
})

test('a user without a unit gets a German hint instead of a to-do list', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.lesen!)
  await page.goto(`${server.url}/aufgaben`)
  expect(await page.getByText('Ihrem Konto ist keine Organisationseinheit zugeordnet').isVisible()).toBe(true)
  expect(await page.locator('table').count()).toBe(0)
  expect(await page.getByRole('link', { name: 'Meine Aufgaben' }).count()).toBe(0)
  await expectNoAxeViolations(page)
})

test('the coordinator sees the progress per unit and per field with counts and percentages, and no axe violations', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.koordination!)
  await page.goto(`${server.url}/`)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fortschritt' }).click()
  await page.waitForURL(`${server.url}/runden/${openRoundId}/fortschritt`)

  const byUnit = page.getByTestId('by-unit')
  const ordnung = byUnit.getByRole('row').filter({ hasText: 'Fachdienst Ordnung' })
  const n = ordnungMeasures.length
  // then when the unit was last reminded and its reminder button (tests/e2e/reminders.test.ts); polled,
  // because allTextContents does not wait for the page to render the table
  await expect
    .poll(() => ordnung.getByRole('cell').allTextContents())
    .toEqual([String(n), `1 (${Math.round(100 / n)} %)`, `1 (${Math.round(100 / n)} %)`, '0 (0 %)', 'noch nie', 'Erinnern'])
  const total = page.getByTestId('by-field').locator('tfoot tr')
  expect(await total.getByRole('cell').allTextContents()).toEqual(['134', '1 (1 %)', '1 (1 %)', '0 (0 %)'])
  await expectNoAxeViolations(page)

  await ordnung.getByRole('link').click()
  await page.waitForURL(/\/aufgaben\?einheit=\d+$/)
  await expect.poll(() => page.locator('tbody tr[data-updated]').count()).toBe(n)
  await expectNoAxeViolations(page)
})

test('a unit editor may not open the progress page', async () => {
  const response = await fetch(`${server.url}/runden/${openRoundId}/fortschritt`, { headers: { Cookie: cookies.ordnung! } })
  expect(response.status).toBe(403)
})

test('the comparison shows the fall from high to low as worse with a word diff of the narrative, and no axe violations', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.lesen!)
  await page.goto(`${server.url}/vergleich?von=${historicalRoundId}&nach=${openRoundId}&nur=verschlechtert`)

  const items = page.locator('[data-compared]')
  await expect.poll(() => items.count()).toBe(1)
  const item = items.first()
  expect(await item.getAttribute('data-compared')).toBe(String(ordnungMeasures[0]!.id))
  expect(await item.getByText('verschlechtert', { exact: true }).isVisible()).toBe(true)
  expect(await item.locator('[data-attainment]').evaluateAll((els) => els.map((el) => el.getAttribute('data-attainment')))).toEqual(['high', 'low'])
  expect(await item.locator('del').textContent()).toBe('[entfernt: wöchentlich]')
  expect(await item.locator('ins').textContent()).toBe('[eingefügt: nur noch monatlich]')
  await expectNoAxeViolations(page)

  await page.getByLabel('Anzeigen').selectOption('alle')
  await page.getByRole('button', { name: 'Vergleichen' }).click()
  await page.waitForURL(/nur=alle/)
  await expect.poll(() => items.count()).toBe(134)
  await expectNoAxeViolations(page)
})

test('the comparison answers bad query parameters with 400 and a German message', async () => {
  const get = (query: string) => fetch(`${server.url}/vergleich?${query}`, { headers: { Cookie: cookies.lesen! } })
  const cases = [
    ['von=abc&nach=1', 'muss die Nummer einer Berichtsrunde sein'],
    [`von=${historicalRoundId}&nach=99999`, 'gibt es nicht'],
    [`von=${openRoundId}&nach=${openRoundId}`, 'zwei verschiedene Berichtsrunden'],
    [`von=${historicalRoundId}`, 'beide Berichtsrunden'],
    [`von=${historicalRoundId}&nach=${openRoundId}&nur=besser`, '„nur“ darf'],
  ] as const
  for (const [query, message] of cases) {
    const response = await get(query)
    expect(response.status, query).toBe(400)
    expect(await response.text(), query).toContain(message)
  }
})

/** How far the page scrolls sideways: the document, and the widest overflow of any element that scrolls itself. */
async function sidewaysScroll(page: import('playwright-core').Page) {
  return page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    inner: Math.max(
      0,
      ...[...document.querySelectorAll('body *')]
        .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
        .map((el) => el.scrollWidth - el.clientWidth),
    ),
  }))
}

for (const [label, who, path] of [
  ['Meine Aufgaben', 'ordnung', () => '/aufgaben'],
  ['the progress page', 'koordination', () => `/runden/${openRoundId}/fortschritt`],
] as const) {
  test(`${label} fits a phone 390 px wide without scrolling sideways, and no axe violations`, async ({ page, context }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await addSessionCookie(context, server.url, cookies[who]!)
    await page.goto(`${server.url}${path()}`)
    await page.locator('table').first().waitFor()
    expect(await sidewaysScroll(page)).toEqual({ document: 390, inner: 0 })
    // Each row shows its column names on a phone, and the table is still a table for screen readers.
    expect(await page.locator('table').first().getByRole('columnheader').count()).toBeGreaterThan(3)
    const label = await page.locator('tbody td[data-label]').first().evaluate((el) => getComputedStyle(el, '::before').content)
    expect(label).not.toBe('none')
    await expectNoAxeViolations(page)
  })
}
