import { asc } from 'drizzle-orm'
import { afterAll, describe, expect, test } from 'vitest'
import { openDatabase } from '../../db/client'
import { rounds } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { warmExports } from './export-process'
import { closePdfBrowser, keptPages } from './pdf'

afterAll(() => closePdfBrowser())

describe('the export process’s warm-up', () => {
  test('builds the round’s overview as DOCX, XLSX and PDF and leaves a page ready to print on', async () => {
    const db = openDatabase(':memory:')
    seedCatalogue(db)
    const round = db.select({ id: rounds.id }).from(rounds).orderBy(asc(rounds.id)).get()!.id
    await closePdfBrowser()
    expect(keptPages()).toBe(0)
    expect(await warmExports(db, round)).toEqual(['overview-docx', 'overview-xlsx', 'overview-pdf'])
    expect(keptPages()).toBe(1)
    // An unknown round builds nothing and throws nothing: the real export says what is wrong.
    expect(await warmExports(db, 987_654)).toEqual([])
    // Without a round (no page named one) it only launches the browser.
    expect(await warmExports(db, undefined)).toEqual([])
    db.$client.close()
  }, 60_000)
})
