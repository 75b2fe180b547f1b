import { spawn } from 'node:child_process'
import fs from 'node:fs'

/**
 * The cores of a process, split for exports: the export process and Chromium run on the upper half (export-process.ts),
 * and while they work the server's threads keep to the lower half. In Linux's idle class the export's threads yield
 * to the server's, but a core that runs only idle-class threads counts as idle, so the scheduler places the server's
 * woken threads (its main thread, V8's helpers) there, where they can wait behind an export's slice (scheduler traces
 * in the README's export decision record). Between exports the server has every core again.
 */
export type CoreHalves = { all: string; lower: string; upper: string }

/** The cores in a `Cpus_allowed_list` line of /proc/<pid>/status (a container's cpuset need not start at 0), halved. */
export function coreHalves(status: string): CoreHalves | null {
  const list = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status)?.[1]
  if (!list) return null
  const cores: number[] = []
  for (const part of list.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part)
    if (!match) return null
    const from = Number(match[1])
    const to = Number(match[2] ?? match[1])
    for (let core = from; core <= to && cores.length <= 4096; core++) cores.push(core)
  }
  if (cores.length < 2) return null
  const half = Math.floor(cores.length / 2)
  return { all: cores.join(','), lower: cores.slice(0, half).join(','), upper: cores.slice(half).join(',') }
}

/** This process's /proc status ('' where there is none). */
export function readStatus(): string {
  try {
    return fs.readFileSync('/proc/self/status', 'utf8')
  } catch {
    return ''
  }
}

/** Sets the affinity of every thread of `pid` (taskset -a); resolves when done, whether or not it could. */
export type SetAffinity = (pid: number, cores: string) => Promise<void>

const TASKSET = '/usr/bin/taskset'

export const taskset: SetAffinity = (pid, cores) =>
  new Promise((resolve) => {
    if (!fs.existsSync(TASKSET)) return resolve()
    const child = spawn(TASKSET, ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' })
    child.on('error', () => resolve())
    child.on('exit', () => resolve())
  })

/**
 * Keeps `pid` (the server) on `halves.lower` from the first job that begins until `releaseMs` after the last one
 * ended, then gives it `halves.all` again. Changes run one after the other, in the order asked.
 */
export function coreReservation(pid: number, halves: Pick<CoreHalves, 'lower' | 'all'>, options: { releaseMs?: number; setAffinity?: SetAffinity } = {}) {
  const setAffinity = options.setAffinity ?? taskset
  const releaseMs = options.releaseMs ?? 500
  let jobs = 0
  let reserved = false
  let timer: NodeJS.Timeout | null = null
  let queue: Promise<void> = Promise.resolve()
  const apply = (cores: string) => (queue = queue.then(() => setAffinity(pid, cores)))
  return {
    begin(): void {
      jobs++
      if (timer) clearTimeout(timer)
      timer = null
      if (!reserved) {
        reserved = true
        void apply(halves.lower)
      }
    },
    end(): void {
      jobs = Math.max(0, jobs - 1)
      if (jobs > 0 || timer) return
      timer = setTimeout(() => {
        timer = null
        if (jobs > 0 || !reserved) return
        reserved = false
        void apply(halves.all)
      }, releaseMs)
      timer.unref()
    },
    /** Gives the cores back now (the export process ends); resolves once they are. */
    release(): Promise<void> {
      if (timer) clearTimeout(timer)
      timer = null
      jobs = 0
      if (reserved) {
        reserved = false
        void apply(halves.all)
      }
      return queue
    },
    get reserved() {
      return reserved
    },
  }
}
