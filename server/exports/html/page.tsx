import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { ATTAINMENT_COLOURS } from '../overview-layout'

/**
 * The HTML page every PDF is printed from: <html lang>, the document's <title> (Chromium makes it the PDF's title),
 * and the print styles. Fonts are the machine's (Liberation Sans, metric twin of Arial; DejaVu Sans for the symbols
 * it lacks); Chromium embeds the subsets it uses. No scripts: the print page runs with JavaScript off.
 */

const colour = (hex: string) => `#${hex}`

export const PRINT_CSS = `
@page { size: A4 landscape; margin: 17mm 14mm 15mm 14mm; }
@page portrait { size: A4 portrait; margin: 20mm 20mm 18mm 22mm; }
* { box-sizing: border-box; }
html { font-family: 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.3; color: #111827; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1, h2, h3 { color: #1f3864; break-after: avoid; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 2.5mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
p { margin: 0 0 2mm; }
.subtitle { font-weight: bold; font-size: 11.5pt; }
.small { font-size: 8pt; color: #374151; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 3mm; margin: 2mm 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.draft-note { font-style: italic; }
.legend { break-inside: avoid; border: 0.3mm solid #9ca3af; padding: 2mm 3mm; margin: 4mm 0; }
.legend h2, .legend h3 { margin-top: 0; }
.legend-columns { display: flex; gap: 12mm; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { margin: 0 0 1.2mm; }
.swatch { display: inline-block; width: 7mm; text-align: center; border: 0.3mm solid #6b7280; margin-right: 1.5mm; }
.mark { display: inline-block; min-width: 5mm; text-align: center; font-weight: bold; border: 0.3mm solid #4b5563; border-radius: 0.8mm; padding: 0 0.8mm; margin-right: 1mm; text-decoration: none; font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; }
section.field + section.field { break-before: page; }
table.overview { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.overview col.c-goal { width: 6%; }
table.overview col.c-description { width: 42%; }
table.overview col.c-measure { width: 33%; }
table.overview col.c-rating { width: 19%; }
table.overview th, table.overview td { border: 0.3mm solid #808080; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
table.overview thead { display: table-header-group; }
table.overview thead th { background: #d9e2f3; }
table.overview tr { break-inside: avoid; }
table.overview tr.challenge th { background: #f2f2f2; font-weight: bold; }
table.overview th.goal-number { text-align: center; vertical-align: middle; font-weight: bold; background: #fff; }
.units { display: block; font-size: 8pt; color: #4b5563; margin-top: 0.8mm; }
.rating .shape { font-family: 'DejaVu Sans', sans-serif; }
.rating .marks { display: block; margin-top: 0.8mm; }
.rating-none .shape { color: #6b7280; }
${Object.entries(ATTAINMENT_COLOURS)
  .map(([key, c]) => `.rating-${key} { background: ${colour(c.fill)}; } td.rating-${key} .word { color: ${colour(c.text)}; font-weight: bold; } .rating-${key} .shape { color: ${colour(c.shape)}; }`)
  .join('\n')}
.empty { font-style: italic; }
`

export function renderPage({ lang, title, css = '', children }: { lang: string; title: string; css?: string; children: ReactNode }): string {
  const markup = renderToStaticMarkup(
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: PRINT_CSS + css }} />
      </head>
      <body>{children}</body>
    </html>,
  )
  return `<!DOCTYPE html>${markup}`
}

/** Header and footer templates of page.pdf: they take no page CSS, so they carry their own styles. */
export function pageTemplates(labels: { runningHead: string; draft: boolean; draftMark: string; page: string; of: string; language: string }, margin = '14mm') {
  const style = `font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8pt; color: #4b5563; width: 100%; padding: 0 ${margin};`
  const draft = labels.draft ? `<span style="color:#b42318;font-weight:bold;margin-left:3mm">${escapeHtml(labels.draftMark.toLocaleUpperCase(labels.language))}</span>` : ''
  return {
    headerTemplate: `<div style="${style} text-align: right;"><span>${escapeHtml(labels.runningHead)}</span>${draft}</div>`,
    footerTemplate: `<div style="${style} text-align: center;">${escapeHtml(labels.page)} <span class="pageNumber"></span> ${escapeHtml(labels.of)} <span class="totalPages"></span></div>`,
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
