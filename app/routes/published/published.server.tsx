import type { RouterContextProvider } from 'react-router'
import { renderToStaticMarkup } from 'react-dom/server'
import { isLocale, type Locale } from '~/shared/i18n'
import { getI18n, getServices, getT, notFound } from '../../../server/auth/require'
import { download, type DownloadKind } from '../../../server/http/download'
import { FieldSections, Legend, TitleBlock } from '../../../server/exports/html/overview'
import { ReportDocument } from '../../../server/exports/html/report'
import { ATTAINMENT_COLOURS, exportFileName, overviewLabels, reportLabels } from '../../../server/exports/overview-layout'
import { BrowserFailed, BrowserMissing } from '../../../server/exports/pdf'
import { overviewCsvOffThread, overviewDocxOffThread, overviewPdfOffThread, overviewXlsxOffThread, reportDocxOffThread, reportPdfOffThread } from '../../../server/exports/export-process'
import { isRoundPublished, publishedRounds, requirePublicationRound } from '../../../server/services/publications/publications'
import { overviewData } from '../../../server/services/report/overview'
import { reportData } from '../../../server/services/report/report'
import { INDICATOR_REFERENCES } from '../../../server/services/report/references'
import { IdParam } from '~/shared/forms'

/**
 * The public pages of published rounds, without login and without JavaScript: the list, a round's overview, its
 * report, and their files. Every page and file asks isRoundPublished first and answers 404 for a round that was
 * never published or was withdrawn, so nothing of an unpublished round is read. What is shown is what the files
 * say: the agreed ratings (a proposal only where none was agreed, marked so), unfiltered, and the document is the
 * exports' own HTML (server/exports/html), rendered here once per request as static markup.
 */

type Ctx = Readonly<RouterContextProvider>

const localeOf = (context: Ctx): Locale => {
  const language = getI18n(context).language
  return isLocale(language) ? language : 'de'
}

/** The round id of a public address, if that round is published; else the German (or English) 404. */
function requirePublishedRound(context: Ctx, param: string | undefined) {
  const { db } = getServices(context)
  const id = IdParam.safeParse(param)
  if (!id.success || !isRoundPublished(db, id.data)) throw notFound(getT(context)('report:published.notPublished', { id: param ?? '' }))
  return requirePublicationRound(db, id.data)
}

export function loadPublishedList(context: Ctx) {
  const { db } = getServices(context)
  return { title: getT(context)('report:published.title'), rounds: publishedRounds(db) }
}

export function loadPublishedOverview(context: Ctx, param: string | undefined) {
  const round = requirePublishedRound(context, param)
  const { db } = getServices(context)
  const locale = localeOf(context)
  const data = overviewData(db, round.id, 'agreed', {})
  const labels = overviewLabels(data, locale)
  const markup = renderToStaticMarkup(
    <>
      <TitleBlock labels={labels} />
      <Legend labels={labels} />
      <FieldSections data={data} labels={labels} />
    </>,
  )
  return { title: `${getT(context)('report:published.overview')}: ${round.name}`, round: { id: round.id, name: round.name }, markup, css: DOCUMENT_CSS }
}

export function loadPublishedReport(context: Ctx, param: string | undefined) {
  const round = requirePublishedRound(context, param)
  const { db } = getServices(context)
  const locale = localeOf(context)
  const data = reportData(db, round.id, { values: 'agreed', filters: {}, statistics: false }, {}, INDICATOR_REFERENCES)
  // The app's layout holds the page's one <main>: the report's chapters become a plain block inside it.
  const markup = renderToStaticMarkup(<ReportDocument data={data} labels={reportLabels(data.overview, locale)} overviewLabels={overviewLabels(data.overview, locale)} pages={null} />)
    .replace('<main class="chapters">', '<div class="chapters">')
    .replace('</main>', '</div>')
  return { title: `${getT(context)('report:published.report')}: ${round.name}`, round: { id: round.id, name: round.name }, markup, css: DOCUMENT_CSS }
}

const FILES = { uebersicht: ['docx', 'pdf', 'xlsx', 'csv'], bericht: ['docx', 'pdf'] } as const satisfies Record<string, readonly DownloadKind[]>

const text = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

/** /veroeffentlicht/runden/:roundId/(uebersicht.(docx|pdf|xlsx|csv)|bericht.(docx|pdf)): the exports' builders, unfiltered, agreed values. */
export async function publishedFile(context: Ctx, params: { roundId?: string; file?: string }) {
  const round = requirePublishedRound(context, params.roundId)
  const t = getT(context)
  const match = /^(uebersicht|bericht)\.([a-z]+)$/.exec(params.file ?? '')
  const what = match?.[1] as keyof typeof FILES | undefined
  const kind = match?.[2] as DownloadKind | undefined
  if (!what || !kind || !(FILES[what] as readonly string[]).includes(kind)) throw notFound(t('report:errors.unknownFile', { file: params.file ?? '' }))
  const { db } = getServices(context)
  const language = localeOf(context)
  try {
    if (what === 'uebersicht') {
      const data = overviewData(db, round.id, 'agreed', {})
      const bytes =
        kind === 'docx' ? await overviewDocxOffThread(data, language) : kind === 'pdf' ? await overviewPdfOffThread(data, language) : kind === 'xlsx' ? await overviewXlsxOffThread(data, language) : await overviewCsvOffThread(data, language)
      return download(bytes, exportFileName(t('report:file.overview', { round: round.name }), kind), kind)
    }
    const data = reportData(db, round.id, { values: 'agreed', filters: {}, statistics: false }, {}, INDICATOR_REFERENCES)
    const bytes = kind === 'docx' ? await reportDocxOffThread(data, language) : await reportPdfOffThread(data, language)
    return download(bytes, exportFileName(t('report:file.report', { round: round.name }), kind), kind)
  } catch (error) {
    if (error instanceof BrowserMissing) return text(t('report:errors.browserMissing', { path: error.path }), 503)
    if (error instanceof BrowserFailed) return text(t('report:errors.browserFailed', { reason: error.message }), 503)
    throw error
  }
}

/** The print view's classes (server/exports/html) for the screen, inside `.published-document` only. */
const DOCUMENT_CSS = `
.published-document { line-height: 1.5; }
.published-document h1 { font-size: 1.5rem; font-weight: 700; margin: 2rem 0 0.75rem; }
.published-document h2 { font-size: 1.25rem; font-weight: 600; margin: 1.75rem 0 0.5rem; }
.published-document h3 { font-size: 1.1rem; font-weight: 600; margin: 1.25rem 0 0.5rem; }
.published-document p { margin: 0 0 0.5rem; max-width: 60rem; }
.published-document .subtitle { font-weight: 600; }
.published-document dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.75rem; margin: 0.5rem 0; }
.published-document dl.meta dt { font-weight: 600; }
.published-document dl.meta dd { margin: 0; }
.published-document .legend { border: 1px solid #9ca3af; border-radius: 0.25rem; background: #fff; padding: 0.75rem 1rem; margin: 1rem 0; }
.published-document .legend h2, .published-document .legend h3 { margin-top: 0; }
.published-document .legend-columns { display: flex; flex-wrap: wrap; gap: 0.5rem 3rem; }
.published-document .legend ul { list-style: none; margin: 0; padding: 0; }
.published-document .legend li { margin: 0 0 0.3rem; }
.published-document .swatch { display: inline-block; width: 1.75rem; text-align: center; border: 1px solid #6b7280; margin-right: 0.4rem; }
.published-document .mark { display: inline-block; min-width: 1.3rem; text-align: center; font-weight: 700; border: 1px solid #4b5563; border-radius: 0.2rem; padding: 0 0.2rem; margin-right: 0.25rem; text-decoration: none; }
.published-document section.field { overflow-x: auto; }
.published-document table.overview { width: 100%; min-width: 48rem; border-collapse: collapse; table-layout: fixed; background: #fff; }
.published-document table.overview col.c-goal { width: 6%; }
.published-document table.overview col.c-description { width: 40%; }
.published-document table.overview col.c-measure { width: 34%; }
.published-document table.overview col.c-rating { width: 20%; }
.published-document table.overview th, .published-document table.overview td { border: 1px solid #808080; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
.published-document table.overview thead th { background: #d9e2f3; }
.published-document table.overview tr.challenge th { background: #f2f2f2; font-weight: 700; }
.published-document table.overview th.goal-number { text-align: center; vertical-align: middle; font-weight: 700; background: #fff; }
.published-document .units { display: block; font-size: 0.85rem; color: #4b5563; margin-top: 0.2rem; }
.published-document .rating .marks { display: block; margin-top: 0.2rem; }
.published-document .rating-none .shape { color: #4b5563; }
${Object.entries(ATTAINMENT_COLOURS)
  .map(([key, c]) => `.published-document .rating-${key} { background: #${c.fill}; } .published-document td.rating-${key} .word { color: #${c.text}; font-weight: 700; } .published-document .rating-${key} .shape { color: #${c.shape}; }`)
  .join('\n')}
.published-document .empty { font-style: italic; }
.published-document .draft-note { font-style: italic; }
.published-document .cover { padding: 1rem 0 1.5rem; border-bottom: 1px solid #d1d5db; }
.published-document .cover-title { font-size: 1.75rem; margin-top: 0.5rem; }
.published-document .authors { list-style: none; padding: 0; margin: 1rem 0; }
.published-document .toc ol { list-style: none; padding: 0; }
.published-document .toc li { margin: 0 0 0.3rem; }
.published-document .toc li.toc-2 { padding-left: 1.5rem; }
.published-document .toc .toc-page { display: none; }
.published-document .chapters ul, .published-document .chapters ol { margin: 0 0 0.5rem; padding-left: 1.5rem; list-style: disc; }
.published-document .chapters ol { list-style: decimal; }
.published-document table.statistics { border-collapse: collapse; margin: 0.75rem 0 1rem; }
.published-document table.statistics caption { text-align: left; font-weight: 700; caption-side: top; }
.published-document table.statistics th, .published-document table.statistics td { border: 1px solid #808080; padding: 0.2rem 0.5rem; text-align: left; }
.published-document .annex { margin-top: 2.5rem; border-top: 1px solid #d1d5db; }
`
