import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'

/**
 * The commissioner's downloads in the export benchmark (tests/bench/export.ts), in a process of their own, as her
 * browser would be: the benchmark's process holds the Jour fixe's ten clients and timestamps their edits, so it must
 * neither read the files nor start a process per download (a fork of that process blocks its event loop for
 * milliseconds, at the start of every download and only while exports run). Started once, before the first window
 * (`node --import tsx tests/bench/_downloader.ts`, forked with an IPC channel); each message is one download, each
 * answer its status, size, time and the CPU that the processes below the server (export process, Chromium) spent on it.
 * It also tells when those processes have become quiet (after the warm-up, after each round's exports).
 */

export type Download = { id: number; url: string; cookie: string; file: string; serverPid: number }
export type Downloaded = { id: number; status: number; bytes: number; ms: number; cpuMs: number; error?: string }
/** Wait until the processes below the server have been quiet for a second (at most timeoutMs). */
export type Settle = { id: number; settle: true; serverPid: number; timeoutMs: number }
/** quietSince: when they last used CPU, as epoch milliseconds (performance.timeOrigin + now); cpuMs: what they used meanwhile. */
export type Settled = { id: number; quietSince: number; cpuMs: number }
/** The processes' CPU time so far. */
export type Cpu = { id: number; cpu: true; serverPid: number }
export type CpuAnswer = { id: number; cpuMs: number }
/**
 * The RSS sampler: 'start' samples the server's VmRSS and its export process's every 10 ms (answer: the server's now),
 * 'exports' and 'quiet' mark the windows (the server's peak is taken during the exports only), 'stop' ends it and
 * answers both peaks.
 */
export type Sample = { id: number; sample: 'start' | 'exports' | 'quiet' | 'stop'; serverPid: number }
export type SampleAnswer = { id: number; rssMb: number; peakMb: number; exportPeakMb: number }

/**
 * The processes below the server: the export process and Chromium's processes. Finding them reads the children of
 * every thread of every one of them (Chromium alone has ~50 threads), ~0.6 ms of this process's CPU, which on two
 * cores competes with the Jour fixe it measures. So they are found on each poll of a wait for quiet (Chromium starts
 * during the warm-up) and for each CPU reading asked for, and a download reads only their CPU (/proc/<pid>/stat,
 * the whole process's), twice.
 */
function exportTree(server: number): number[] {
  const found: number[] = []
  const visit = (pid: number) => {
    if (pid !== server) found.push(pid)
    try {
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        for (const child of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child))
      }
    } catch {
      // gone meanwhile
    }
  }
  visit(server)
  return found
}

/** CPU time (user + system, ms, in clock ticks of 10 ms) of the given processes (zero without /proc). */
function cpuMsOf(pids: number[]): number {
  let total = 0
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      total += (Number(fields[11]) + Number(fields[12])) * 10
    } catch {
      // gone meanwhile
    }
  }
  return total
}

let tree: number[] = []
/** The CPU of the processes below the server, found anew (findTree) or as last found. */
function exportTreeCpuMs(server: number, findTree: boolean): number {
  if (findTree || tree.length === 0) tree = exportTree(server)
  return cpuMsOf(tree)
}

/**
 * One GET over a kept-alive connection, gzip accepted and unpacked, as a browser asks. Node's HTTP client rather than
 * fetch: its WHATWG streams and objects cost this process more CPU per download, and on two cores that CPU competes
 * with the Jour fixe being measured (a browser downloads on another machine).
 */
const agent = new http.Agent({ keepAlive: true })
function get(url: string, cookie: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } }, (response) => {
      const body = response.headers['content-encoding'] === 'gzip' ? response.pipe(zlib.createGunzip()) : response
      const chunks: Buffer[] = []
      body.on('data', (chunk: Buffer) => chunks.push(chunk))
      body.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }))
      body.on('error', reject)
    })
    request.on('error', reject)
  })
}

async function download({ id, url, cookie, file, serverPid }: Download): Promise<Downloaded> {
  const cpuBefore = exportTreeCpuMs(serverPid, false)
  const started = performance.now()
  const { status, body } = await get(url, cookie)
  const ms = performance.now() - started
  fs.writeFileSync(file, body)
  return { id, status, bytes: body.byteLength, ms, cpuMs: exportTreeCpuMs(serverPid, false) - cpuBefore }
}

const now = () => performance.timeOrigin + performance.now()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Polled every 250 ms: quiet once four polls in a row saw at most one clock tick of CPU. Done here, not in the
 * benchmark's process: each poll reads /proc for every thread of every process below the server.
 */
async function settle({ id, serverPid, timeoutMs }: Settle): Promise<Settled> {
  const from = now()
  const first = exportTreeCpuMs(serverPid, true)
  let last = first
  let quietSince = from
  let quiet = 0
  while (now() - from < timeoutMs && quiet < 4) {
    await sleep(250)
    const cpu = exportTreeCpuMs(serverPid, true)
    if (cpu - last <= 10) quiet++
    else {
      quiet = 0
      quietSince = now()
    }
    last = cpu
  }
  return { id, quietSince, cpuMs: last - first }
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]) / 1024
  } catch {
    return 0 // gone meanwhile
  }
}

/** The server's children that run node (the export process); Chromium runs below it and is not counted. */
function exportProcesses(pid: number): number[] {
  try {
    const children = fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number))
    return children.filter((child) => {
      try {
        return fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('index.js')
      } catch {
        return false
      }
    })
  } catch {
    return []
  }
}

/**
 * Here rather than in the benchmark's process: there, reading /proc every 10 ms held up the Jour fixe's clients that
 * it measures (~8 ms of each second of their event loop).
 */
const sampler = { timer: null as NodeJS.Timeout | null, exporting: false, peak: 0, exportPeak: 0, ticks: 0 }
function sample({ id, sample: what, serverPid }: Sample): SampleAnswer {
  if (what === 'start') {
    sampler.peak = rssMb(serverPid)
    sampler.timer ??= setInterval(() => {
      const rss = rssMb(serverPid)
      if (sampler.exporting) sampler.peak = Math.max(sampler.peak, rss)
      if (sampler.ticks++ % 5 === 0) for (const child of exportProcesses(serverPid)) sampler.exportPeak = Math.max(sampler.exportPeak, rssMb(child))
    }, 10)
  }
  if (what === 'exports' || what === 'quiet') sampler.exporting = what === 'exports'
  if (what === 'stop' && sampler.timer) {
    clearInterval(sampler.timer)
    sampler.timer = null
  }
  return { id, rssMb: rssMb(serverPid), peakMb: sampler.peak, exportPeakMb: sampler.exportPeak }
}

if (process.send) {
  process.on('message', (message: Download | Settle | Cpu | Sample) => {
    if ('sample' in message) {
      process.send!(sample(message))
      return
    }
    if ('settle' in message) {
      void settle(message).then((answer) => process.send!(answer))
      return
    }
    if ('cpu' in message) {
      process.send!({ id: message.id, cpuMs: exportTreeCpuMs(message.serverPid, true) } satisfies CpuAnswer)
      return
    }
    download(message).then(
      (answer) => process.send!(answer),
      (error: unknown) => process.send!({ id: message.id, status: 0, bytes: 0, ms: 0, cpuMs: 0, error: String(error) } satisfies Downloaded),
    )
  })
  process.on('disconnect', () => process.exit(0))
  process.send({ ready: true })
}
