import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { measureStatus, measureUnits, rounds, units, users } from '../../db/schema'
import { addItems, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, signedInContext } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, ROLE_ACCOUNTS, startDemoServer, unitMeasures, withServerDb } from '../setup/demo'
import { loginOverHttp } from '../setup/server'
import type { RunningServer } from '../setup/server'

// What a live page tells its user when the server stops taking what he types: the round was closed, his rights
// changed, or a change was refused. The page switches at once (read-only where it now is), and whatever he typed
// that the server does not have is shown to him with a copy button, never dropped without a word.

let server: RunningServer
let cookies: Record<'ordnung' | 'beauftragte' | 'lesen' | 'koordination', string>
let admin: string
/** Goal 3 has two measures; the demo makes FD Ordnung responsible for both. */
const GOAL = 3
let first: number
let second: number
let unitId: number
let roundId: number

test.beforeAll(async () => {
  server = await startDemoServer()
  cookies = await loginDemoUsers(server.url, ['ordnung', 'beauftragte', 'lesen', 'koordination'] as const)
  admin = await loginOverHttp(server.url, server.admin)
  ;[first, second] = withServerDb(server, (db) => unitMeasures(db, 'FD Ordnung').filter((m) => m.goalNumber === GOAL).map((m) => m.id)) as [number, number]
  unitId = withServerDb(server, (db) => db.select({ id: units.id }).from(units).where(eq(units.shortName, 'FD Ordnung')).get()!.id)
  roundId = withServerDb(server, (db) => demoRoundIds(db).open)
})

test.afterAll(async () => {
  await server?.stop()
})

const measureOf = (page: Page, id: number) => page.locator(`[data-measure="${id}"]`)
const editorOf = (page: Page, id: number) => measureOf(page, id).locator('.ProseMirror')
const saved = (page: Page) => page.locator('[data-save-state="saved"]').waitFor()

async function openGoal(page: Page) {
  await page.goto(`${server.url}/ziele/${GOAL}`)
  await saved(page)
  await editorOf(page, second).waitFor()
}

async function typeAtEnd(page: Page, id: number, text: string) {
  await editorOf(page, id).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

function storedText(id: number): string {
  return withServerDb(server, (db) =>
    db
      .select({ text: measureStatus.narrativeText })
      .from(measureStatus)
      .where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, id)))
      .get(),
  )?.text ?? ''
}

test('a text too large for the server (4413): the message at the editor, with the text that was not saved to copy', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.ordnung)
  await openGoal(page)
  const editor = editorOf(page, second)
  await editor.click()
  await editor.evaluate((element) => {
    const data = new DataTransfer()
    data.setData('text/plain', 'Sehr langer Sachstand. '.repeat(4_500))
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })
  const alert = measureOf(page, second).getByRole('alert')
  await alert.waitFor()
  expect(await alert.getAttribute('data-refusal')).toBe('4413')
  const unsaved = alert.getByLabel('Ihr nicht gespeicherter Text')
  await unsaved.waitFor()
  expect((await unsaved.inputValue()).startsWith('Sehr langer Sachstand. Sehr langer Sachstand.')).toBe(true)
  expect(await alert.getByRole('button', { name: 'Text kopieren' }).isVisible()).toBe(true)
  // The editor shows what the server stored (the page reopened the document), not the refused text.
  await expect.poll(async () => (await editor.textContent())?.includes('Sehr langer Sachstand') ?? true).toBe(false)
  expect(storedText(second)).not.toContain('Sehr langer Sachstand')
  expect(await page.locator(`[data-measure="${first}"]`).getByRole('alert').count()).toBe(0)
})

test('rights removed mid-edit (4410): that measure turns read-only with a message, the text typed meanwhile is shown', async ({ page, context, browser, browserErrors }) => {
  // Offline, the page's reconnects and data requests fail (logged by Chromium): that is the situation under test.
  browserErrors.allow(/ERR_INTERNET_DISCONNECTED/)
  await addSessionCookie(context, server.url, cookies.ordnung)
  await openGoal(page)
  await typeAtEnd(page, first, 'Gespeicherter Satz.')
  await saved(page)
  await context.setOffline(true)
  await typeAtEnd(page, first, ' Während der Änderung getippt.')
  // The administrator removes FD Ordnung from the measure (in another browser).
  const adminContext = await signedInContext(browser, browserErrors, server.url, admin, 'Administration')
  try {
    const response = await adminContext.request.post(`${server.url}/admin/zuordnungen`, {
      form: { intent: 'remove', measureId: String(first), unitId: String(unitId) },
      headers: { Origin: server.url },
    })
    expect(response.status()).toBe(200)
  } finally {
    await adminContext.close()
  }
  await context.setOffline(false)

  const measure = measureOf(page, first)
  await measure.getByTestId('now-read-only').waitFor({ timeout: 15_000 })
  expect(await measure.getByTestId('now-read-only').textContent()).toContain('Sie können dies jetzt nur noch lesen')
  await expect.poll(() => editorOf(page, first).getAttribute('contenteditable')).toBe('false')
  expect(await measure.getByRole('radio').first().isDisabled()).toBe(true)
  const alert = measure.getByRole('alert')
  expect(await alert.getAttribute('data-refusal')).toBe('4410')
  await expect.poll(() => alert.getByLabel('Ihr nicht gespeicherter Text').inputValue().catch(() => '')).toContain('Während der Änderung getippt.')
  // The other measure stays the unit's own.
  expect(await editorOf(page, second).getAttribute('contenteditable')).toBe('true')
  await expect.poll(() => storedText(first)).toContain('Gespeicherter Satz.')
  expect(storedText(first)).not.toContain('Während der Änderung getippt.')
  await expectNoAxeViolations(page)
  withServerDb(server, (db) => db.insert(measureUnits).values({ measureId: first, unitId, role: 'lead' }).onConflictDoNothing().run())
})

test('the commissioner closes the round under an open editor: the page turns read-only at once and shows what was typed meanwhile; a running meeting’s follower is told it ended', async ({ page, context, browser, browserErrors }) => {
  browserErrors.allow(/ERR_INTERNET_DISCONNECTED/)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  await addSessionCookie(context, server.url, cookies.ordnung)
  await openGoal(page)
  const measure = measureOf(page, first)
  await typeAtEnd(page, first, ' Vor dem Abschluss.')
  await measure.locator('label', { hasText: 'hoch' }).click()
  await saved(page)
  // The narrative reaches the table within half a second (projection-narratives.ts).
  await expect.poll(() => storedText(first)).toContain('Vor dem Abschluss.')
  const before = storedText(first)

  // Typed in the moment between the close and the page learning of it (simulated: offline meanwhile).
  await context.setOffline(true)
  await typeAtEnd(page, first, ' Nach dem Abschluss getippt.')
  await measure.locator('label', { hasText: 'mittel' }).click()

  // Meanwhile a viewer follows a running Jour fixe of the same round.
  const meetingId = withServerDb(server, (db) => {
    const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_ACCOUNTS.coordinator)).get()!.id
    const id = createMeeting(db, { roundId, title: 'Jour fixe beim Abschluss', date: '2026-12-03', time: '10:00', location: 'Kreishaus' }, coordinator)
    addItems(db, id, [{ measureId: first }, { measureId: second }])
    startMeeting(db, id)
    return id
  })
  const followerContext = await signedInContext(browser, browserErrors, server.url, cookies.lesen, 'lesen')
  const follower = await followerContext.newPage()
  await follower.goto(`${server.url}/sitzungen/${meetingId}`)
  await follower.locator('[data-save-state="saved"]').waitFor()
  expect(await follower.getByTestId('meeting-state').textContent()).toBe('Sitzung läuft')
  // The moderator writes a decision note in the same moment (offline meanwhile, like the editor above).
  const moderatorContext = await signedInContext(browser, browserErrors, server.url, cookies.koordination, 'koordination')
  const moderator = await moderatorContext.newPage()
  await moderator.goto(`${server.url}/sitzungen/${meetingId}`)
  await moderator.locator('[data-save-state="saved"]').waitFor()
  await moderatorContext.setOffline(true)
  const note = 'Nach dem Abschluss notiert: Maßnahme fortführen.'
  await moderator.getByLabel('Beschlussnotiz').first().fill(note)

  const commissioner = await signedInContext(browser, browserErrors, server.url, cookies.beauftragte, 'Beauftragte')
  try {
    const runden = await commissioner.newPage()
    const name = withServerDb(server, (db) => db.select({ name: rounds.name }).from(rounds).where(eq(rounds.id, roundId)).get()!.name)
    await runden.goto(`${server.url}/runden`)
    await runden.locator('summary', { hasText: name }).filter({ hasText: 'Abschließen' }).click()
    await runden.getByRole('button', { name: `Endgültig abschließen: ${name}`, exact: true }).click()
    await runden.getByText('Abgeschlossen; die Runde ist jetzt schreibgeschützt.').waitFor()
  } finally {
    await commissioner.close()
  }
  await context.setOffline(false)
  const switched = Date.now()

  // The follower learns it at once, with the way to the minutes.
  const ended = follower.getByTestId('meeting-ended')
  await ended.waitFor({ timeout: 5_000 })
  expect(await ended.textContent()).toContain('Die Berichtsrunde wurde abgeschlossen – die Sitzung ist beendet.')
  await expect.poll(() => follower.getByTestId('meeting-state').textContent()).toBe('Sitzung beendet')
  expect(await follower.getByTestId('meeting-mode').count()).toBe(0)
  await ended.getByRole('link', { name: 'Zum Protokoll' }).click()
  await follower.waitForURL(`${server.url}/sitzungen/${meetingId}/protokoll`)
  await followerContext.close()

  // The moderator's note did not reach the server: the ended meeting's page shows it to copy.
  await moderatorContext.setOffline(false)
  const unsavedNote = moderator.getByTestId('meeting-unsaved')
  await unsavedNote.waitFor({ timeout: 20_000 })
  await expect.poll(() => unsavedNote.locator('textarea').inputValue(), { timeout: 15_000 }).toBe(note)
  expect(await unsavedNote.textContent()).toContain('Ihre Entscheidungsnotizen')
  await moderatorContext.close()

  const notice = page.getByTestId('round-closed')
  await notice.waitFor({ timeout: 15_000 })
  expect(Date.now() - switched).toBeLessThan(10_000)
  expect(await notice.textContent()).toContain('Diese Berichtsrunde wurde abgeschlossen')
  expect(await notice.getAttribute('aria-live')).toBe('polite')
  for (const id of [first, second]) await expect.poll(() => editorOf(page, id).getAttribute('contenteditable')).toBe('false')
  expect(await measure.getByRole('radio').first().isDisabled()).toBe(true)

  const alert = measure.getByRole('alert')
  expect(await alert.getAttribute('data-refusal')).toBe('4423')
  const unsaved = alert.getByLabel('Ihr nicht gespeicherter Text')
  await expect.poll(() => unsaved.inputValue().catch(() => '')).toContain('Nach dem Abschluss getippt.')
  expect(await alert.textContent()).toContain('Ihre Bewertung „mittel“ wurde nicht gespeichert.')
  await alert.getByRole('button', { name: 'Text kopieren' }).click()
  await alert.getByText('Kopiert.').waitFor()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Nach dem Abschluss getippt.')
  await expect.poll(() => page.locator('[data-save-state]').textContent()).toBe('⚠ Nicht gespeichert – siehe Hinweis beim Editor')
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'tests/.tmp/live-honesty-round-closed.png', fullPage: false })

  // After a reload the page shows what the server has (the closed round's read view): the text and the rating
  // from before the close.
  await page.reload()
  await expect.poll(() => measure.textContent()).toContain('Vor dem Abschluss.')
  expect(await measure.textContent()).not.toContain('Nach dem Abschluss getippt.')
  expect(await page.getByTestId('round-closed').count()).toBe(0)
  expect(storedText(first)).toBe(before)
  const rating = withServerDb(server, (db) =>
    db.select({ a: measureStatus.proposalAttainment }).from(measureStatus).where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, first))).get(),
  )
  expect(rating?.a).toBe('high')
})
