import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { indicatorValues } from '../../db/schema'
import { seedMonitoring } from '../../db/seed/monitoring'
import type { Dimension, Sex } from '../../app/shared/vocabulary'
import { listIndicators, listTerritories, type IndicatorInfo, type Territory } from '../services/monitoring/common'
import { quarterEnd } from '../services/monitoring/reports'

/**
 * Synthetic monitoring values for trying the data sheets out (`npm run seed:demo`): every starter indicator, the
 * county and each municipality, the last five complete years (and the quarters of the last year for the quarterly
 * report). Invented numbers, internally consistent (parts add up, the county is the sum of its municipalities), made
 * from a fixed pseudo-random sequence. Every value is marked `demo`; each page that shows one says "Demo-Daten, keine
 * echten Zahlen", and the administration removes them all in one step on /monitoring. They never appear without this
 * script, and real values the seeds give are never overwritten.
 */

export const DEMO_SOURCE = 'Demo-Daten, keine echten Zahlen'

/** A small deterministic generator (mulberry32), so the demo looks the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits a whole number into parts by weights, exactly (largest remainder). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const parts = raw.map(Math.floor)
  let rest = total - parts.reduce((a, p) => a + p, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of order) {
    if (rest <= 0) break
    parts[i]!++
    rest--
  }
  return parts
}

type Value = { dimension: Dimension; category: string; sex: Sex; value: number | null; count?: number; base?: number }

const NATIONALITIES = ['Polen', 'Rumänien', 'Syrien', 'Türkei', 'Niederlande', 'übrige']
const EU_NATIONALITIES = ['Polen', 'Rumänien', 'Bulgarien', 'Niederlande', 'Kroatien', 'Ungarn', 'übrige']
const PROTECTION_NATIONALITIES = ['Syrien', 'Afghanistan', 'Irak', 'übrige']
const AGE_GROUPS = ['unter 18 Jahre', '18 bis unter 30 Jahre', '30 bis unter 50 Jahre', '50 bis unter 65 Jahre', '65 Jahre und älter']
const STAY = ['unter 5 Jahre', '5 bis unter 10 Jahre', '10 Jahre und mehr']
const STATUS = ['mit offenem oder abgelehntem Schutzstatus', 'sonstige Schutzsuchende und sonstige Duldungsinhaber*innen']

/** A count with its breakdowns: sex, and each dimension's parts (each exactly adding up, also per sex). */
function population(total: number, next: () => number, dimensions: [Dimension, string[]][]): Value[] {
  const out: Value[] = []
  const [male, female] = split(total, [0.5 + next() * 0.1, 0.5])
  out.push({ dimension: 'total', category: '', sex: 'all', value: total }, { dimension: 'total', category: '', sex: 'male', value: male! }, { dimension: 'total', category: '', sex: 'female', value: female! })
  for (const [dimension, categories] of dimensions) {
    const weights = categories.map((c, i) => (c === 'übrige' ? 2 : 1 + next() * (categories.length - i)))
    const all = split(total, weights)
    const maleParts = split(male!, weights)
    categories.forEach((category, i) => {
      out.push({ dimension, category, sex: 'all', value: all[i]! })
      // Only the origin is crossed with sex (as in the county's 2018 table); the others give totals.
      if (dimension === 'origin') {
        out.push({ dimension, category, sex: 'male', value: maleParts[i]! }, { dimension, category, sex: 'female', value: all[i]! - maleParts[i]! })
      }
    })
  }
  // The crossed parts must add up per sex as well: rebalance the female origin parts onto the female total.
  const femaleOrigin = out.filter((v) => v.dimension === 'origin' && v.sex === 'female')
  if (femaleOrigin.length > 0) {
    const diff = female! - femaleOrigin.reduce((a, v) => a + (v.value ?? 0), 0)
    femaleOrigin[0]!.value = (femaleOrigin[0]!.value ?? 0) + diff
  }
  return out
}

type Place = { territory: Territory; inhabitants: number; share: number }

export async function seedDemoMonitoring(db: Db): Promise<string> {
  seedMonitoring(db)
  if (db.select({ id: indicatorValues.id }).from(indicatorValues).where(eq(indicatorValues.demo, true)).limit(1).get()) {
    return 'Monitoring: Demo-Daten waren schon vorhanden.'
  }
  const next = random(20261201)
  const indicators = new Map(listIndicators(db).map((i) => [i.key, i]))
  const all = listTerritories(db)
  const county = all.find((t) => t.kind === 'county')!
  const places: Place[] = all
    .filter((t) => t.kind === 'municipality')
    .map((territory) => ({ territory, inhabitants: Math.round(2500 + next() * 45000), share: 0.03 + next() * 0.15 }))
  const lastYear = new Date().getFullYear() - 1
  const years = [lastYear - 4, lastYear - 3, lastYear - 2, lastYear - 1, lastYear]
  const rows: (Value & { indicatorId: number; territoryId: number; referenceDate: string })[] = []
  const add = (indicator: IndicatorInfo | undefined, territory: Territory, date: string, values: Value[]) => {
    if (!indicator) return
    for (const v of values) rows.push({ ...v, indicatorId: indicator.id, territoryId: territory.id, referenceDate: date })
  }
  const sumInto = (perPlace: Value[][]): Value[] => {
    const byKey = new Map<string, Value>()
    for (const values of perPlace) {
      for (const v of values) {
        const key = `${v.dimension}|${v.category}|${v.sex}`
        const seen = byKey.get(key)
        if (seen) seen.value = (seen.value ?? 0) + (v.value ?? 0)
        else byKey.set(key, { ...v })
      }
    }
    return [...byKey.values()]
  }
  const i = (key: string) => indicators.get(key)

  const dates = [...years.map((y) => `${y}-12-31`), ...[1, 2, 3].map((q) => quarterEnd(lastYear + 1, q))]
  for (const date of dates) {
    const year = Number(date.slice(0, 4))
    const yearEndOnly = date.endsWith('12-31')
    const growth = 1 + (year - years[0]!) * 0.04 + (yearEndOnly ? 0 : 0.01 * Number(date.slice(5, 7)) / 3)
    const foreign: Value[][] = []
    const eu: Value[][] = []
    const protection: Value[][] = []
    const benefitsEu: Value[][] = []
    const benefitsProtection: Value[][] = []
    for (const place of places) {
      const inhabitants = Math.round(place.inhabitants * (1 + (year - years[0]!) * 0.005))
      const total = Math.round(inhabitants * place.share * growth)
      const f = population(total, next, [
        ['origin', ['EU', 'Drittstaaten']],
        ['nationality', NATIONALITIES],
        ['ageGroup', AGE_GROUPS],
        ['lengthOfStay', STAY],
      ])
      const euTotal = f.find((v) => v.dimension === 'origin' && v.category === 'EU' && v.sex === 'all')!.value!
      const third = total - euTotal
      const e = population(euTotal, next, [
        ['nationality', EU_NATIONALITIES],
        ['ageGroup', AGE_GROUPS],
        ['lengthOfStay', STAY],
      ])
      // Small places get small numbers of protection seekers: the demo shows small-number protection at work.
      const pTotal = Math.max(0, Math.round(third * (0.05 + next() * 0.2) - (place.inhabitants < 8000 ? 12 : 0)))
      const p = population(pTotal, next, [
        ['protectionStatus', STATUS],
        ['nationality', PROTECTION_NATIONALITIES],
        ['ageGroup', AGE_GROUPS],
        ['lengthOfStay', STAY],
      ])
      foreign.push(f)
      eu.push(e)
      protection.push(p)
      const sgb2Eu = Math.round(euTotal * (0.03 + next() * 0.05))
      const sgb12Eu = Math.round(euTotal * next() * 0.01)
      benefitsEu.push([
        { dimension: 'benefits', category: 'SGB II', sex: 'all', value: sgb2Eu },
        { dimension: 'benefits', category: 'SGB XII', sex: 'all', value: sgb12Eu },
      ])
      const sgb2P = Math.round(pTotal * (0.2 + next() * 0.3))
      const asyl = Math.round(pTotal * (0.1 + next() * 0.3))
      benefitsProtection.push([
        { dimension: 'benefits', category: 'SGB II', sex: 'all', value: sgb2P },
        { dimension: 'benefits', category: 'AsylbLG', sex: 'all', value: asyl },
      ])
      if (yearEndOnly) {
        add(i('auslaender'), place.territory, date, f)
        add(i('eu-angehoerige'), place.territory, date, e)
        add(i('schutzsuchende'), place.territory, date, p)
        add(i('leistungsbezug-eu'), place.territory, date, benefitsEu.at(-1)!)
        add(i('leistungsbezug-schutzsuchende'), place.territory, date, benefitsProtection.at(-1)!)
        add(i('auslaenderanteil'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round((1000 * total) / inhabitants) / 10, count: total, base: inhabitants }])
        const naturalised = Math.round(total * (0.002 + next() * 0.012))
        add(i('einbuergerungen'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: naturalised }])
        add(i('zuzuege-bundesgrenze'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round(total * (0.08 + next() * 0.08)) }])
        add(i('fortzuege-bundesgrenze'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round(total * (0.04 + next() * 0.06)) }])
        const employment = Math.round((40 + next() * 20 + (year - years[0]!)) * 10) / 10
        add(i('beschaeftigungsquote-auslaender'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: employment }])
        add(i('beschaeftigungsquote-abstand'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round((10 + next() * 14) * 10) / 10 }])
        const sgb2 = Math.round(total * (0.04 + next() * 0.14))
        add(i('sgb2-quote'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: total > 0 ? Math.round((1000 * sgb2) / total) / 10 : 0, count: sgb2, base: total }])
        add(i('migrationshintergrund'), place.territory, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round((place.share * 100 * 2 + 5 + next() * 6) * 10) / 10 }])
      }
      // The allocation quota of a quarter: quota, allocations so far, and what is left.
      const quota = Math.round(10 + next() * 60)
      const allocated = Math.round(quota * next() * 0.9)
      add(i('zuweisungsquote'), place.territory, date, [
        { dimension: 'allocation', category: 'Quote', sex: 'all', value: quota },
        { dimension: 'allocation', category: 'Zuweisungen', sex: 'all', value: allocated },
        { dimension: 'allocation', category: 'noch zu erfüllen', sex: 'all', value: quota - allocated },
      ])
    }
    // The county: the sum of its municipalities (counts), and shares computed from those sums.
    const countyForeign = sumInto(foreign)
    add(i('auslaender'), county, date, countyForeign)
    add(i('eu-angehoerige'), county, date, sumInto(eu))
    add(i('schutzsuchende'), county, date, sumInto(protection))
    add(i('leistungsbezug-eu'), county, date, sumInto(benefitsEu))
    add(i('leistungsbezug-schutzsuchende'), county, date, sumInto(benefitsProtection))
    if (yearEndOnly) {
      const foreignTotal = countyForeign.find((v) => v.dimension === 'total' && v.sex === 'all')!.value!
      const inhabitants = places.reduce((a, p) => a + Math.round(p.inhabitants * (1 + (year - years[0]!) * 0.005)), 0)
      add(i('auslaenderanteil'), county, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round((1000 * foreignTotal) / inhabitants) / 10, count: foreignTotal, base: inhabitants }])
      for (const key of ['einbuergerungen', 'zuzuege-bundesgrenze', 'fortzuege-bundesgrenze']) {
        const indicator = i(key)
        if (!indicator) continue
        const sum = rows.filter((r) => r.indicatorId === indicator.id && r.referenceDate === date).reduce((a, r) => a + (r.value ?? 0), 0)
        add(indicator, county, date, [{ dimension: 'total', category: '', sex: 'all', value: sum }])
      }
      for (const key of ['beschaeftigungsquote-auslaender', 'beschaeftigungsquote-abstand', 'migrationshintergrund']) {
        const indicator = i(key)
        if (!indicator) continue
        const own = rows.filter((r) => r.indicatorId === indicator.id && r.referenceDate === date)
        add(indicator, county, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round((10 * own.reduce((a, r) => a + (r.value ?? 0), 0)) / own.length) / 10 }])
      }
      const sgb = i('sgb2-quote')
      if (sgb) {
        const own = rows.filter((r) => r.indicatorId === sgb.id && r.referenceDate === date)
        const count = own.reduce((a, r) => a + (r.count ?? 0), 0)
        add(sgb, county, date, [{ dimension: 'total', category: '', sex: 'all', value: Math.round((1000 * count) / foreignTotal) / 10, count, base: foreignTotal }])
      }
    }
    const quota = i('zuweisungsquote')
    if (quota) {
      const own = rows.filter((r) => r.indicatorId === quota.id && r.referenceDate === date)
      add(
        quota,
        county,
        date,
        ['Quote', 'Zuweisungen', 'noch zu erfüllen'].map((category) => ({
          dimension: 'allocation' as const,
          category,
          sex: 'all' as const,
          value: own.filter((r) => r.category === category).reduce((a, r) => a + (r.value ?? 0), 0),
        })),
      )
    }
  }
  // The seeds' own figures stay, and stay alone: a demo value never takes the place of a real one, and no indicator
  // gets demo values for a reference date that has real ones (no table mixes the two).
  const real = new Set(
    db
      .selectDistinct({ indicatorId: indicatorValues.indicatorId, referenceDate: indicatorValues.referenceDate })
      .from(indicatorValues)
      .where(eq(indicatorValues.demo, false))
      .all()
      .map((r) => `${r.indicatorId}|${r.referenceDate}`),
  )
  const demoRows = rows.filter((r) => !real.has(`${r.indicatorId}|${r.referenceDate}`))
  let inserted = 0
  db.transaction((tx) => {
    for (let k = 0; k < demoRows.length; k += 400) {
      const chunk = demoRows.slice(k, k + 400)
      inserted += tx
        .insert(indicatorValues)
        .values(chunk.map((r) => ({ ...r, count: r.count ?? null, base: r.base ?? null, source: DEMO_SOURCE, note: '', demo: true })))
        .onConflictDoNothing()
        .run().changes
    }
  })
  return `Monitoring: ${inserted} Demo-Werte angelegt (${years[0]}–${lastYear}, ${DEMO_SOURCE}); entfernen auf /monitoring.`
}
