/**
 * A horizontal bar chart as SVG (rendered on the server with the page): every bar carries its label and its count
 * and share as text, so nothing is told by colour alone; the caller puts a table with the same numbers beside it.
 * Its own component beside app/shared/charts/charts.tsx: a poll's bars are shares of one vote, drawn large on the plenary's
 * projector (`large`), with the result table already beside them in PollResult; the monitoring's BarChart draws
 * values on a scale inside a figure that brings its own table.
 */
export type Bar = { label: string; count: number; percent: number }

export function BarChart({ bars, title, lang, formatPercent, formatCount, large = false }: { bars: Bar[]; title: string; lang?: string; formatPercent: (v: number) => string; formatCount: (v: number) => string; large?: boolean }) {
  const rowHeight = large ? 72 : 40
  const labelWidth = large ? 420 : 260
  const barWidth = large ? 700 : 420
  const valueWidth = large ? 260 : 160
  const font = large ? 30 : 15
  const width = labelWidth + barWidth + valueWidth
  const height = bars.length * rowHeight + 8
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" data-testid="bar-chart">
      <title>{title}</title>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4
        const w = Math.max(bar.percent > 0 ? 3 : 0, (Math.min(bar.percent, 100) / 100) * barWidth)
        return (
          <g key={index}>
            <text x={labelWidth - 12} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="middle" fontSize={font} fill="#0f172a" lang={lang}>
              {bar.label.length > 40 ? `${bar.label.slice(0, 39)}…` : bar.label}
            </text>
            <rect x={labelWidth} y={y + rowHeight * 0.15} width={barWidth} height={rowHeight * 0.7} fill="#e2e8f0" />
            <rect x={labelWidth} y={y + rowHeight * 0.15} width={w} height={rowHeight * 0.7} fill="#0b5360" />
            <text x={labelWidth + barWidth + 12} y={y + rowHeight / 2} dominantBaseline="middle" fontSize={font} fontWeight="bold" fill="#0f172a">
              {`${formatCount(bar.count)} (${formatPercent(bar.percent)})`}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
