import { BarChart, LineChart, RangeChart, type ChartTexts } from '../../../app/shared/charts/charts'
import type { ChartView, Credit, GlossaryEntry, SheetView } from '../../../app/shared/monitoring-figures'
import type { MonitoringLabels } from '../monitoring-layout'

/**
 * The monitoring's print pages for Chromium's tagged PDF: a data sheet (alone, or in the data report the county's
 * and the 21 municipalities' in alphabetical order, each from a new page), its charts, tables, credits and glossary,
 * and the print CSS; the data report's front matter and the quarterly report are in monitoring-reports.tsx. What
 * they say comes from the same description the pages draw (app/shared/monitoring-figures.ts): the same protected
 * figures and words.
 *
 * The charts are the app's own components (app/shared/charts/charts.tsx: a <figure> with <figcaption>, an <svg
 * role="img"> whose title and summary Chromium writes as the Figure's /Alt, the credits, and the same figures as a
 * <table> with TH), so the PDF shows what the page shows.
 */

export function CreditLines({ credits }: { credits: Credit[] }) {
  return credits.map((c, i) =>
    c.label ? (
      <span key={i}>
        {c.label} <span lang={c.lang ?? undefined}>{c.text}</span>
      </span>
    ) : (
      <span key={i}>{c.text}</span>
    ),
  )
}

export function PrintChart({ chart: c }: { chart: ChartView }) {
  const texts: ChartTexts = {
    title: c.title,
    summary: c.summary,
    credits: c.credits.map((line, i) => <CreditLines key={i} credits={[line]} />),
    tableCaption: c.title,
    dataLang: 'de',
    formatTick: c.formatTick,
  }
  if (c.kind === 'range') return <RangeChart id={c.id} texts={texts} range={c.range} marks={c.marks} header={c.header} />
  if (c.kind === 'line') return <LineChart id={c.id} texts={texts} xLabel={c.xLabel} series={c.series} />
  return <BarChart id={c.id} texts={texts} header={c.header} bars={c.bars} />
}

/** A table with a header row and row headers, as the DOCX has it too (for what has no chart of its own). */
export function PrintTable({ caption, header, rows, className }: { caption: string; header: string[]; rows: { cells: string[]; strong?: boolean; notes?: string[] }[]; className?: string }) {
  return (
    <table className={className ?? 'data'}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {header.map((h, i) => (
            <th key={i} scope="col" lang={i > 0 ? 'de' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={r.strong ? 'strong' : undefined}>
            <th scope="row" lang="de">
              {r.cells[0]}
            </th>
            {r.cells.slice(1).map((c, j) => (
              <td key={j}>
                {c}
                {r.notes?.[j + 1] ? <span lang="de"> *</span> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export const sheetAnchor = (slug: string) => `sheet-${slug}`

/** One data sheet. In the data report `report` is set: ids carry the sheet's slug, and the glossary stands once at the front. */
export function SheetSection({ view, labels, report = false }: { view: SheetView; labels: MonitoringLabels; report?: boolean }) {
  const sheet = view.sheet
  const anchor = sheetAnchor(sheet.territory.slug)
  const id = (suffix: string) => `${anchor}-${suffix}`
  return (
    <section className="sheet" id={anchor} aria-labelledby={id('title')}>
      <header className="sheet-head">
        <p className="small">{view.subtitle}</p>
        <h1 id={id('title')}>{labels.sheetHeading(view)}</h1>
        <p className="small">
          {sheet.territory.kind === 'county' ? view.kind : <span lang="de">{view.kind}</span>} · {view.published}
        </p>
      </header>
      {sheet.demo ? (
        <p className="demo" role="note">
          <strong>{labels.demo}</strong> – {labels.demoText}
        </p>
      ) : null}
      <p className="small">{view.noRanking}</p>
      <p className="small">{view.protection}</p>
      {view.areas.map((area) => (
        <section key={area.area} className="area" aria-labelledby={id(`area-${area.area}`)}>
          <h2 id={id(`area-${area.area}`)}>{area.label}</h2>
          {area.indicators.map((v) => (
            <section key={v.indicator.id} className="indicator" aria-labelledby={id(`ind-${v.indicator.id}`)}>
              <h3 id={id(`ind-${v.indicator.id}`)} lang="de">
                {v.indicator.name}
              </h3>
              <p className="small">{v.unitLine}</p>
              {!v.hasAny ? <p className="empty">{labels.t('monitoring:sheet.noValues')}</p> : null}
              {v.keyFigures ? (
                <table className="key-figures">
                  <caption className="sr-only">{labels.t('monitoring:export.keyFigures', { name: v.indicator.name })}</caption>
                  <tbody>
                    {v.keyFigures.map((k) => (
                      <tr key={k.key}>
                        <th scope="row" lang={k.lang ?? undefined}>
                          {k.label}
                          {k.hint ? <span className="sr-only"> ({k.hint})</span> : null}
                        </th>
                        <td>{k.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {v.charts.map((c) => (
                <PrintChart key={c.id} chart={c} />
              ))}
              {v.notes.length > 0 ? (
                <div className="notes">
                  <p>{labels.t('monitoring:sheet.notes')}</p>
                  <ul lang="de">
                    {v.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </section>
          ))}
        </section>
      ))}
      <section className="interpretation" aria-labelledby={id('interpretation')}>
        <h2 id={id('interpretation')}>{labels.t('monitoring:sheet.interpretation')}</h2>
        <p className="small">{labels.t('monitoring:sheet.interpretationHint')}</p>
        {sheet.interpretation ? (
          <>
            <p className="interpretation-text" lang="de">
              {sheet.interpretation.text}
            </p>
            <p className="small">{labels.interpretationBy(sheet.interpretation)}</p>
          </>
        ) : (
          <p className="empty">{labels.t('monitoring:sheet.interpretationNone')}</p>
        )}
      </section>
      {report ? null : <Glossary entries={view.glossary} labels={labels} id={id('glossary')} />}
    </section>
  )
}

export function Glossary({ entries, labels, id }: { entries: GlossaryEntry[]; labels: MonitoringLabels; id: string }) {
  return (
    <section className="glossary" aria-labelledby={id}>
      <h2 id={id}>{labels.t('monitoring:sheet.glossary')}</h2>
      <dl>
        {entries.map((g) => (
          <div key={g.name}>
            <dt lang="de">{g.name}</dt>
            <dd>
              {g.definition ? <span lang="de">{g.definition}</span> : <em>{labels.t('monitoring:overview.warning.definition')}</em>}
              {g.numerator ? (
                <>
                  {' '}
                  {labels.t('monitoring:sheet.numerator')}: <span lang="de">{g.numerator}</span>.
                </>
              ) : null}
              {g.denominator ? (
                <>
                  {' '}
                  {labels.t('monitoring:sheet.denominator')}: <span lang="de">{g.denominator}</span>.
                </>
              ) : null}
              <span className="glossary-meta">
                {labels.t('monitoring:export.glossaryUnit')}: {g.unit} · {labels.t('monitoring:export.glossaryReference')}: {g.reference}
                {g.source ? (
                  <>
                    {' '}
                    · {labels.t('monitoring:credits.sourceLabel')} <span lang="de">{g.source}</span>
                  </>
                ) : null}
                {g.presentation ? (
                  <>
                    {' '}
                    · {labels.t('monitoring:credits.presentationLabel')} <span lang="de">{g.presentation}</span>
                  </>
                ) : null}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

export const MONITORING_CSS = `
@page { size: A4 portrait; margin: 19mm 16mm 17mm 18mm; }
html { font-size: 8.5pt; line-height: 1.3; }
h1 { font-size: 15pt; margin: 0 0 1.5mm; }
h2 { font-size: 12pt; margin: 4mm 0 2mm; border-bottom: 0.4mm solid #1f3864; padding-bottom: 0.5mm; }
h3 { font-size: 10pt; margin: 3mm 0 0.5mm; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.small { font-size: 7.5pt; color: #374151; }
.empty { font-style: italic; }
.demo { border: 0.5mm dashed #92400e; background: #fffbeb; color: #451a03; padding: 1.5mm 2.5mm; margin: 2mm 0; }
.sheet + .sheet { break-before: page; }
.sheet-head { margin-bottom: 2mm; }
.indicator { border-top: 0.3mm solid #cbd5e1; padding-top: 1mm; margin-top: 2mm; }
.indicator > h3 { break-after: avoid; }
table { border-collapse: collapse; }
table.key-figures { margin: 1mm 0 2mm; }
table.key-figures th, table.key-figures td { text-align: left; padding: 0.4mm 3mm 0.4mm 0; vertical-align: top; }
table.key-figures th { font-weight: bold; }
figure { margin: 1.5mm 0 2.5mm; display: grid; grid-template-columns: 104mm 1fr; column-gap: 5mm; align-items: start; break-inside: avoid; }
figure > figcaption { grid-column: 1 / -1; font-weight: bold; margin-bottom: 0.8mm; }
figure > svg { grid-column: 1; width: 104mm; height: auto; }
/* Bars and the range band solid on paper: the hatching of the screen's charts made every bar a pattern in the PDF (a
   quarter of a data report's bytes); the bars carry their labels and values either way. */
figure > svg rect[fill^='url('] { fill: #cfe3e7; }
figure > ul { grid-column: 1; list-style: none; display: flex; flex-wrap: wrap; gap: 3mm; padding: 0; margin: 0.5mm 0 0; font-size: 7pt; }
figure > ul li { display: flex; align-items: center; gap: 1mm; }
figure > p { grid-column: 1; margin: 0.6mm 0 0; }
figure > p.text-xs { font-size: 7pt; color: #374151; }
figure > p .block { display: block; }
figure > div { grid-column: 2; grid-row: 2 / span 4; }
figure table, table.data { width: 100%; font-size: 7.5pt; }
figure table th, figure table td, table.data th, table.data td { border: 0.25mm solid #9ca3af; padding: 0.5mm 1.2mm; text-align: left; vertical-align: top; }
figure table thead th, table.data thead th { background: #e5eaf3; }
figure table tbody th, table.data tbody th { font-weight: normal; }
figure table td, table.data td { text-align: right; white-space: nowrap; }
table.data caption { caption-side: top; text-align: left; font-weight: bold; margin-bottom: 0.8mm; }
table.data tr.strong th, table.data tr.strong td { font-weight: bold; }
table.data { break-inside: auto; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
.notes { font-size: 7.5pt; }
.notes p { font-weight: bold; margin: 0; }
.notes ul { margin: 0; padding-left: 5mm; }
.interpretation { break-inside: avoid; }
.interpretation-text { white-space: pre-line; }
.glossary dl { margin: 0; }
.glossary dl > div { margin: 0 0 1.8mm; break-inside: avoid; }
.glossary dt { font-weight: bold; }
.glossary dd { margin: 0; }
.glossary-meta { display: block; font-size: 7.5pt; color: #374151; }
.sheet > .glossary { break-before: page; }
.cover { min-height: 225mm; display: flex; flex-direction: column; justify-content: center; }
.cover h1 { font-size: 26pt; }
.cover-subtitle { font-size: 12pt; font-weight: bold; }
.toc { break-before: page; break-after: page; font-size: 10pt; }
.toc ol { list-style: none; padding: 0; margin: 0 0 3mm; }
.toc li { margin: 0 0 1.4mm; }
.toc a { display: flex; color: inherit; text-decoration: none; }
.toc .toc-text { flex: 1; border-bottom: 0.3mm dotted #9ca3af; margin-right: 2mm; }
.toc .toc-page { min-width: 8mm; text-align: right; }
.front { font-size: 9.5pt; }
.glossary-front { break-before: page; }
.glossary-front + .sheet, .front + .sheet { break-before: page; }
/* The first print only measures where pages break (contents' numbers): same layout, nothing painted but the links. */
html.measure body { visibility: hidden; }
html.measure .toc a { visibility: visible; }
.measure-links { position: absolute; top: 0; left: 0; }
.quarter-section { break-before: auto; }
.benefits { break-inside: avoid; }
`
