import fs from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { test as base } from 'vitest'

/**
 * Browser tests drive Debian's Chromium through playwright-core (Playwright's own browser download does not
 * work on these machines). `chromium.launch` gives every browser a fresh temporary profile (user-data-dir) of
 * its own and removes it on close, so parallel test files never share cookies or storage.
 */

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium fehlt unter ${executablePath}. Installieren (apt-get install chromium) oder CHROMIUM_PATH setzen.`)
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
}

/** What the page reported as errors; a test that expects one says so with `allow(/pattern/)`. */
export type BrowserErrors = {
  allow: (pattern: RegExp) => void
  readonly unexpected: () => string[]
}

/**
 * `browser` is launched once per test file; each test gets a fresh context and `page`. A test fails when its
 * page logs a `console.error` or throws an uncaught error that it did not `allow`.
 */
export const browserTest = base
  // Vitest reads a fixture's dependencies from its first parameter and insists on a destructuring pattern.
  // oxlint-disable-next-line no-empty-pattern
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launchBrowser()
    onCleanup(() => browser.close())
    return browser
  })
  .extend('browserErrors', async (): Promise<BrowserErrors & { record: (message: string) => void }> => {
    const seen: string[] = []
    const allowed: RegExp[] = []
    return {
      allow: (pattern) => allowed.push(pattern),
      record: (message) => seen.push(message),
      unexpected: () => seen.filter((message) => !allowed.some((pattern) => pattern.test(message))),
    }
  })
  .extend('context', async ({ browser, browserErrors }, { onCleanup }): Promise<BrowserContext> => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })
    onCleanup(async () => {
      await context.close()
      const unexpected = browserErrors.unexpected()
      if (unexpected.length > 0) {
        throw new Error(`Unerwartete Fehler im Browser (${unexpected.length}):\n${unexpected.map((m) => `- ${m}`).join('\n')}`)
      }
    })
    return context
  })
  .extend('page', async ({ context, browserErrors }): Promise<Page> => {
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const { url, lineNumber } = message.location()
      browserErrors.record(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''} [Seite ${page.url()}]`)
    })
    page.on('pageerror', (error) => {
      browserErrors.record(`Seitenfehler: ${error.stack ?? error.message} [Seite ${page.url()}]`)
    })
    return page
  })

/** Puts an HTTP-obtained session cookie (`zw_session=…`, see loginOverHttp) into a browser context. */
export async function addSessionCookie(context: BrowserContext, baseUrl: string, cookie: string): Promise<void> {
  const [name = '', ...rest] = cookie.split('=')
  await context.addCookies([{ name, value: rest.join('='), url: new URL(baseUrl).origin, httpOnly: true, sameSite: 'Lax' }])
}

/**
 * A further signed-in browser context in the same test, for a second person (see loginOverHttp for `cookie`). Its
 * pages report console errors and uncaught errors, marked `[label]`, to the same list as the test's own page, so an
 * unexpected error anywhere fails the test. The test closes it.
 */
export async function signedInContext(browser: Browser, errors: BrowserErrors, baseUrl: string, cookie: string, label: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  await addSessionCookie(context, baseUrl, cookie)
  context.on('page', (page) => reportErrors(page, errors, label))
  return context
}

function reportErrors(page: Page, errors: BrowserErrors, label: string) {
  const record = (errors as BrowserErrors & { record: (message: string) => void }).record
  page.setDefaultTimeout(10_000)
  page.on('console', (message) => {
    if (message.type() === 'error') record(`[${label}] console.error: ${message.text()} [Seite ${page.url()}]`)
  })
  page.on('pageerror', (error) => record(`[${label}] Seitenfehler: ${error.stack ?? error.message} [Seite ${page.url()}]`))
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const axeSource = () => fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type AxeNode = { target: unknown[]; failureSummary?: string; html: string }
type AxeViolation = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: AxeNode[] }

/**
 * Waits until React has hydrated the page (the root marks <html data-hydrated>). A <select> changed before that is
 * reset to its default by hydration, so a test that chooses an option right after navigating waits for this.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}

/**
 * Runs axe-core against the page as it is now (WCAG 2.0/2.1 A and AA) and fails with one readable list.
 *
 * axe is evaluated through the DevTools protocol instead of `page.addScriptTag`: an added script tag is an
 * inline script, which Zielwerk's Content-Security-Policy (nonce only) rightly refuses, and we do not want to
 * switch CSP off (bypassCSP) in the very tests that should notice CSP breakage.
 */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined')
  if (!loaded) await page.evaluate(axeSource())
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe
      const context = exclude.length > 0 ? { include: [document], exclude: exclude.map((selector) => [selector]) } : document
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
      return result.violations
    },
    { tags: AXE_TAGS, exclude: options.exclude ?? [] },
  )
  const list = violations as AxeViolation[]
  if (list.length === 0) return
  const lines = list.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `    - ${n.target.map(String).join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
    const more = v.nodes.length > 5 ? [`    … und ${v.nodes.length - 5} weitere`] : []
    return [`- ${v.id} (${v.impact ?? 'n/a'}): ${v.help} [${v.nodes.length}×] ${v.helpUrl}`, ...nodes, ...more].join('\n')
  })
  throw new Error(`axe-core: ${list.length} Verstöße gegen WCAG 2.1 A/AA auf ${page.url()}\n${lines.join('\n')}`)
}
