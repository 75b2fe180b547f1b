import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { goals, indicators, users } from '../../db/schema'
import { DEMO_DOMAIN } from '../../server/cli/demo'
import { seedDemoForums } from '../../server/cli/demo-forums'
import { addItems, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { updateIndicator } from '../../server/services/monitoring/indicators'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// Where decisions are made, the participation forums and the monitoring speak too: a goal page shows the forum
// feedback on its goal and its linked indicator with the distance to the target in words; the Jour fixe's item
// panel shows the feedback on the item under discussion.

let server: RunningServer
let cookies: Record<'koordination', string>
let meetingId = 0

test.beforeAll(async () => {
  server = await startDemoServer()
  withServerDb(server, (db) => {
    seedDemoForums(db)
    // The employment rate of foreign nationals (37 % in 2013, 56 % in 2021, from the evaluation report) informs goal 15.
    const employment = db.select().from(indicators).where(eq(indicators.key, 'beschaeftigungsquote-auslaender')).get()!
    updateIndicator(db, employment.id, { ...employment, breakdowns: [], goalNumbers: [15], targetValue: 60, targetYear: 2027, thresholdValue: null, thresholdYear: null })
    const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, `koordination@${DEMO_DOMAIN}`)).get()!.id
    const goal20 = db.select({ id: goals.id }).from(goals).where(eq(goals.number, 20)).get()!.id
    meetingId = createMeeting(db, { roundId: demoRoundIds(db).open, title: 'Jour fixe Sprache', date: '2026-12-03', time: null, location: '' }, coordinator)
    addItems(db, meetingId, [{ goalId: goal20 }])
    startMeeting(db, meetingId)
  })
  cookies = await loginDemoUsers(server.url, ['koordination'])
})

test.afterAll(async () => {
  await server?.stop()
})

test('a goal page shows its linked indicator with the distance to the target, and the caveat', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.koordination)
  await page.goto(`${server.url}/ziele/15`)
  const indicatorsPanel = page.getByRole('region', { name: /Kennzahlen/ })
  await expect.poll(() => indicatorsPanel.textContent()).toContain('Zielwert 60 % für 2027; aktuell 56 %, 4 Prozentpunkte darunter')
  expect(await indicatorsPanel.textContent()).toMatch(/Entwicklung|nicht die Wirkung/)
  // The trend chart has its table with the same figures.
  expect(await indicatorsPanel.getByRole('table').first().textContent()).toMatch(/2013[\s\S]*37[\s\S]*2021[\s\S]*56/)
  await expectNoAxeViolations(page)
})

test('a goal page and the Jour fixe item show what the forums said on the goal, with its disposition', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.koordination)
  await page.goto(`${server.url}/ziele/20`)
  const feedback = page.getByTestId('forum-feedback')
  await expect.poll(() => feedback.textContent()).toContain('Sprachkurse am Abend und mit Kinderbetreuung')
  expect(await feedback.locator('[lang="ar"]').count()).toBeGreaterThan(0)
  await expectNoAxeViolations(page)

  await page.goto(`${server.url}/sitzungen/${meetingId}`)
  const panel = page.getByTestId('item-panel')
  await expect.poll(() => panel.getByTestId('forum-feedback').textContent()).toContain('Sprachkurse am Abend und mit Kinderbetreuung')
  await expectNoAxeViolations(page)
})
