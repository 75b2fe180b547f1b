import type { ReactNode } from 'react'
import type { Attainment } from '~/shared/vocabulary'

/**
 * Counts as a small column chart, drawn as SVG on the server, with the same figures as a table beside it (every
 * chart has its table). Colour is never the only cue: each column carries its count above and its marker below
 * (a rating's shape, a mark's symbol), rating columns are filled with a pattern of their own, and the chart's
 * accessible name says what it shows; the table names every column in words.
 *
 * Hook-free (strings come in translated), so that markup rendered once and shared (the overview's catalogue) can
 * hold it. The patterns are defined once per page by <ChartPatterns />.
 */

export type CountBar = {
  key: string
  /** The column's name in words (table, tooltip). */
  label: string
  value: number
  /** Fill: a pattern of <ChartPatterns /> (`pattern-<name>`), or a class for a plain fill. */
  fill: { pattern: ChartPattern } | { className: string }
  /** Drawn below the column, in a 12 × 12 box. */
  marker: ReactNode
  /** Extra classes for the marker's group (its fill or stroke). */
  markerClassName?: string
}
export type CountGroup = { key: string; label: string; bars: CountBar[] }

const STEP = 34
const BAR = 24
const GROUP_GAP = 24
const TOP = 30
const HEIGHT = 48
const BOTTOM = 20

export function CountChart({
  id,
  title,
  groups,
  tableSummary,
  columnHeader,
  valueHeader,
}: {
  /** Unique on the page: the chart's and table's ids derive from it. */
  id: string
  /** What the chart shows, as one sentence: its accessible name and caption. */
  title: string
  groups: CountGroup[]
  /** The summary of the <details> that holds the table. */
  tableSummary: string
  columnHeader: string
  valueHeader: string
}) {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)))
  let x = 0
  const placed = groups.map((group) => {
    const start = x
    x += group.bars.length * STEP + GROUP_GAP
    return { group, start }
  })
  const width = x - GROUP_GAP
  return (
    <figure className="min-w-0 space-y-1" data-chart={id}>
      {/* Presentation attributes sit on the groups and are inherited: the chart is drawn nine times on the overview. */}
      <svg
        viewBox={`0 0 ${width} ${TOP + HEIGHT + BOTTOM}`}
        width={width}
        className="h-auto max-w-full fill-slate-900 text-[11px]"
        role="img"
        aria-labelledby={`${id}-title`}
        focusable="false"
      >
        {placed.map(({ group, start }) => (
          <g key={group.key}>
            <text x={start} y={11} className="font-semibold">
              {group.label}
            </text>
            <path d={`M${start} ${TOP + HEIGHT + 0.5}h${group.bars.length * STEP - (STEP - BAR)}`} className="stroke-slate-700" />
            <g textAnchor="middle">
              {group.bars.map((bar, i) => {
                const left = start + i * STEP
                const height = Math.round((bar.value / max) * HEIGHT)
                const top = TOP + HEIGHT - height
                const fill = 'pattern' in bar.fill ? { fill: `url(#${PATTERN_PREFIX}${bar.fill.pattern})` } : { className: `stroke-slate-700 ${bar.fill.className}` }
                return (
                  <g key={bar.key} data-bar={bar.key}>
                    <title>{`${bar.label}: ${bar.value}`}</title>
                    {height > 0 ? <rect x={left} y={top} width={BAR} height={height} className="stroke-slate-700" strokeWidth="0.75" {...fill} /> : null}
                    <text x={left + BAR / 2} y={top - 4}>
                      {bar.value}
                    </text>
                    <g transform={`translate(${left + BAR / 2 - 6} ${TOP + HEIGHT + 5})`} className={bar.markerClassName}>
                      {bar.marker}
                    </g>
                  </g>
                )
              })}
            </g>
          </g>
        ))}
      </svg>
      <figcaption id={`${id}-title`} className="text-xs text-slate-700">
        {title}
      </figcaption>
      <details className="text-xs">
        <summary className="cursor-pointer">{tableSummary}</summary>
        <table className="table mt-1 w-auto text-xs [&_td]:text-right [&_td]:tabular-nums [&_tbody_th]:bg-white [&_tbody_th]:font-normal">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{columnHeader}</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.key}>
              <tr>
                <th scope="rowgroup" colSpan={2} className="font-semibold!">
                  {group.label}
                </th>
              </tr>
              {group.bars.map((bar) => (
                <tr key={bar.key}>
                  <th scope="row">{bar.label}</th>
                  <td>{bar.value}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </details>
    </figure>
  )
}

export type ChartPattern = Attainment | 'none' | 'mark'
const PATTERN_PREFIX = 'zw-chart-'

/**
 * The fills of the chart columns, once per page: solid for "hoch", stripes for "mittel", cross-hatching for
 * "gering", dots for "unklar", an empty column for "noch nicht bewertet", and dense stripes for marks.
 */
export function ChartPatterns() {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
      <defs>
        <pattern id={`${PATTERN_PREFIX}high`} width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" className="fill-rating-high-shape" />
        </pattern>
        <pattern id={`${PATTERN_PREFIX}medium`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="5" height="5" className="fill-rating-medium-bg" />
          <rect width="2.5" height="5" className="fill-rating-medium-shape" />
        </pattern>
        <pattern id={`${PATTERN_PREFIX}low`} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" className="fill-rating-low-bg" />
          <path d="M0 0L5 5M5 0L0 5" className="stroke-rating-low-shape" strokeWidth="1.2" />
        </pattern>
        <pattern id={`${PATTERN_PREFIX}unclear`} width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" className="fill-rating-unclear-bg" />
          <circle cx="2" cy="2" r="1.1" className="fill-rating-unclear-shape" />
        </pattern>
        <pattern id={`${PATTERN_PREFIX}none`} width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" className="fill-white" />
        </pattern>
        <pattern id={`${PATTERN_PREFIX}mark`} width="3" height="3" patternUnits="userSpaceOnUse">
          <rect width="3" height="3" className="fill-slate-200" />
          <rect width="3" height="1.5" className="fill-slate-600" />
        </pattern>
      </defs>
    </svg>
  )
}
