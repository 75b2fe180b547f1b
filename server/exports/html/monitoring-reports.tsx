import type { GlossaryEntry, QuarterlyView } from '../../../app/shared/monitoring-figures'
import type { MonitoringLabels } from '../monitoring-layout'
import { CreditLines, Glossary, PrintChart, PrintTable, sheetAnchor } from './monitoring'

/**
 * The monitoring's two reports as print pages (monitoring-pdf.tsx): the data report's front matter (cover, contents,
 * structure, the glossary once; its sheets are SheetSection's, html/monitoring.tsx) and the quarterly report.
 */

/** What the data report's front matter needs of its sheets: names and anchors in order, the glossary, two notes. */
export type ReportFrontData = {
  year: number
  demo: boolean
  sheets: { slug: string; name: string; county: boolean }[]
  glossary: GlossaryEntry[]
  noRanking: string
  protection: string
}

/**
 * Cover, contents and the front matter of the data report; the sheets follow as markup of their own. The contents
 * link every entry to its anchor: the first print's destinations (pdf-outline.ts) give the page of each, by id.
 */
export function ReportFront({ data, labels, pages }: { data: ReportFrontData; labels: MonitoringLabels; pages: Map<string, number> | null }) {
  const item = (id: string, title: string, lang?: string) => (
    <li key={id}>
      <a href={`#${id}`}>
        <span className="toc-text" lang={lang}>
          {title}
        </span>
        <span className="toc-page">{pages?.get(id) ?? ''}</span>
      </a>
    </li>
  )
  return (
    <>
      <section className="cover" aria-labelledby="cover-title">
        <h1 id="cover-title">{labels.t('monitoring:export.reportTitle', { year: data.year })}</h1>
        <p className="cover-subtitle">{labels.t('monitoring:export.reportSubtitle')}</p>
        <p>{labels.reportDate(data.year)}</p>
        {data.demo ? (
          <p className="demo" role="note">
            <strong>{labels.demo}</strong> – {labels.demoText}
          </p>
        ) : null}
      </section>
      <nav className="toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{labels.t('monitoring:export.toc')}</h2>
        <ol>
          {item('about', labels.t('monitoring:export.about'))}
          {item('glossary', labels.t('monitoring:sheet.glossary'))}
        </ol>
        <h3>{labels.t('monitoring:export.tocCounty')}</h3>
        <ol>{data.sheets.filter((s) => s.county).map((s) => item(sheetAnchor(s.slug), s.name, 'de'))}</ol>
        <h3>{labels.t('monitoring:export.tocMunicipalities')}</h3>
        <ol>{data.sheets.filter((s) => !s.county).map((s) => item(sheetAnchor(s.slug), s.name, 'de'))}</ol>
      </nav>
      <section className="front" id="about" aria-labelledby="about-title">
        <h1 id="about-title">{labels.t('monitoring:export.about')}</h1>
        <p>{labels.t('monitoring:export.aboutText')}</p>
        <p>{data.noRanking}</p>
        <p>{labels.t('monitoring:export.interpretationNote')}</p>
        <p className="small">{data.protection}</p>
      </section>
      <div className="front glossary-front" id="glossary">
        <Glossary entries={data.glossary} labels={labels} id="glossary-title" />
      </div>
    </>
  )
}

/** The quarterly statistical report of the Ausländerbehörde, sections 1–4. */
export function QuarterlyDocument({ view, labels }: { view: QuarterlyView; labels: MonitoringLabels }) {
  return (
    <article aria-labelledby="report-title">
      <header className="sheet-head">
        <h1 id="report-title">{view.title}</h1>
        <p className="subtitle">{view.subtitle}</p>
        <p className="small">{view.sources}</p>
        <p className="small">{view.protection}</p>
      </header>
      {view.report.demo ? (
        <p className="demo" role="note">
          <strong>{labels.demo}</strong> – {labels.demoText}
        </p>
      ) : null}
      {view.sections.map((s) => (
        <section key={s.section} className="quarter-section" aria-labelledby={`section-${s.section}`}>
          <h2 id={`section-${s.section}`}>{s.heading}</h2>
          {s.empty ? <p className="empty">{s.empty}</p> : null}
          {s.single ? <p>{s.single}</p> : null}
          {s.charts.map((c, i) => (
            <div key={c.chart.id}>
              {i === s.overviewFrom && s.overviewHeading ? <h3>{s.overviewHeading}</h3> : null}
              <PrintChart chart={c.chart} />
              {c.note ? <p className="small">{c.note}</p> : null}
            </div>
          ))}
          {s.benefits ? (
            <div className="benefits">
              <h3>
                {s.benefits.heading}: <span lang="de">{s.benefits.name}</span>
              </h3>
              <PrintTable caption={s.benefits.caption} header={s.benefits.header} rows={s.benefits.rows.map((cells) => ({ cells }))} />
              <p className="small">
                <CreditLines credits={s.benefits.credits} />
              </p>
            </div>
          ) : null}
        </section>
      ))}
      <section className="quarter-section" aria-labelledby="section-4">
        <h2 id="section-4">{view.quota.heading}</h2>
        <p>{view.quota.intro}</p>
        <PrintTable
          caption={view.quota.caption}
          header={view.quota.header}
          rows={view.quota.rows.map((r) => ({ cells: [r.territory, ...r.cells.map((c) => c.text)], strong: r.county, notes: ['', ...r.cells.map((c) => c.note)] }))}
          className="data quota"
        />
        <p className="small">
          {view.quota.credits.map((c, i) => (
            <span key={i}>
              {i > 0 ? ' · ' : null}
              <CreditLines credits={[c]} />
            </span>
          ))}
        </p>
        {view.quota.notes.length > 0 ? (
          <ul className="small" lang="de">
            {view.quota.notes.map((n) => (
              <li key={n}>* {n}</li>
            ))}
          </ul>
        ) : null}
      </section>
    </article>
  )
}
