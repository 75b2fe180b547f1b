import { useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { sheetFromJson, type Figure, type Sheet, type SheetIndicator } from '~/shared/monitoring'
import { dimensionLabel, indicatorAreaLabel, sexLabel } from '~/shared/vocabulary'
import { BarChart, LineChart, RangeChart } from '~/ui/charts/charts'
import { useFormat } from '~/ui/use-format'
import { useServerMarkup } from '~/ui/server-markup'
import { credits, DemoBanner, useFigures } from './figures'

/**
 * One data sheet, the same for the internal page and the published one: per area and indicator the territory's
 * figure beside the county's and the municipal range (minimum to maximum, never whose), the development, the
 * breakdowns, each as a chart with its table; then the glossary. A pure function of the sheet and the language
 * (chart ids are derived from the data, never from useId), so the server renders it once per sheet and language
 * (sheet-markup.server.tsx) and the browser hydrates its own render against that markup.
 */
export function SheetBody({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation()
  const format = useFormat()
  const isCounty = sheet.territory.kind === 'county'
  const indicators = sheet.areas.flatMap((a) => a.indicators)
  return (
    <>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">{t('monitoring:sheet.subtitle', { date: format.date(sheet.referenceDate) })}</p>
        <h1 id="sheet-title" className="text-2xl font-bold">
          {t('monitoring:sheet.titleShort', { year: sheet.year })}: <span lang="de">{sheet.territory.name}</span>
        </h1>
        <p className="text-sm text-slate-700">
          {isCounty ? t('monitoring:sheet.countyKind') : <span lang="de">{sheet.territory.municipalityKind}</span>} ·{' '}
          {sheet.published ? t('monitoring:sheet.publishedNote') : t('monitoring:sheet.unpublishedNote')}
        </p>
      </header>
      <DemoBanner demo={sheet.demo} />
      <p className="max-w-3xl text-sm">{t('monitoring:sheet.noRanking')}</p>
      <p className="max-w-3xl text-xs text-slate-700">{t('monitoring:figure.protectionNote', { threshold: sheet.threshold, below: sheet.threshold - 1 })}</p>
      {sheet.areas.map((area) => (
        <section key={area.area} aria-labelledby={`area-${area.area}`} className="space-y-4">
          <h2 id={`area-${area.area}`} className="text-xl font-semibold">
            {t(indicatorAreaLabel(area.area))}
          </h2>
          {area.indicators.map((indicator) => (
            <IndicatorBlock key={indicator.id} sheet={sheet} indicator={indicator} />
          ))}
        </section>
      ))}
      <section aria-labelledby="glossary" className="card space-y-2">
        <h2 id="glossary" className="text-xl font-semibold">
          {t('monitoring:sheet.glossary')}
        </h2>
        <dl className="space-y-2 text-sm">
          {indicators.map((i) => (
            <div key={i.id}>
              <dt className="font-semibold" lang="de">
                {i.name}
              </dt>
              <dd>
                {i.definition ? <span lang="de">{i.definition}</span> : <span className="italic">{t('monitoring:overview.warning.definition')}</span>}
                {i.numerator ? (
                  <>
                    {' '}
                    {t('monitoring:sheet.numerator')}: <span lang="de">{i.numerator}</span>.
                  </>
                ) : null}
                {i.denominator ? (
                  <>
                    {' '}
                    {t('monitoring:sheet.denominator')}: <span lang="de">{i.denominator}</span>.
                  </>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  )
}

export type Interpretation = { text: string; updatedAt: number; updatedBy: string | null } | null

/**
 * The whole sheet on a page: the body (markup rendered in advance on the server for exactly this sheet's JSON, else
 * rendered here from it) and the local interpretation, with the form slot for those who may write it.
 */
export function SheetDocument({ sheetJson, slug, interpretation, form }: { sheetJson: string; slug: string; interpretation: Interpretation; form?: ReactNode }) {
  const { t } = useTranslation()
  const format = useFormat()
  const markup = useServerMarkup(sheetJson)
  const sheet = useMemo(() => (markup === undefined ? sheetFromJson(sheetJson) : null), [markup, sheetJson])
  return (
    <article className="space-y-6" aria-labelledby="sheet-title" data-testid="data-sheet" data-territory={slug}>
      {markup !== undefined ? (
        <div className="space-y-6" data-testid="sheet-body" dangerouslySetInnerHTML={{ __html: markup }} />
      ) : (
        <div className="space-y-6" data-testid="sheet-body">
          {sheet ? <SheetBody sheet={sheet} /> : null}
        </div>
      )}
      <section aria-labelledby="interpretation" className="card space-y-2" data-testid="interpretation">
        <h2 id="interpretation" className="text-xl font-semibold">
          {t('monitoring:sheet.interpretation')}
        </h2>
        <p className="text-sm text-slate-700">{t('monitoring:sheet.interpretationHint')}</p>
        {interpretation ? (
          <>
            <p className="whitespace-pre-line" lang="de" data-testid="interpretation-text">
              {interpretation.text}
            </p>
            <p className="text-xs text-slate-700">{t('monitoring:sheet.interpretationBy', { at: format.dateTime(interpretation.updatedAt), who: interpretation.updatedBy ?? '–' })}</p>
          </>
        ) : (
          <p className="italic">{t('monitoring:sheet.interpretationNone')}</p>
        )}
        {form}
      </section>
    </article>
  )
}

function IndicatorBlock({ sheet, indicator: i }: { sheet: Sheet; indicator: SheetIndicator }) {
  const { t } = useTranslation()
  const f = useFigures(sheet.threshold)
  const isCounty = sheet.territory.kind === 'county'
  const territory = sheet.territory.name
  const dateText = f.referenceDate(sheet.referenceDate, i.referenceKind)
  const texts = (title: string, summary: string) => ({
    title,
    summary,
    credits: credits(t, i.dataSource, i.presentation, dateText),
    tableCaption: title,
    dataLang: 'de',
    formatTick: (n: number) => f.number(n, i.unit),
  })
  const notes = [...new Set([i.own, i.county, ...i.breakdowns.flatMap((b) => b.parts.map((p) => p.figure)), ...(i.sexes?.parts.map((p) => p.figure) ?? [])].map((x) => x.note).filter(Boolean))]
  const hasAny = i.own.state !== 'missing' || i.breakdowns.length > 0 || i.sexes !== null
  const range = i.range
    ? { min: i.range.min, max: i.range.max, label: t('monitoring:sheet.range'), minDisplay: f.withUnit(i.range.min, i.unit), maxDisplay: f.withUnit(i.range.max, i.unit) }
    : null
  // A municipality's count beside the county's would only show the county's size: counts are set in the municipal
  // range alone (the county's count stands in the key figures), shares and rates beside the county's.
  const withCounty = isCounty || i.unit !== 'count'
  const marks = [
    ...(isCounty ? [] : [{ name: territory, value: f.chartValue(i.own), display: f.full(i.own, i.unit) }]),
    ...(withCounty ? [{ name: t('monitoring:sheet.county'), value: f.chartValue(i.county), display: f.full(i.county, i.unit) }] : []),
  ]
  const rangeSummary = range
    ? isCounty
      ? t('monitoring:sheet.rangeSummaryCounty', { county: f.full(i.county, i.unit), min: range.minDisplay, max: range.maxDisplay })
      : t('monitoring:sheet.rangeSummary', { territory, own: f.full(i.own, i.unit), county: f.full(i.county, i.unit), min: range.minDisplay, max: range.maxDisplay })
    : t('monitoring:sheet.rangeSummaryNone', { territory, own: f.full(i.own, i.unit), county: f.full(i.county, i.unit) })
  const series = i.series.length >= 2 ? i.series : []
  const lead = (p: (typeof series)[number]) => (isCounty ? p.county : p.own)
  const first = series.find((p) => lead(p).state === 'shown')
  const last = series.findLast((p) => lead(p).state === 'shown')
  return (
    <section className="card space-y-4" aria-labelledby={`ind-${i.id}`} data-testid="sheet-indicator" data-indicator={i.key}>
      <header>
        <h3 id={`ind-${i.id}`} className="text-lg font-semibold" lang="de">
          {i.name}
        </h3>
        <p className="text-xs text-slate-700">
          {t(`vocabulary:monitoring.unit.${i.unit}`)} · {t(`vocabulary:monitoring.referenceKind.${i.referenceKind}`)}
        </p>
      </header>
      {!hasAny ? <p className="italic">{t('monitoring:sheet.noValues')}</p> : null}
      {i.own.state !== 'missing' || i.county.state !== 'missing' ? (
        <>
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]" data-testid="key-figures">
            {!isCounty ? (
              <>
                <dt className="font-medium" lang="de">
                  {territory}
                </dt>
                <dd data-testid="own-value">{f.value(i.own, i.unit)}</dd>
                {i.unit !== 'count' && f.count(i.own) ? (
                  <>
                    <dt className="font-medium">{t('monitoring:sheet.absolute')}</dt>
                    <dd data-testid="own-count">{f.count(i.own)}</dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt className="font-medium" lang="de">
              {t('monitoring:sheet.county')}
            </dt>
            <dd data-testid="county-value">{f.full(i.county, i.unit)}</dd>
            <dt className="font-medium">
              {t('monitoring:sheet.range')} <span className="sr-only">({t('monitoring:sheet.rangeHint')})</span>
            </dt>
            <dd data-testid="range-value">
              {range && i.range ? t('monitoring:sheet.rangeOf', { min: range.minDisplay, max: range.maxDisplay, count: i.range.municipalities, of: i.range.of }) : t('monitoring:sheet.rangeNone')}
            </dd>
          </dl>
          <RangeChart id={`${i.key}-range`} texts={texts(t('monitoring:sheet.rangeTitle', { name: i.name }), rangeSummary)} range={range} marks={marks} header={[t('monitoring:sheet.part'), t('monitoring:sheet.value')]} testId="range-chart" />
        </>
      ) : null}
      {first && last && first !== last ? (
        <LineChart
          id={`${i.key}-development`}
          texts={texts(
            t('monitoring:sheet.developmentTitle', { name: i.name }),
            `${t('monitoring:sheet.developmentSummary', { territory, from: first.year, first: f.full(lead(first), i.unit), to: last.year, last: f.full(lead(last), i.unit) })}${
              i.comparableFrom ? ` ${t('monitoring:sheet.developmentFrom', { year: i.comparableFrom })}` : ''
            }`,
          )}
          xLabel={t('monitoring:sheet.year')}
          series={[
            ...(isCounty ? [] : [{ name: territory, points: series.map((p) => ({ x: String(p.year), y: f.chartValue(p.own), display: f.full(p.own, i.unit) })) }]),
            ...(withCounty ? [{ name: t('monitoring:sheet.county'), points: series.map((p) => ({ x: String(p.year), y: f.chartValue(p.county), display: f.full(p.county, i.unit) })) }] : []),
          ]}
          testId="development-chart"
        />
      ) : null}
      {i.sexes ? <Breakdown id={`${i.key}-sex`} sheet={sheet} indicator={i} title={t('vocabulary:monitoring.breakdown.sex')} parts={i.sexes.parts.map((p) => ({ label: t(sexLabel(p.sex)), figure: p.figure }))} texts={texts} /> : null}
      {i.breakdowns.map((b) => (
        <Breakdown key={b.dimension} id={`${i.key}-${b.dimension}`} sheet={sheet} indicator={i} title={t(dimensionLabel(b.dimension))} parts={b.parts} texts={texts} />
      ))}
      {notes.length > 0 ? (
        <div className="text-xs">
          <p className="font-medium">{t('monitoring:sheet.notes')}</p>
          <ul className="list-disc pl-5" lang="de">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}

function Breakdown({
  id,
  sheet,
  indicator: i,
  title,
  parts,
  texts,
}: {
  id: string
  sheet: Sheet
  indicator: SheetIndicator
  title: string
  parts: { label: string; figure: Figure }[]
  texts: (title: string, summary: string) => Parameters<typeof BarChart>[0]['texts']
}) {
  const { t } = useTranslation()
  const f = useFigures(sheet.threshold)
  const shown = parts.filter((p) => p.figure.state === 'shown' && p.figure.value !== null)
  const largest = shown.reduce<(typeof parts)[number] | null>((a, p) => (!a || (p.figure.value ?? 0) > (a.figure.value ?? 0) ? p : a), null)
  const name = `${i.name} – ${sheet.territory.name}`
  const summary = largest
    ? t('monitoring:sheet.breakdownSummary', { count: parts.length, largest: largest.label, value: f.full(largest.figure, i.unit) })
    : t('monitoring:sheet.breakdownSummaryNone', { count: parts.length })
  return (
    <BarChart
      id={id}
      texts={texts(t('monitoring:sheet.breakdownTitle', { name, dimension: title }), summary)}
      header={[title, t('monitoring:sheet.value')]}
      bars={parts.map((p) => ({ label: p.label, value: f.chartValue(p.figure), display: f.full(p.figure, i.unit) }))}
      testId="breakdown-chart"
    />
  )
}
