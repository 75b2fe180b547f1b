import path from 'node:path'
import zlib from 'node:zlib'
import { buildDir, loginOverHttp, repoRoot, startServer } from '../setup/server'
import { ensureBuild, fmt, percentile, round } from './_shared'
import type { Figures } from './index'

/**
 * Server-rendered pages under load: the overview `/` and the goal page `/ziele/42`, each requested REQUESTS
 * times by CONCURRENCY parallel clients (after a warm-up) as the logged-in administrator, against the
 * production build on loopback. Latency is the full response time as a client sees it (head and whole body,
 * gzip included); the `Server-Timing: app;dur=…` header (time until the response head inside the process) is
 * reported alongside. Also: the gzipped JavaScript the overview loads up front (scripts and modulepreloads).
 *
 * Budgets (issue 2): overview p95 <= 50 ms, overview JavaScript <= 150 kB gzip. Figures only, no assertions.
 */

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 60)

type Sample = { totalMs: number; appMs: number | null }

export default async function ssr(): Promise<Figures> {
  ensureBuild()
  const server = await startServer()
  try {
    const cookie = await loginOverHttp(server.url, server.admin)
    const headers = { cookie }

    const overviewHtml = await getText(`${server.url}/`, headers)
    if (!overviewHtml.includes('data-goal=')) throw new Error('Die Übersicht zeigt keine Ziele: Anmeldung im Benchmark fehlgeschlagen?')
    const js = await javascriptOf(server.url, overviewHtml)

    const pages = [
      { name: 'overview', url: `${server.url}/` },
      { name: 'goal', url: `${server.url}/ziele/42` },
    ]
    const results: Record<string, Sample[]> = {}
    for (const page of pages) {
      await load(page.url, headers, WARMUP)
      results[page.name] = await load(page.url, headers, REQUESTS)
    }

    console.log(`SSR-Benchmark: ${REQUESTS} Anfragen je Seite, ${CONCURRENCY} gleichzeitig, nach ${WARMUP} zum Aufwärmen (Build ${path.relative(repoRoot, buildDir())})`)
    for (const page of pages) {
      const samples = results[page.name]!
      const total = samples.map((s) => s.totalMs)
      const app = samples.flatMap((s) => (s.appMs === null ? [] : [s.appMs]))
      console.log(
        `${page.name.padEnd(9)} Antwortzeit p50 ${fmt(percentile(total, 50))} ms, p95 ${fmt(percentile(total, 95))} ms, max ${fmt(Math.max(...total))} ms` +
          (app.length ? ` | Server-Timing app p50 ${fmt(percentile(app, 50))} ms, p95 ${fmt(percentile(app, 95))} ms` : ' | kein Server-Timing-Header'),
      )
    }
    console.log(`JavaScript der Übersicht: ${js.files.length} Dateien, ${fmt(js.rawKb)} kB roh, ${fmt(js.gzipKb)} kB gzip (1 kB = 1000 Byte)`)
    for (const file of js.files) console.log(`  ${fmt(file.gzipKb).padStart(7)} kB gzip  ${file.url}`)

    const overview = results.overview!.map((s) => s.totalMs)
    const goal = results.goal!.map((s) => s.totalMs)
    return {
      overview_p50_ms: round(percentile(overview, 50)),
      overview_p95_ms: round(percentile(overview, 95)),
      goal_p95_ms: round(percentile(goal, 95)),
      overview_js_gzip_kb: round(js.gzipKb),
    }
  } finally {
    await server.stop()
  }
}

async function getText(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) })
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`)
  return response.text()
}

/** `count` GETs of `url`, CONCURRENCY at a time; every one must answer 200. */
async function load(url: string, headers: Record<string, string>, count: number): Promise<Sample[]> {
  const samples: Sample[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
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
