import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { docxXml, pdfText, runText } from '../../server/exports/exports-test-helpers'
import { addSessionCookie, browserTest as test, expectNoAxeViolations, signedInContext } from '../setup/browser'
import { seedDemoMonitoring } from '../../server/cli/demo-monitoring'
import { demoRoundIds, loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The report written live in Chromium: the commissioner and a coordinator co-write chapter 3.3 and see each other's
// carets, a unit editor reads it ("Nur lesen"), "Ziel n" is checked, the commissioner exports the report with the
// chapter in it (PDF text, DOCX XML), and axe finds nothing on the editor. With ZIELWERK_SCREENSHOTS=<dir> the page
// is photographed in German and English there.

let server: RunningServer
let cookies: Record<'admin' | Role, string>
let roundId: number

const eventually = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout })

test.beforeAll(async () => {
  server = await startDemoServer()
  cookies = await loginEveryRole(server)
  roundId = withServerDb(server, (db) => demoRoundIds(db).open)
})

test.afterAll(async () => {
  await server?.stop()
})

const chapter = (page: Page, slug: string) => page.locator(`[data-chapter="${slug}"]`)
const editorOf = (page: Page, slug: string) => chapter(page, slug).locator('.ProseMirror')

async function openReport(page: Page) {
  await page.goto(`${server.url}/runden/${roundId}/bericht`)
  await page.locator('[data-save-state="saved"]').waitFor({ timeout: 20_000 })
  await editorOf(page, 'field-3').waitFor()
}

async function typeInto(page: Page, slug: string, text: string) {
  await editorOf(page, slug).click()
  await page.keyboard.press('End')
  await page.keyboard.type(text)
}

test('the commissioner and a coordinator co-write chapter 3.3 live and see each other’s carets; a unit editor reads it; the export carries it', async ({
  browser,
  context,
  page: commissioner,
  browserErrors,
}) => {
  await addSessionCookie(context, server.url, cookies.commissioner)
  const coordinatorContext = await signedInContext(browser, browserErrors, server.url, cookies.coordinator, 'coordinator')
  const editorContext = await signedInContext(browser, browserErrors, server.url, cookies.editor, 'editor')
  try {
    const coordinator = await coordinatorContext.newPage()
    const editor = await editorContext.newPage()
    await Promise.all([openReport(commissioner), openReport(coordinator), openReport(editor)])

    const first = 'Im Handlungsfeld Bildung zeigt Ziel 30 Fortschritte, Ziel 950 gibt es nicht.'
    await typeInto(commissioner, 'field-3', first)
    await eventually(() => editorOf(coordinator, 'field-3').textContent()).toContain(first)
    await eventually(() => chapter(coordinator, 'field-3').locator('.collaboration-carets__label').allTextContents()).toEqual(['Demo: Integrationsbeauftragte'])

    const second = ' Die Koordination ergänzt.'
    await typeInto(coordinator, 'field-3', second)
    await eventually(() => editorOf(commissioner, 'field-3').textContent()).toContain(second.trim())
    await eventually(() => chapter(commissioner, 'field-3').locator('.collaboration-carets__label').allTextContents()).toEqual(['Demo: Koordination Jour fixe'])
    await eventually(() => commissioner.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved')

    // "Ziel 30" is linked under the chapter, "Ziel 950" flagged.
    await eventually(() => chapter(commissioner, 'field-3').locator('[data-goal-references] a').allTextContents()).toContain('Ziel 30')
    await eventually(() => chapter(commissioner, 'field-3').locator('[data-unknown-goals]').textContent()).toContain('Ziel 950')

    // The unit editor follows, read-only: "Nur lesen", no toolbar, nothing editable, the statistics switch disabled.
    await eventually(() => editorOf(editor, 'field-3').textContent()).toContain(second.trim())
    expect(await editor.locator('[data-save-state]').getAttribute('data-access')).toBe('read')
    expect(await editor.locator('[data-save-state]').textContent()).toContain('Nur lesen')
    expect(await editor.getByRole('toolbar').count()).toBe(0)
    expect(await editor.locator('.ProseMirror[contenteditable="true"]').count()).toBe(0)
    expect(await chapter(editor, 'field-3').getByRole('checkbox').isDisabled()).toBe(true)
    expect(await editor.getByRole('button', { name: 'Deckblatt speichern' }).count()).toBe(0)

    // Stored before "Gespeichert": the projection has it, and so has the export.
    const stored = withServerDb(server, (db) => db.$client.prepare("select text from report_chapters where round_id = ? and slug = 'field-3'").get(roundId) as { text: string })
    expect(stored.text).toContain(`${first}${second}`)

    const [pdf] = await Promise.all([commissioner.waitForEvent('download'), commissioner.getByRole('link', { name: 'Evaluationsbericht als PDF herunterladen' }).click()])
    const pdfBytes = new Uint8Array(fs.readFileSync((await pdf.path())!))
    expect((await pdfText(pdfBytes)).replace(/\s+/g, ' ')).toContain('Im Handlungsfeld Bildung zeigt Ziel 30 Fortschritte')
    const [docx] = await Promise.all([commissioner.waitForEvent('download'), commissioner.getByRole('link', { name: 'Evaluationsbericht als Word (DOCX) herunterladen' }).click()])
    const xml = docxXml(new Uint8Array(fs.readFileSync((await docx.path())!)))
    expect(runText(xml)).toContain(`${first}${second}`)
    // The open round's draft says so on its pages.
    expect(runText(docxXml(new Uint8Array(fs.readFileSync((await docx.path())!)), 'word/header1.xml'))).toContain('ENTWURF')

    await expectNoAxeViolations(commissioner)
    await expectNoAxeViolations(editor)

    const dir = process.env.ZIELWERK_SCREENSHOTS
    if (dir) {
      fs.mkdirSync(dir, { recursive: true })
      await commissioner.screenshot({ path: path.join(dir, 'bericht-de.png') })
      await chapter(commissioner, 'field-3').screenshot({ path: path.join(dir, 'bericht-3-3-de.png') })
      await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
      await openReport(commissioner)
      await commissioner.screenshot({ path: path.join(dir, 'bericht-en.png') })
      await chapter(commissioner, 'field-3').screenshot({ path: path.join(dir, 'bericht-3-3-en.png') })
      await commissioner.setViewportSize({ width: 390, height: 844 })
      await chapter(commissioner, 'field-3').screenshot({ path: path.join(dir, 'bericht-3-3-phone.png') })
    }
  } finally {
    await coordinatorContext.close()
    await editorContext.close()
  }
}, 180_000)

test('the commissioner inserts an indicator value into a chapter; it is stored with its source and the export prints it', async ({ context, page }) => {
  // Demo values for every starter indicator (labelled as such), so that a value can be chosen.
  await withServerDb(server, (db) => seedDemoMonitoring(db))
  await addSessionCookie(context, server.url, cookies.commissioner)
  await openReport(page)
  await editorOf(page, 'conclusion').click()
  await page.keyboard.press('End')
  await page.keyboard.type(' Dazu die Kennzahl: ')
  await chapter(page, 'conclusion').getByTestId('indicator-reference-open').click()
  const dialog = page.getByRole('dialog', { name: 'Kennzahl einfügen' })
  await dialog.getByLabel('Kennzahl').selectOption({ index: 1 })
  await dialog.getByLabel('Gebiet').selectOption({ index: 1 })
  const preview = dialog.getByTestId('indicator-reference-preview')
  await preview.waitFor({ timeout: 15_000 })
  const quoted = (await preview.textContent())!.trim()
  expect(quoted).toContain('Quelle')
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Einfügen' }).click()
  await eventually(() => editorOf(page, 'conclusion').locator('[data-indicator-reference]').textContent()).toBe(quoted)
  await eventually(() => page.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved')
  const stored = withServerDb(server, (db) => db.$client.prepare("select text from report_chapters where round_id = ? and slug = 'conclusion'").get(roundId) as { text: string })
  expect(stored.text).toContain(quoted)
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Evaluationsbericht als PDF herunterladen' }).click()])
  const text = (await pdfText(new Uint8Array(fs.readFileSync((await pdf.path())!)))).replace(/\s+/g, ' ')
  expect(text).toContain(quoted.replace(/\s+/g, ' '))
}, 120_000)
