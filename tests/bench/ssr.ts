import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { createUser } from '../../server/services/admin/users'
import { buildDir, loginOverHttp, repoRoot, type RunningServer } from '../setup/server'
import { createSessions, ensureBuild, fmt, percentile, round, startPreparedServer } from './_shared'
import type { Figures } from './index'

/**
 * Server-rendered pages under load, against the floor of this machine. The overview `/` and the goal page
 * `/ziele/42` (again and again, and at a new address each time: ALL_PAGES) are each requested REQUESTS times by
 * CONCURRENCY parallel clients (after WARMUP requests) as the logged-in administrator, against the production
 * build on loopback. Latency is the full response time as a client sees it (head and whole body, gzip
 * included); the `Server-Timing: app;dur=…` header (time until the response head inside the process) and the
 * server's CPU time per request are reported alongside.
 *
 * The floor (tests/bench/_floor-http.ts) is a bare `node:http` process that sends the same bytes our server sent
 * for each page (captured once), with the same Content-Type and the same compression our server applies (printed
 * per page). The two are measured alternately – ours, floor, ours, floor … (PAIRS pairs, each page) – because
 * this machine is shared and its speed drifts by the minute: the ratio of each pair is taken and the median of
 * those ratios reported, with their spread (min–max).
 *
 * Also the gzipped JavaScript of the read pages: what the overview's HTML names (scripts and module preloads, as
 * before), and what Chromium actually loads until the network is idle – for the overview (administrator) and
 * for a goal page of a reader without editing rights, up front (before the page is hydrated) and in all.
 *
 * Budgets (DESIGN.md): overview p95 <= 1.5 x the floor, goal page p95 <= 50 ms, read pages <= 150 kB of gzipped
 * JavaScript. Figures only, no assertions.
 */

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 60)
const PAIRS = Math.max(3, Number(process.env.BENCH_PAIRS ?? 5))

type FloorMode = 'gzip' | 'spliced' | 'static'
type PageName = 'overview' | 'goal' | 'goal_rendered'

/**
 * The measured pages. `ours` is the address asked for the n-th time; `compression` what our server does to the
 * bytes, and so what the floor does (BENCH_FLOOR=static|gzip|spliced overrides it for every page, to look at other
 * floors – the ratio is then not the budget's).
 * - overview and goal: the same address again and again, as a reader reloading or many readers in the same
 *   state: kept documents (server/http/document-cache.ts), the pieces between the nonces compressed once, each
 *   response spliced from them with its nonce (server/http/gzip-splice.ts) – so the floor splices the same way.
 * - goal_rendered: the goal page at a new address each time (`?_=n`, a parameter the page ignores), so nothing
 *   is kept for it and every request is rendered (the database reads are cached): a user's first view of a page.
 *   Our server then renders, compresses the whole page once and keeps it; the floor gzips the bytes per response.
 */
const ALL_PAGES: { name: PageName; ours: (n: number) => string; floorPath: string; bytes: 'overview' | 'goal'; compression: FloorMode }[] = [
  { name: 'overview', ours: () => '/', floorPath: '/', bytes: 'overview', compression: 'spliced' },
  { name: 'goal', ours: () => '/ziele/42', floorPath: '/ziele/42', bytes: 'goal', compression: 'spliced' },
  { name: 'goal_rendered', ours: (n) => `/ziele/42?_=${n}`, floorPath: '/ziele/42/gzip', bytes: 'goal', compression: 'gzip' },
]
const FLOOR_MODE = (page: (typeof ALL_PAGES)[number]): FloorMode => (process.env.BENCH_FLOOR as FloorMode | undefined) ?? page.compression
/** BENCH_PAGES=goal,overview measures those pages only, for quick looks; the JSON then has null for the others. */
const PAGES = ALL_PAGES.filter((page) => !process.env.BENCH_PAGES || process.env.BENCH_PAGES.split(',').includes(page.name))

type Sample = { totalMs: number; appMs: number | null }
/** One measurement: its samples, and the CPU the server and the load generator (this process) spent per request. */
type Phase = { samples: Sample[]; cpuMs: number; clientCpuMs: number }

export default async function ssr(): Promise<Figures> {
  ensureBuild()
  const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
  const { server, reader } = await startPreparedServer(
    async (db, server) => {
      // A reader without editing rights, for the goal page's JavaScript.
      const id = await createUser(db, { email: 'lesen@bench.zielwerk', name: 'Lesen', password: 'ein-langes-benchmark-passwort', role: 'viewer', unitId: null })
      return { server, reader: `zw_session=${createSessions(db, [id])[0]!}` }
    },
    nodeOptions ? { env: { NODE_OPTIONS: nodeOptions } } : {},
  )
  let floor: Floor | undefined
  try {
    const cookie = await loginOverHttp(server.url, server.admin)
    const headers = { cookie }

    // The bytes our server sends, as they are and as they travel (once kept and compacted: the third response).
    for (const pathname of ['/', '/ziele/42']) for (let i = 0; i < 2; i++) await capture(`${server.url}${pathname}`, headers)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const sent: Record<'overview' | 'goal', Captured> = { overview: await capture(`${server.url}/`, headers), goal: await capture(`${server.url}/ziele/42`, headers) }
    const overviewHtml = sent.overview.body.toString('utf8')
    if (!overviewHtml.includes('data-goal=')) throw new Error('Die Übersicht zeigt keine Ziele: Anmeldung im Benchmark fehlgeschlagen?')
    const js = await javascriptOf(server.url, overviewHtml)
    // BENCH_JS=0 skips Chromium (quick looks at the latencies).
    const loaded = process.env.BENCH_JS === '0' ? null : await javascriptInChromium(server, cookie, reader)

    const bare = await startFloor(sent)
    floor = bare

    const ours: Record<PageName, Phase[]> = { overview: [], goal: [], goal_rendered: [] }
    const floors: Record<PageName, Phase[]> = { overview: [], goal: [], goal_rendered: [] }
    let n = 0
    const oursAt = (page: (typeof PAGES)[number]) => () => `${server.url}${page.ours(n++)}`
    const floorAt = (page: (typeof PAGES)[number]) => () => `${bare.url}${page.floorPath}`
    for (const page of PAGES) {
      await load(oursAt(page), headers, WARMUP)
      await load(floorAt(page), {}, WARMUP)
    }
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const page of PAGES) {
        // A short warm-up before each phase: the other process had the machine a moment ago.
        await load(oursAt(page), headers, Math.min(WARMUP, 20))
        ours[page.name].push(await measured(server.pid, () => load(oursAt(page), headers, REQUESTS)))
        await load(floorAt(page), {}, Math.min(WARMUP, 20))
        floors[page.name].push(await measured(bare.pid, () => load(floorAt(page), {}, REQUESTS)))
      }
    }

    console.log(
      `SSR-Benchmark: ${REQUESTS} Anfragen je Messung, ${CONCURRENCY} gleichzeitig, ${PAIRS} Paare (wir, Boden, wir, Boden …) je Seite, ` +
        `Aufwärmen ${WARMUP} (Build ${path.relative(repoRoot, buildDir())}, Last ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`,
    )
    for (const page of PAGES) {
      const { encoding, body, wire } = sent[page.bytes]
      console.log(
        `Boden ${page.name}: nacktes node:http, dieselben ${fmt(body.length / 1000)} kB (bei uns ${encoding}: ${fmt(wire.length / 1000)} kB), Content-Type text/html; ` +
          FLOOR_DOES[FLOOR_MODE(page)],
      )
    }
    const figures = Object.fromEntries(ALL_PAGES.map((page) => [page.name, pageFigures(ours[page.name], floors[page.name])])) as Record<PageName, PageFigures>
    for (const page of PAGES) {
      const f = figures[page.name]
      f.pairs.forEach((p, i) =>
        console.log(
          `${page.name.padEnd(13)} Paar ${i + 1}: wir p50 ${fmt(p.ours.p50)} / p95 ${fmt(p.ours.p95)} ms` +
            (p.ours.app === null ? '' : ` (Server-Timing app p95 ${fmt(p.ours.app)} ms)`) +
            ` | Boden p50 ${fmt(p.floor.p50)} / p95 ${fmt(p.floor.p95)} ms | p95-Verhältnis ${p.ratio.toFixed(2)}` +
            ` | CPU je Anfrage: wir ${p.ours.cpu.toFixed(2)}, Boden ${p.floor.cpu.toFixed(2)}, Lastgenerator ${p.ours.client.toFixed(2)}/${p.floor.client.toFixed(2)} ms`,
        ),
      )
      console.log(
        `${page.name.padEnd(13)} Median: wir p50 ${fmt(f.p50)} ms, p95 ${fmt(f.p95)} ms | Boden p95 ${fmt(f.floorP95)} ms | ` +
          `p95-Verhältnis Median ${f.ratio.toFixed(2)} (Spanne ${f.ratioMin.toFixed(2)}–${f.ratioMax.toFixed(2)}) | CPU je Anfrage Median: wir ${f.cpu.toFixed(2)} ms, Boden ${f.floorCpu.toFixed(2)} ms`,
      )
    }
    console.log(`JavaScript der Übersicht laut HTML (Skripte, modulepreload): ${js.files.length} Dateien, ${fmt(js.rawKb)} kB roh, ${fmt(js.gzipKb)} kB gzip (1 kB = 1000 Byte)`)
    for (const file of js.files) console.log(`  ${fmt(file.gzipKb).padStart(7)} kB gzip  ${file.url}`)
    if (loaded) {
      for (const [label, page] of [
        ['Übersicht (Administrator)', loaded.overview],
        ['Zielseite 42 (Leserin ohne Schreibrechte)', loaded.goalReader],
      ] as const) {
        console.log(`JavaScript, das Chromium lädt – ${label}: vor der Hydrierung ${fmt(page.upFrontKb)} kB gzip, bis das Netz ruht ${fmt(page.totalKb)} kB gzip`)
        for (const file of page.files) console.log(`  ${fmt(file.gzipKb).padStart(7)} kB gzip  ${file.url}${file.upFront ? '' : ' (später)'}`)
      }
    } else {
      console.log('JavaScript in Chromium: übersprungen (kein Chromium, CHROMIUM_PATH setzen).')
    }

    const o = figures.overview
    const g = figures.goal
    const r = figures.goal_rendered
    return {
      // Kept from earlier versions (now the medians over the pairs' measurements of ours).
      overview_p50_ms: round(o.p50),
      overview_p95_ms: round(o.p95),
      goal_p95_ms: round(g.p95),
      overview_js_gzip_kb: round(js.gzipKb),
      // The floor, alternated with ours.
      overview_floor_p95_ms: round(o.floorP95),
      overview_floor_ratio: round2(o.ratio),
      overview_floor_ratio_min: round2(o.ratioMin),
      overview_floor_ratio_max: round2(o.ratioMax),
      overview_floor_mode: FLOOR_MODE(ALL_PAGES[0]!),
      overview_bytes_kb: round(sent.overview.body.length / 1000),
      overview_wire_kb: round(sent.overview.wire.length / 1000),
      goal_p50_ms: round(g.p50),
      goal_floor_p95_ms: round(g.floorP95),
      goal_floor_ratio: round2(g.ratio),
      goal_floor_ratio_min: round2(g.ratioMin),
      goal_floor_ratio_max: round2(g.ratioMax),
      goal_floor_mode: FLOOR_MODE(ALL_PAGES[1]!),
      // Each request a new address: rendered every time (a user's first view).
      goal_rendered_p50_ms: round(r.p50),
      goal_rendered_p95_ms: round(r.p95),
      goal_rendered_floor_p95_ms: round(r.floorP95),
      goal_rendered_floor_ratio: round2(r.ratio),
      goal_rendered_floor_ratio_min: round2(r.ratioMin),
      goal_rendered_floor_ratio_max: round2(r.ratioMax),
      goal_rendered_floor_mode: FLOOR_MODE(ALL_PAGES[2]!),
      // Server CPU per request (utime + stime of the process over a measurement), medians over the pairs.
      overview_cpu_ms: round2(o.cpu),
      overview_floor_cpu_ms: round2(o.floorCpu),
      goal_cpu_ms: round2(g.cpu),
      goal_floor_cpu_ms: round2(g.floorCpu),
      goal_rendered_cpu_ms: round2(r.cpu),
      pairs: PAIRS,
      // What Chromium loads (null without Chromium).
      overview_js_loaded_gzip_kb: loaded ? round(loaded.overview.totalKb) : null,
      overview_js_upfront_gzip_kb: loaded ? round(loaded.overview.upFrontKb) : null,
      goal_reader_js_loaded_gzip_kb: loaded ? round(loaded.goalReader.totalKb) : null,
      goal_reader_js_upfront_gzip_kb: loaded ? round(loaded.goalReader.upFrontKb) : null,
    }
  } finally {
    await floor?.stop()
    await server.stop()
  }
}

const FLOOR_DOES: Record<FloorMode, string> = {
  gzip: 'gzip je Antwort (zlib-Stream, Stufe 1, wie die compression-Middleware bei uns)',
  spliced:
    'gzip wie bei uns: die Stücke zwischen den Nonces einmal vorab komprimiert (Stufe 9), je Antwort mit der Nonce dazwischen (gespeicherte Blöcke) zu einem gzip-Strom gefügt, CRC-32 kombiniert',
  static: 'vorab gzip-komprimierte Bytes, keine Kompression je Antwort',
}

const round2 = (value: number) => Math.round(value * 100) / 100
const median = (values: number[]) => percentile(values, 50)

type PhaseFigures = { p50: number; p95: number; app: number | null; cpu: number; client: number }
type PageFigures = {
  pairs: { ours: PhaseFigures; floor: PhaseFigures; ratio: number }[]
  p50: number
  p95: number
  floorP95: number
  cpu: number
  floorCpu: number
  ratio: number
  ratioMin: number
  ratioMax: number
}

function phase({ samples, cpuMs, clientCpuMs }: Phase): PhaseFigures {
  const total = samples.map((s) => s.totalMs)
  const app = samples.flatMap((s) => (s.appMs === null ? [] : [s.appMs]))
  return {
    p50: percentile(total, 50),
    p95: percentile(total, 95),
    app: app.length ? percentile(app, 95) : null,
    cpu: cpuMs / samples.length,
    client: clientCpuMs / samples.length,
  }
}

function pageFigures(ours: Phase[], floors: Phase[]): PageFigures {
  const pairs = ours.map((measurement, i) => {
    const a = phase(measurement)
    const b = phase(floors[i]!)
    return { ours: a, floor: b, ratio: a.p95 / b.p95 }
  })
  const ratios = pairs.map((p) => p.ratio)
  return {
    pairs,
    p50: median(pairs.map((p) => p.ours.p50)),
    p95: median(pairs.map((p) => p.ours.p95)),
    floorP95: median(pairs.map((p) => p.floor.p95)),
    cpu: median(pairs.map((p) => p.ours.cpu)),
    floorCpu: median(pairs.map((p) => p.floor.cpu)),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
  }
}

type Captured = { body: Buffer; encoding: string; wire: Buffer; nonce: string }

/** One GET as the load below asks (fetch accepts gzip and deflate): the body as it travelled and decoded. */
function capture(url: string, headers: Record<string, string>): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, 'accept-encoding': 'gzip, deflate' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`GET ${url}: HTTP ${response.statusCode}`))
        const wire = Buffer.concat(chunks)
        const encoding = String(response.headers['content-encoding'] ?? 'identity')
        const body = encoding === 'gzip' ? zlib.gunzipSync(wire) : encoding === 'identity' ? wire : null
        if (!body) return reject(new Error(`GET ${url}: unerwartete Kodierung ${encoding}`))
        const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy'] ?? ''))?.[1] ?? ''
        resolve({ body, encoding, wire, nonce })
      })
    })
    request.on('error', reject)
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${url}: Zeitüberschreitung`)))
  })
}

/** A measurement with the CPU time that `pid` and this process spent on it. */
async function measured(pid: number, run: () => Promise<Sample[]>): Promise<Phase> {
  const before = cpuMs(pid)
  const client = process.cpuUsage()
  const samples = await run()
  const used = process.cpuUsage(client)
  return { samples, cpuMs: cpuMs(pid) - before, clientCpuMs: (used.user + used.system) / 1000 }
}

/** utime + stime of a process in ms (as tests/bench/collab.ts reads it). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

const CLOCK_TICKS = (() => {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim())
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
})()

type Floor = { url: string; pid: number; stop: () => Promise<void> }

/** The floor process (_floor-http.ts) with our pages' bytes; for the overview, where its shared part lies. */
async function startFloor(sent: Record<'overview' | 'goal', Captured>): Promise<Floor> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-floor-'))
  const pages = ALL_PAGES.map((page) => {
    const file = path.join(dir, `${page.name}.html`)
    fs.writeFileSync(file, sent[page.bytes].body)
    return { path: page.floorPath, file, mode: FLOOR_MODE(page), nonce: sent[page.bytes].nonce }
  })
  const config = path.join(dir, 'config.json')
  fs.writeFileSync(config, JSON.stringify({ pages }))
  // tsx: the floor takes the splicing functions from server/http/gzip-splice.ts.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'tests', 'bench', '_floor-http.ts'), config], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killOnExit = () => child.kill('SIGKILL')
  process.on('exit', killOnExit)
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Boden-Server nicht bereit:\n${output}`)), 15_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /FLOOR-HTTP (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`Boden-Server beendet (${code}):\n${output}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit)
        fs.rmSync(dir, { recursive: true, force: true })
        if (child.exitCode !== null) return resolve()
        const force = setTimeout(() => child.kill('SIGKILL'), 3_000)
        child.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

/** `count` GETs of the address `next` gives, CONCURRENCY at a time; every one must answer 200. */
async function load(nextUrl: () => string, headers: Record<string, string>, count: number): Promise<Sample[]> {
  const samples: Sample[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      const url = nextUrl()
      const start = performance.now()
      const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) })
      await response.arrayBuffer()
      const totalMs = performance.now() - start
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`)
      samples.push({ totalMs, appMs: serverTiming(response.headers.get('server-timing')) })
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker))
  return samples
}

function serverTiming(header: string | null): number | null {
  const match = header?.match(/(?:^|,)\s*app;(?:[^,]*;)?\s*dur=([\d.]+)/)
  return match?.[1] ? Number(match[1]) : null
}

/** Scripts and module preloads the overview's HTML names (same origin only), each fetched and gzipped. */
async function javascriptOf(base: string, html: string) {
  const urls = new Set<string>()
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attribute(tag, 'src')
    if (src) urls.add(src)
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/\bmodulepreload\b/i.test(attribute(tag, 'rel') ?? '')) {
      const href = attribute(tag, 'href')
      if (href) urls.add(href)
    }
  }
  // The inline bootstrap script imports the entry and route modules; they are preloaded too, but count them
  // even if a future React Router stops emitting the preload for one.
  for (const match of html.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+\.js)["']/g)) urls.add(match[1]!)

  const files: { url: string; rawKb: number; gzipKb: number }[] = []
  for (const relative of urls) {
    const url = new URL(relative, base)
    if (url.origin !== new URL(base).origin) continue
    const body = Buffer.from(await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer())
    files.push({ url: url.pathname, rawKb: body.length / 1000, gzipKb: zlib.gzipSync(body).length / 1000 })
  }
  files.sort((a, b) => b.gzipKb - a.gzipKb)
  return {
    files,
    rawKb: files.reduce((sum, f) => sum + f.rawKb, 0),
    gzipKb: files.reduce((sum, f) => sum + f.gzipKb, 0),
  }
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  return match ? (match[1] ?? match[2] ?? match[3])?.replace(/&amp;/g, '&') : undefined
}

type LoadedFile = { url: string; gzipKb: number; upFront: boolean }
type LoadedPage = { files: LoadedFile[]; upFrontKb: number; totalKb: number }

/**
 * The JavaScript Chromium loads for a page until the network has been idle for a moment: every script
 * response of the origin (dynamic imports included), gzipped at the default level as a server would. "Up front"
 * is what had arrived when React began to hydrate the page: what the page needs before it works. Null when
 * there is no Chromium.
 */
async function javascriptInChromium(server: RunningServer, adminCookie: string, readerCookie: string): Promise<{ overview: LoadedPage; goalReader: LoadedPage } | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(executablePath)) return null
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] })
  try {
    const visit = async (cookie: string, pagePath: string): Promise<LoadedPage> => {
      const context = await browser.newContext()
      try {
        const [name = '', ...rest] = cookie.split('=')
        await context.addCookies([{ name, value: rest.join('='), url: server.url }])
        const page = await context.newPage()
        const files: LoadedFile[] = []
        const pending: Promise<void>[] = []
        let hydrated = false
        // React puts its internal keys on the elements it hydrates; the first sight of them marks the moment
        // (a string, not a function: the bench's compiler adds helpers to functions that the page lacks).
        page.on('console', (message) => {
          if (message.text() === 'zielwerk-bench: hydrated') hydrated = true
        })
        await page.addInitScript({
          content: `(() => { const check = () => { const html = document.documentElement; if (html && Object.keys(html).some((key) => key.startsWith('__reactFiber'))) console.log('zielwerk-bench: hydrated'); else setTimeout(check, 1) }; check() })()`,
        })
        page.on('response', (response) => {
          const url = new URL(response.url())
          if (url.origin !== new URL(server.url).origin || !url.pathname.endsWith('.js')) return
          const upFront = !hydrated
          pending.push(
            response.body().then(
              (body) => void files.push({ url: url.pathname, gzipKb: zlib.gzipSync(body).length / 1000, upFront }),
              () => {},
            ),
          )
        })
        await page.goto(`${server.url}${pagePath}`, { waitUntil: 'networkidle' })
        await page.waitForTimeout(1_000)
        await page.waitForLoadState('networkidle')
        await Promise.all(pending)
        files.sort((a, b) => Number(b.upFront) - Number(a.upFront) || b.gzipKb - a.gzipKb)
        const sum = (list: LoadedFile[]) => list.reduce((total, f) => total + f.gzipKb, 0)
        return { files, upFrontKb: sum(files.filter((f) => f.upFront)), totalKb: sum(files) }
      } finally {
        await context.close()
      }
    }
    return { overview: await visit(adminCookie, '/'), goalReader: await visit(readerCookie, '/ziele/42') }
  } finally {
    await browser.close()
  }
}
