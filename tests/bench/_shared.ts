import { asc, eq } from 'drizzle-orm'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, type Db } from '../../db/client'
import { goals, measures, rounds } from '../../db/schema'
import { createSession, generateSessionToken } from '../../server/auth/session'
import { buildDir, repoRoot, serverEntry, startServer, type RunningServer, type StartOptions } from '../setup/server'

/**
 * What the benchmarks share: the build they run against, our server with its database prepared, plain
 * Hocuspocus as the comparison server, waiting, and the figures (nearest-rank percentiles, rounded to 0.1 ms). Not a scenario (index.ts skips files
 * starting with `_`).
 */

/** Builds the app into the build folder (ZIELWERK_BUILD_DIR or `build`) unless a build is already there. */
export function ensureBuild() {
  if (fs.existsSync(serverEntry())) return
  console.log(`Kein Build in ${path.relative(repoRoot, buildDir())}/ – baue …`)
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'react-router'), ['build'], { cwd: repoRoot, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('react-router build ist fehlgeschlagen.')
}

/**
 * Our server, the production build as a child process (tests/setup/server.ts), with its database prepared
 * before the measurements: `prepare` writes into the server's SQLite file (the server reads it, so this is what
 * it sees) and returns what the benchmark needs of it. The file is closed afterwards; if `prepare` fails, the
 * server is stopped.
 */
export async function startPreparedServer<T>(prepare: (db: Db, server: RunningServer) => Promise<T>, options: Omit<StartOptions, 'dataDir'> = {}): Promise<T> {
  const server = await startServer(options)
  try {
    const db = openDatabase(path.join(server.dataDir, 'zielwerk.sqlite'))
    try {
      return await prepare(db, server)
    } finally {
      db.$client.close()
    }
  } catch (error) {
    await server.stop()
    throw error
  }
}

/** The open round of a fresh server (the first-start seed opens one). */
export function openRound(db: Db): { id: number; conceptId: number } {
  const open = db.select({ id: rounds.id, conceptId: rounds.conceptId }).from(rounds).where(eq(rounds.state, 'open')).get()
  if (!open) throw new Error('Keine offene Berichtsrunde im frischen Server.')
  return open
}

/** The concept's measures in page order (by goal number, then position within the goal). */
export function measuresInOrder(db: Db, conceptId: number): { id: number; goalId: number }[] {
  return db
    .select({ id: measures.id, goalId: measures.goalId })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(eq(goals.conceptId, conceptId))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
}

/**
 * A session token for each of `userIds` (repeats allowed), all written in one transaction now, so that no
 * writes of ours compete with the server's during the measurements.
 */
export function createSessions(db: Db, userIds: number[]): string[] {
  return db.transaction(() =>
    userIds.map((userId) => {
      const token = generateSessionToken()
      createSession(db, token, userId)
      return token
    }),
  )
}

export type PlainHocuspocus = {
  /** ws:// URL the providers connect to */
  url: string
  pid: number
  stop: () => Promise<void>
}

/**
 * Plain Hocuspocus 4 (_plain-hocuspocus.ts) as a child process of its own, measured the way our server is;
 * resolves once it prints `PLAIN-HOCUSPOCUS <port>`. It is killed when this process exits without stop().
 */
export async function startPlainHocuspocus(): Promise<PlainHocuspocus> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'tests', 'bench', '_plain-hocuspocus.ts')], {
    cwd: repoRoot,
    // BENCH_PLAIN_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) goes to this server only.
    env: { ...process.env, NODE_ENV: 'production', ...(process.env.BENCH_PLAIN_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PLAIN_NODE_OPTIONS } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killOnExit = () => child.kill('SIGKILL')
  process.on('exit', killOnExit)
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Plain Hocuspocus nicht bereit:\n${output}`)), 15_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /PLAIN-HOCUSPOCUS (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`Plain Hocuspocus beendet (${code}):\n${output}`)))
  })
  return {
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit)
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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls `check` every 10 ms; false when it still does not hold after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) return false
    await sleep(10)
  }
  return true
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

/** The median (the mean of the two middle values for an even count): what pairwise ratios are reported as. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const round = (value: number) => Math.round(value * 10) / 10
export const fmt = (value: number) => round(value).toFixed(1)
