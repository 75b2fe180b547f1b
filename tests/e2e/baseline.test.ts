import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { concepts, measureStatus, rounds, statusChanges } from '../../db/schema'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, hydrated } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The 2018–2022 evaluation has no attainment (the source's colours are lost). The commissioner enters it once
// from the template (XLSX here), all or nothing with line errors; the comparison then shows better and worse.

let server: RunningServer
let ids: { open: number; historical: number }
const cookies: Record<string, string> = {}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-baseline-'))

test.beforeAll(async () => {
  server = await startDemoServer()
  ids = withServerDb(server, (db) => demoRoundIds(db))
  Object.assign(cookies, await loginDemoUsers(server.url, ['beauftragte', 'koordination']))
})

test.afterAll(async () => {
  await server?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const agreedOf = (roundId: number) =>
  withServerDb(server, (db) => db.select({ id: measureStatus.measureId, agreed: measureStatus.agreedAttainment }).from(measureStatus).where(eq(measureStatus.roundId, roundId)).all()).filter((r) => r.agreed !== null)

test('the commissioner fills in the template, sees line errors in German, then takes it over once; the comparison shows better and worse', async ({ page, context, browserErrors }) => {
  browserErrors.allow(/status of 400/)
  await addSessionCookie(context, server.url, cookies.beauftragte!)
  await page.goto(`${server.url}/runden`)
  const historicalName = withServerDb(server, (db) => db.select({ name: rounds.name }).from(rounds).where(eq(rounds.id, ids.historical)).get()!.name)
  await page.getByRole('link', { name: `Bewertungen nachtragen: ${historicalName}`, exact: true }).click()
  await page.waitForURL(`${server.url}/runden/${ids.historical}/nachtragen`)
  await expectNoAxeViolations(page)

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Vorlage herunterladen (Excel)' }).click()])
  expect(download.suggestedFilename()).toBe(`Bewertungen ${historicalName}.xlsx`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const sheet = workbook.worksheets[0]!
  expect(sheet.rowCount).toBe(135)
  const idOf = (row: number) => Number(sheet.getCell(row, 1).value)
  sheet.getCell(2, 5).value = 'hoch'
  sheet.getCell(3, 5).value = 'gering'
  sheet.getCell(4, 5).value = 'blau'
  const bad = path.join(tmp, 'Evaluation 2018-2022 Übersicht.xlsx')
  await workbook.xlsx.writeFile(bad)

  const fileForm = page.locator('form').filter({ has: page.locator('input[type="file"]') })
  await fileForm.getByLabel('Datei (CSV oder Excel, höchstens 1 MB)').setInputFiles(bad)
  await fileForm.getByRole('button', { name: 'Datei prüfen und übernehmen' }).click()
  await page.getByText('Die Datei wurde nicht übernommen; nichts wurde geändert. 1 Fehler:').waitFor()
  expect(await page.getByTestId('baseline-lines').textContent()).toBe('Zeile 4: Die Bewertung „blau“ gibt es nicht; erlaubt sind hoch, mittel, gering, unklar oder ein leeres Feld.')
  expect(agreedOf(ids.historical)).toEqual([])

  sheet.getCell(4, 5).value = 'mittel'
  await workbook.xlsx.writeFile(bad)
  await fileForm.getByLabel('Datei (CSV oder Excel, höchstens 1 MB)').setInputFiles(bad)
  await fileForm.getByRole('button', { name: 'Datei prüfen und übernehmen' }).click()
  await page.getByText('3 Bewertungen nachgetragen.').waitFor()
  expect(await page.getByTestId('baseline-record').textContent()).toMatch(/^Nachgetragen am .+ von .+ aus „Evaluation 2018-2022 Übersicht\.xlsx“: 3 Bewertungen\./)
  expect(await page.locator('input[type="file"]').count()).toBe(0)
  await expectNoAxeViolations(page)

  expect(agreedOf(ids.historical).sort((a, b) => a.id - b.id)).toEqual(
    [
      { id: idOf(2), agreed: 'high' },
      { id: idOf(3), agreed: 'low' },
      { id: idOf(4), agreed: 'medium' },
    ].sort((a, b) => a.id - b.id),
  )
  const audit = withServerDb(server, (db) => db.select().from(statusChanges).where(eq(statusChanges.roundId, ids.historical)).all())
  expect(audit).toHaveLength(3)
  for (const row of audit) expect(row).toMatchObject({ kind: 'agreed', field: 'attainment', oldValue: null, source: 'Evaluation 2018-2022 Übersicht.xlsx' })

  // Once: the link is gone, and another upload is refused with the policy's reason.
  await page.goto(`${server.url}/runden`)
  expect(await page.getByRole('link', { name: `Bewertungen nachtragen: ${historicalName}` }).count()).toBe(0)
  const again = await page.request.post(`${server.url}/runden/${ids.historical}/nachtragen`, {
    multipart: { intent: 'manual', source: 'Nochmal', [`m${idOf(5)}`]: 'high' },
    headers: { Origin: server.url },
  })
  expect(again.status()).toBe(400)
  expect(await again.text()).toContain('nachtragen lässt sich nur einmal')
  expect(agreedOf(ids.historical)).toHaveLength(3)

  // The open round's proposals against the entered evaluation.
  withServerDb(server, (db) => {
    const set = (measureId: number, proposalAttainment: 'high' | 'low') =>
      db.update(measureStatus).set({ proposalAttainment }).where(and(eq(measureStatus.roundId, ids.open), eq(measureStatus.measureId, measureId))).run()
    set(idOf(2), 'low')
    set(idOf(3), 'high')
  })
  await page.goto(`${server.url}/vergleich?von=${ids.historical}&nach=${ids.open}&nur=verbessert`)
  await expect.poll(() => page.locator('[data-compared]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-compared'))))).toEqual([idOf(3)])
  expect(await page.locator('[data-compared]').getByText('verbessert', { exact: true }).isVisible()).toBe(true)
  await page.goto(`${server.url}/vergleich?von=${ids.historical}&nach=${ids.open}&nur=verschlechtert`)
  await expect.poll(() => page.locator('[data-compared]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-compared'))))).toEqual([idOf(2)])
  await expectNoAxeViolations(page)
})

test('the commissioner enters a closed round’s ratings by hand, with the source required', async ({ page, context, browserErrors }) => {
  browserErrors.allow(/status of 400/)
  const roundId = withServerDb(server, (db) => {
    const conceptId = db.select({ id: concepts.id }).from(concepts).get()!.id
    return db.insert(rounds).values({ conceptId, name: 'Sachstand 2020', period: '2020', state: 'closed', openedAt: Date.UTC(2020, 0, 1), closedAt: Date.UTC(2020, 11, 31) }).returning({ id: rounds.id }).get().id
  })
  await addSessionCookie(context, server.url, cookies.beauftragte!)
  await page.goto(`${server.url}/runden/${roundId}/nachtragen`)
  await hydrated(page)
  const manual = page.locator('form').filter({ has: page.getByRole('button', { name: 'Bewertungen übernehmen' }) })
  const first = manual.locator('select').first()
  const measureId = Number((await first.getAttribute('name'))!.slice(1))
  await first.selectOption('unclear')
  await manual.getByRole('button', { name: 'Bewertungen übernehmen' }).click()
  await page.getByText('Bitte die Quelle angeben, aus der die Bewertungen stammen.').waitFor()
  expect(agreedOf(roundId)).toEqual([])
  // The choice survives the refusal.
  expect(await manual.locator('select').first().inputValue()).toBe('unclear')

  await manual.getByLabel('Quelle').fill('Sachstandsbericht 2020, Anlage 2')
  await manual.getByRole('button', { name: 'Bewertungen übernehmen' }).click()
  await page.getByText('1 Bewertung nachgetragen.').waitFor()
  expect(agreedOf(roundId)).toEqual([{ id: measureId, agreed: 'unclear' }])
  const audit = withServerDb(server, (db) => db.select({ source: statusChanges.source, newValue: statusChanges.newValue }).from(statusChanges).where(eq(statusChanges.roundId, roundId)).all())
  expect(audit).toEqual([{ source: 'Sachstandsbericht 2020, Anlage 2', newValue: 'unclear' }])
})

test('only the commissioner may enter ratings afterwards or download the template', async () => {
  const admin = await (await import('../setup/server')).loginOverHttp(server.url, server.admin)
  for (const cookie of [cookies.koordination!, admin]) {
    for (const suffix of ['', '/vorlage?format=csv']) {
      const response = await fetch(`${server.url}/runden/${ids.historical}/nachtragen${suffix}`, { headers: { Cookie: cookie } })
      expect(response.status).toBe(403)
    }
    const post = await fetch(`${server.url}/runden/${ids.historical}/nachtragen`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: server.url },
      body: new URLSearchParams({ intent: 'manual', source: 'x' }),
    })
    expect(post.status).toBe(403)
  }
  const csv = await fetch(`${server.url}/runden/${ids.historical}/nachtragen/vorlage?format=csv`, { headers: { Cookie: cookies.beauftragte! } })
  expect(csv.status).toBe(200)
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''Bewertungen")
  expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(135)
})
