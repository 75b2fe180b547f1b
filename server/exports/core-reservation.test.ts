import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { describe, expect, test, vi } from 'vitest'
import { coreHalves, coreReservation, readStatus, taskset } from './core-reservation'

describe('the server’s cores during exports', () => {
  test('are halved as the kernel lists them: the export process takes the upper half', () => {
    expect(coreHalves('Name:\tnode\nCpus_allowed_list:\t0-1\n')).toEqual({ all: '0,1', lower: '0', upper: '1' })
    expect(coreHalves('Cpus_allowed_list:\t0-7\n')?.upper).toBe('4,5,6,7')
    expect(coreHalves('Cpus_allowed_list:\t0-4\n')).toEqual({ all: '0,1,2,3,4', lower: '0,1', upper: '2,3,4' })
    // A container's cpuset need not start at 0, nor be one range.
    expect(coreHalves('Cpus_allowed_list:\t2-3\n')?.upper).toBe('3')
    expect(coreHalves('Cpus_allowed_list:\t2,5-6,9\n')).toEqual({ all: '2,5,6,9', lower: '2,5', upper: '6,9' })
  })

  test('are not split with one core, or when the list cannot be read', () => {
    expect(coreHalves('Cpus_allowed_list:\t3\n')).toBeNull()
    expect(coreHalves('Name:\tnode\n')).toBeNull()
    expect(coreHalves('Cpus_allowed_list:\tzwei\n')).toBeNull()
  })

  test('are the lower half from the first job until a while after the last, in the order asked', async () => {
    vi.useFakeTimers()
    try {
      const calls: string[] = []
      const reservation = coreReservation(4242, { all: '0,1', lower: '0' }, {
        releaseMs: 500,
        setAffinity: async (pid, cores) => void calls.push(`${pid}:${cores}`),
      })
      const after = async (ms: number) => {
        await vi.advanceTimersByTimeAsync(ms)
        return [...calls]
      }
      reservation.begin()
      reservation.begin()
      expect(await after(0)).toEqual(['4242:0'])
      reservation.end()
      // One job still runs.
      expect(await after(1_000)).toEqual(['4242:0'])
      reservation.end()
      expect(await after(499)).toEqual(['4242:0'])
      // A job that begins within the grace keeps the reservation without a change.
      reservation.begin()
      expect(await after(1_000)).toEqual(['4242:0'])
      reservation.end()
      expect(await after(500)).toEqual(['4242:0', '4242:0,1'])
      expect(reservation.reserved).toBe(false)
      // Released at once when the process ends, and only when held.
      reservation.begin()
      await reservation.release()
      await reservation.release()
      expect(calls).toEqual(['4242:0', '4242:0,1', '4242:0', '4242:0,1'])
    } finally {
      vi.useRealTimers()
    }
  })

  test.runIf(process.platform === 'linux' && fs.existsSync('/usr/bin/taskset') && (coreHalves(readStatus())?.all.split(',').length ?? 0) >= 2)(
    'are set for every thread of the process, and given back',
    async () => {
      const halves = coreHalves(readStatus())!
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
      try {
        await new Promise((resolve) => child.once('spawn', resolve))
        const allowed = () =>
          fs.readdirSync(`/proc/${child.pid}/task`).map((task) => /^Cpus_allowed_list:\s*(\S+)/m.exec(fs.readFileSync(`/proc/${child.pid}/task/${task}/status`, 'utf8'))![1])
        // Node's threads (V8's helpers, libuv's) start a moment after the process.
        await expect.poll(() => allowed().length, { timeout: 5_000 }).toBeGreaterThan(1)
        await taskset(child.pid!, halves.lower)
        expect(new Set(allowed())).toEqual(new Set([listOf(halves.lower)]))
        await taskset(child.pid!, halves.all)
        expect(new Set(allowed())).toEqual(new Set([listOf(halves.all)]))
      } finally {
        child.kill()
      }
    },
  )
})

/** taskset's comma list as the kernel prints it back (ranges folded: 0,1,2 → 0-2). */
function listOf(cores: string): string {
  const numbers = cores.split(',').map(Number)
  const parts: string[] = []
  for (let i = 0; i < numbers.length; i++) {
    let j = i
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`)
    i = j
  }
  return parts.join(',')
}
