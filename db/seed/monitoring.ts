import { eq, inArray } from 'drizzle-orm'
import type { Breakdown, Dimension, IndicatorArea, IndicatorUnit, ReferenceKind, Sex } from '../../app/shared/vocabulary'
import type { DbOrTx } from '../client'
import { goals, indicatorGoals, indicators, indicatorValues, monitoringSettings, territories } from '../schema'
import municipalities from './municipalities.json' with { type: 'json' }

/**
 * The monitoring's first start: the county and its 21 member municipalities (db/seed/municipalities.json, a copy of
 * shared/data/municipalities.json), the starter indicators the seed documents name – each with the passage it comes
 * from – and only the figures those documents print. The seeds never list all 17 indicators of the data report:
 * the administration adds the rest. Nothing here is estimated; where a printed figure is doubtful, its note says so.
 */

export const COUNTY_NAME = 'Landkreis Osnabrück'
export const COUNTY_SLUG = 'landkreis-osnabrueck'
export const DEFAULT_SMALL_NUMBER_THRESHOLD = 3

const AUTHORITY = 'Landkreis Osnabrück, Ausländerbehörde'
const PLANNING = 'Landkreis Osnabrück, Referat für Strategische Planung'

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

export type StarterIndicator = {
  key: string
  name: string
  area: IndicatorArea
  definition: string
  unit: IndicatorUnit
  numerator: string
  numeratorSource: string
  denominator: string
  denominatorSource: string
  dataSource: string
  presentation: string
  referenceKind: ReferenceKind
  breakdowns: Breakdown[]
  rationale: string
  goalNumbers: number[]
  seedPassage: string
}

/** The indicators the seeds name. Empty fields are what the seeds do not say; the monitoring page warns about them. */
export const STARTER_INDICATORS: StarterIndicator[] = [
  {
    key: 'auslaender',
    name: 'Ausländer*innen',
    area: 'population',
    definition: 'Personen mit ausschließlich ausländischer Staatsangehörigkeit, die im Gebiet gemeldet sind.',
    unit: 'count',
    numerator: 'Ausländer*innen',
    numeratorSource: AUTHORITY,
    denominator: '',
    denominatorSource: '',
    dataSource: AUTHORITY,
    presentation: PLANNING,
    referenceKind: 'quarter',
    breakdowns: ['sex', 'origin', 'nationality', 'ageGroup', 'lengthOfStay'],
    rationale:
      'Grundzahl des Datenreports und des Quartalsberichts: Umfang und Zusammensetzung der ausländischen Bevölkerung (EU, Drittstaaten, Staatsangehörigkeiten, Alter, Aufenthaltsdauer) sind die Basis jeder weiteren Kennzahl.',
    goalNumbers: [],
    seedPassage: '000 Z. 41–61 („Zahl der Ausländer*innen am 31.12.2017“; nach Staatsangehörigkeiten, Altersgruppen, Aufenthaltsdauer); Z. 219–270 (Quartalsbericht, Abschnitt 1)',
  },
  {
    key: 'auslaenderanteil',
    name: 'Ausländer*innen-Anteil',
    area: 'population',
    definition: 'Anteil der Ausländer*innen an allen Einwohner*innen des Gebiets in Prozent.',
    unit: 'percent',
    numerator: 'Ausländer*innen',
    numeratorSource: AUTHORITY,
    denominator: 'Einwohner*innen',
    denominatorSource: 'Zustandsdaten aus dem Einwohnerwesen der kreisangehörigen Kommunen',
    dataSource: `${AUTHORITY}; Referat für Strategische Planung, Zustandsdaten aus dem Einwohnerwesen der kreisangehörigen Kommunen (Stichtag 31.12.)`,
    presentation: PLANNING,
    referenceKind: 'dec31',
    breakdowns: [],
    rationale:
      'Zeigt, wie unterschiedlich die Lage in den 21 Kommunen ist (2016 reichte die Spreizung von 3,7 % bis 19,1 %); bei kleinen absoluten Zahlen können schon wenige Personen die Quote deutlich ändern, deshalb steht die Zahl daneben.',
    goalNumbers: [],
    seedPassage: '000 Z. 64–71 („Ausländer*innen Anteile“: Landkreis, Minimum und Maximum der kreisangehörigen Kommunen); Z. 150–155 (Hagen a.T.W.); 002 Z. 7 und 9',
  },
  {
    key: 'eu-angehoerige',
    name: 'EU-Angehörige',
    area: 'population',
    definition: 'Ausländer*innen mit der Staatsangehörigkeit eines anderen Mitgliedstaats der Europäischen Union.',
    unit: 'count',
    numerator: 'EU-Angehörige',
    numeratorSource: 'Fachanwendung LaDIVA der Ausländerbehörde',
    denominator: '',
    denominatorSource: '',
    dataSource: 'Landkreis Osnabrück, Fachdienst Ordnung, Abteilung Integration/Ausländer (LaDIVA)',
    presentation: 'Landkreis Osnabrück, Fachdienst Ordnung, Abteilung Integration/Ausländer',
    referenceKind: 'quarter',
    breakdowns: ['sex', 'nationality', 'ageGroup', 'lengthOfStay'],
    rationale:
      'Die größte Gruppe der Zugewanderten im Landkreis (knapp 60 % der Ausländer*innen); Fallmonitorings Geflüchteter erfassen sie nicht (Lörrach), der Quartalsbericht zeigt sie eigens.',
    goalNumbers: [8],
    seedPassage: '000 Z. 272–287 (Quartalsbericht, Abschnitt 2.1; Staatsangehörigkeiten unter 4 % als „übrige“); 001 Z. 176–178 (Ziel 8)',
  },
  {
    key: 'schutzsuchende',
    name: 'Schutzsuchende und sonstige Geduldete',
    area: 'population',
    definition:
      'Schutzsuchende mit offenem oder abgelehntem Schutzstatus sowie sonstige Schutzsuchende und sonstige Duldungsinhaber*innen.',
    unit: 'count',
    numerator: 'Schutzsuchende',
    numeratorSource: AUTHORITY,
    denominator: '',
    denominatorSource: '',
    dataSource: AUTHORITY,
    presentation: PLANNING,
    referenceKind: 'quarter',
    breakdowns: ['sex', 'protectionStatus', 'nationality', 'ageGroup', 'lengthOfStay'],
    rationale: 'Zeigt Umfang und Status der Fluchtmigration, auf die Aufnahme, Unterbringung und Zuweisung in den Kommunen reagieren.',
    goalNumbers: [],
    seedPassage: '000 Z. 76–91 („Zahl der Schutzsuchenden am 31.12.2017“, nach Staatsangehörigkeiten und Altersgruppen); Z. 307–314 (Quartalsbericht, Abschnitt 3.1)',
  },
  {
    key: 'einbuergerungen',
    name: 'Einbürgerungen',
    area: 'population',
    definition: 'Zahl der Einbürgerungen im Kalenderjahr.',
    unit: 'count',
    numerator: 'Einbürgerungen',
    numeratorSource: AUTHORITY,
    denominator: '',
    denominatorSource: '',
    dataSource: AUTHORITY,
    presentation: PLANNING,
    referenceKind: 'year',
    breakdowns: [],
    rationale: 'Ziel 9 („Die Zahl der Einbürgerungen wird gesteigert.“) wird mit ihr beobachtet; die Evaluation nennt den Anstieg um fast 35 Prozent.',
    goalNumbers: [9],
    seedPassage: '000 Z. 93–98 („Zahl der Einbürgerungen“ 2016 und 2017); 001 Z. 170–172',
  },
  {
    key: 'zuzuege-bundesgrenze',
    name: 'Zuzüge von Ausländer*innen über die Bundesgrenze',
    area: 'migration',
    definition: 'Zuzüge von Ausländer*innen aus dem Ausland in das Gebiet im Kalenderjahr.',
    unit: 'count',
    numerator: 'Zuzüge über die Bundesgrenze',
    numeratorSource: AUTHORITY,
    denominator: '',
    denominatorSource: '',
    dataSource: AUTHORITY,
    presentation: PLANNING,
    referenceKind: 'year',
    breakdowns: [],
    rationale: 'Mit den Fortzügen zeigt sie die Dynamik der Zuwanderung, auf die Ankommens- und Beratungsangebote reagieren.',
    goalNumbers: [],
    seedPassage: '000 Z. 100–107 („Zu- und Wegzüge von Ausländer*innen … über Bundesgrenzen 2017“; nur als Grafik, ohne Zahlen)',
  },
  {
    key: 'fortzuege-bundesgrenze',
    name: 'Fortzüge von Ausländer*innen über die Bundesgrenze',
    area: 'migration',
    definition: 'Fortzüge von Ausländer*innen aus dem Gebiet ins Ausland im Kalenderjahr.',
    unit: 'count',
    numerator: 'Fortzüge über die Bundesgrenze',
    numeratorSource: AUTHORITY,
    denominator: '',
    denominatorSource: '',
    dataSource: AUTHORITY,
    presentation: PLANNING,
    referenceKind: 'year',
    breakdowns: [],
    rationale: 'Mit den Zuzügen zeigt sie die Dynamik der Wanderung; beide zusammen ergeben den Wanderungssaldo über die Bundesgrenze.',
    goalNumbers: [],
    seedPassage: '000 Z. 100–107 („Zu- und Wegzüge von Ausländer*innen … über Bundesgrenzen 2017“; nur als Grafik, ohne Zahlen)',
  },
  {
    key: 'zuweisungsquote',
    name: 'Erfüllung der Zuweisungsquote',
    area: 'migration',
    definition:
      'Je Kommune die Zahl der aufzunehmenden Personen nach der Verteilquote (Quote), die Zahl der bisherigen Zuweisungen und die noch zu erfüllende Zahl.',
    unit: 'count',
    numerator: 'aufzunehmende Personen, Zuweisungen, noch zu erfüllen',
    numeratorSource: 'Landesaufnahmebehörde Niedersachsen (LAB NI)',
    denominator: '',
    denominatorSource: '',
    dataSource: 'Landesaufnahmebehörde Niedersachsen (LAB NI)',
    presentation: 'Landkreis Osnabrück, Fachdienst Ordnung, Abteilung Integration/Ausländer',
    referenceKind: 'quarter',
    breakdowns: ['allocation'],
    rationale: 'Die Kommunen planen Unterbringung und Begleitung nach der Quote; der Quartalsbericht zeigt, was je Kommune noch zu erfüllen ist.',
    goalNumbers: [],
    seedPassage: '000 Z. 326–354 (Quartalsbericht, Abschnitt 4 „Erfüllung der aktuellen Zuweisungsquote“, Stichtag 31.12.2021)',
  },
  {
    key: 'beschaeftigungsquote-auslaender',
    name: 'Beschäftigungsquote der ausländischen Bevölkerung',
    area: 'labour',
    definition: '',
    unit: 'percent',
    numerator: '',
    numeratorSource: '',
    denominator: '',
    denominatorSource: '',
    dataSource: '',
    presentation: '',
    referenceKind: 'year',
    breakdowns: [],
    rationale: 'Die Evaluation misst Ziel 15 (Lebensunterhalt aus eigenen Kräften, Integration in den ersten Arbeitsmarkt) an ihr: von rund 37 % (2013) auf knapp 56 % (2021).',
    goalNumbers: [15],
    seedPassage: '001 Z. 222–229 (Evaluationsbericht, Handlungsfeld Arbeit: „Beschäftigungsquote der ausländischen Bevölkerung“)',
  },
  {
    key: 'beschaeftigungsquote-abstand',
    name: 'Abstand der Beschäftigungsquote zur Beschäftigungsquote insgesamt',
    area: 'labour',
    definition: '',
    unit: 'percentagePoints',
    numerator: '',
    numeratorSource: '',
    denominator: '',
    denominatorSource: '',
    dataSource: '',
    presentation: '',
    referenceKind: 'year',
    breakdowns: [],
    rationale: 'Zeigt, ob sich die Teilhabe am Arbeitsmarkt angleicht (Lörrach: Fortschritt als Angleichung der Lebenslagen); die Evaluation nennt rund 23 (2013) und rund 13 Prozentpunkte (2021).',
    goalNumbers: [15],
    seedPassage: '001 Z. 227–229 („Die Differenz zur Beschäftigungsquote insgesamt …“)',
  },
  {
    key: 'sgb2-quote',
    name: 'SGB-II-Quote der Ausländer*innen',
    area: 'social',
    definition: '',
    unit: 'percent',
    numerator: '',
    numeratorSource: '',
    denominator: '',
    denominatorSource: '',
    dataSource: '',
    presentation: '',
    referenceKind: 'dec31',
    breakdowns: [],
    rationale: 'Im Datenreport 2018 erklärten „Übergänge“ vom AsylbLG ins SGB II den Anstieg der SGB-II-Quoten in Hagen a.T.W.: sie zeigt, wo Unterstützung beim Übergang in Arbeit gebraucht wird.',
    goalNumbers: [],
    seedPassage: '000 Z. 159–163 (Beispiel Hagen a.T.W.: „deutlicher Anstieg der SGB II – Quoten“)',
  },
  {
    key: 'leistungsbezug-eu',
    name: 'Leistungsbezug der EU-Angehörigen',
    area: 'social',
    definition: 'EU-Angehörige, die Leistungen nach dem SGB II oder dem SGB XII beziehen.',
    unit: 'count',
    numerator: 'EU-Angehörige im Leistungsbezug',
    numeratorSource: 'Leistungsbezug SGB II: MaßArbeit LK OS; Leistungsbezug SGB XII: Fachdienst Soziales LK OS',
    denominator: '',
    denominatorSource: '',
    dataSource: 'Leistungsbezug SGB II: MaßArbeit LK OS; Leistungsbezug SGB XII: Fachdienst Soziales LK OS',
    presentation: 'Landkreis Osnabrück, Fachdienst Ordnung, Abteilung Integration/Ausländer',
    referenceKind: 'quarter',
    breakdowns: ['benefits'],
    rationale: 'Der Quartalsbericht beobachtet damit die Freizügigkeit der EU-Angehörigen und den Zugang zu Arbeit (Abschnitt 2.2).',
    goalNumbers: [8],
    seedPassage: '000 Z. 301–305 (Quartalsbericht, Abschnitt 2.2 „Leistungsbezug der EU-Angehörigen“)',
  },
  {
    key: 'leistungsbezug-schutzsuchende',
    name: 'Leistungsbezug der Schutzsuchenden und sonstigen Geduldeten',
    area: 'social',
    definition: 'Schutzsuchende und sonstige Geduldete, die Leistungen nach dem SGB II oder dem Asylbewerberleistungsgesetz beziehen.',
    unit: 'count',
    numerator: 'Schutzsuchende im Leistungsbezug',
    numeratorSource: 'Leistungsbezug SGB II: MaßArbeit LK OS; Leistungsbezug AsylbLG: Fachdienst Soziales LK OS',
    denominator: '',
    denominatorSource: '',
    dataSource: 'Leistungsbezug SGB II: MaßArbeit LK OS; Leistungsbezug AsylbLG: Fachdienst Soziales LK OS',
    presentation: 'Landkreis Osnabrück, Fachdienst Ordnung, Abteilung Integration/Ausländer',
    referenceKind: 'quarter',
    breakdowns: ['benefits'],
    rationale: 'Zeigt die Übergänge vom AsylbLG ins SGB II (Abschnitt 3.2 des Quartalsberichts), die der Datenreport als Erklärung steigender SGB-II-Quoten nennt.',
    goalNumbers: [],
    seedPassage: '000 Z. 320–324 (Quartalsbericht, Abschnitt 3.2 „Entwicklung des Leistungsbezugs …“)',
  },
  {
    key: 'migrationshintergrund',
    name: 'Anteil der Bevölkerung mit Migrationshintergrund',
    area: 'population',
    definition: '',
    unit: 'percent',
    numerator: 'Personen mit Migrationshintergrund',
    numeratorSource: 'Bundesamt für Statistik',
    denominator: 'Bevölkerung',
    denominatorSource: 'Bundesamt für Statistik',
    dataSource: 'Bundesamt für Statistik',
    presentation: '',
    referenceKind: 'year',
    breakdowns: [],
    rationale:
      'Fast jede vierte Person im Landkreis hatte 2016 einen Migrationshintergrund; wie er als Differenzierungsmerkmal genutzt wird, ist vor der Verwendung zu klären (Difu).',
    goalNumbers: [],
    seedPassage: '002 Z. 7 („23,9 % der Bevölkerung … einen Migrationshintergrund“, Bundesamt für Statistik); 003 („Umgang mit Migrationshintergrund als Differenzierungsmerkmal klären“)',
  },
]

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
