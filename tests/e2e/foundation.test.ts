import { expect } from 'vitest'
import catalogue from '../../db/seed/catalogue.json' with { type: 'json' }
import { addSessionCookie, browserTest as test, expectNoAxeViolations, hydrated } from '../setup/browser'
import { loginOverHttp, startServer, type RunningServer } from '../setup/server'

// The foundation as a user meets it in Chromium: login, the overview of all 89 goals, filters, a goal page,
// and accessibility of each. Admin screens are covered in their own file.

const HISTORICAL_ROUND = 'Evaluation 2018–2022 (Stand 31.05.2023)'
const goals = catalogue.fields.flatMap((field) => field.challenges.flatMap((challenge) => challenge.goals.map((goal) => ({ ...goal, field: field.number }))))
const goal2 = goals.find((goal) => goal.number === 2)!

let server: RunningServer
let sessionCookie: string

test.beforeAll(async () => {
  server = await startServer()
  sessionCookie = await loginOverHttp(server.url, server.admin)
})

test.afterAll(async () => {
  await server?.stop()
})

/** Goal numbers shown on the overview, in page order. */
async function shownGoals(page: import('playwright-core').Page): Promise<number[]> {
  return page.locator('[data-goal]').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-goal'))))
}

async function signedIn(context: import('playwright-core').BrowserContext) {
  await addSessionCookie(context, server.url, sessionCookie)
}

test('the seed matches what the overview should show', () => {
  expect(goals).toHaveLength(89)
  expect(goals.reduce((sum, goal) => sum + goal.measures.length, 0)).toBe(134)
})

test('the administrator logs in with the printed credentials through the login form and sees all 89 goals with their 134 measures', async ({ page }) => {
  await page.goto(`${server.url}/login`)
  await page.getByLabel('E-Mail').fill(server.admin.email)
  await page.getByLabel('Passwort').fill(server.admin.password)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.waitForURL(`${server.url}/`)

  await expect.poll(() => page.locator('[data-goal]').count()).toBe(89)
  expect(await shownGoals(page)).toEqual(goals.map((goal) => goal.number))
  expect(await page.locator('tr[data-measure]').count()).toBe(134)
  await expect.poll(() => page.getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(true)
})

test('filtering by field 3 leaves only goals 20 to 26', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/`)
  await hydrated(page)
  await page.getByLabel('Handlungsfeld', { exact: true }).selectOption('3')
  await page.getByRole('button', { name: 'Filtern' }).click()
  await page.waitForURL(/[?&]feld=3(&|$)/)

  await expect.poll(() => shownGoals(page)).toEqual([20, 21, 22, 23, 24, 25, 26])
  const fieldThreeMeasures = goals.filter((goal) => goal.field === 3).reduce((sum, goal) => sum + goal.measures.length, 0)
  expect(await page.locator('tr[data-measure]').count()).toBe(fieldThreeMeasures)
  expect(await page.getByLabel('Handlungsfeld', { exact: true }).inputValue()).toBe('3')
})

test('filtering by attainment shows all 134 measures as not yet rated and none as high', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/`)
  await hydrated(page)
  const attainment = page.getByLabel('Bewertung', { exact: true })

  await attainment.selectOption({ label: 'noch nicht bewertet' })
  await page.getByRole('button', { name: 'Filtern' }).click()
  await page.waitForURL(/[?&]bewertung=none(&|$)/)
  await expect.poll(() => page.locator('tr[data-measure]').count()).toBe(134)
  expect(await page.locator('[data-goal]').count()).toBe(89)

  await attainment.selectOption({ label: 'hoch' })
  await page.getByRole('button', { name: 'Filtern' }).click()
  await page.waitForURL(/[?&]bewertung=high(&|$)/)
  await expect.poll(() => page.getByText('Keine Ziele entsprechen diesen Filtern.').isVisible()).toBe(true)
  expect(await page.locator('[data-goal]').count()).toBe(0)
  expect(await page.locator('tr[data-measure]').count()).toBe(0)
})

test('a goal page shows the description, measures, units and the rating history with the historical round', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: 'Ziel 2', exact: true }).click()
  await page.waitForURL(`${server.url}/ziele/2`)

  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ziel 2')
  expect(await page.getByText(goal2.description).isVisible()).toBe(true)
  const measures = page.locator('[data-measure]')
  expect(await measures.count()).toBe(goal2.measures.length)
  for (const measure of goal2.measures) {
    expect(await page.getByRole('heading', { level: 3, name: measure.title }).isVisible()).toBe(true)
  }
  const first = measures.first()
  expect(await first.getByText('Organisationseinheiten:').isVisible()).toBe(true)
  // Assignments are not in the source; until an administrator makes them, the page says so.
  expect(await first.getByText('keine Einheit zugeordnet').isVisible()).toBe(true)

  const history = first.getByRole('list', { name: 'Bewertungsverlauf' })
  expect(await history.isVisible()).toBe(true)
  const historical = history.locator('li[data-round]').filter({ hasText: HISTORICAL_ROUND })
  expect(await historical.count()).toBe(1)
  expect(await historical.getByText('Routine').count()).toBe(1)
  // The source has no colours: the historical attainment stays unknown.
  expect(await historical.locator('[data-attainment]').first().getAttribute('data-attainment')).toBe('none')
})

test('a wrong password is refused with a message and no session', async ({ page, context }) => {
  await page.goto(`${server.url}/login`)
  await page.getByLabel('E-Mail').fill(server.admin.email)
  await page.getByLabel('Passwort').fill('falsches-passwort')
  await page.getByRole('button', { name: 'Anmelden' }).click()

  await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-Mail oder Passwort ist falsch.')
  expect(new URL(page.url()).pathname).toBe('/login')
  expect((await context.cookies()).some((cookie) => cookie.name === 'zw_session')).toBe(false)
  await expectNoAxeViolations(page)
})

test('a logged-out visit to the overview redirects to the login page', async ({ page }) => {
  await page.goto(`${server.url}/`)
  expect(new URL(page.url()).pathname).toBe('/login')
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmelden')
})

test('axe-core finds no WCAG 2.1 AA violations on the login page', async ({ page }) => {
  await page.goto(`${server.url}/login`)
  await expectNoAxeViolations(page)
})

test('axe-core finds no WCAG 2.1 AA violations on the overview, with the legend open and when nothing matches', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/`)
  await expectNoAxeViolations(page)
  await page.getByText('Legende').click()
  await expectNoAxeViolations(page)
  await page.goto(`${server.url}/?bewertung=high`)
  await expectNoAxeViolations(page)
})

test('axe-core finds no WCAG 2.1 AA violations on a goal page', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/ziele/2`)
  await expectNoAxeViolations(page)
  await page.goto(`${server.url}/ziele/42`)
  await expectNoAxeViolations(page)
})

test('in English the interface switches language while the German catalogue stays marked as German', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/`)
  await page.getByRole('button', { name: 'English' }).click()
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
  // The new document's <html lang> arrives before the rest of the (streamed) page.
  await page.waitForLoadState('load')
  expect(await page.getByLabel('Field of action', { exact: true }).isVisible()).toBe(true)
  expect(await page.locator('[data-goal] p[lang="de"]').count()).toBe(89)
  expect(await page.locator('tr[data-measure] td[lang="de"]').count()).toBe(134)
  await expectNoAxeViolations(page)
})

test('keyboard focus in the dark header is drawn in white', async ({ page, context }) => {
  await signedIn(context)
  await page.goto(`${server.url}/`)
  const overviewLink = page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Übersicht' })
  // Tab from the skip link until the header link has keyboard focus (:focus-visible needs the keyboard).
  for (let i = 0; i < 5 && !(await overviewLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  const outline = await overviewLink.evaluate((el) => getComputedStyle(el).outlineColor)
  expect(outline).toBe('rgb(255, 255, 255)')
})
