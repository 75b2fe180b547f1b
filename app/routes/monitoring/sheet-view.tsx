import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Sheet } from '~/shared/monitoring'
import { sheetView, type ChartView, type IndicatorView, type KeyFigure } from '~/shared/monitoring-figures'
import { BarChart, LineChart, RangeChart } from '~/shared/charts/charts'
import { useFormat } from '~/ui/use-format'
import { useServerMarkup } from '~/ui/server-markup'
import { creditNodes, DemoBanner, useFigures } from './figures'

/**
 * One data sheet, the same for the internal page and the published one: per area and indicator the territory's
 * figure beside the county's and the municipal range (minimum to maximum, never whose), the development, the
 * breakdowns, each as a chart with its table; then the glossary. A pure function of the sheet and the language
 * (chart ids are derived from the data, never from useId), so the server renders it once per sheet and language
 * (sheet-markup.server.tsx); the browser keeps that markup, or fetches it after a client-side navigation.
 */
export function SheetBody({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation()
  const f = useFigures(sheet.threshold)
  const view = useMemo(() => sheetView(sheet, t, f), [sheet, t, f])
  return (
    <>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">{view.subtitle}</p>
        <h1 id="sheet-title" className="text-2xl font-bold">
          {view.title}: <span lang="de">{sheet.territory.name}</span>
        </h1>
        <p className="text-sm text-slate-700">
          {sheet.territory.kind === 'county' ? view.kind : <span lang="de">{view.kind}</span>} · {view.published}
        </p>
      </header>
      <DemoBanner demo={sheet.demo} />
      <p className="max-w-3xl text-sm">{view.noRanking}</p>
      <p className="max-w-3xl text-xs text-slate-700">{view.protection}</p>
      {view.areas.map((area) => (
        <section key={area.area} aria-labelledby={`area-${area.area}`} className="space-y-4">
          <h2 id={`area-${area.area}`} className="text-xl font-semibold">
            {area.label}
          </h2>
          {area.indicators.map((indicator) => (
            <IndicatorBlock key={indicator.indicator.id} sheet={sheet} view={indicator} />
          ))}
        </section>
      ))}
      <section aria-labelledby="glossary" className="card space-y-2">
        <h2 id="glossary" className="text-xl font-semibold">
          {t('monitoring:sheet.glossary')}
        </h2>
        <dl className="space-y-2 text-sm">
          {view.glossary.map((g) => (
            <div key={g.name}>
              <dt className="font-semibold" lang="de">
                {g.name}
              </dt>
              <dd>
                {g.definition ? <span lang="de">{g.definition}</span> : <span className="italic">{t('monitoring:overview.warning.definition')}</span>}
                {g.numerator ? (
                  <>
                    {' '}
                    {t('monitoring:sheet.numerator')}: <span lang="de">{g.numerator}</span>.
                  </>
                ) : null}
                {g.denominator ? (
                  <>
                    {' '}
                    {t('monitoring:sheet.denominator')}: <span lang="de">{g.denominator}</span>.
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
 * The whole sheet on a page: the body (the markup the server rendered in advance for exactly this sheet and
 * language, see sheet.server.ts) and the local interpretation, with the form slot for those who may write it.
 */
export function SheetDocument({ bodyKey, bodyHref, slug, interpretation, form }: { bodyKey: string; bodyHref: string; slug: string; interpretation: Interpretation; form?: ReactNode }) {
  const { t } = useTranslation()
  const format = useFormat()
  const markup = useServerMarkup(bodyKey)
  return (
    <article className="space-y-6" aria-labelledby="sheet-title" data-testid="data-sheet" data-territory={slug}>
      {markup !== undefined ? (
        <div className="space-y-6" data-testid="sheet-body" data-body={bodyKey} dangerouslySetInnerHTML={{ __html: markup }} />
      ) : (
        <BrowserBody key={bodyKey} bodyKey={bodyKey} href={bodyHref} />
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

/**
 * The body in the browser. Hydrating the page the server sent, it is already in the DOM (named by its key): React
 * does not touch the inner HTML of an element it hydrates, so it stays as sent. After a client-side navigation to a
 * sheet (or to another version of it) the element starts empty and fetches the same markup from the server.
 */
function BrowserBody({ bodyKey, href }: { bodyKey: string; href: string }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const [html, setHtml] = useState('')
  const [state, setState] = useState<'ready' | 'loading' | 'failed'>('ready')
  useEffect(() => {
    const element = ref.current
    if (!element || (element.dataset.body === bodyKey && element.childElementCount > 0)) return
    let cancelled = false
    setState('loading')
    fetch(href, { headers: { Accept: 'text/html' } })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then(
        (markup) => {
          if (cancelled) return
          setHtml(markup)
          setState('ready')
        },
        () => !cancelled && setState('failed'),
      )
    return () => {
      cancelled = true
    }
  }, [bodyKey, href])
  return (
    <>
      {state === 'loading' ? <p role="status">{t('monitoring:sheet.loading')}</p> : null}
      {state === 'failed' ? (
        <p role="alert">
          {t('monitoring:sheet.loadFailed')} <a href="">{t('monitoring:sheet.reload')}</a>
        </p>
      ) : null}
      <div ref={ref} className="space-y-6" data-testid="sheet-body" data-body={bodyKey} dangerouslySetInnerHTML={{ __html: html }} />
    </>
  )
}

function IndicatorBlock({ sheet, view: v }: { sheet: Sheet; view: IndicatorView }) {
  const { t } = useTranslation()
  const i = v.indicator
  const isCounty = sheet.territory.kind === 'county'
  const figure = (key: KeyFigure['key']) => v.keyFigures?.find((k) => k.key === key)
  const own = figure('own')
  const ownCount = figure('ownCount')
  const county = figure('county')!
  const range = figure('range')!
  return (
    <section className="card space-y-4" aria-labelledby={`ind-${i.id}`} data-testid="sheet-indicator" data-indicator={i.key}>
      <header>
        <h3 id={`ind-${i.id}`} className="text-lg font-semibold" lang="de">
          {i.name}
        </h3>
        <p className="text-xs text-slate-700">{v.unitLine}</p>
      </header>
      {!v.hasAny ? <p className="italic">{t('monitoring:sheet.noValues')}</p> : null}
      {v.keyFigures ? (
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]" data-testid="key-figures">
          {!isCounty && own ? (
            <>
              <dt className="font-medium" lang="de">
                {own.label}
              </dt>
              <dd data-testid="own-value">{own.value}</dd>
              {ownCount ? (
                <>
                  <dt className="font-medium">{ownCount.label}</dt>
                  <dd data-testid="own-count">{ownCount.value}</dd>
                </>
              ) : null}
            </>
          ) : null}
          <dt className="font-medium" lang="de">
            {county.label}
          </dt>
          <dd data-testid="county-value">{county.value}</dd>
          <dt className="font-medium">
            {range.label} <span className="sr-only">({range.hint})</span>
          </dt>
          <dd data-testid="range-value">{range.value}</dd>
        </dl>
      ) : null}
      {v.charts.map((c) => (
        <SheetChart key={c.id} chart={c} />
      ))}
      {v.notes.length > 0 ? (
        <div className="text-xs">
          <p className="font-medium">{t('monitoring:sheet.notes')}</p>
          <ul className="list-disc pl-5" lang="de">
            {v.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}

/** One chart of the sheet's description, drawn by the chart components (app/shared/charts/charts.tsx). */
export function SheetChart({ chart: c }: { chart: ChartView }) {
  const texts = { title: c.title, summary: c.summary, credits: creditNodes(c.credits), tableCaption: c.title, dataLang: 'de', formatTick: c.formatTick }
  if (c.kind === 'range') return <RangeChart id={c.id} texts={texts} range={c.range} marks={c.marks} header={c.header} testId={c.testId} />
  if (c.kind === 'line') return <LineChart id={c.id} texts={texts} xLabel={c.xLabel} series={c.series} testId={c.testId} />
  return <BarChart id={c.id} texts={texts} header={c.header} bars={c.bars} testId={c.testId} />
}
