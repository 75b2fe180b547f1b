import { and, count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indicatorImports, indicators, indicatorValues, territories } from '../../db/schema'
import { seedDemoMonitoring } from '../../server/cli/demo-monitoring'
import { IMPORT_COLUMNS } from '../../server/imports/indicator-values'
import { loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// The monitoring over real HTTP against the built server with the demo data: who may open and change what, that
// no page ranks municipalities, that small numbers are protected in the HTML itself, and that the public sheets
// show only what is published.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
let year = 0

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  await withServerDb(server, (db) => seedDemoMonitoring(db))
  year = new Date().getFullYear() - 1
})

afterAll(async () => {
  await server?.stop()
})

const { get, post } = requestsAs<Who>(() => server.url, cookies)
const everyone: Who[] = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer', 'statistics']
const readers: Who[] = ['admin', 'commissioner', 'coordinator', 'statistics']

const pages = () => [
  { path: '/monitoring', allowed: readers },
  { path: '/monitoring/datenblaetter', allowed: readers },
  { path: `/monitoring/datenblaetter/bad-essen/${year}`, allowed: readers },
  { path: '/monitoring/vollstaendigkeit', allowed: readers },
  { path: '/monitoring/quartalsbericht', allowed: readers },
  { path: '/monitoring/import', allowed: ['statistics'] as Who[] },
  { path: '/monitoring/import/vorlage.csv', allowed: ['statistics'] as Who[] },
  { path: '/monitoring/import/vorlage.xlsx', allowed: ['statistics'] as Who[] },
  { path: '/monitoring/kennzahlen/neu', allowed: ['statistics'] as Who[] },
  { path: '/monitoring/kennzahlen/1', allowed: ['statistics'] as Who[] },
]

/** Text of the HTML without tags, for reading what a page says. */
const textOf = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ')

const municipalityNames = () => withServerDb(server, (db) => db.select({ name: territories.name }).from(territories).where(eq(territories.kind, 'municipality')).all().map((t) => t.name))

describe('monitoring routes over HTTP', () => {
  it('lets each role open exactly its pages and sends anonymous visitors to the login page', async () => {
    for (const page of pages()) {
      const anonymous = await get('anonymous', page.path)
      expect(anonymous.status, page.path).toBe(302)
      expect(anonymous.headers.get('location')).toMatch(/^\/login/)
      for (const who of everyone) {
        const response = await get(who, page.path)
        expect(response.status, `${who} ${page.path}`).toBe(page.allowed.includes(who) ? 200 : 403)
        await response.body?.cancel()
      }
    }
  })

  it('answers unknown sheets, years and indicators with 404 and a message', async () => {
    for (const path of ['/monitoring/datenblaetter/atlantis/2024', '/monitoring/datenblaetter/melle/20x4', '/monitoring/kennzahlen/99999', '/monitoring/kennzahlen/abc']) {
      const response = await get('statistics', path)
      expect(response.status, path).toBe(404)
      expect(await response.text()).toMatch(/gibt es nicht/)
    }
  })

  it('refuses every change by a role without the ability with 403 and changes nothing', async () => {
    const before = withServerDb(server, (db) => ({
      values: db.select({ n: count() }).from(indicatorValues).get()!.n,
      imports: db.select({ n: count() }).from(indicatorImports).get()!.n,
      indicators: db.select({ n: count() }).from(indicators).get()!.n,
    }))
    for (const who of ['commissioner', 'coordinator', 'viewer', 'editor'] as const) {
      expect((await post(who, '/monitoring', { intent: 'removeDemo' })).status, who).toBe(403)
      expect((await post(who, '/monitoring', { intent: 'threshold', threshold: '5' })).status, who).toBe(403)
      expect((await post(who, '/monitoring/kennzahlen/neu', { name: 'Eindringling', key: 'eindringling', area: 'population', unit: 'count', referenceKind: 'year', rationale: 'weil' })).status).toBe(403)
      expect((await post(who, '/monitoring/datenblaetter', { intent: 'publish', year: String(year) })).status).toBe(403)
      expect((await post(who, `/monitoring/datenblaetter/bad-essen/${year}`, { intent: 'interpret', text: 'Fremder Text' })).status).toBe(403)
      expect((await post(who, '/monitoring/import', { intent: 'apply', importId: '1' })).status).toBe(403)
    }
    expect((await post('anonymous', '/monitoring/datenblaetter', { intent: 'publish', year: String(year) })).status).toBe(302)
    const after = withServerDb(server, (db) => ({
      values: db.select({ n: count() }).from(indicatorValues).get()!.n,
      imports: db.select({ n: count() }).from(indicatorImports).get()!.n,
      indicators: db.select({ n: count() }).from(indicators).get()!.n,
    }))
    expect(after).toEqual(before)
    expect(await (await get('anonymous', `/veroeffentlicht/datenblaetter/${year}`)).status).toBe(404)
  })
})

describe('no ranking', () => {
  it('lists the municipalities alphabetically on the sheets page, the completeness view and the quarterly report, with no sort control', async () => {
    const names = municipalityNames().sort((a, b) => a.localeCompare(b, 'de'))
    for (const path of ['/monitoring/datenblaetter', '/monitoring/vollstaendigkeit', `/monitoring/quartalsbericht?quartal=${year}-4`]) {
      const html = await (await get('commissioner', path)).text()
      const positions = names.map((n) => html.indexOf(`>${n}<`))
      expect(positions.every((p) => p >= 0), path).toBe(true)
      // Each municipality's first appearance comes after the one before it in the alphabet.
      expect(positions, path).toEqual([...positions].sort((a, b) => a - b))
      expect(html, path).not.toMatch(/name="(sort|sortierung|order|rang)"|aria-sort|Rangfolge ändern|Ranking anzeigen/i)
      expect(html, path).not.toMatch(/[?&](sort|order)=/)
    }
  })

  it('shows the municipal range as bare numbers on a sheet, naming no other municipality', async () => {
    const html = await (await get('commissioner', `/monitoring/datenblaetter/bad-essen/${year}`)).text()
    expect(html).toContain('Spanne der Kommunen')
    const others = municipalityNames().filter((n) => n !== 'Bad Essen')
    const text = textOf(html)
    for (const name of others) expect(text, name).not.toContain(name)
    // And the published sheet the same.
    await post('statistics', '/monitoring/datenblaetter', { intent: 'publish', year: String(year) })
    const published = textOf(await (await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/bad-essen`)).text())
    expect(published).toContain('Spanne der Kommunen')
    for (const name of others) expect(published, name).not.toContain(name)
    await post('statistics', '/monitoring/datenblaetter', { intent: 'unpublish', year: String(year) })
  })

  it('computes the range from the data: minimum and maximum of the municipalities’ printable values', async () => {
    const { min, max } = withServerDb(server, (db) => {
      const share = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'auslaenderanteil')).get()!.id
      const rows = db
        .select({ value: indicatorValues.value, count: indicatorValues.count })
        .from(indicatorValues)
        .innerJoin(territories, eq(territories.id, indicatorValues.territoryId))
        .where(and(eq(indicatorValues.indicatorId, share), eq(indicatorValues.referenceDate, `${year}-12-31`), eq(territories.kind, 'municipality'), eq(indicatorValues.dimension, 'total')))
        .all()
        .filter((r) => r.count === null || r.count >= 3)
        .map((r) => r.value!)
      return { min: Math.min(...rows), max: Math.max(...rows) }
    })
    const html = await (await get('commissioner', `/monitoring/datenblaetter/melle/${year}`)).text()
    const section = html.slice(html.indexOf('data-indicator="auslaenderanteil"'))
    const range = /data-testid="range-value">([^<]*)</.exec(section)?.[1] ?? ''
    const de = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 1 })
    expect(range).toContain(`${de(min)} %`)
    expect(range).toContain(`${de(max)} %`)
  })
})

describe('small numbers on the page', () => {
  it('shows a count of 2 as "< 3" and withholds the share built on it, and neither number is anywhere in the HTML', async () => {
    withServerDb(server, (db) => {
      const share = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'sgb2-quote')).get()!.id
      const naturalised = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'einbuergerungen')).get()!.id
      const glandorf = db.select({ id: territories.id }).from(territories).where(eq(territories.name, 'Glandorf')).get()!.id
      const at = (indicatorId: number) => and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.territoryId, glandorf), eq(indicatorValues.referenceDate, `${year}-12-31`), eq(indicatorValues.dimension, 'total'), eq(indicatorValues.sex, 'all'))
      db.update(indicatorValues).set({ value: 2 }).where(at(naturalised)).run()
      db.update(indicatorValues).set({ value: 0.737, count: 2, base: 271 }).where(at(share)).run()
    })
    const html = await (await get('statistics', `/monitoring/datenblaetter/glandorf/${year}`)).text()
    const block = (key: string) => {
      const start = html.indexOf(`data-indicator="${key}"`)
      return html.slice(start, html.indexOf('data-testid="sheet-indicator"', start + 10))
    }
    const naturalised = block('einbuergerungen')
    expect(/data-testid="own-value">([^<]*)</.exec(naturalised)?.[1]).toBe('&lt; 3')
    const share = block('sgb2-quote')
    expect(/data-testid="own-value">([^<]*)</.exec(share)?.[1]).toBe('zurückgehalten')
    expect(share).toContain('&lt; 3 Personen')
    expect(html).not.toContain('0,737')
    expect(html).not.toContain('0.737')
  })
})

describe('import over HTTP', () => {
  const multipart = (who: Who, name: string, content: string) => {
    const form = new FormData()
    form.set('intent', 'check')
    form.set('file', new File([content], name))
    return fetch(`${server.url}/monitoring/import`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, Cookie: cookies[who]! }, body: form })
  }

  it('refuses a bad file with line and column in German, and shows a good one as a preview first', async () => {
    const header = IMPORT_COLUMNS.join(';')
    const bad = await multipart('statistics', 'werte.csv', `${header}\nauslaender;Bad Esen;31.12.2024;gesamt;;gesamt;10;;;;\n`)
    expect(bad.status).toBe(400)
    const text = textOf(await bad.text())
    expect(text).toContain('Zeile 2, Spalte 2 (gebiet)')
    expect(text).toContain('nichts wurde geändert')
    const good = await multipart('statistics', 'werte.csv', `${header}\nauslaender;Bad Essen;31.12.2030;gesamt;;gesamt;10;;;;\n`)
    expect(good.status).toBe(302)
    const location = good.headers.get('location')!
    expect(location).toMatch(/^\/monitoring\/import\?vorschau=\d+$/)
    const preview = textOf(await (await get('statistics', location)).text())
    expect(preview).toContain('1 neuer Wert')
    expect(withServerDb(server, (db) => db.select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.referenceDate, '2030-12-31')).get()!.n)).toBe(0)
    expect((await multipart('commissioner', 'werte.csv', `${header}\n`)).status).toBe(403)
  })

  it('gives the template as CSV and as Excel', async () => {
    const csv = await get('statistics', '/monitoring/import/vorlage.csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(IMPORT_COLUMNS.join(';'))
    const xlsx = await get('statistics', '/monitoring/import/vorlage.xlsx')
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))
  })
})

describe('published sheets', () => {
  it('are readable without login once published, and only then', async () => {
    expect((await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/melle`)).status).toBe(404)
    expect((await post('statistics', '/monitoring/datenblaetter', { intent: 'publish', year: String(year) })).status).toBe(200)
    const list = await get('anonymous', '/veroeffentlicht/datenblaetter')
    expect(list.status).toBe(200)
    expect(await list.text()).toContain(`/veroeffentlicht/datenblaetter/${year}/melle`)
    const sheet = await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/melle`)
    expect(sheet.status).toBe(200)
    const html = await sheet.text()
    expect(html).toContain('Demo-Daten, keine echten Zahlen')
    expect(html).not.toContain('name="intent"')
    expect((await get('anonymous', `/veroeffentlicht/datenblaetter/${year - 1}/melle`)).status).toBe(404)
    await post('statistics', '/monitoring/datenblaetter', { intent: 'unpublish', year: String(year) })
    expect((await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/melle`)).status).toBe(404)
  })
})
