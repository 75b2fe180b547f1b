import { asc } from 'drizzle-orm'
import { afterAll, describe, expect, test } from 'vitest'
import { openDatabase } from '../../db/client'
import { rounds } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { warmExports } from './export-process'
import { coreHalves } from './core-reservation'
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

describe('the export process’s cores', () => {
  test('are the upper half of the cores the server may use, as the kernel lists them', () => {
    expect(coreHalves('Name:\tnode\nCpus_allowed_list:\t0-1\n')?.upper).toBe('1')
    expect(coreHalves('Cpus_allowed_list:\t0-7\n')?.upper).toBe('4,5,6,7')
    // A container's cpuset need not start at 0, nor be one range.
    expect(coreHalves('Cpus_allowed_list:\t2-3\n')?.upper).toBe('3')
    expect(coreHalves('Cpus_allowed_list:\t0,2,4-5\n')?.upper).toBe('4,5')
  })

  test('are not pinned with one core, or when the list cannot be read', () => {
    expect(coreHalves('Cpus_allowed_list:\t3\n')).toBeNull()
    expect(coreHalves('Name:\tnode\n')).toBeNull()
    expect(coreHalves('Cpus_allowed_list:\tzwei\n')).toBeNull()
  })
})
