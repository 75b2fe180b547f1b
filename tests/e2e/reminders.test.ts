import { eq, inArray } from 'drizzle-orm'
import { expect } from 'vitest'
import type { Db } from '../../db/client'
import { notices, rounds, users } from '../../db/schema'
import { FIRST_OPEN_ROUND_NAME } from '../../db/seed/catalogue'
import { DEMO_DOMAIN } from '../../server/cli/demo'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// Reminders as the demo users meet them: the coordinator reminds "FD Ordnung" from the progress page, the
// unit's editor finds the reminder in the header, on the to-do page and on /hinweise, and marks it read.
// No SMTP is configured here, so the page must say that the reminder went out in the app only.

let server: RunningServer
const cookies: Record<string, string> = {}
let openRoundId: number
let historicalRoundId: number

const query = <T>(read: (db: Db) => T): T => withServerDb(server, read)

test.beforeAll(async () => {
  server = await startDemoServer()
  withServerDb(server, (db) => {
    ;({ open: openRoundId, historical: historicalRoundId } = demoRoundIds(db))
    db.update(rounds).set({ dueDate: '2099-12-31' }).where(eq(rounds.id, openRoundId)).run()
  })
  Object.assign(cookies, await loginDemoUsers(server.url, ['ordnung', 'koordination']))
})

test.afterAll(async () => {
  await server?.stop()
})

test('the coordinator reminds FD Ordnung; its editor sees the count, the reminder on the to-do page and on /hinweise, and reads it', async ({ browser, page, context }) => {
  await addSessionCookie(context, server.url, cookies.koordination!)
  await page.goto(`${server.url}/runden/${openRoundId}/fortschritt`)
  const ordnung = page.getByTestId('by-unit').getByRole('row').filter({ hasText: 'Fachdienst Ordnung' })
  const lastTwo = async () => (await ordnung.getByRole('cell').allTextContents()).slice(-2)
  expect(await lastTwo()).toEqual(['noch nie', 'Erinnern'])
  expect(await page.getByText('E-Mail ist nicht eingerichtet (kein SMTP)').isVisible()).toBe(true)
  await expectNoAxeViolations(page)

  await page.getByLabel('Nachricht (freiwillig)').fill('Bitte bis zum Jour fixe am Donnerstag.')
  await page.getByRole('button', { name: 'FD Ordnung erinnern' }).click()
  const status = page.getByRole('region', { name: 'Einheiten erinnern' }).getByRole('status')
  await status.waitFor()
  expect(await status.textContent()).toBe('1 Person erinnert (FD Ordnung). Nur in der App – ohne E-Mail: kein SMTP eingerichtet.')
  await expect.poll(async () => (await lastTwo())[0]).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/)
  expect(await page.getByLabel('Nachricht (freiwillig)').inputValue()).toBe('')
  await expectNoAxeViolations(page)

  // The unit's editor, in a browser of their own.
  const editorContext = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  try {
    await addSessionCookie(editorContext, server.url, cookies.ordnung!)
    const editor = await editorContext.newPage()
    const errors: string[] = []
    editor.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await editor.goto(`${server.url}/aufgaben`)
    const nav = editor.getByRole('navigation', { name: 'Hauptnavigation' })
    expect(await nav.getByRole('link', { name: 'Hinweise 1 ungelesen' }).isVisible()).toBe(true)
    const reminder = editor.getByRole('region', { name: 'Erinnerung: Bitte Maßnahmen aktualisieren' })
    expect(await reminder.textContent()).toContain('Von Demo: Koordination Jour fixe am ')
    expect(await reminder.textContent()).toContain('Bitte bis zum Jour fixe am Donnerstag.')
    await expectNoAxeViolations(editor)

    await nav.getByRole('link', { name: 'Hinweise 1 ungelesen' }).click()
    await editor.waitForURL(`${server.url}/hinweise`)
    const item = editor.getByRole('list', { name: 'Hinweise' }).getByRole('listitem')
    await expect.poll(() => item.count()).toBe(1)
    expect(await item.getByRole('heading').textContent()).toBe(`Erinnerung: ${FIRST_OPEN_ROUND_NAME} – Fachdienst Ordnung – Abteilung Integration und Ausländer`)
    expect(await item.textContent()).toContain('von Demo: Koordination Jour fixe')
    expect(await item.textContent()).toContain('Bitte bis zum Jour fixe am Donnerstag.')
    await expectNoAxeViolations(editor)

    await item.getByRole('button', { name: 'Als gelesen markieren' }).click()
    await editor.getByRole('status').waitFor()
    expect(await editor.getByRole('status').textContent()).toBe('Als gelesen markiert.')
    await expect.poll(() => nav.getByRole('link', { name: 'Hinweise', exact: true }).count()).toBe(1)
    expect(await editor.getByTestId('unread-notices').count()).toBe(0)
    expect(await item.getByRole('button', { name: 'Als gelesen markieren' }).count()).toBe(0)
    await expectNoAxeViolations(editor)

    await nav.getByRole('link', { name: 'Meine Aufgaben' }).click()
    await editor.waitForURL(`${server.url}/aufgaben`)
    await editor.getByRole('heading', { name: 'Meine Aufgaben' }).waitFor()
    expect(await editor.getByTestId('reminder').count()).toBe(0)
    expect(errors).toEqual([])
  } finally {
    await editorContext.close()
  }
})

test('"remind all" reaches the editors of every unit with open measures and "mark all read" clears them', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.koordination!)
  await page.goto(`${server.url}/runden/${openRoundId}/fortschritt`)
  await page.getByRole('button', { name: /^Alle Einheiten mit offenen Maßnahmen erinnern \(3\)$/ }).click()
  const status = page.getByRole('region', { name: 'Einheiten erinnern' }).getByRole('status')
  await status.waitFor()
  expect(await status.textContent()).toBe('3 Personen erinnert (FD Ordnung, MaßArbeit, VHS). Nur in der App – ohne E-Mail: kein SMTP eingerichtet.')

  const recipients = () =>
    query((db) =>
      db
        .select({ email: users.email })
        .from(notices)
        .innerJoin(users, eq(users.id, notices.userId))
        .where(inArray(users.email, [`massarbeit@${DEMO_DOMAIN}`, `vhs@${DEMO_DOMAIN}`]))
        .all()
        .map((r) => r.email)
        .sort(),
    )
  expect(recipients()).toEqual([`massarbeit@${DEMO_DOMAIN}`, `vhs@${DEMO_DOMAIN}`])

  await context.clearCookies()
  await addSessionCookie(context, server.url, cookies.ordnung!)
  await page.goto(`${server.url}/hinweise`)
  expect(await page.getByTestId('notice-summary').textContent()).toBe('2 Hinweise, davon 1 ungelesen.')
  await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click()
  await page.getByRole('status').waitFor()
  expect(await page.getByRole('status').textContent()).toBe('1 Hinweis als gelesen markiert.')
  await expect.poll(() => page.getByTestId('notice-summary').textContent()).toBe('2 Hinweise, davon 0 ungelesen.')
})

test('a closed round shows when units were reminded but offers no reminder controls', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookies.koordination!)
  await page.goto(`${server.url}/runden/${historicalRoundId}/fortschritt`)
  await page.getByTestId('by-unit').waitFor()
  expect(await page.getByRole('columnheader', { name: 'Zuletzt erinnert' }).count()).toBe(1)
  expect(await page.getByRole('button', { name: /erinnern/i }).count()).toBe(0)
  expect(await page.getByRole('region', { name: 'Einheiten erinnern' }).count()).toBe(0)
  await expectNoAxeViolations(page)
})
