import { eq } from 'drizzle-orm'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../db/client'
import { units } from '../../db/schema'
import { ReadCache, dataVersion } from './read-cache'

let dir: string
let db: Db

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-read-cache-'))
  db = openDatabase(path.join(dir, 'zielwerk.sqlite'))
  db.insert(units).values({ shortName: 'FD A', name: 'Fachdienst A' }).run()
})

afterEach(() => {
  db.$client.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A cache of the unit names, counting how often it really read them. */
function unitNames(cache = new ReadCache<string[]>()) {
  let reads = 0
  const get = (on: Db = db, key = 'all') =>
    cache.get(on, key, () => {
      reads++
      return on.select({ name: units.name }).from(units).all().map((u) => u.name)
    })
  return { get, reads: () => reads }
}

describe('ReadCache', () => {
  it('serves a read again until the database changes', () => {
    const names = unitNames()
    expect(names.get()).toEqual(['Fachdienst A'])
    expect(names.get()).toEqual(['Fachdienst A'])
    expect(names.reads()).toBe(1)
  })

  it('reads anew after an insert, an update and a delete through the same connection', () => {
    const names = unitNames()
    names.get()
    db.insert(units).values({ shortName: 'FD B', name: 'Fachdienst B' }).run()
    expect(names.get()).toEqual(['Fachdienst A', 'Fachdienst B'])
    db.update(units).set({ name: 'Fachdienst Beta' }).where(eq(units.shortName, 'FD B')).run()
    expect(names.get()).toEqual(['Fachdienst A', 'Fachdienst Beta'])
    db.delete(units).where(eq(units.shortName, 'FD B')).run()
    expect(names.get()).toEqual(['Fachdienst A'])
    expect(names.reads()).toBe(4)
  })

  it('reads anew after another connection (another process) committed a change', () => {
    const names = unitNames()
    names.get()
    const other = openDatabase(path.join(dir, 'zielwerk.sqlite'))
    try {
      other.update(units).set({ name: 'Fachdienst Alpha' }).run()
    } finally {
      other.$client.close()
    }
    expect(names.get()).toEqual(['Fachdienst Alpha'])
  })

  it('keeps a read when a write changed no row', () => {
    const names = unitNames()
    names.get()
    db.update(units).set({ name: 'x' }).where(eq(units.shortName, 'gibt es nicht')).run()
    names.get()
    expect(names.reads()).toBe(1)
  })

  it('neither caches nor serves inside a transaction, which may still be rolled back', () => {
    const names = unitNames()
    names.get()
    expect(() =>
      db.transaction(() => {
        db.insert(units).values({ shortName: 'FD B', name: 'Fachdienst B' }).run()
        expect(names.get()).toEqual(['Fachdienst A', 'Fachdienst B'])
        throw new Error('zurückrollen')
      }),
    ).toThrow('zurückrollen')
    expect(names.get()).toEqual(['Fachdienst A'])
  })

  it('keeps databases apart, even at the same version', () => {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-read-cache-'))
    const other = openDatabase(path.join(otherDir, 'zielwerk.sqlite'))
    try {
      other.insert(units).values({ shortName: 'FD X', name: 'Fachdienst X' }).run()
      expect(dataVersion(other)).toBe(dataVersion(db))
      const names = unitNames()
      expect(names.get(db)).toEqual(['Fachdienst A'])
      expect(names.get(other)).toEqual(['Fachdienst X'])
    } finally {
      other.$client.close()
      fs.rmSync(otherDir, { recursive: true, force: true })
    }
  })

  it('keeps the most recently used keys only, and hands out frozen values', () => {
    const names = unitNames(new ReadCache<string[]>(2))
    names.get(db, 'a')
    names.get(db, 'b')
    names.get(db, 'a')
    names.get(db, 'c') // evicts b, the least recently used
    expect(names.reads()).toBe(3)
    names.get(db, 'a')
    expect(names.reads()).toBe(3)
    names.get(db, 'b')
    expect(names.reads()).toBe(4)
    expect(Object.isFrozen(names.get(db, 'b'))).toBe(true)
  })
})
