import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indicators, indicatorValues, territories } from '../../db/schema'
import type { ReferenceChoices, ReferenceValue } from '../../app/shared/live/indicator-reference'
import { loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// /monitoring/referenz over real HTTP: what the "Kennzahl einfügen" dialog of a report chapter may quote, for the
// monitoring's readers only, never a figure under small-number protection.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
let naturalisations = 0
let bramsche = 0

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  withServerDb(server, (db) => {
    naturalisations = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, 'einbuergerungen')).get()!.id
    bramsche = db.select({ id: territories.id }).from(territories).where(eq(territories.name, 'Bramsche')).get()!.id
    db.delete(indicatorValues).where(and(eq(indicatorValues.indicatorId, naturalisations), eq(indicatorValues.territoryId, bramsche))).run()
    db.insert(indicatorValues)
      .values([
        { indicatorId: naturalisations, territoryId: bramsche, referenceDate: '2024-12-31', dimension: 'total', category: '', value: 2, demo: true },
        { indicatorId: naturalisations, territoryId: bramsche, referenceDate: '2023-12-31', dimension: 'total', category: '', value: 41, demo: true },
      ])
      .run()
  })
})

afterAll(async () => {
  await server?.stop()
})

const { get } = requestsAs<Who>(() => server.url, cookies)

describe('/monitoring/referenz', () => {
  it('sends anonymous visitors to the login page and refuses roles without monitoring.read with 403', async () => {
    const anonymous = await get('anonymous', '/monitoring/referenz')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    for (const who of ['viewer', 'editor', 'participant'] as const) {
      const refused = await get(who, `/monitoring/referenz?kennzahl=${naturalisations}&gebiet=${bramsche}`)
      expect(refused.status, who).toBe(403)
      await refused.body?.cancel()
    }
  })

  it('gives the readers the indicators and territories, then the values of one pair without a count below the threshold', async () => {
    for (const who of ['admin', 'commissioner', 'coordinator', 'statistics'] as const) {
      const response = await get(who, '/monitoring/referenz')
      expect(response.status, who).toBe(200)
      expect(response.headers.get('content-type')).toContain('application/json')
      const choices = (await response.json()) as ReferenceChoices
      expect(choices.indicators.some((i) => i.id === naturalisations)).toBe(true)
      expect(choices.territories.some((t) => t.id === bramsche)).toBe(true)
    }
    const response = await get('coordinator', `/monitoring/referenz?kennzahl=${naturalisations}&gebiet=${bramsche}`)
    expect(response.status).toBe(200)
    const body = await response.text()
    const { values } = JSON.parse(body) as { values: ReferenceValue[] }
    expect(values.map((v) => [v.referenceDate, v.shown, v.reference?.value ?? null])).toEqual([
      ['2024-12-31', '< 3', null],
      ['2023-12-31', '41', '41'],
    ])
    expect(values[1]!.reference).toMatchObject({ territoryName: 'Bramsche', referenceDate: '2023-12-31', unit: 'count', demo: true })
    // The suppressed 2 is nowhere in the answer.
    expect(body).not.toMatch(/"value":2\b|"value":"2"/)
  })

  it('refuses a malformed query with 400 and an unknown indicator or territory with 404, in German', async () => {
    const bad = await get('statistics', '/monitoring/referenz?kennzahl=abc&gebiet=1')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Kennzahl und Gebiet')
    const unknown = await get('statistics', `/monitoring/referenz?kennzahl=999999&gebiet=${bramsche}`)
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toBe('Diese Kennzahl gibt es nicht.')
    const nowhere = await get('statistics', `/monitoring/referenz?kennzahl=${naturalisations}&gebiet=999999`)
    expect(nowhere.status).toBe(404)
    expect(await nowhere.text()).toBe('Dieses Gebiet gibt es nicht.')
  })
})
