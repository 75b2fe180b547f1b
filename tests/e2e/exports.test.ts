import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { goals, measureStatus, measures, statusChanges, users } from '../../db/schema'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, signedInContext } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The Excel round trip in Chromium: the commissioner exports the overview, edits the copy, uploads it, sees every
// change in the preview and applies it; a viewer on the goal page sees the new proposal arrive live (the change went
// through the live document), and the audit names the file.

const eventually = <T>(read: () => T | Promise<T>, timeout = 10_000) => expect.poll(read, { timeout })
const FILE = 'Übersicht bearbeitet.xlsx'

let server: RunningServer
let roundId: number
let measureId: number
let cookies: Record<'beauftragte' | 'lesen', string>

test.beforeAll(async () => {
  server = await startDemoServer()
  withServerDb(server, (db) => {
    roundId = demoRoundIds(db).open
    measureId = db.select({ id: measures.id }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).where(and(eq(goals.number, 2), eq(measures.position, 1))).get()!.id
  })
  cookies = await loginDemoUsers(server.url, ['beauftragte', 'lesen'] as const)
})

test.afterAll(async () => {
  await server?.stop()
})

/** The exported workbook with measure 2.1 rated "hoch" and "Weiterführungsbedarf" set, as a person edits it in Excel. */
async function editedExport(): Promise<Buffer> {
  const response = await fetch(`${server.url}/runden/${roundId}/uebersicht.xlsx`, { headers: { Cookie: cookies.beauftragte } })
  expect(response.status).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]!
  const header = (sheet.getRow(1).values as unknown[]).map(String)
  const column = (name: string) => header.indexOf(name)
  let edited = 0
  sheet.eachRow((row) => {
    if (row.getCell(column('Maßnahme Nr.')).text !== '2.1') return
    row.getCell(column('Bewertung')).value = 'hoch'
    row.getCell(column('Weiterführungsbedarf')).value = 'ja'
    edited++
  })
  expect(edited).toBe(1)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

test('an edited Excel overview goes back in as proposals: preview, apply, the goal page follows live, the audit names the file', async ({ browser, browserErrors, context, page }) => {
  const viewerContext = await signedInContext(browser, browserErrors, server.url, cookies.lesen, 'viewer')
  try {
    const viewer = await viewerContext.newPage()
    await viewer.goto(`${server.url}/ziele/2`)
    await viewer.locator('[data-save-state="saved"]').waitFor()
    const measure = viewer.locator(`[data-measure="${measureId}"]`)
    expect(await measure.getByRole('radio', { name: 'hoch', exact: true }).isChecked()).toBe(false)
    expect(await measure.getByRole('checkbox', { name: 'Weiterführungsbedarf', exact: true }).isChecked()).toBe(false)

    await addSessionCookie(context, server.url, cookies.beauftragte)
    await page.goto(`${server.url}/runden/${roundId}/import`)
    await page.getByLabel(/Excel-Datei/).setInputFiles({ name: FILE, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await editedExport() })
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click()
    const preview = page.getByTestId('import-preview')
    await preview.waitFor()
    expect(await page.getByText('1 Maßnahme ändert sich.').isVisible()).toBe(true)
    const rows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim())))
    expect(rows).toEqual([
      ['2.1 Erstgespräch und Orientierung', 'Bewertung', 'noch nicht bewertet', 'hoch'],
      ['Weiterführungsbedarf', 'nein', 'ja'],
    ])
    await expectNoAxeViolations(page)
    // Nothing is stored before "apply".
    expect(withServerDb(server, (db) => db.select({ a: measureStatus.proposalAttainment }).from(measureStatus).where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId))).get()!.a)).toBeNull()

    await page.getByRole('button', { name: 'Änderung an 1 Maßnahme übernehmen' }).click()
    await page.getByTestId('import-done').waitFor()
    expect(await page.getByTestId('import-done').textContent()).toBe(`1 Maßnahme aus „${FILE}“ übernommen.`)

    await eventually(() => measure.getByRole('radio', { name: 'hoch', exact: true }).isChecked()).toBe(true)
    await eventually(() => measure.getByRole('checkbox', { name: 'Weiterführungsbedarf', exact: true }).isChecked()).toBe(true)

    const audit = withServerDb(server, (db) =>
      db
        .select({ field: statusChanges.field, oldValue: statusChanges.oldValue, newValue: statusChanges.newValue, source: statusChanges.source, user: users.email, kind: statusChanges.kind })
        .from(statusChanges)
        .innerJoin(users, eq(users.id, statusChanges.userId))
        .where(and(eq(statusChanges.roundId, roundId), eq(statusChanges.measureId, measureId)))
        .all(),
    )
    expect(audit).toEqual(
      expect.arrayContaining([
        { field: 'attainment', oldValue: null, newValue: 'high', source: `Import aus ${FILE}`, user: expect.stringMatching(/^beauftragte@/), kind: 'proposal' },
        { field: 'continue', oldValue: 'false', newValue: 'true', source: `Import aus ${FILE}`, user: expect.stringMatching(/^beauftragte@/), kind: 'proposal' },
      ]),
    )
    expect(audit).toHaveLength(2)
  } finally {
    await viewerContext.close()
  }
})
