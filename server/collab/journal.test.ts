import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { Journal } from './journal'

const dirs: string[] = []
const fileIn = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-journal-'))
  dirs.push(dir)
  return path.join(dir, 'live-log')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

const entry = (name: string, bytes: number[], userId: number | null = 7, at = 1_700_000_000_123.5) => ({ name, update: new Uint8Array(bytes), userId, at })

describe('the journal file', () => {
  test('what is appended is read back in order, names, users (or none), times and bytes intact', () => {
    const file = fileIn()
    const journal = new Journal(file, 60_000)
    journal.append(entry('round/1/measure/2', [1, 2, 3]))
    journal.append(entry('round/1/goal/Maßnahme-ü', [0, 255], null, 5))
    journal.close()
    expect(Journal.read(file)).toEqual([entry('round/1/measure/2', [1, 2, 3]), entry('round/1/goal/Maßnahme-ü', [0, 255], null, 5)])
  })

  test('a frame cut short by a crash inside the write, or damaged, ends what is read', () => {
    const file = fileIn()
    const journal = new Journal(file, 60_000)
    journal.append(entry('a', [1]))
    journal.append(entry('b', [2, 2]))
    journal.close()
    const whole = fs.readFileSync(file)
    fs.writeFileSync(file, whole.subarray(0, whole.byteLength - 1))
    expect(Journal.read(file).map((e) => e.name)).toEqual(['a'])
    const damaged = Buffer.from(whole)
    damaged[damaged.byteLength - 1]! ^= 0xff
    fs.writeFileSync(file, damaged)
    expect(Journal.read(file).map((e) => e.name)).toEqual(['a'])
    expect(Journal.read(path.join(path.dirname(file), 'missing'))).toEqual([])
  })

  test('moved entries leave the file; when the move fails they stay, ahead of newer ones, and move the next time', () => {
    const file = fileIn()
    const journal = new Journal(file, 60_000)
    journal.append(entry('a', [1]))
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      expect(
        journal.move(() => {
          throw new Error('Platte voll')
        }),
      ).toEqual([])
    } finally {
      error.mockRestore()
    }
    expect(journal.size).toBe(1)
    journal.append(entry('b', [2]))
    const written: string[][] = []
    const moved = journal.move((entries) => {
      written.push(entries.map((e) => e.name))
      return entries.map((_, i) => 10 + i)
    })
    expect(written).toEqual([['a', 'b']])
    expect(moved.map(({ entry, id }) => [entry.name, id])).toEqual([['a', 10], ['b', 11]])
    expect(journal.size).toBe(0)
    expect(fs.statSync(file).size).toBe(0)
    journal.append(entry('c', [3]))
    expect(Journal.read(file).map((e) => e.name)).toEqual(['c'])
    journal.close()
    expect(() => journal.append(entry('d', [4]))).toThrow()
  })

  test('a moment after the first entry it asks to be moved, once', async () => {
    const journal = new Journal(fileIn(), 20)
    let due = 0
    journal.onDue = () => {
      due++
      journal.move((entries) => entries.map((_, i) => i))
    }
    journal.append(entry('a', [1]))
    journal.append(entry('b', [2]))
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(due).toBe(1)
    expect(journal.size).toBe(0)
    journal.close()
  })
})
