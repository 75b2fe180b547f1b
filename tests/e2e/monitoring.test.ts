import { expect } from 'vitest'
import { sheetPublications } from '../../db/schema'
import { seedDemoMonitoring } from '../../server/cli/demo-monitoring'
import { IMPORT_COLUMNS } from '../../server/imports/indicator-values'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { loginDemoUser, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The monitoring as the Referat für Strategische Planung and a member of the public meet it in Chromium: importing a
// file (preview, then take over), a municipality's data sheet with the imported figures, the local interpretation,
// publishing, the published sheet read logged out and without JavaScript; and axe on every monitoring page.

let server: RunningServer
let statistics: string

test.beforeAll(async () => {
  server = await startDemoServer()
  statistics = await loginDemoUser(server.url, 'statistik')
})

test.afterAll(async () => {
  await server?.stop()
})

const FILE = [
  IMPORT_COLUMNS.join(';'),
  'auslaenderanteil;Bad Essen;31.12.2024;gesamt;;gesamt;7,9;1.200;15.190;;',
  'auslaenderanteil;Bohmte;31.12.2024;gesamt;;gesamt;6,2;800;12.903;;',
  'auslaenderanteil;Melle;31.12.2024;gesamt;;gesamt;11,4;5.400;47.368;;',
  'auslaenderanteil;Landkreis Osnabrück;31.12.2024;gesamt;;gesamt;9,1;33.000;362.637;;',
  'auslaender;Bad Essen;31.12.2024;gesamt;;gesamt;1.200;;;;',
  'auslaender;Bad Essen;31.12.2024;Herkunft;EU;gesamt;700;;;;',
  'auslaender;Bad Essen;31.12.2024;Herkunft;Drittstaaten;gesamt;500;;;;',
  'einbuergerungen;Bad Essen;2024;gesamt;;gesamt;2;;;;',
].join('\n')

test('the statistics role imports a file, opens a municipality’s sheet, writes its interpretation and publishes; a visitor reads it logged out', { timeout: 90_000 }, async ({ page, context, browser, browserErrors }) => {
  // The refused and checked forms answer 400 by design.
  browserErrors.allow(/status of 400/)
  await addSessionCookie(context, server.url, statistics)
  await page.goto(`${server.url}/monitoring`)
  await expect.poll(() => page.getByTestId('in-use').textContent()).toMatch(/Kennzahlen in Nutzung/)
  await page.getByRole('link', { name: 'Werte importieren' }).click()
  await page.getByLabel('Datei (CSV oder XLSX, höchstens 20 MB)').setInputFiles({ name: 'werte-2024.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE, 'utf8') })
  await page.getByRole('button', { name: 'Datei prüfen' }).click()
  const preview = page.getByTestId('import-preview')
  await expect.poll(() => preview.getByTestId('preview-counts').textContent()).toContain('8 neue Werte')
  await page.getByRole('button', { name: 'Übernehmen' }).click()
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Übernommen: 8 neu, 0 geändert')

  await page.goto(`${server.url}/monitoring/datenblaetter?jahr=2024`)
  await page.getByTestId('municipality-list').getByRole('link', { name: 'Bad Essen' }).click()
  await page.waitForURL(`${server.url}/monitoring/datenblaetter/bad-essen/2024`)
  const share = page.locator('[data-indicator="auslaenderanteil"]')
  await expect.poll(() => share.getByTestId('own-value').textContent()).toBe('7,9 %')
  expect(await share.getByTestId('own-count').textContent()).toBe('1.200 Personen')
  expect(await share.getByTestId('county-value').textContent()).toBe('9,1 % (33.000 Personen)')
  expect(await share.getByTestId('range-value').textContent()).toBe('6,2 % bis 11,4 % (3 von 21 Kommunen)')
  expect(await page.locator('[data-indicator="einbuergerungen"]').getByTestId('own-value').textContent()).toBe('< 3')
  await expectNoAxeViolations(page)

  await page.getByLabel('Text der Einordnung').fill('In Bad Essen erklärt der Zuzug von Saisonarbeitskräften den Anstieg.')
  await page.getByRole('button', { name: 'Einordnung speichern' }).click()
  await expect.poll(() => page.getByTestId('interpretation-text').textContent()).toContain('Saisonarbeitskräften')

  await page.goto(`${server.url}/monitoring/datenblaetter?jahr=2024`)
  await page.getByRole('button', { name: 'Datenblätter 2024 veröffentlichen' }).click()
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('veröffentlicht')

  // A member of the public: no session, no JavaScript.
  const visitor = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false })
  try {
    const publicPage = await visitor.newPage()
    await publicPage.goto(`${server.url}/veroeffentlicht/datenblaetter`)
    await publicPage.getByRole('link', { name: 'Bad Essen' }).click()
    await publicPage.waitForURL(`${server.url}/veroeffentlicht/datenblaetter/2024/bad-essen`)
    const published = publicPage.locator('[data-indicator="auslaenderanteil"]')
    expect(await published.getByTestId('own-value').textContent()).toBe('7,9 %')
    expect(await published.getByTestId('range-value').textContent()).toBe('6,2 % bis 11,4 % (3 von 21 Kommunen)')
    expect(await publicPage.getByTestId('interpretation-text').textContent()).toContain('Saisonarbeitskräften')
    expect(await publicPage.locator('svg[role="img"]').count()).toBeGreaterThan(0)
    expect(await publicPage.locator('form').count()).toBe(0)
    expect(await publicPage.getByRole('link', { name: /Abmelden|Werte importieren/ }).count()).toBe(0)
  } finally {
    await visitor.close()
  }
  // axe runs in the page, so this look is with JavaScript, still logged out.
  const anonymous = await browser.newContext({ locale: 'de-DE' })
  try {
    const publicPage = await anonymous.newPage()
    await publicPage.goto(`${server.url}/veroeffentlicht/datenblaetter/2024/bad-essen`)
    await expectNoAxeViolations(publicPage)
  } finally {
    await anonymous.close()
  }
})

// Data sheets are long pages (every indicator with its charts and tables): axe takes seconds on each.
test('every monitoring page passes axe, with demo data and a refused import on screen', { timeout: 180_000 }, async ({ page, context, browserErrors }) => {
  browserErrors.allow(/status of 400/)
  const year = new Date().getFullYear() - 1
  await withServerDb(server, (db) => {
    void seedDemoMonitoring(db)
    db.insert(sheetPublications).values({ year }).onConflictDoNothing().run()
  })
  await addSessionCookie(context, server.url, statistics)
  for (const path of [
    '/monitoring',
    '/monitoring/kennzahlen/neu',
    '/monitoring/kennzahlen/1',
    '/monitoring/import',
    '/monitoring/vollstaendigkeit',
    '/monitoring/datenblaetter',
    `/monitoring/datenblaetter/landkreis-osnabrueck/${year}`,
    `/monitoring/datenblaetter/glandorf/${year}`,
    '/monitoring/quartalsbericht?quartal=2021-4',
    `/monitoring/quartalsbericht?quartal=${year + 1}-3`,
    '/veroeffentlicht/datenblaetter',
    `/veroeffentlicht/datenblaetter/${year}/melle`,
  ]) {
    await page.goto(`${server.url}${path}`)
    expect(await page.getByTestId('error-page').count(), path).toBe(0)
    await expectNoAxeViolations(page)
  }
  expect(await page.getByTestId('demo-banner').count()).toBe(1)
  await page.goto(`${server.url}/monitoring/import`)
  await page.getByLabel('Datei (CSV oder XLSX, höchstens 20 MB)').setInputFiles({ name: 'falsch.csv', mimeType: 'text/csv', buffer: Buffer.from(`${IMPORT_COLUMNS.join(';')}\nauslaender;Atlantis;2024;;;;5;;;;\n`, 'utf8') })
  await page.getByRole('button', { name: 'Datei prüfen' }).click()
  await expect.poll(() => page.getByTestId('import-problems').textContent()).toContain('Zeile 2, Spalte 2 (gebiet)')
  await expectNoAxeViolations(page)
  await page.goto(`${server.url}/monitoring/kennzahlen/neu`)
  await page.getByRole('button', { name: 'Kennzahl speichern' }).click()
  await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(0)
  await expectNoAxeViolations(page)
})
