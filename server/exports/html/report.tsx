import type { ReactNode } from 'react'
import { isAllowedHref } from '../../../app/shared/live/extensions'
import type { ReportData, ReportNode, ReportReferences } from '../../services/report/report'
import type { OverviewLabels, ReportLabels } from '../overview-layout'
import { FieldSections, Legend, TitleBlock } from './overview'
import type { Language } from '../../../app/shared/i18n'
import { forumLabels } from '../forum-layout'
import { PARTICIPATION_CSS, ParticipationAnnexSection } from './forum-annex'

/**
 * The whole report as HTML for the tagged PDF: cover, "Inhalt" (links to the chapters, with the page numbers the
 * first print found: see report-pdf.tsx), the chapters as h1/h2 with their ProseMirror texts as paragraphs and
 * lists, the legend inside chapter 2, the optional generated statistics per field, and the overview as the annex on
 * landscape pages (named page), outside the numbering; when asked for, the participation annex ("Anlage: Beteiligung",
 * html/forum-annex.tsx) after it on portrait pages, outside the numbering too.
 */

export type TocEntry = { id: string; title: string; level: 1 | 2 }

/** The chapters in order, with the ids their headings and TOC links share. */
export function tocEntries(data: ReportData, labels: ReportLabels, language: Language = 'de'): TocEntry[] {
  return [
    { id: 'ch-1', title: labels.chapter(1, labels.introduction), level: 1 },
    { id: 'ch-2', title: labels.chapter(2, labels.method), level: 1 },
    { id: 'ch-3', title: labels.chapter(3, labels.results), level: 1 },
    ...data.fields.map((f) => ({ id: `ch-3-${f.number}`, title: labels.chapter(`3.${f.number}`, f.title), level: 2 as const })),
    { id: 'ch-4', title: labels.chapter(4, labels.conclusion), level: 1 },
    { id: 'annex', title: labels.annex, level: 1 },
    ...(data.participation ? [{ id: 'annex-participation', title: forumLabels(language).t('forums:annex.title'), level: 1 as const }] : []),
  ]
}

/**
 * `pages`: the page of each contents entry by its id (the first print's destinations, report-pdf.tsx), or null.
 * `measuring`: the print made only to learn those pages. When nothing the contents number follows the overview annex,
 * its body stays out (its heading, and so its page, stays): a third of the pages, and nothing before them moves.
 */
export function ReportDocument({ data, labels, overviewLabels, pages, measuring = false }: { data: ReportData; labels: ReportLabels; overviewLabels: OverviewLabels; pages: Map<string, number> | null; measuring?: boolean }) {
  const entries = tocEntries(data, labels, overviewLabels.language)
  const annexBody = !measuring || Boolean(data.participation)
  const heading = (id: string) => entries.find((e) => e.id === id)!.title
  return (
    <>
      <section className="cover" aria-labelledby="cover-title">
        <h1 id="cover-title" className="cover-title">
          {data.title || labels.coverTitle}
        </h1>
        {data.authors.length > 0 ? (
          <ul className="authors">
            {data.authors.map((a) => (
              <li key={`${a.name}|${a.unit}`}>{a.unit ? `${a.name}, ${a.unit}` : a.name}</li>
            ))}
          </ul>
        ) : null}
        <p className="cover-stand">{overviewLabels.stand}</p>
        {overviewLabels.draftNote ? <p className="draft-note">{overviewLabels.draftNote}</p> : null}
      </section>
      <nav className="toc" aria-labelledby="toc-title">
        <h2 id="toc-title" className="toc-title">
          {labels.toc}
        </h2>
        <ol>
          {entries.map((e) => (
            <li key={e.id} className={`toc-${e.level}`}>
              <a href={`#${e.id}`}>
                <span className="toc-text">{e.title}</span>
                <span className="toc-page">{pages?.get(e.id) ?? ''}</span>
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <main className="chapters">
        <section aria-labelledby="ch-1">
          <h1 id="ch-1">{heading('ch-1')}</h1>
          <Chapter node={data.introduction} labels={labels} references={data.references} />
        </section>
        <section aria-labelledby="ch-2">
          <h1 id="ch-2">{heading('ch-2')}</h1>
          <Chapter node={data.method} labels={labels} references={data.references} />
          <Legend labels={overviewLabels} />
        </section>
        <section aria-labelledby="ch-3">
          <h1 id="ch-3">{heading('ch-3')}</h1>
          {data.fields.map((f) => (
            <section key={f.number} aria-labelledby={`ch-3-${f.number}`}>
              <h2 id={`ch-3-${f.number}`}>{heading(`ch-3-${f.number}`)}</h2>
              <Chapter node={f.text} labels={labels} references={data.references} />
              {f.statistics ? <Statistics field={f.title} stats={f.statistics} labels={labels} overviewLabels={overviewLabels} /> : null}
            </section>
          ))}
        </section>
        <section aria-labelledby="ch-4">
          <h1 id="ch-4">{heading('ch-4')}</h1>
          <Chapter node={data.conclusion} labels={labels} references={data.references} />
        </section>
      </main>
      <section className="annex" aria-labelledby="annex">
        <h1 id="annex">{labels.annex}</h1>
        {annexBody ? (
          <>
            <TitleBlock labels={overviewLabels} level={2} />
            <Legend labels={overviewLabels} level={3} id="annex-legend-title" />
            <FieldSections data={data.overview} labels={overviewLabels} level={3} />
          </>
        ) : null}
      </section>
      {data.participation ? <ParticipationAnnexSection annex={data.participation} labels={forumLabels(overviewLabels.language)} id="annex-participation" title={heading('annex-participation')} /> : null}
    </>
  )
}

function Statistics({ field, stats, labels, overviewLabels }: { field: string; stats: NonNullable<ReportData['fields'][number]['statistics']>; labels: ReportLabels; overviewLabels: OverviewLabels }) {
  return (
    <table className="statistics">
      <caption>
        {labels.statisticsTitle(field)}
        <span className="small"> {labels.statisticsNote}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{labels.statisticsWhat}</th>
          <th scope="col">{labels.statisticsCount}</th>
        </tr>
      </thead>
      <tbody>
        {overviewLabels.legendAttainments.map((a) => (
          <tr key={a.key}>
            <th scope="row">{a.label}</th>
            <td>{stats.attainments[a.key]}</td>
          </tr>
        ))}
        {overviewLabels.legendFlags.map((f) => (
          <tr key={f.key}>
            <th scope="row">
              {f.symbol} {f.label}
            </th>
            <td>{stats.flags[f.key]}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{labels.statisticsMeasures}</th>
          <td>{stats.total}</td>
        </tr>
      </tbody>
    </table>
  )
}

function Chapter({ node, labels, references }: { node: ReportNode | null; labels: ReportLabels; references: ReportReferences }) {
  const blocks = node?.content ?? []
  if (blocks.length === 0 || !blocks.some((b) => textOf(b).trim())) return <p className="empty">{labels.emptyChapter}</p>
  // Chapters are the county's German texts, whatever the language of the labels around them.
  return <div lang="de">{blocks.map((b, i) => block(b, i, references))}</div>
}

function block(node: ReportNode, key: number, references: ReportReferences): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{inline(node.content ?? [], references)}</p>
    case 'bulletList':
      return <ul key={key}>{(node.content ?? []).map((item, i) => <li key={i}>{(item.content ?? []).map((b, j) => block(b, j, references))}</li>)}</ul>
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1
      return (
        <ol key={key} start={start}>
          {(node.content ?? []).map((item, i) => <li key={i}>{(item.content ?? []).map((b, j) => block(b, j, references))}</li>)}
        </ol>
      )
    }
    default:
      return <p key={key}>{inline([node], references)}</p>
  }
}

function inline(nodes: ReportNode[], references: ReportReferences): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.type === 'hardBreak') return <br key={i} />
    if (node.type !== 'text') {
      const resolved = references.resolve(node)
      return (
        <span key={i} lang={resolved?.lang}>
          {resolved ? resolved.text : textOf(node)}
        </span>
      )
    }
    let out: ReactNode = node.text ?? ''
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') out = <strong>{out}</strong>
      else if (mark.type === 'italic') out = <em>{out}</em>
      else if (mark.type === 'link' && isAllowedHref(mark.attrs?.href)) out = <a href={mark.attrs.href}>{out}</a>
    }
    return <span key={i}>{out}</span>
  })
}

export function textOf(node: ReportNode): string {
  if (node.type === 'text') return node.text ?? ''
  // An inline atom (an indicator reference) is content though it has no text of its own.
  if (node.type === 'indicatorReference') return String(node.attrs?.value ?? '')
  return (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '')
}

export const REPORT_CSS = `
@page { size: A4 portrait; margin: 22mm 20mm 20mm 22mm; }
@page annex { size: A4 landscape; margin: 17mm 14mm 15mm 14mm; }
html { font-size: 10.5pt; line-height: 1.45; }
.cover { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; }
.cover-title { font-size: 22pt; line-height: 1.25; }
.authors { list-style: none; padding: 0; margin: 10mm 0 6mm; font-size: 11pt; }
.authors li { margin-bottom: 1.5mm; }
.cover-stand { font-size: 11pt; }
.toc { break-before: page; break-after: page; }
.toc-title { font-size: 16pt; }
.toc ol { list-style: none; padding: 0; }
.toc li { margin: 0 0 1.8mm; }
.toc li.toc-2 { padding-left: 8mm; }
.toc a { display: flex; color: inherit; text-decoration: none; }
.toc .toc-text { flex: 1; border-bottom: 0.3mm dotted #9ca3af; margin-right: 2mm; }
.toc .toc-page { min-width: 8mm; text-align: right; }
.chapters h1 { font-size: 15pt; margin-top: 8mm; }
.chapters h2 { font-size: 12.5pt; }
.chapters ul, .chapters ol { margin: 0 0 2mm; padding-left: 7mm; }
table.statistics { border-collapse: collapse; margin: 3mm 0 4mm; break-inside: avoid; }
table.statistics caption { text-align: left; font-weight: bold; margin-bottom: 1mm; caption-side: top; }
table.statistics th, table.statistics td { border: 0.3mm solid #808080; padding: 0.8mm 2mm; text-align: left; }
table.statistics td { text-align: right; min-width: 20mm; }
.annex { page: annex; break-before: page; font-size: 9.5pt; line-height: 1.3; }
${PARTICIPATION_CSS}`
