import { spawn } from 'node:child_process'
import { eq } from 'drizzle-orm'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { users } from '../../db/schema'
import { IMPORT_COLUMNS } from '../../server/imports/indicator-values'
import { listTerritories } from '../../server/services/monitoring/common'
import { createIndicator } from '../../server/services/monitoring/indicators'
import { createUser } from '../../server/services/admin/users'
import { createSessions, ensureBuild, fmt, percentile, round, startPreparedServer } from './_shared'
import type { Figures } from './index'

/**
 * The monitoring at the size of the county's data report: 17 indicators (the 14 starters and 3 more), the county and
 * 21 municipalities, 10 years, with breakdowns crossed by sex – about 50,000 values in one CSV file. Measured:
 * - import: the file uploaded and checked (preview) and then taken over, as the statistics role does it over HTTP;
 * - the data sheets of the last year, REQUESTS times round-robin over the 22 sheets at CONCURRENCY parallel clients,
 *   end to end (gzip included), against a bare node:http server in its own process sending the same bytes (gzipped
 *   per response at the same level), in the same run: the machine's floor.
 *   Each round gives a pair (our p95, the floor's p95); the ratio reported is the median of the pairs' ratios, with
 *   their smallest and largest (a change in the machine's load falls on both halves of a pair, not on the ratio).
 * - the data report: all 22 sheets of the last year as one tagged PDF over HTTP (data, markup in the export worker,
 *   Chromium's two prints), cold (browser and worker start), warm (after a sheet changed: measured and printed anew)
 *   and unchanged once more (the page numbers known: one print), while a probe asks /healthz every 10 ms: the probe's
 *   answer times are what the event loop's delay costs a request meanwhile (idle: a few ms).
 * Budget (DESIGN.md): sheet p95 ≤ 50 ms or ≤ 1.5× the floor; all 22 sheets as PDF ≤ 10 s. Figures only, no assertions.
 */

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 440)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 66)
const ROUNDS = 4
const YEARS = 10
const LAST_YEAR = 2025

function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function split(total: number, parts: number, next: () => number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + next())
  const sum = weights.reduce((a, w) => a + w, 0)
  const out = weights.map((w) => Math.floor((total * w) / sum))
  out[0]! += total - out.reduce((a, v) => a + v, 0)
  return out
}

type Breakdown = [merkmal: string, categories: string[]]
const NAT = ['Polen', 'Rumänien', 'Syrien', 'Türkei', 'Niederlande', 'übrige']
const AGE = ['unter 18 Jahre', '18 bis unter 30 Jahre', '30 bis unter 50 Jahre', '50 bis unter 65 Jahre', '65 Jahre und älter']
const STAY = ['unter 5 Jahre', '5 bis unter 10 Jahre', '10 Jahre und mehr']

/** Lines of a count with its breakdowns crossed by sex, every part adding up. */
function crossed(key: string, place: string, date: string, total: number, breakdowns: Breakdown[], next: () => number): string[] {
  const [male, female] = split(total, 2, next)
  const lines = [`${key};${place};${date};gesamt;;gesamt;${total};;;;`, `${key};${place};${date};gesamt;;männlich;${male};;;;`, `${key};${place};${date};gesamt;;weiblich;${female};;;;`]
  for (const [merkmal, categories] of breakdowns) {
    const m = split(male!, categories.length, next)
    const f = split(female!, categories.length, next)
    categories.forEach((c, i) => {
      lines.push(`${key};${place};${date};${merkmal};${c};gesamt;${m[i]! + f[i]!};;;;`)
      lines.push(`${key};${place};${date};${merkmal};${c};männlich;${m[i]};;;;`)
      lines.push(`${key};${place};${date};${merkmal};${c};weiblich;${f[i]};;;;`)
    })
  }
  return lines
}

export function buildFile(places: string[]): { text: string; values: number } {
  const next = random(42)
  const lines: string[] = [IMPORT_COLUMNS.join(';')]
  for (let year = LAST_YEAR - YEARS + 1; year <= LAST_YEAR; year++) {
    const date = `31.12.${year}`
    for (const place of places) {
      const size = Math.round(800 + next() * 6000)
      lines.push(...crossed('auslaender', place, date, size, [['Herkunft', ['EU', 'Drittstaaten']], ['Staatsangehörigkeit', NAT], ['Altersgruppe', AGE], ['Aufenthaltsdauer', STAY]], next))
      lines.push(...crossed('eu-angehoerige', place, date, Math.round(size * 0.6), [['Staatsangehörigkeit', NAT], ['Altersgruppe', AGE], ['Aufenthaltsdauer', STAY]], next))
      lines.push(...crossed('schutzsuchende', place, date, Math.round(size * 0.12), [['Schutzstatus', ['offen oder abgelehnt', 'sonstige']], ['Altersgruppe', AGE], ['Aufenthaltsdauer', STAY]], next))
      lines.push(...crossed('bench-sprachkurse', place, date, Math.round(size * 0.2), [['Altersgruppe', AGE], ['Aufenthaltsdauer', STAY]], next))
      lines.push(...crossed('bench-kita', place, date, Math.round(size * 0.1), [['Staatsangehörigkeit', NAT], ['Altersgruppe', AGE]], next))
      const share = (100 * size) / (size * (8 + next() * 10))
      lines.push(`auslaenderanteil;${place};${date};gesamt;;gesamt;${share.toFixed(1).replace('.', ',')};${size};${Math.round((size * 100) / share)};;`)
      for (const key of ['einbuergerungen', 'zuzuege-bundesgrenze', 'fortzuege-bundesgrenze', 'bench-gesundheit']) lines.push(`${key};${place};${date};gesamt;;gesamt;${Math.round(next() * size * 0.05)};;;;`)
      for (const key of ['beschaeftigungsquote-auslaender', 'sgb2-quote', 'migrationshintergrund']) lines.push(`${key};${place};${date};gesamt;;gesamt;${(20 + next() * 40).toFixed(1).replace('.', ',')};;;;`)
      lines.push(`beschaeftigungsquote-abstand;${place};${date};gesamt;;gesamt;${(5 + next() * 20).toFixed(1).replace('.', ',')};;;;`)
      for (const key of ['leistungsbezug-eu', 'leistungsbezug-schutzsuchende']) {
        lines.push(`${key};${place};${date};Leistungsbezug;SGB II;gesamt;${Math.round(next() * size * 0.05)};;;;`)
        lines.push(`${key};${place};${date};Leistungsbezug;${key.endsWith('eu') ? 'SGB XII' : 'AsylbLG'};gesamt;${Math.round(next() * size * 0.02)};;;;`)
      }
      const quota = Math.round(10 + next() * 60)
      const allocated = Math.round(quota * next())
      lines.push(`zuweisungsquote;${place};${date};Zuweisung;Quote;gesamt;${quota};;;;`, `zuweisungsquote;${place};${date};Zuweisung;Zuweisungen;gesamt;${allocated};;;;`, `zuweisungsquote;${place};${date};Zuweisung;noch zu erfüllen;gesamt;${quota - allocated};;;;`)
    }
  }
  return { text: `${lines.join('\n')}\n`, values: lines.length - 1 }
}

type Prepared = { url: string; cookie: string; stop: () => Promise<void>; slugs: string[]; places: string[] }

export default async function monitoring(): Promise<Figures> {
  ensureBuild()
  const prepared = await startPreparedServer<Prepared>(async (db, server) => {
    for (const [key, name] of [
      ['bench-sprachkurse', 'Teilnahme an Integrationskursen (Benchmark)'],
      ['bench-kita', 'Kinder in Kindertagesbetreuung (Benchmark)'],
      ['bench-gesundheit', 'Schuleingangsuntersuchungen (Benchmark)'],
    ] as const) {
      createIndicator(db, {
        key,
        name,
        area: key === 'bench-kita' ? 'education' : key === 'bench-sprachkurse' ? 'language' : 'health',
        definition: 'Benchmark-Kennzahl',
        unit: 'count',
        numerator: '',
        numeratorSource: '',
        denominator: '',
        denominatorSource: '',
        dataSource: 'Benchmark',
        presentation: '',
        referenceKind: 'year',
        breakdowns: key === 'bench-gesundheit' ? [] : ['sex', 'nationality', 'ageGroup', 'lengthOfStay'],
        rationale: 'Benchmark',
        comparableFrom: null,
        targetValue: null,
        targetYear: null,
        thresholdValue: null,
        thresholdYear: null,
        goalNumbers: [],
        active: true,
      })
    }
    await createUser(db, { email: 'statistik@bench.invalid', name: 'Benchmark Statistik', password: 'benchmark-passwort-1', role: 'statistics', unitId: null })
    const userId = db.select({ id: users.id }).from(users).where(eq(users.email, 'statistik@bench.invalid')).get()!.id
    const [token] = createSessions(db, [userId])
    const territories = listTerritories(db)
    return { url: server.url, cookie: `zw_session=${token}`, stop: server.stop, slugs: territories.map((t) => t.slug), places: territories.map((t) => t.name) }
  }, process.env.BENCH_PROFILE ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE}` } } : {})
  const floor = { stop: async () => {} }
  try {
    const { text, values } = buildFile(prepared.places)
    const headers = { Origin: prepared.url, Cookie: prepared.cookie }
    const started = performance.now()
    const form = new FormData()
    form.set('intent', 'check')
    form.set('file', new File([text], 'bench.csv'))
    const checked = await fetch(`${prepared.url}/monitoring/import`, { method: 'POST', redirect: 'manual', headers, body: form })
    const location = checked.headers.get('location')
    if (checked.status !== 302 || !location) throw new Error(`Import-Prüfung: HTTP ${checked.status}\n${(await checked.text()).slice(0, 2000)}`)
    const checkedMs = performance.now() - started
    const importId = /vorschau=(\d+)/.exec(location)![1]!
    const applied = await fetch(`${prepared.url}/monitoring/import`, { method: 'POST', redirect: 'manual', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ intent: 'apply', importId }) })
    const body = await applied.text()
    if (applied.status !== 200 || !body.includes('Übernommen')) throw new Error(`Import übernehmen: HTTP ${applied.status}`)
    const importMs = performance.now() - started
    console.log(`Import: ${values} Werte (${fmt(Buffer.byteLength(text) / 1e6)} MB CSV): prüfen + Vorschau ${fmt(checkedMs)} ms, bis übernommen ${fmt(importMs)} ms`)

    const sheetUrls = prepared.slugs.map((slug) => `/monitoring/datenblaetter/${slug}/${LAST_YEAR}`)
    const bodies = new Map<string, Buffer>()
    for (const url of sheetUrls) {
      const response = await fetch(prepared.url + url, { headers: { Cookie: prepared.cookie, 'accept-encoding': 'identity' } })
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`)
      bodies.set(url, Buffer.from(await response.arrayBuffer()))
    }
    const sizes = [...bodies.values()].map((b) => b.length)
    console.log(`Datenblätter: ${bodies.size} Seiten, ${fmt(Math.min(...sizes) / 1000)}–${fmt(Math.max(...sizes) / 1000)} kB HTML`)
    const bare = await startFloor(bodies)
    floor.stop = bare.stop

    await load(prepared.url, sheetUrls, prepared.cookie, WARMUP)
    await load(bare.url, sheetUrls, '', WARMUP)
    // Alternating rounds, so that a change in the machine's load between the two falls on both.
    const ours: number[] = []
    const base: number[] = []
    const ratios: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const mine = await load(prepared.url, sheetUrls, prepared.cookie, REQUESTS / ROUNDS)
      const floorRound = await load(bare.url, sheetUrls, '', REQUESTS / ROUNDS)
      ours.push(...mine)
      base.push(...floorRound)
      ratios.push(percentile(mine, 95) / percentile(floorRound, 95))
      console.log(`Runde ${round + 1}: Zielwerk p95 ${fmt(percentile(mine, 95))} ms, node:http p95 ${fmt(percentile(floorRound, 95))} ms, Verhältnis ${fmt2(ratios.at(-1)!)}×`)
    }
    const ratio = median(ratios)
    console.log(`${REQUESTS} Anfragen je Server in ${ROUNDS} abwechselnden Runden, ${CONCURRENCY} gleichzeitig, reihum über die 22 Datenblätter ${LAST_YEAR} (nach ${WARMUP} zum Aufwärmen)`)
    console.log(`Zielwerk   p50 ${fmt(percentile(ours, 50))} ms, p95 ${fmt(percentile(ours, 95))} ms, max ${fmt(Math.max(...ours))} ms`)
    console.log(`Server-Timing app (bis zum Kopf der Antwort): p50 ${fmt(percentile(appTimes, 50))} ms, p95 ${fmt(percentile(appTimes, 95))} ms`)
    console.log(`node:http  p50 ${fmt(percentile(base, 50))} ms, p95 ${fmt(percentile(base, 95))} ms (dieselben Bytes, gzip Stufe 1 je Antwort)`)
    console.log(`Verhältnis p95: Median der Runden ${fmt2(ratio)}× (${fmt2(Math.min(...ratios))}–${fmt2(Math.max(...ratios))}×), über alle Anfragen ${fmt2(percentile(ours, 95) / percentile(base, 95))}× (Budget ≤ 50 ms oder ≤ 1,5×)`)

    const report = `${prepared.url}/monitoring/datenreport/${LAST_YEAR}/datenreport.pdf`
    const cold = await timedExport(report, prepared.url, prepared.cookie)
    // A changed sheet (an interpretation written) makes the report new: measured and printed again, as a first export.
    const interpreted = await fetch(`${prepared.url}/monitoring/datenblaetter/${prepared.slugs[5]}/${LAST_YEAR}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'interpret', text: 'Benchmark: eine Einordnung vor Ort, damit der Datenreport neu gesetzt wird.' }),
    })
    if (interpreted.status !== 200) throw new Error(`Einordnung speichern: HTTP ${interpreted.status}`)
    const warm = await timedExport(report, prepared.url, prepared.cookie)
    const repeat = await timedExport(report, prepared.url, prepared.cookie)
    const idle = await probe(prepared.url, 1000)
    console.log(
      `Datenreport ${LAST_YEAR} als PDF (22 Datenblätter, ${warm.pages} Seiten, ${fmt(warm.bytes / 1e6)} MB): kalt ${fmt(cold.ms)} ms, warm ${fmt(warm.ms)} ms (Budget ≤ 10 s), unverändert noch einmal ${fmt(repeat.ms)} ms (Seitenzahlen schon bekannt: ein Druck)`,
    )
    console.log(
      `/healthz währenddessen (alle 10 ms): kalt p99 ${fmt(cold.probe.p99)} ms, max ${fmt(cold.probe.max)} ms; warm p99 ${fmt(warm.probe.p99)} ms, max ${fmt(warm.probe.max)} ms; ohne Export p99 ${fmt(idle.p99)} ms, max ${fmt(idle.max)} ms`,
    )
    return {
      import_values: values,
      import_ms: round(importMs),
      sheet_p95_ms: round(percentile(ours, 95)),
      sheet_floor_p95_ms: round(percentile(base, 95)),
      datenreport_pdf_ms: round(warm.ms),
      sheet_floor_ratio: round2(ratio),
      sheet_floor_ratio_min: round2(Math.min(...ratios)),
      sheet_floor_ratio_max: round2(Math.max(...ratios)),
      sheet_rounds: ROUNDS,
      datenreport_pdf_cold_ms: round(cold.ms),
      datenreport_pdf_repeat_ms: round(repeat.ms),
      datenreport_pages: warm.pages,
      datenreport_event_loop_p99_ms: round(warm.probe.p99),
      datenreport_event_loop_max_ms: round(warm.probe.max),
      datenreport_event_loop_cold_max_ms: round(cold.probe.max),
      idle_event_loop_max_ms: round(idle.max),
    }
  } finally {
    await floor.stop()
    await prepared.stop()
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const round2 = (n: number) => Math.round(n * 100) / 100
const fmt2 = (n: number) => round2(n).toFixed(2)

type Probe = { p99: number; max: number; samples: number }

/** Asks /healthz every 10 ms until `until` resolves (or for `ms`): how long a small request waits for the event loop. */
async function probe(origin: string, ms: number, until?: Promise<unknown>): Promise<Probe> {
  const times: number[] = []
  let done = false
  const finish = () => {
    done = true
  }
  const stop = until ? until.finally(finish) : new Promise<void>((resolve) => setTimeout(resolve, ms)).then(finish)
  while (!done) {
    const start = performance.now()
    await (await fetch(`${origin}/healthz`)).arrayBuffer()
    times.push(performance.now() - start)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await stop.catch(() => {})
  return { p99: percentile(times, 99), max: Math.max(...times), samples: times.length }
}

/** One export over HTTP with the probe running beside it: its time, size, pages, and the probe's figures. */
async function timedExport(url: string, origin: string, cookie: string) {
  const start = performance.now()
  const request = fetch(url, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(300_000) }).then(async (response) => {
    if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`)
    return new Uint8Array(await response.arrayBuffer())
  })
  const [bytes, probed] = await Promise.all([request, probe(origin, 0, request)])
  const ms = performance.now() - start
  const pages = Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0
  return { ms, bytes: bytes.byteLength, pages, probe: probed }
}

/** `count` GETs round-robin over `paths`, CONCURRENCY at a time, gzip accepted; the end-to-end times. */
const appTimes: number[] = []

async function load(origin: string, paths: string[], cookie: string, count: number): Promise<number[]> {
  const samples: number[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      const url = origin + paths[next++ % paths.length]!
      const start = performance.now()
      const response = await fetch(url, { headers: { ...(cookie ? { Cookie: cookie } : {}), 'accept-encoding': 'gzip' }, signal: AbortSignal.timeout(20_000) })
      await response.arrayBuffer()
      samples.push(performance.now() - start)
      const app = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')
      if (app) appTimes.push(Number(app[1]))
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker))
  return samples
}

/** A bare node:http server in its own process that sends the stored bytes of each path, gzipped per response. */
async function startFloor(bodies: Map<string, Buffer>): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-floor-'))
  const index: Record<string, string> = {}
  let i = 0
  for (const [url, body] of bodies) {
    const file = path.join(dir, `${i++}.html`)
    fs.writeFileSync(file, body)
    index[url] = file
  }
  const script = `
    import http from 'node:http'; import fs from 'node:fs'; import zlib from 'node:zlib'
    const index = ${JSON.stringify(index)}
    const bodies = new Map(Object.entries(index).map(([u, f]) => [u, fs.readFileSync(f)]))
    const server = http.createServer((req, res) => {
      const body = bodies.get(req.url)
      if (!body) { res.writeHead(404); res.end(); return }
      if (/gzip/.test(req.headers['accept-encoding'] ?? '')) {
        const zipped = zlib.gzipSync(body, { level: 1 })
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': zipped.length })
        res.end(zipped)
      } else { res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length }); res.end(body) }
    })
    server.listen(0, '127.0.0.1', () => console.log('FLOOR ' + server.address().port))
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const killOnExit = () => child.kill('SIGKILL')
  process.on('exit', killOnExit)
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /FLOOR (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`Vergleichsserver beendet (${code})`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit)
        fs.rmSync(dir, { recursive: true, force: true })
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
