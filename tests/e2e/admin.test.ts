import type { BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Db } from '../../db/client'
import { createUser } from '../../server/services/admin/users'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, hydrated } from '../setup/browser'
import { openServerDatabase, withServerDb } from '../setup/demo'
import { loginOverHttp, startServer, type Credentials, type RunningServer } from '../setup/server'

// The administration area as an administrator and a freshly created unit editor meet it in Chromium: creating an
// account through the form, assigning a measure by hand, the CSV import refusing a bad file, the guards on the
// admin screens, and accessibility of every admin page.

type MeasureRow = { id: number; goal: number; position: number; title: string }
type Assignment = { measureId: number; unitId: number; role: string }

/** Vitest's expect.poll gives up after 1 s; pages on a busy 2-core CI machine get 10 s, like the locators. */
const eventually = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout })

let server: RunningServer
let adminCookie: string
let measures: MeasureRow[]
let unitIds: Map<string, number>

/** The server's own database file, opened beside the running server (WAL allows it) for a short look. */
const withDb = <T>(use: (db: Db) => T): T => withServerDb(server, use)

const assignments = () =>
  withDb((db) => db.$client.prepare('SELECT measure_id AS measureId, unit_id AS unitId, role FROM measure_units ORDER BY 1, 2').all() as Assignment[])

test.beforeAll(async () => {
  server = await startServer()
  adminCookie = await loginOverHttp(server.url, server.admin)
  withDb((db) => {
    measures = db.$client
      .prepare('SELECT m.id, g.number AS goal, m.position, m.title FROM measures m JOIN goals g ON g.id = m.goal_id ORDER BY g.number, m.position')
      .all() as MeasureRow[]
    const units = db.$client.prepare('SELECT id, short_name AS shortName FROM units').all() as { id: number; shortName: string }[]
    unitIds = new Map(units.map((u) => [u.shortName, u.id]))
  })
})

test.afterAll(async () => {
  await server?.stop()
})

/** A goal with at least two measures, so that one assigned measure can be told apart from an unassigned one. */
function goalWithTwoMeasures(number: number): [MeasureRow, MeasureRow] {
  const [first, second] = measures.filter((m) => m.goal === number)
  if (!first || !second) throw new Error(`Ziel ${number} hat weniger als zwei Maßnahmen; anderes Ziel wählen.`)
  return [first, second]
}

function unitId(shortName: string): number {
  const id = unitIds.get(shortName)
  if (id === undefined) throw new Error(`Keine Einheit „${shortName}“ im Seed.`)
  return id
}

const byMeasureAndUnit = (a: Assignment, b: Assignment) => a.measureId - b.measureId || a.unitId - b.unitId

async function loginThroughForm(page: Page, credentials: Credentials) {
  await page.goto(`${server.url}/login`)
  await page.getByLabel('E-Mail').fill(credentials.email)
  await page.getByLabel('Passwort').fill(credentials.password)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.waitForURL(`${server.url}/`)
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' })

/** The row of one measure on /admin/zuordnungen (the measure's title is the row header). */
const assignmentRow = (page: Page, measure: MeasureRow) => page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: measure.title, exact: true }) })

async function signedInAsAdmin(context: BrowserContext) {
  await addSessionCookie(context, server.url, adminCookie)
}

test('an administrator creates a unit editor, assigns a measure to the unit by hand, and the new user may edit it but not administer', async ({ page, browserErrors }) => {
  const [assigned, other] = goalWithTwoMeasures(15)
  const before = assignments()

  await loginThroughForm(page, server.admin)
  await eventually(() => mainNav(page).getByRole('link', { name: 'Verwaltung' }).count()).toBe(1)

  // 1. The account, through the form; Zielwerk shows the first password once.
  await page.goto(`${server.url}/admin/benutzer`)
  await hydrated(page)
  const form = page.getByRole('region', { name: 'Benutzer anlegen' })
  await form.getByLabel('Name', { exact: true }).fill('Erika Bildung')
  await form.getByLabel('E-Mail').fill('erika.bildung@example.org')
  await form.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Organisationseinheit (Bearbeitung)' })
  await form.getByLabel(/^Organisationseinheit \(nur für/).selectOption({ label: 'Fachdienst Bildung' })
  await form.getByRole('button', { name: 'Benutzer anlegen' }).click()

  const confirmation = form.getByRole('status')
  await confirmation.waitFor()
  const message = (await confirmation.textContent()) ?? ''
  expect(message).toContain('Das Konto für Erika Bildung (erika.bildung@example.org) ist angelegt.')
  const password = /Erstes Passwort: (\S+) –/.exec(message)?.[1]
  expect(password, message).toMatch(/^[a-z2-7]{20}$/)
  const listed = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Erika Bildung' }) })
  expect(await listed.textContent()).toContain('Organisationseinheit (Bearbeitung) – Fachdienst Bildung')
  // The form is empty again for the next account.
  expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('')

  // 2. The assignment, by hand: FD Bildung leads the first measure of goal 15.
  await page.goto(`${server.url}/admin/zuordnungen`)
  await hydrated(page)
  const row = assignmentRow(page, assigned)
  expect(await row.count()).toBe(1)
  await row.locator('summary', { hasText: 'Hinzufügen' }).click()
  await row.getByLabel('Organisationseinheit', { exact: true }).selectOption({ label: 'FD Bildung' })
  await row.getByLabel('Rolle', { exact: true }).selectOption({ label: 'federführend' })
  await row.getByRole('button', { name: new RegExp(`^Zuordnen: Ziel ${assigned.goal}, Maßnahme ${assigned.position}$`) }).click()
  await eventually(() => row.getByRole('status').textContent()).toBe('Zugeordnet.')
  await eventually(() => row.getByText('FD Bildung – federführend').isVisible()).toBe(true)
  expect(assignments()).toEqual([...before, { measureId: assigned.id, unitId: unitId('FD Bildung'), role: 'lead' }].sort(byMeasureAndUnit))

  // 3. Log out; the session is gone.
  await mainNav(page).getByRole('button', { name: 'Abmelden' }).click()
  await page.waitForURL(`${server.url}/login`)
  await page.goto(`${server.url}/admin`)
  expect(new URL(page.url()).pathname).toBe('/login')

  // 4. The new account signs in with the one-time password and lands on the overview, without admin link.
  await loginThroughForm(page, { email: 'erika.bildung@example.org', password: password! })
  await eventually(() => page.locator('[data-goal]').count()).toBe(89)
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Konzept Migration und Integration 2018–2022')
  await eventually(() => mainNav(page).getByRole('link', { name: 'Erika Bildung' }).isVisible()).toBe(true)
  expect(await mainNav(page).getByRole('link', { name: 'Verwaltung' }).count()).toBe(0)
  expect(await page.locator(`tr[data-measure="${assigned.id}"]`).textContent()).toContain('FD Bildung')

  // 5. The admin screens answer 403. Chromium logs every document that arrives with an error status as a
  // console error ("Failed to load resource: … 403"): that is the refusal under test, not a fault.
  browserErrors.allow(/Failed to load resource: the server responded with a status of 403/)
  for (const pathname of ['/admin', '/admin/benutzer', `/admin/benutzer/1`, '/admin/zuordnungen']) {
    const response = await page.goto(`${server.url}${pathname}`)
    expect(response?.status(), pathname).toBe(403)
    expect(await page.getByRole('heading', { level: 1 }).textContent(), pathname).toBe('Keine Berechtigung')
    expect(await page.getByRole('button', { name: 'Benutzer anlegen' }).count()).toBe(0)
    expect(await mainNav(page).getByRole('link', { name: 'Verwaltung' }).count()).toBe(0)
  }

  // 6. What the assignment gives: the unit's measure is editable, the goal's other measure is not.
  await page.goto(`${server.url}/ziele/${assigned.goal}`)
  const mine = page.locator(`[data-measure="${assigned.id}"]`)
  const notMine = page.locator(`[data-measure="${other.id}"]`)
  await eventually(() => mine.getByRole('radio', { name: 'hoch', exact: true }).isEnabled()).toBe(true)
  expect(await notMine.getByRole('radio', { name: 'hoch', exact: true }).isDisabled()).toBe(true)
  expect(await notMine.getByText('Nur lesen:').isVisible()).toBe(true)
})

test('a bad CSV file in the browser is refused with the German error naming its line, and nothing changes', async ({ page, context, browserErrors }) => {
  // React Router submits the form with fetch; the refusal is a 400, which Chromium logs as a failed resource.
  browserErrors.allow(/Failed to load resource: the server responded with a status of 400/)
  await signedInAsAdmin(context)
  const target = measures.find((m) => m.goal === 30)!
  const header = 'massnahme_id;ziel;massnahme;einheit;rolle'
  const good = `${target.id};${target.goal};;FD Soziales;federführend`
  const before = assignments()

  await page.goto(`${server.url}/admin/zuordnungen`)
  const importSection = page.getByRole('region', { name: 'CSV-Import' })
  const upload = (name: string, text: string) =>
    importSection.getByLabel('CSV-Datei (höchstens 1 MB)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })

  // Line 2 alone would be accepted; line 3 names a unit that does not exist, so the whole file is refused.
  await upload('zuordnungen.csv', `${header}\n${good}\n${target.id};${target.goal};;Fachdienst Zauberei;beteiligt\n`)
  await importSection.getByRole('button', { name: 'Datei prüfen und übernehmen' }).click()
  const errors = importSection.getByRole('list', { name: 'Fehler in der Datei' })
  await errors.waitFor()
  expect(await errors.getByRole('listitem').allTextContents()).toEqual([
    'Zeile 3: Die Organisationseinheit „Fachdienst Zauberei“ gibt es nicht (Name oder Kurzbezeichnung angeben).',
  ])
  const field = importSection.getByLabel('CSV-Datei (höchstens 1 MB)')
  expect(await field.getAttribute('aria-invalid')).toBe('true')
  expect(await importSection.locator('.field-error').textContent()).toBe('Die Datei wurde nicht übernommen; nichts wurde geändert. 1 Fehler:')
  expect(assignments()).toEqual(before)
  expect(await assignmentRow(page, target).getByText('FD Soziales –').count()).toBe(0)
  await expectNoAxeViolations(page)

  // The same upload path does change data when the file is good: the refusal above was not a broken upload.
  await upload('zuordnungen.csv', `${header}\n${good}\n`)
  await importSection.getByRole('button', { name: 'Datei prüfen und übernehmen' }).click()
  await eventually(() => importSection.getByRole('status').textContent()).toBe('1 Zuordnung für 1 Maßnahme übernommen.')
  expect(await importSection.getByRole('list', { name: 'Fehler in der Datei' }).count()).toBe(0)
  expect(assignments().filter((a) => a.measureId === target.id)).toEqual([{ measureId: target.id, unitId: unitId('FD Soziales'), role: 'lead' }])
  await eventually(() => assignmentRow(page, target).getByText('FD Soziales – federführend').isVisible()).toBe(true)
})

test('axe-core finds no WCAG 2.1 AA violations on the admin pages, the rounds page and the account page', async ({ page, context }) => {
  await signedInAsAdmin(context)
  const otherId = await (async () => {
    const db = openServerDatabase(server)
    try {
      return await createUser(db, { email: 'axe.lesen@example.org', name: 'Axe Lesezugriff', password: 'axe-lesen-passwort-1', role: 'viewer', unitId: null })
    } finally {
      db.$client.close()
    }
  })()
  const pages = ['/admin', '/admin/benutzer', `/admin/benutzer/${otherId}`, '/admin/einheiten', '/admin/zuordnungen', '/runden', '/konto']
  for (const pathname of pages) {
    const response = await page.goto(`${server.url}${pathname}`)
    expect(response?.status(), pathname).toBe(200)
    await expectNoAxeViolations(page)
  }
})

test('axe-core finds no violations on the user form when it shows field errors', async ({ page, context, browserErrors }) => {
  // The refused submission is a 400 (see the CSV test).
  browserErrors.allow(/Failed to load resource: the server responded with a status of 400/)
  await signedInAsAdmin(context)
  await page.goto(`${server.url}/admin/benutzer`)
  await hydrated(page)
  const form = page.getByRole('region', { name: 'Benutzer anlegen' })
  await form.getByLabel('E-Mail').fill('keine-adresse')
  await form.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Organisationseinheit (Bearbeitung)' })
  await form.getByRole('button', { name: 'Benutzer anlegen' }).click()
  await eventually(() => form.locator('[aria-invalid="true"]').count()).toBe(3)
  expect(await form.getByText('Für die Rolle „Organisationseinheit (Bearbeitung)“ bitte eine Organisationseinheit wählen.').isVisible()).toBe(true)
  await expectNoAxeViolations(page)
})
