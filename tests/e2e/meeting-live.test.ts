import { eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { meetingItems, users } from '../../db/schema'
import { addItems, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { addSessionCookie, browserTest as test, signedInContext } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, ROLE_ACCOUNTS, startDemoServer, unitMeasures, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// Meeting mode as the Jour fixe found it when Zielwerk was tried: the first step of a meeting must call item 1
// (not skip it), and when the moderator ends the meeting every follower's screen must say so at once.

let server: RunningServer
let cookies: Record<'koordination' | 'lesen', string>

test.beforeAll(async () => {
  server = await startDemoServer()
  cookies = await loginDemoUsers(server.url, ['koordination', 'lesen'])
})

test.afterAll(async () => {
  await server?.stop()
})

/** A running meeting with four measures of FD Ordnung on its agenda; its id and item ids in agenda order. */
function runningMeeting(title: string): { id: number; items: number[] } {
  return withServerDb(server, (db) => {
    const roundId = demoRoundIds(db).open
    const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_ACCOUNTS.coordinator)).get()!.id
    const id = createMeeting(db, { roundId, title, date: '2026-12-03', time: '10:00', location: 'Kreishaus' }, coordinator)
    addItems(db, id, unitMeasures(db, 'FD Ordnung').slice(0, 4).map((m) => ({ measureId: m.id })))
    startMeeting(db, id)
    const items = db.select({ id: meetingItems.id }).from(meetingItems).where(eq(meetingItems.meetingId, id)).orderBy(meetingItems.position).all()
    return { id, items: items.map((i) => i.id) }
  })
}

const mode = (page: Page) => page.getByTestId('meeting-mode')
const stateOf = (page: Page, itemId: number) => page.locator(`[data-testid="mode-agenda"] [data-item="${itemId}"]`).getAttribute('data-state')

test('"Nächster Punkt" at the start of a meeting calls item 1 for everybody and marks it besprochen; item 2 stays offen', async ({
  browser,
  context,
  page: moderator,
  browserErrors,
}) => {
  const meeting = runningMeeting('Jour fixe erster Schritt')
  const [first, second] = meeting.items as [number, number]
  await addSessionCookie(context, server.url, cookies.koordination)
  const followerContext = await signedInContext(browser, browserErrors, server.url, cookies.lesen, 'lesen')
  try {
    const follower = await followerContext.newPage()
    await Promise.all([moderator.goto(`${server.url}/sitzungen/${meeting.id}`), follower.goto(`${server.url}/sitzungen/${meeting.id}`)])
    await moderator.locator('[data-save-state="saved"]').waitFor()
    await follower.locator('[data-save-state="saved"]').waitFor()
    // The start as the moderator sees it: item 1 in view, nobody called yet.
    expect(await moderator.getByTestId('item-panel').textContent()).toContain('Punkt 1 von 4')
    expect(await moderator.getByTestId('moderator-position').textContent()).toBe('Die Moderation hat noch keinen Punkt aufgerufen.')
    expect(await moderator.getByRole('button', { name: '← Vorheriger Punkt' }).isDisabled()).toBe(true)

    await moderator.getByRole('button', { name: 'Nächster Punkt →' }).click()
    await expect.poll(() => mode(follower).getAttribute('data-current')).toBe(String(first))
    await expect.poll(() => follower.getByTestId('item-panel').getAttribute('data-item')).toBe(String(first))
    expect(await follower.getByTestId('moderator-position').textContent()).toBe('Moderation: Punkt 1 von 4')
    await expect.poll(() => stateOf(follower, first)).toBe('discussed')
    expect(await stateOf(follower, second)).toBe('open')
    expect(await follower.locator(`[data-testid="mode-agenda"] [data-item="${first}"]`).textContent()).toContain('besprochen')

    // The next step goes on from there.
    await moderator.getByRole('button', { name: 'Nächster Punkt →' }).click()
    await expect.poll(() => mode(follower).getAttribute('data-current')).toBe(String(second))
    await expect.poll(() => stateOf(follower, second)).toBe('discussed')
  } finally {
    await followerContext.close()
  }
  withServerDb(server, (db) => {
    const states = db.select({ state: meetingItems.state }).from(meetingItems).where(eq(meetingItems.meetingId, meeting.id)).orderBy(meetingItems.position).all()
    expect(states.map((s) => s.state)).toEqual(['discussed', 'discussed', 'open', 'open'])
  })
})

test('when the moderator ends the meeting, every follower sees at once that it ended, with the way to the minutes', async ({
  browser,
  context,
  page: moderator,
  browserErrors,
}) => {
  const meeting = runningMeeting('Jour fixe Ende')
  await addSessionCookie(context, server.url, cookies.koordination)
  const followerContext = await signedInContext(browser, browserErrors, server.url, cookies.lesen, 'lesen')
  try {
    const follower = await followerContext.newPage()
    await Promise.all([moderator.goto(`${server.url}/sitzungen/${meeting.id}`), follower.goto(`${server.url}/sitzungen/${meeting.id}`)])
    await moderator.locator('[data-save-state="saved"]').waitFor()
    await follower.locator('[data-save-state="saved"]').waitFor()
    expect(await follower.getByTestId('meeting-state').textContent()).toBe('Sitzung läuft')

    await moderator.getByText('Sitzung beenden …').click()
    await moderator.getByRole('button', { name: 'Sitzung beenden und Protokoll erstellen' }).click()
    await moderator.waitForURL(`${server.url}/sitzungen/${meeting.id}/protokoll`)

    // Well within the eight seconds after which it used to say "Sitzung läuft" still.
    await expect.poll(() => follower.getByTestId('meeting-state').textContent(), { timeout: 3_000 }).toBe('Sitzung beendet')
    const ended = follower.getByTestId('meeting-ended')
    expect(await ended.getAttribute('role')).toBe('status')
    expect(await ended.textContent()).toContain('Die Moderation hat die Sitzung beendet')
    expect(await mode(follower).count()).toBe(0)
    expect(await follower.getByRole('button', { name: 'Der Moderation folgen' }).count()).toBe(0)
    await ended.getByRole('link', { name: 'Zum Protokoll' }).click()
    await follower.waitForURL(`${server.url}/sitzungen/${meeting.id}/protokoll`)
    expect(await follower.getByText('Vorläufig').count()).toBe(0)
  } finally {
    await followerContext.close()
  }
})
