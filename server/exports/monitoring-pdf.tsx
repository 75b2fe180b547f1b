import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { renderToStaticMarkup } from 'react-dom/server'
import type { Language } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'
import { glossary } from '../../app/shared/monitoring-figures'
import type { QuarterlyReport, Sheet } from '../../app/shared/monitoring'
import { MONITORING_CSS, SheetSection } from './html/monitoring'
import { QuarterlyDocument, ReportFront, type ReportFrontData } from './html/monitoring-reports'
import { renderPage } from './html/page'
import { exportQuarterlyView, exportSheetView, monitoringLabels, monitoringPageTemplates } from './monitoring-layout'
import { destinationPages, pageCount } from './pdf-outline'
import { printPdfs } from './pdf'

/**
 * The monitoring's tagged PDFs: one data sheet, the data report (all 22 sheets of a year), the quarterly report.
 * Server-side React renders the print page (html/monitoring.tsx, with the app's chart components), Chromium prints
 * it (pdf.ts: one browser, `tagged: true`, bookmarks per heading), both in the export process (export-process.ts: a data
 * report's 22 sheets are megabytes of SVG and tables).
 *
 * The data report's contents need page numbers, which Chromium does not print: as the evaluation report, it is
 * printed a first time to learn them (measurePages: untagged, cheap) and then for good with the numbers filled in.
 * The numbers sit right-aligned in slots of their own, so filling them in moves nothing.
 */

const BODY = '<main id="monitoring-body"></main>'

function page(language: Language, title: string, body: string, className?: string): string {
  const html = renderPage({ lang: language, title, css: MONITORING_CSS, children: <main id="monitoring-body" /> }).replace(BODY, body)
  return className ? html.replace(`<html lang="${language}">`, `<html lang="${language}" class="${className}">`) : html
}

const sheetLabels = (sheet: Sheet, language: Language) => {
  const title = `${tFor(language)('monitoring:sheet.titleShort', { year: sheet.year })}: ${sheet.territory.name}`
  return { title, labels: monitoringLabels(language, { demo: sheet.demo, head: title }) }
}

export function sheetHtml(sheet: Sheet, language: Language): string {
  const { title, labels } = sheetLabels(sheet, language)
  return page(language, title, renderToStaticMarkup(<SheetSection view={exportSheetView(sheet, language)} labels={labels} />))
}

export async function sheetPdf(sheet: Sheet, language: Language): Promise<Uint8Array> {
  const { labels } = sheetLabels(sheet, language)
  const [pdf] = await printPdfs([sheetHtml(sheet, language)], monitoringPageTemplates(labels))
  return pdf!
}

export type Datenreport = { year: number; sheets: Sheet[] }

const reportLabels = (report: Datenreport, language: Language) => {
  const demo = report.sheets.some((s) => s.demo)
  const title = tFor(language)('monitoring:export.reportTitle', { year: report.year })
  return { demo, title, labels: monitoringLabels(language, { demo, head: title }) }
}

/** The 22 sheets' markup, one after the other (the data report's body; ids carry each sheet's slug). */
export function datenreportSheetsHtml(report: Datenreport, language: Language): string {
  const { labels } = reportLabels(report, language)
  return report.sheets.map((sheet) => renderToStaticMarkup(<SheetSection view={exportSheetView(sheet, language, `${sheet.territory.slug}-`)} labels={labels} report />)).join('')
}

export async function datenreportPdf(report: Datenreport, language: Language): Promise<Uint8Array> {
  const { demo, title, labels } = reportLabels(report, language)
  const t = tFor(language)
  const first = report.sheets[0]
  const front: ReportFrontData = {
    year: report.year,
    demo,
    sheets: report.sheets.map((s) => ({ slug: s.territory.slug, name: s.territory.name, county: s.territory.kind === 'county' })),
    glossary: glossary(first?.areas.flatMap((a) => a.indicators) ?? [], t),
    noRanking: t('monitoring:sheet.noRanking'),
    protection: first ? t('monitoring:figure.protectionNote', { threshold: first.threshold, below: first.threshold - 1 }) : '',
  }
  const body = datenreportSheetsHtml(report, language)
  const frontMarkup = (pages: Map<string, number> | null) => renderToStaticMarkup(<ReportFront data={front} labels={labels} pages={pages} />)
  const templates = monitoringPageTemplates(labels)
  const unnumbered = frontMarkup(null)
  // The same markup always breaks into the same pages: a report exported again unchanged (a published year, read by
  // many) is printed once, not twice.
  const key = createHash('sha256').update(language).update(unnumbered).update(body).digest('base64url')
  const print = async (numbers: Map<string, number>) => (await printPdfs([page(language, title, frontMarkup(numbers) + body)], templates))[0]!
  const known = measured.get(key)
  if (known) return print(known)
  // A report of the same year, language and sheets printed before (one sheet's interpretation changed, say) most
  // likely breaks into the same pages: print with those numbers and check them against where the printed links
  // lead; only if a part moved is the report printed again, with the pages that print has shown. The numbers never
  // change the layout (the front matter's size does not depend on them), so the second print is right.
  const shape = `${language}|${report.year}|${front.sheets.map((s) => s.slug).join(',')}`
  const guess = byShape.get(shape)
  if (guess) {
    const pdf = await print(guess)
    const printed = destinationPages(pdf)
    const actual = new Map([...guess.keys()].map((anchor) => [anchor, printed.get(anchor) ?? Number.NaN]))
    if ([...actual.values()].every((n) => Number.isInteger(n))) {
      remember(key, shape, actual)
      return [...actual].every(([anchor, number]) => guess.get(anchor) === number) ? pdf : print(actual)
    }
    // A link the print did not resolve: measure as for a new report.
  }
  const pages = await measurePages(language, title, unnumbered, body, templates)
  remember(key, shape, pages)
  return print(pages)
}

const measured = new LRUCache<string, Map<string, number>>({ max: 16 })
const byShape = new LRUCache<string, Map<string, number>>({ max: 16 })
function remember(key: string, shape: string, pages: Map<string, number>) {
  measured.set(key, pages)
  byShape.set(shape, pages)
}

/**
 * Where the data report's parts begin, by anchor: the front matter's and each sheet's first page. A print made only
 * for this is untagged, paints nothing but the links (visibility keeps the layout) and its charts are empty boxes (an
 * <svg> with a viewBox and a width has its size without its contents; half the cost of a sheet is in its charts).
 * Every sheet begins on a page of its own, so the report is measured in two halves at once, one per core, and the
 * second half's pages count on from the first's; each half links the anchors it holds, and the links' destinations
 * give their pages (pdf-outline.ts).
 */
async function measurePages(language: Language, title: string, front: string, body: string, templates: ReturnType<typeof monitoringPageTemplates>): Promise<Map<string, number>> {
  const starts = [...body.matchAll(/<section class="sheet" id="([^"]+)"/g)]
  const half = Math.ceil(starts.length / 2)
  const cut = starts[half]?.index ?? body.length
  const links = starts.slice(half).map((m) => `<a href="#${m[1]}">${m[1]}</a>`)
  const measuring = (markup: string) => page(language, title, markup, 'measure').replace(/(<svg\b[^>]*>)[\s\S]*?<\/svg>/g, '$1</svg>')
  const parts = [front + body.slice(0, cut), ...(cut < body.length ? [`<nav class="toc measure-links">${links.join('')}</nav>${body.slice(cut)}`] : [])]
  const printed = await Promise.all(parts.map((markup) => printPdfs([{ html: measuring(markup), tagged: false }], templates).then(([pdf]) => pdf!)))
  const pages = new Map(destinationPages(printed[0]!))
  const offset = pageCount(printed[0]!)
  if (printed[1]) for (const [anchor, number] of destinationPages(printed[1])) pages.set(anchor, number + offset)
  return pages
}

const quarterlyLabels = (report: QuarterlyReport, language: Language) => {
  const t = tFor(language)
  const title = `${t('monitoring:quarterly.title')} ${t('monitoring:quarterly.quarterOption', { quarter: report.quarter, year: report.year })}`
  return { title, labels: monitoringLabels(language, { demo: report.demo, head: title, quarterly: true }) }
}

export function quarterlyHtml(report: QuarterlyReport, language: Language): string {
  const { title, labels } = quarterlyLabels(report, language)
  return page(language, title, renderToStaticMarkup(<QuarterlyDocument view={exportQuarterlyView(report, language)} labels={labels} />))
}

export async function quarterlyPdf(report: QuarterlyReport, language: Language): Promise<Uint8Array> {
  const { labels } = quarterlyLabels(report, language)
  const [pdf] = await printPdfs([quarterlyHtml(report, language)], monitoringPageTemplates(labels))
  return pdf!
}
