import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { eq } from 'drizzle-orm'
import { goals, measures } from '../../db/schema'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// What the live goal page says about saving, where it matters: a reader whose documents are read-only is told
// "Nur lesen" (never "Gespeichert" for what he cannot change), and a change the server refuses as too large
// (close code 4413) is reported beside the editor it was typed in, not only at the top of the page.

let server: RunningServer
let cookies: Record<'lesen' | 'ordnung', string>
/** Goal 3 has two measures; the demo makes FD Ordnung responsible for both. */
const GOAL = 3
let goalMeasures: number[]

test.beforeAll(async () => {
  server = await startDemoServer()
  cookies = await loginDemoUsers(server.url, ['lesen', 'ordnung'] as const)
  goalMeasures = withServerDb(server, (db) =>
    db
      .select({ id: measures.id })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .where(eq(goals.number, GOAL))
      .orderBy(measures.position)
      .all()
      .map((m) => m.id),
  )
})

test.afterAll(async () => {
  await server?.stop()
})

const saveState = (page: Page) => page.locator('[data-save-state]')

async function openGoal(page: Page) {
  await page.goto(`${server.url}/ziele/${GOAL}`)
  await page.locator('[data-save-state="saved"]').waitFor()
  await page.locator('.ProseMirror').first().waitFor()
}

test('a viewer on a goal page is told "Nur lesen", not "Gespeichert"; the unit that writes still sees "Gespeichert"', async ({ page, context, browser }) => {
  expect(goalMeasures).toHaveLength(2)
  await addSessionCookie(context, server.url, cookies.lesen)
  await openGoal(page)
  await expect.poll(() => saveState(page).textContent()).toBe('Nur lesen')
  expect(await saveState(page).getAttribute('data-access')).toBe('read')
  expect(await page.getByText('Gespeichert').count()).toBe(0)
  await expectNoAxeViolations(page)

  const english = await browser.newContext({ locale: 'en-GB' })
  try {
    await addSessionCookie(english, server.url, cookies.lesen)
    await english.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
    const reader = await english.newPage()
    await openGoal(reader)
    await expect.poll(() => saveState(reader).textContent()).toBe('Read only')
  } finally {
    await english.close()
  }

  const writer = await browser.newContext({ locale: 'de-DE' })
  try {
    await addSessionCookie(writer, server.url, cookies.ordnung)
    const unit = await writer.newPage()
    await openGoal(unit)
    await expect.poll(() => saveState(unit).getAttribute('data-access')).toBe('write')
    expect(await saveState(unit).textContent()).toBe('✓ Gespeichert')
  } finally {
    await writer.close()
  }
})

test('a text too large for the server (4413) is reported beside the editor it was typed in, as an alert', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.ordnung)
  await openGoal(page)
  const [first, second] = goalMeasures as [number, number]
  const measure = page.locator(`[data-measure="${second}"]`)
  const editor = measure.locator('.ProseMirror')
  await editor.click()
  // Pasted in one go: more than the 100,000 characters a narrative may have.
  await editor.evaluate((element) => {
    const data = new DataTransfer()
    data.setData('text/plain', 'Sehr langer Sachstand. '.repeat(4_500))
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })

  const alert = measure.getByRole('alert')
  await alert.waitFor()
  expect(await alert.textContent()).toContain('Dieser Text ist zu groß.')
  expect(await alert.textContent()).toContain('Ihre letzte Änderung wurde nicht gespeichert.')
  expect(await alert.getAttribute('data-refusal')).toBe('4413')
  expect(await alert.getByRole('button', { name: 'Seite neu laden' }).isVisible()).toBe(true)
  // Right under that editor, and nowhere else.
  // Both boxes in one frame (measured one after the other, a scroll or the editor's content settling in between
  // made them disagree once); the gap from the editor's bottom edge to the alert's top edge.
  const gap = () =>
    measure.evaluate((element) => {
      const editorRect = element.querySelector('.ProseMirror')!.getBoundingClientRect()
      const alertRect = element.querySelector('[role="alert"]')!.getBoundingClientRect()
      return Math.round(alertRect.top - editorRect.bottom)
    })
  await expect.poll(gap).toBeGreaterThanOrEqual(-1)
  expect(await gap()).toBeLessThan(40)
  expect(await page.getByRole('alert').count()).toBe(1)
  expect(await page.locator(`[data-measure="${first}"]`).getByRole('alert').count()).toBe(0)
  // The page-wide save state points there instead of repeating it.
  await expect.poll(() => saveState(page).getAttribute('data-save-state')).toBe('rejected')
  expect(await saveState(page).textContent()).toBe('⚠ Nicht gespeichert – siehe Hinweis beim Editor')
})
