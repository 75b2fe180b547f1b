import { renderToStaticMarkup } from 'react-dom/server'
import type { PollResult } from '../../services/forums/polls'
import type { ForumLabels } from '../forum-layout'

/**
 * A televoting result as a horizontal bar chart: one bar per answer, its length the share of those who voted, the
 * count and the share written beside it (never colour or length alone), the answer's text before it. The same SVG
 * goes inline into the PDF's HTML (role="img" with the text alternative, which Chromium tags as a Figure with /Alt)
 * and, rendered to PNG by sharp, into the DOCX. The table beside it has the same figures.
 */

export const CHART_WIDTH = 640
const LABEL_WIDTH = 230
const VALUE_WIDTH = 110
const ROW = 30
const BAR = 18
const TOP = 8
const FONT = "'Liberation Sans', Arial, 'DejaVu Sans', sans-serif"

const cut = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export function chartHeight(poll: PollResult): number {
  return TOP * 2 + poll.options.length * ROW
}

export function PollChart({ poll, labels, alt }: { poll: PollResult; labels: ForumLabels; alt?: string }) {
  const barSpace = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
  const height = chartHeight(poll)
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${CHART_WIDTH} ${height}`} width={CHART_WIDTH} height={height} role={alt ? 'img' : undefined} aria-label={alt} fontFamily={FONT} fontSize={13}>
      <rect width={CHART_WIDTH} height={height} fill="#ffffff" />
      <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={TOP / 2} y2={height - TOP / 2} stroke="#4b5563" strokeWidth={1} />
      {poll.options.map((option, i) => {
        const y = TOP + i * ROW
        const width = Math.max(0, Math.min(100, option.percent)) * (barSpace / 100)
        return (
          <g key={option.id}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" fill="#111827">
              {cut(option.label)}
            </text>
            <rect x={LABEL_WIDTH} y={y + (ROW - BAR) / 2} width={width} height={BAR} fill="#1f3864" />
            <text x={LABEL_WIDTH + width + 6} y={y + ROW / 2 + 4} fill="#111827">
              {`${labels.number(option.count)} (${labels.percent(option.percent)})`}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** The chart as an SVG file's text (for the DOCX's PNG). */
export function pollChartSvg(poll: PollResult, labels: ForumLabels): string {
  return renderToStaticMarkup(<PollChart poll={poll} labels={labels} />)
}
