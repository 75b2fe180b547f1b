import net from 'node:net'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * The built server as a child process, the way `npm start` runs it: a fresh data folder, port 0, and the
 * administrator's one-time credentials read from its output. Tests and benchmarks talk to it over HTTP only.
 */

export const repoRoot = path.resolve(import.meta.dirname, '../..')

export type Credentials = { email: string; password: string }

export type RunningServer = {
  /** e.g. http://localhost:41234 (no trailing slash) */
  url: string
  admin: Credentials
  dataDir: string
  /** The server process (for /proc/<pid>/… figures in benchmarks). */
  pid: number
  /** Sends a signal (e.g. SIGKILL for a crash) and waits until the process is gone; the data folder stays. */
  kill: (signal: NodeJS.Signals) => Promise<void>
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

export type StartOptions = {
  /** Build folder relative to the repository; default $ZIELWERK_BUILD_DIR or `build`. */
  buildDir?: string
  /** Extra environment for the server. */
  env?: Record<string, string>
  /** Options for node itself, after the server's own (server/cli/node-flags.sh) and before the entry (benchmarks:
   * `--trace-gc`, `--import <preload>`, or `--no-single-threaded-gc` to turn one of the server's off). */
  nodeArgs?: string[]
  /** How long to wait for "läuft auf"; default 30 s. */
  timeoutMs?: number
  /** Keep the data folder after stop() (for looking at it after a failure). */
  keepData?: boolean
  /** Port to listen on; default 0 (any free port). A restart can take the same port again. */
  port?: number
  /** An existing data folder (a restart after a crash): used as it is and never deleted. */
  dataDir?: string
}

/** A restart on an existing data folder prints no administrator credentials ("Anmelden mit …"). */
export type RestartedServer = Omit<RunningServer, 'admin'> & { admin: Credentials | null }

/** A port that is free now (for a server whose origin must be known before it starts). */
export async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as net.AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

export function buildDir(option?: string): string {
  return path.resolve(repoRoot, option ?? process.env.ZIELWERK_BUILD_DIR ?? 'build')
}

/** node's options for the server, as `npm start` passes them (printed by server/cli/node-flags.sh, one per line). */
let nodeFlags: string[] | null = null
export function serverNodeFlags(): string[] {
  nodeFlags ??= execFileSync('bash', [path.join(repoRoot, 'server', 'cli', 'node-flags.sh')], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '')
  return nodeFlags
}

export function serverEntry(option?: string): string {
  return path.join(buildDir(option), 'server', 'index.js')
}

const READY = /Zielwerk läuft auf (http:\/\/\S+)/
const ADMIN = /^Admin: (\S+) \/ (\S+)\s*$/m
const NO_ADMIN = /Anmelden mit einem bestehenden Konto/

export function startServer(options?: StartOptions & { dataDir?: undefined }): Promise<RunningServer>
export function startServer(options: StartOptions & { dataDir: string }): Promise<RestartedServer>
export async function startServer(options: StartOptions = {}): Promise<RestartedServer> {
  const entry = serverEntry(options.buildDir)
  if (!fs.existsSync(entry)) {
    throw new Error(`Kein Build gefunden: ${entry}. Erst bauen: npm run build (oder ZIELWERK_BUILD_DIR=… npx react-router build).`)
  }
  const existing = options.dataDir !== undefined
  const keepData = options.keepData || existing
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-test-'))
  const child = spawn(process.execPath, [...serverNodeFlags(), ...(options.nodeArgs ?? []), entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      // Vitest sets NODE_ENV=test; the server must run as it does in production (React's production build).
      NODE_ENV: 'production',
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      ZIELWERK_DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

  let output = ''
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  const append = (chunk: string) => {
    output += chunk
    // Keep memory bounded on long benchmark runs.
    if (output.length > 200_000) output = output.slice(-100_000)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)

  const killOnExit = () => {
    child.kill('SIGKILL')
    if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true })
  }
  process.on('exit', killOnExit)

  const cleanup = () => {
    process.off('exit', killOnExit)
    if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true })
  }

  let ready: { url: string; admin: Credentials | null }
  try {
    ready = await waitForReady(child, () => output, options.timeoutMs ?? 30_000, existing)
  } catch (error) {
    await stopChild(child)
    cleanup()
    throw error
  }

  let stopped: Promise<void> | undefined
  return {
    url: ready.url,
    admin: ready.admin,
    dataDir,
    pid: child.pid!,
    output: () => output,
    kill: (signal) =>
      (stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }).then(cleanup)),
    stop: () =>
      (stopped ??= stopChild(child).then(() => {
        cleanup()
      })),
  }
}

function waitForReady(
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
  existing: boolean,
): Promise<{ url: string; admin: Credentials | null }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`Server nicht bereit nach ${timeoutMs} ms. Ausgabe:\n${output()}`))
    }, timeoutMs)
    const check = () => {
      const text = output()
      const url = READY.exec(text)?.[1]
      if (!url) return
      const admin = ADMIN.exec(text)
      if (admin?.[1] && admin[2]) {
        finish()
        resolve({ url: url.replace(/\/$/, ''), admin: { email: admin[1], password: admin[2] } })
      } else if (NO_ADMIN.test(text)) {
        finish()
        if (existing) return resolve({ url: url.replace(/\/$/, ''), admin: null })
        reject(new Error(`Der Server hat kein Administratorkonto ausgegeben (Datenordner nicht leer?). Ausgabe:\n${text}`))
      }
    }
    const onExit = (code: number | null, signal: string | null) => {
      finish()
      reject(new Error(`Server beendet (code ${code}, signal ${signal}) bevor er bereit war. Ausgabe:\n${output()}`))
    }
    const finish = () => {
      clearTimeout(timer)
      child.stdout?.off('data', check)
      child.stderr?.off('data', check)
      child.off('exit', onExit)
    }
    // Listeners registered after the collecting ones, so output() already holds the chunk.
    child.stdout?.on('data', check)
    child.stderr?.on('data', check)
    child.on('exit', onExit)
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Log in over HTTP as a browser form would; returns the `zw_session=…` pair for a Cookie header. */
export async function loginOverHttp(baseUrl: string, credentials: Credentials): Promise<string> {
  const origin = new URL(baseUrl).origin
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: credentials.email, password: credentials.password, redirectTo: '/' }),
  })
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('zw_session='))
  if (response.status < 300 || response.status >= 400 || !cookie) {
    const body = await response.text().catch(() => '')
    throw new Error(`Anmeldung als ${credentials.email} fehlgeschlagen: HTTP ${response.status}, kein zw_session-Cookie.\n${body.slice(0, 500)}`)
  }
  await response.body?.cancel()
  return cookie
}
