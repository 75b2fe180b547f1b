import { eq, inArray } from 'drizzle-orm'
import type { Dimension, Sex } from '../../app/shared/vocabulary'
import type { DbOrTx } from '../client'
import { goals, indicatorGoals, indicators, indicatorValues, monitoringSettings, territories } from '../schema'
import municipalities from './municipalities.json' with { type: 'json' }
import { AUTHORITY, STARTER_INDICATORS } from './monitoring-indicators'

/**
 * The monitoring's first start: the county and its 21 member municipalities (db/seed/municipalities.json, a copy of
 * shared/data/municipalities.json), the starter indicators the seed documents name – each with the passage it comes
 * from (monitoring-indicators.ts) – and only the figures those documents print. The seeds never list all 17
 * indicators of the data report: the administration adds the rest. Nothing here is estimated; where a printed
 * figure is doubtful, its note says so.
 */

export const COUNTY_NAME = 'Landkreis Osnabrück'
export const COUNTY_SLUG = 'landkreis-osnabrueck'
export const DEFAULT_SMALL_NUMBER_THRESHOLD = 3

/** "Dissen am Teutoburger Wald" → "dissen-am-teutoburger-wald". */
export function slugOf(name: string): string {
  return name
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

type SeedValue = {
  indicator: string
  territory: string
  date: string
  dimension?: Dimension
  category?: string
  sex?: Sex
  value: number | null
  count?: number
  base?: number
  source: string
  note?: string
}

type QuotaRow = { municipality: string; quote: number; zuweisungen: number | null; noch_zu_erfuellen: number | null; arithmetic_check?: string; note?: string }

const REPORT_2018 = `${AUTHORITY} (Bericht Migration und Integration 2018)`
const COMPETITION = 'Wettbewerbsbeitrag des Landkreises 2017'

type Fact = { id: string; values?: unknown; rows?: unknown }
const FACTS: readonly Fact[] = municipalities.facts

/** A number inside a fact's values ("EU", "gesamt"); throws when the shipped copy changed its shape. */
function factNumber(id: string, ...path: string[]): number {
  let at: unknown = FACTS.find((f) => f.id === id)?.values
  for (const key of path) at = typeof at === 'object' && at !== null && key in at ? (at as Record<string, unknown>)[key] : undefined
  if (typeof at !== 'number') throw new Error(`municipalities.json: ${id}.${path.join('.')} ist keine Zahl.`)
  return at
}

function quotaRows(): QuotaRow[] {
  const rows = FACTS.find((f) => f.id === 'zuweisungsquote_2021_kommunen')?.rows
  if (!Array.isArray(rows)) throw new Error('municipalities.json: Zuweisungsquote ohne Zeilen.')
  return rows.map((r: Record<string, unknown>) => ({
    municipality: String(r.municipality),
    quote: Number(r.quote),
    zuweisungen: typeof r.zuweisungen === 'number' ? r.zuweisungen : null,
    noch_zu_erfuellen: typeof r.noch_zu_erfuellen === 'number' ? r.noch_zu_erfuellen : null,
    arithmetic_check: typeof r.arithmetic_check === 'string' ? r.arithmetic_check : undefined,
    note: typeof r.note === 'string' ? r.note : undefined,
  }))
}

/** Only what the seed documents print, each with its source; doubtful figures keep their printed value and a note. */
function seedValues(): SeedValue[] {
  const out: SeedValue[] = []
  const date2017 = '2017-12-31'
  const sexes: [string, Sex][] = [
    ['gesamt', 'all'],
    ['maennlich', 'male'],
    ['weiblich', 'female'],
  ]
  const fact = 'auslaender_2017_gesamt'
  for (const [key, sex] of sexes) {
    out.push({ indicator: 'auslaender', territory: COUNTY_NAME, date: date2017, sex, value: factNumber(fact, 'gesamt', key), source: REPORT_2018 })
    out.push({
      indicator: 'auslaender',
      territory: COUNTY_NAME,
      date: date2017,
      dimension: 'origin',
      category: 'EU',
      sex,
      value: factNumber(fact, 'EU', key),
      source: REPORT_2018,
      note: key === 'gesamt' ? 'gedruckt 16.950; männlich + weiblich ergeben 16.959, und 16.959 + 11.872 = 28.831 (wohl ein Druck- oder Lesefehler)' : undefined,
    })
    out.push({ indicator: 'auslaender', territory: COUNTY_NAME, date: date2017, dimension: 'origin', category: 'Drittstaaten', sex, value: factNumber(fact, 'Drittstaaten', key), source: REPORT_2018 })
  }
  const schutz = 'schutzsuchende_2017'
  out.push({ indicator: 'schutzsuchende', territory: COUNTY_NAME, date: date2017, value: factNumber(schutz, 'gesamt', 'gesamt'), source: REPORT_2018 })
  for (const [key, sex] of sexes.slice(1)) {
    out.push({
      indicator: 'schutzsuchende',
      territory: COUNTY_NAME,
      date: date2017,
      sex,
      value: factNumber(schutz, 'gesamt', key),
      source: REPORT_2018,
      note: 'so gedruckt (männlich weniger als weiblich; vielleicht vertauscht)',
    })
  }
  out.push({
    indicator: 'schutzsuchende',
    territory: COUNTY_NAME,
    date: date2017,
    dimension: 'protectionStatus',
    category: 'mit offenem oder abgelehntem Schutzstatus',
    value: factNumber(schutz, 'mit_offenem_oder_abgelehntem_Schutzstatus', 'gesamt_derived'),
    source: REPORT_2018,
    note: 'gedruckt „008“; 3.625 − 2.627 = 998',
  })
  out.push({
    indicator: 'schutzsuchende',
    territory: COUNTY_NAME,
    date: date2017,
    dimension: 'protectionStatus',
    category: 'sonstige Schutzsuchende und sonstige Duldungsinhaber*innen',
    value: factNumber(schutz, 'sonstige_Schutzsuchende_und_sonstige_Duldungsinhaber', 'gesamt'),
    source: REPORT_2018,
  })
  for (const year of ['2016', '2017']) {
    out.push({ indicator: 'einbuergerungen', territory: COUNTY_NAME, date: `${year}-12-31`, value: factNumber('einbuergerungen', year), source: REPORT_2018 })
  }
  out.push({
    indicator: 'auslaenderanteil',
    territory: 'Hagen am Teutoburger Wald',
    date: date2017,
    value: factNumber('hagen_atw_2017', 'auslaender_anteil_prozent'),
    count: factNumber('hagen_atw_2017', 'auslaender_absolut'),
    source: REPORT_2018,
  })
  // 002 l.7: 358.574 inhabitants (Einwohnermeldedaten), 26.861 foreign nationals (Ausländerzentralregister), 7,5 %.
  out.push({
    indicator: 'auslaenderanteil',
    territory: COUNTY_NAME,
    date: '2016-12-31',
    value: 7.5,
    count: 26861,
    base: 358574,
    source: `Ausländerzentralregister; Einwohnermeldedaten der Kommunen (${COMPETITION})`,
    note: 'andere Quelle als die Zahlen der Ausländerbehörde; nicht mit ihnen zusammenführen',
  })
  out.push({ indicator: 'migrationshintergrund', territory: COUNTY_NAME, date: '2016-12-31', value: 23.9, source: `Bundesamt für Statistik (${COMPETITION})` })
  // 001 l.224–229: the evaluation report's rounded figures.
  const evaluation = 'Evaluationsbericht 2018–2022, Stand 31.05.2023 (Datenquelle dort nicht genannt)'
  out.push({ indicator: 'beschaeftigungsquote-auslaender', territory: COUNTY_NAME, date: '2013-12-31', value: 37, source: evaluation, note: '„rund 37 Prozent“' })
  out.push({ indicator: 'beschaeftigungsquote-auslaender', territory: COUNTY_NAME, date: '2021-12-31', value: 56, source: evaluation, note: '„knapp 56 Prozent“' })
  out.push({ indicator: 'beschaeftigungsquote-abstand', territory: COUNTY_NAME, date: '2013-12-31', value: 23, source: evaluation, note: '„rund 23 Prozent“' })
  out.push({ indicator: 'beschaeftigungsquote-abstand', territory: COUNTY_NAME, date: '2021-12-31', value: 13, source: evaluation, note: '„rund 13 Prozent“' })

  const quotaSource = 'Landesaufnahmebehörde Niedersachsen (LAB NI); Statistischer Quartalsbericht 4. Quartal 2021'
  for (const row of quotaRows()) {
    const common = { indicator: 'zuweisungsquote', territory: row.municipality, date: '2021-12-31', dimension: 'allocation' as const, source: quotaSource }
    const check = row.arithmetic_check ? 'so gedruckt; Quote − Zuweisungen ergibt einen anderen Wert (Lesefehler oder Über-/Unterquote)' : undefined
    out.push({ ...common, category: 'Quote', value: row.quote, note: row.note ? 'keine Quote wegen der Landesaufnahmebehörde am Ort (gedruckt „0 (wg. LAB NI)“)' : undefined })
    out.push({ ...common, category: 'Zuweisungen', value: row.zuweisungen, note: row.zuweisungen === null ? 'keine Angabe (keine Quote)' : undefined })
    out.push({ ...common, category: 'noch zu erfüllen', value: row.noch_zu_erfuellen, note: row.noch_zu_erfuellen === null ? 'keine Angabe (keine Quote)' : check })
  }
  out.push({
    indicator: 'zuweisungsquote',
    territory: COUNTY_NAME,
    date: '2021-12-31',
    dimension: 'allocation',
    category: 'Quote',
    value: 808,
    source: quotaSource,
    note: 'laut Text 808 Personen (unter Berücksichtigung der Über- und Unterquote); die gedruckten Quoten der Kommunen ergeben 773',
  })
  return out
}

/**
 * Seeds territories, settings, starter indicators and the seeds' figures, once: it does nothing when the territories
 * are already there (what the administration changed later stays changed).
 */
export function seedMonitoring(db: DbOrTx): { created: boolean } {
  return db.transaction((tx) => {
    if (tx.select({ id: territories.id }).from(territories).limit(1).get()) return { created: false }
    tx.insert(territories).values({ slug: COUNTY_SLUG, name: COUNTY_NAME, kind: 'county', municipalityKind: null }).run()
    for (const m of municipalities.municipalities as { name: string; kind: string; short_name?: string }[]) {
      tx.insert(territories)
        .values({ slug: slugOf(m.name), name: m.name, shortName: m.short_name ?? null, kind: 'municipality', municipalityKind: m.kind })
        .run()
    }
    tx.insert(monitoringSettings).values({ id: 1, smallNumberThreshold: DEFAULT_SMALL_NUMBER_THRESHOLD }).onConflictDoNothing().run()
    const allGoals = tx.select({ id: goals.id, number: goals.number }).from(goals).all()
    for (const s of STARTER_INDICATORS) {
      const { goalNumbers, breakdowns, ...columns } = s
      const row = tx
        .insert(indicators)
        .values({ ...columns, breakdowns: JSON.stringify(breakdowns) })
        .returning({ id: indicators.id })
        .get()
      // The goals of the first concept with these numbers (the catalogue is seeded before the monitoring).
      for (const number of goalNumbers) {
        const goal = allGoals.find((g) => g.number === number)
        if (goal) tx.insert(indicatorGoals).values({ indicatorId: row.id, goalId: goal.id }).run()
      }
    }
    const territoryIds = new Map(tx.select({ id: territories.id, name: territories.name }).from(territories).all().map((t) => [t.name, t.id]))
    const keys = STARTER_INDICATORS.map((s) => s.key)
    const indicatorIds = new Map(
      tx.select({ id: indicators.id, key: indicators.key }).from(indicators).where(inArray(indicators.key, keys)).all().map((i) => [i.key, i.id]),
    )
    for (const v of seedValues()) {
      const territoryId = territoryIds.get(v.territory)
      const indicatorId = indicatorIds.get(v.indicator)
      if (!territoryId || !indicatorId) throw new Error(`Seed-Wert ohne Gebiet oder Kennzahl: ${v.territory} / ${v.indicator}`)
      tx.insert(indicatorValues)
        .values({
          indicatorId,
          territoryId,
          referenceDate: v.date,
          dimension: v.dimension ?? 'total',
          category: v.category ?? '',
          sex: v.sex ?? 'all',
          value: v.value,
          count: v.count ?? null,
          base: v.base ?? null,
          source: v.source,
          note: v.note ?? '',
        })
        .run()
    }
    return { created: true }
  })
}

/** The county's row. */
export function countyId(db: DbOrTx): number {
  const row = db.select({ id: territories.id }).from(territories).where(eq(territories.kind, 'county')).get()
  if (!row) throw new Error('Das Monitoring ist nicht angelegt (seedMonitoring).')
  return row.id
}
