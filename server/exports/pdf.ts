import fs from 'node:fs'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'

/**
 * Tagged PDF through Debian's Chromium (playwright-core drives it): HTML with real headings and tables in,
 * `page.pdf({ tagged: true, outline: true })` out, which gives a structure tree (H1/H2, Table/TR/TH/TD) and
 * bookmarks per heading, with the fonts embedded. One browser is launched on the first PDF and reused (a launch
 * costs ~0.3 s and ~100 MB); it closes after IDLE_MS without exports and on shutdown. Every PDF is printed on the one
 * kept page (takePrinter: JavaScript off, every request but data: refused, the page self-contained), one at a time.
 * All of it happens in the export process and Chromium: the server's event loop only waits.
 */

const IDLE_MS = 60_000
/** One print at a time: the export process has one core (export-process.ts), and Chromium runs in one process. */
const MAX_PARALLEL = 1
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']
/**
 * `--single-process`: the renderer runs as threads of the browser process. Chromium prints on one core of the idle
 * class (export-process.ts), where every hop between its processes waits for that core; in one process the report's
 * PDF took 0.6–0.8 s of CPU instead of 1.4–2.0 s in `npm run bench -- export` (rounds 2 and 3, two runs each). What
 * it gives up is isolation between pages, and a crash takes the browser with it: the pages are our own HTML with
 * JavaScript off and nothing fetched, and a browser that goes away is launched again for the next PDF.
 */
const ARGS = ['--headless', '--no-sandbox', '--single-process', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions']

/** Chromium is not installed where we look: the route answers 503 with the German message. */
export class BrowserMissing extends Error {
  override name = 'BrowserMissing'
  constructor(readonly path: string) {
    super(`Chromium fehlt (${path}).`)
  }
}

/** Chromium was there but failed (crashed, timed out): 503 too, but a different message. */
export class BrowserFailed extends Error {
  override name = 'BrowserFailed'
}

export function chromiumExecutable(): string {
  const configured = process.env.CHROMIUM_PATH
  if (configured) {
    if (!fs.existsSync(configured)) throw new BrowserMissing(configured)
    return configured
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate))
  if (!found) throw new BrowserMissing(CANDIDATES.join(', '))
  return found
}

let browser: Promise<Browser> | null = null
let idleTimer: NodeJS.Timeout | null = null
let running = 0
const waiting: (() => void)[] = []

/**
 * Chromium runs in Linux's idle scheduling class (SCHED_IDLE, through chrt): printing a long PDF takes a core for a
 * second or more, and on two cores the server's own Jour fixe traffic must come first. The class is set on the
 * executable through a small wrapper, so every process and thread Chromium forks later has it too (renicing the
 * running processes reached neither their other threads nor the renderers forked afterwards). Without chrt, nice
 * 19; elsewhere than Linux, Chromium as it is.
 */
function lowPriority(executable: string): string {
  if (process.platform !== 'linux') return executable
  const runner = fs.existsSync('/usr/bin/chrt') ? '/usr/bin/chrt --idle 0' : fs.existsSync('/usr/bin/nice') ? '/usr/bin/nice -n 19' : null
  if (!runner) return executable
  const quoted = `'${executable.replaceAll("'", `'\\''`)}'`
  const script = `#!/bin/sh\nexec ${runner} ${quoted} "$@"\n`
  try {
    // In a directory of this process's own (mode 0700): a shared temp directory would let another local user swap
    // the script between its check and its start.
    wrapperDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-chromium-'))
    const file = path.join(wrapperDir, `${createHash('sha256').update(script).digest('hex').slice(0, 12)}.sh`)
    if (!fs.existsSync(file)) fs.writeFileSync(file, script, { mode: 0o700 })
    return file
  } catch {
    return executable
  }
}

let wrapperDir: string | null = null

function launch(): Promise<Browser> {
  if (browser) return browser
  const executablePath = lowPriority(chromiumExecutable())
  // playwright-core is loaded with the first PDF, not at start: it alone holds ~80 MB of a process's memory.
  const launched = import('playwright-core')
    .then(({ chromium }) => chromium.launch({ executablePath, headless: true, args: ARGS, timeout: 30_000 }))
    .then((b) => {
    // A crashed browser is launched anew by the next export.
    b.on('disconnected', () => {
      if (browser === launched) browser = null
    })
    return b
  })
  browser = launched
  launched.catch(() => {
    if (browser === launched) browser = null
  })
  return launched
}

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = null
  return () => {
    running--
    waiting.shift()?.()
    if (running === 0) {
      idleTimer = setTimeout(() => void closePdfBrowser(), IDLE_MS)
      idleTimer.unref()
    }
  }
}

export type PrintOptions = {
  headerTemplate: string
  footerTemplate: string
}

type Html = string | ((previous: Uint8Array | null) => string | Promise<string>)
/**
 * One print: its HTML (or a function of the previous print's PDF). Tagged with bookmarks unless `tagged: false`: a
 * print made only to learn where pages break needs neither, and tagging a long document is most of its cost.
 */
export type PrintInput = Html | { html: Html; tagged: boolean }

/**
 * Prints each HTML in turn on one page of one context, and returns the PDFs in order: the report prints twice (the
 * second time with the table of contents' page numbers from the first), and a page reused is cheaper than a new one.
 */
export async function printPdfs(htmls: PrintInput[], options: PrintOptions): Promise<Uint8Array[]> {
  const release = await slot()
  try {
    let instance: Browser
    try {
      instance = await launch()
    } catch (error) {
      if (error instanceof BrowserMissing) throw error
      throw new BrowserFailed(error instanceof Error ? error.message.split('\n')[0]! : String(error))
    }
    let printer: Printer | null = null
    let healthy = false
    try {
      printer = await takePrinter(instance)
      const { page } = printer
      const out: Uint8Array[] = []
      for (const input of htmls) {
        const { html, tagged } = typeof input === 'object' ? input : { html: input, tagged: true }
        const markup = typeof html === 'string' ? html : await html(out.at(-1) ?? null)
        await page.setContent(markup, { waitUntil: 'load', timeout: 30_000 })
        const pdf = await page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: options.headerTemplate,
          footerTemplate: options.footerTemplate,
          tagged,
          outline: tagged,
        })
        out.push(new Uint8Array(pdf))
      }
      healthy = true
      return out
    } catch (error) {
      throw new BrowserFailed(error instanceof Error ? error.message.split('\n')[0]! : String(error))
    } finally {
      // A page that printed is kept for the next print. After a failure (of the print, or of opening the page) the
      // browser goes: in one process (--single-process) a closed context cannot be opened again, so the next PDF
      // launches a new browser.
      if (healthy && printer && printer.browser === instance && instance.isConnected()) printers.push(printer)
      else await closeBrowser(instance)
    }
  } finally {
    release()
  }
}

/**
 * A page to print on, with its context: JavaScript off, offline, nothing but data: URLs loaded. Kept between prints
 * (one per parallel print, so one): a new context cost more CPU than a short print itself (with a renderer process
 * of its own, most of it in the kernel), and in one process Chromium cannot open a context again after one was
 * closed. setContent replaces the whole document, and the context keeps nothing from one print to the next (no
 * script runs, nothing is fetched or stored).
 */
type Printer = { browser: Browser; context: BrowserContext; page: Page }
let printers: Printer[] = []

async function takePrinter(instance: Browser): Promise<Printer> {
  printers = printers.filter((printer) => printer.browser === instance && instance.isConnected())
  const kept = printers.pop()
  if (kept) return kept
  const context = await instance.newContext({ javaScriptEnabled: false, offline: true })
  await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  return { browser: instance, context, page }
}

/** How many pages are kept ready to print on (the export process's warm-up leaves one). */
export const keptPages = () => printers.filter((printer) => printer.browser.isConnected()).length

export async function printPdf(html: string, options: PrintOptions): Promise<Uint8Array> {
  const [pdf] = await printPdfs([html], options)
  return pdf!
}

/** Launches the shared browser ahead of the first PDF (the export process warming up); a failure waits for that PDF. */
export async function warmPdfBrowser(): Promise<void> {
  try {
    await launch()
  } catch {
    // reported by the first PDF
  }
  if (running === 0 && !idleTimer) {
    idleTimer = setTimeout(() => void closePdfBrowser(), IDLE_MS)
    idleTimer.unref()
  }
}

/** Closes this browser if it is still the shared one (its kept pages go with it). */
async function closeBrowser(instance: Browser): Promise<void> {
  const current = browser
  if (current && (await current.catch(() => null)) === instance) {
    browser = null
    printers = []
  }
  await instance.close().catch(() => {})
}

/** Closes the shared browser (idle, shutdown, tests); the next export launches a new one. */
export async function closePdfBrowser(): Promise<void> {
  const current = browser
  browser = null
  printers = []
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = null
  if (current) await current.then((b) => b.close()).catch(() => {})
}
