import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { startCheckpointer } from './checkpointer'

const dirs: string[] = []

function walDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-checkpoint-'))
  dirs.push(dir)
  const file = path.join(dir, 'test.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('create table log (id integer primary key, body blob not null)')
  return { db, file }
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

async function until(check: () => boolean, timeoutMs = 5_000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('nicht eingetreten')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('WAL checkpoints in a worker thread', () => {
  test('the server connection stops checkpointing itself and the worker copies the WAL into the database file', async () => {
    const { db, file } = walDatabase()
    const checkpointer = startCheckpointer(db, 20)
    try {
      expect(checkpointer).not.toBeNull()
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      const before = fs.statSync(file).size
      const insert = db.prepare('insert into log (body) values (?)')
      for (let i = 0; i < 300; i++) insert.run(Buffer.alloc(2048, i))
      // Only a checkpoint moves pages from the WAL into the database file, and this connection does none.
      await until(() => fs.statSync(file).size > before + 300 * 2048)
      expect((db.prepare('select count(*) as n from log').get() as { n: number }).n).toBe(300)
    } finally {
      await checkpointer?.stop()
    }
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    db.close()
  })

  test('under a steady stream of writes the WAL still starts over instead of growing', async () => {
    const { db, file } = walDatabase()
    const checkpointer = startCheckpointer(db, 10)
    try {
      const insert = db.prepare('insert into log (body) values (?)')
      // ~40 MB through the WAL in small commits (about ten times a Jour fixe's rate), never pausing longer than
      // a millisecond: without help from the server's connection the WAL would only ever grow.
      for (let i = 0; i < 10_000; i++) {
        insert.run(Buffer.alloc(4000, i % 251))
        if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1))
      }
      expect(fs.statSync(`${file}-wal`).size).toBeLessThan(16 * 1024 * 1024)
    } finally {
      await checkpointer?.stop()
      db.close()
    }
  })

  test('an in-memory database keeps SQLite’s own checkpoints', () => {
    const db = new Database(':memory:')
    expect(startCheckpointer(db)).toBeNull()
    db.close()
  })
})
