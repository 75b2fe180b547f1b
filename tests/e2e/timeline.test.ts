import { and, asc, count, eq } from 'drizzle-orm'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { goals, measureStatus, measures, meetings, users } from '../../db/schema'
import { FIRST_OPEN_ROUND_NAME, HISTORICAL_ROUND_NAME } from '../../db/seed/catalogue'
import { DEMO_DOMAIN } from '../../server/cli/demo'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { demoRoundIds, loginDemoUser, openServerDatabase, startDemoServer } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// A measure's path across the rounds: agreed "hoch" in the historical evaluation, agreed "mittel" in a Jour fixe
// of the open round; its neighbour has only a unit's proposal. Goal page and measure page both draw it.

let server: RunningServer
let viewerCookie: string
let goalNumber: number
let agreed: { id: number; title: string }
let proposed: { id: number; title: string }
const MEETING_TITLE = 'Jour fixe Migration und Integration'
const COORDINATOR_NAME = 'Demo: Koordination Jour fixe'

test.beforeAll(async () => {
  server = await startDemoServer()
  const db = openServerDatabase(server)
  const { historical: historicalId, open: openId } = demoRoundIds(db)
  // The first goal with at least two measures.
  const goal = db
    .select({ id: goals.id, number: goals.number, measures: count(measures.id) })
    .from(goals)
    .innerJoin(measures, eq(measures.goalId, goals.id))
    .groupBy(goals.id, goals.number)
    .orderBy(asc(goals.number))
    .all()
    .find((g) => g.measures >= 2)!
  goalNumber = goal.number
  ;[agreed, proposed] = db.select({ id: measures.id, title: measures.title }).from(measures).where(eq(measures.goalId, goal.id)).orderBy(asc(measures.position)).limit(2).all() as [
    typeof agreed,
    typeof proposed,
  ]
  const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, `koordination@${DEMO_DOMAIN}`)).get()!.id
  const meeting = db.insert(meetings).values({ roundId: openId, title: MEETING_TITLE, date: '2026-03-12', state: 'closed' }).returning({ id: meetings.id }).get().id
  const set = (round: number, measureId: number, values: Partial<typeof measureStatus.$inferInsert>) =>
    db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, round), eq(measureStatus.measureId, measureId))).run()
  set(historicalId, agreed.id, { agreedAttainment: 'high', narrativeText: 'Die Sprechstunde läuft wöchentlich.' })
  set(openId, agreed.id, {
    proposalAttainment: 'low',
    narrativeText: 'Die Sprechstunde läuft nur noch monatlich.',
    agreedAttainment: 'medium',
    agreedMandatory: true,
    agreedRoutine: false,
    agreedContinue: true,
    agreedResponsibilityQuestionable: false,
    agreedChangedConditions: false,
    agreedAt: Date.UTC(2026, 2, 12, 9, 30),
    agreedBy: coordinator,
    agreedInMeeting: meeting,
  })
  set(openId, proposed.id, { proposalAttainment: 'low' })
  db.$client.close()
  viewerCookie = await loginDemoUser(server.url, 'lesen')
})

test.afterAll(async () => {
  await server?.stop()
})

const nodes = (timeline: Locator) => timeline.getByRole('list', { name: 'Bewertungsverlauf' }).locator('> li')

/** The agreed measure's path: "hoch" in the historical round, "mittel" in the open one, and the fall between them. */
async function expectAgreedPath(scope: Locator | Page) {
  const timeline = scope.getByTestId('timeline')
  const items = nodes(timeline)
  await expect.poll(() => items.count()).toBe(2)
  const [historical, open] = [items.nth(0), items.nth(1)]
  expect(await historical.textContent()).toContain(HISTORICAL_ROUND_NAME)
  const historicalBadge = historical.locator('[data-attainment]')
  expect(await historicalBadge.getAttribute('data-attainment')).toBe('high')
  expect(await historicalBadge.innerText()).toContain('hoch')
  expect(await open.textContent()).toContain(FIRST_OPEN_ROUND_NAME)
  const openBadge = open.locator('[data-attainment]')
  expect(await openBadge.getAttribute('data-attainment')).toBe('medium')
  expect(await openBadge.innerText()).toContain('mittel')
  // The agreed marks have text alternatives, not just symbols.
  expect(await open.getByRole('list', { name: 'Merkmale' }).getByRole('listitem').allTextContents()).toEqual([
    expect.stringContaining('Pflichtaufgabe'),
    expect.stringContaining('Weiterführungsbedarf'),
  ])
  // The direction: an arrow and a word on the line between the rounds, and a sentence for screen readers.
  expect(await open.getAttribute('data-trend')).toBe('worse')
  const trend = open.getByTestId('trend')
  expect(await trend.textContent()).toBe('↓Gegenüber der vorigen Runde: schlechter')
  expect(await trend.locator('[aria-hidden="true"]').first().isVisible()).toBe(true)
  expect(await timeline.locator('> p.sr-only').textContent()).toBe('Verlauf: 2018–2022 hoch, 2026 mittel.')
}

test('the goal page shows each measure’s path across the rounds with labelled ratings and the direction, and no axe violations', async ({ page, context }) => {
  await addSessionCookie(context, server.url, viewerCookie)
  await page.goto(`${server.url}/ziele/${goalNumber}`)
  await expectAgreedPath(page.locator(`[data-measure="${agreed.id}"]`))

  const neighbour = nodes(page.locator(`[data-measure="${proposed.id}"]`))
  expect(await neighbour.count()).toBe(2)
  const open = neighbour.nth(1)
  expect(await open.getByText('nicht abgestimmt', { exact: true }).isVisible()).toBe(true)
  const proposal = open.getByTestId('proposal')
  expect(await proposal.textContent()).toContain('Vorschlag')
  expect(await proposal.locator('[data-attainment]').getAttribute('data-attainment')).toBe('low')
  expect(await proposal.locator('[data-attainment]').innerText()).toContain('gering')
  // The historical round agreed no rating for it, so there is nothing to compare with, and the line says so.
  expect(await open.getByTestId('trend').textContent()).toContain('kein Vergleich')

  await page.locator('[data-save-state="saved"]').waitFor()
  await expectNoAxeViolations(page)
})

test('"Verlauf der Maßnahme" leads to the measure page with the timeline, who agreed when in which meeting, the narratives, and no axe violations', async ({
  page,
  context,
}) => {
  await addSessionCookie(context, server.url, viewerCookie)
  await page.goto(`${server.url}/ziele/${goalNumber}`)
  await page.locator(`[data-measure="${agreed.id}"]`).getByRole('link', { name: 'Verlauf der Maßnahme' }).click()
  await page.waitForURL(`${server.url}/massnahmen/${agreed.id}`)

  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(agreed.title)
  expect(await page.getByRole('link', { name: `Ziel ${goalNumber}` }).first().isVisible()).toBe(true)
  await expectAgreedPath(page)

  const open = page.locator('[data-round-details]').filter({ hasText: FIRST_OPEN_ROUND_NAME })
  expect(await open.getByTestId('agreement').textContent()).toBe(
    `am 12.03.2026, 10:30 von ${COORDINATOR_NAME} in der Sitzung „${MEETING_TITLE}“ vom 12.03.2026 (Protokoll)`,
  )
  expect(await open.getByTestId('agreement').getByRole('link', { name: 'Protokoll' }).getAttribute('href')).toMatch(/^\/sitzungen\/\d+\/protokoll$/)
  expect(await open.getByText('Die Sprechstunde läuft nur noch monatlich.').isVisible()).toBe(true)
  const historical = page.locator('[data-round-details]').filter({ hasText: HISTORICAL_ROUND_NAME })
  expect(await historical.getByText('Die Sprechstunde läuft wöchentlich.').isVisible()).toBe(true)
  await expectNoAxeViolations(page)

  // On a phone the rounds wrap instead of scrolling sideways.
  await page.setViewportSize({ width: 360, height: 800 })
  const items = nodes(page.getByTestId('timeline'))
  const [first, second] = [await items.nth(0).boundingBox(), await items.nth(1).boundingBox()]
  expect(second!.y).toBeGreaterThan(first!.y)
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
})
