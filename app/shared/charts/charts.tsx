import { useId, type ReactNode } from 'react'
import { scaleLinear, scalePoint } from 'd3-scale'
import { line } from 'd3-shape'

/**
 * Charts as server-rendered SVG: d3-scale and d3-shape compute scales and paths, React writes the elements, so a
 * chart needs no JavaScript in the browser and prints the same (later in the PDF). Every chart sits in a <figure>
 * with its title, a text summary, its source and reference date, and the same figures as a table. Series differ by
 * colour and by dash pattern and marker shape, and every bar and line end carries its label: never colour alone.
 *
 * The components know nothing of the monitoring: they take numbers (null for "not shown") and the texts to print
 * (formatted by the caller in the page's language). They live in app/shared/ because the server's print pages
 * (server/exports/html/monitoring.tsx) draw them too; this folder is the one place there that may use React, and
 * only React itself (.oxlintrc.json: no router, no translation hook, no browser or live-document API).
 */

/** Series styles: colour (each ≥ 3:1 on white), dash pattern and marker, distinguishable in greyscale too. */
export const SERIES_STYLES = [
  { colour: '#0b5360', dash: '', marker: 'circle' },
  { colour: '#8a4b00', dash: '6 4', marker: 'square' },
  { colour: '#4b5368', dash: '2 3', marker: 'triangle' },
] as const
export type Marker = (typeof SERIES_STYLES)[number]['marker']

const WIDTH = 640
const FONT = 12
/** Coordinates to one decimal: the markup stays small, and a tenth of a unit is below a pixel. */
const r1 = (n: number) => Math.round(n * 10) / 10
const defaultTick = (n: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(n)

export type ChartTexts = {
  /** The figure's heading. */
  title: string
  /** One or two sentences that say what the chart shows, for everybody (and screen readers). */
  summary: string
  /** "Datenquelle: …", "Stichtag: …" lines printed under the chart (nodes, so data can carry its own lang). */
  credits: ReactNode[]
  /** Caption of the data table. */
  tableCaption: string
  /** Language of data labels (municipality and category names are German). */
  dataLang?: string
  /** Axis numbers in the page's language (d3's own formatting is English); default: Intl in the document's. */
  formatTick?: (value: number) => string
}

/** The frame of every chart: title, SVG, summary, credits, table. */
export function ChartFigure({ id: given, texts, children, table, testId }: { id?: string; texts: ChartTexts; children: ReactNode; table: ReactNode; testId?: string }) {
  const auto = useId()
  const id = given ?? auto
  return (
    <figure className="space-y-2" aria-labelledby={`${id}-title`} data-testid={testId}>
      <figcaption id={`${id}-title`} className="font-semibold">
        {texts.title}
      </figcaption>
      {children}
      <p className="text-sm">{texts.summary}</p>
      {texts.credits.length > 0 ? (
        <p className="text-xs text-slate-700" data-testid="chart-credits">
          {texts.credits.map((c, i) => (
            <span key={i} className="block">
              {c}
            </span>
          ))}
        </p>
      ) : null}
      <div className="overflow-x-auto">{table}</div>
    </figure>
  )
}

/**
 * A chart's values as a table of two columns (what the bar and the range chart show): a name per row, in the data's
 * language, and its value; `children` are rows after them (the range chart's municipal range).
 */
function ValueTable({ texts, header, rows, children }: { texts: ChartTexts; header: [string, string]; rows: { label: ReactNode; display: ReactNode }[]; children?: ReactNode }) {
  return (
    <table className="table">
      <caption className="sr-only">{texts.tableCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{header[0]}</th>
          <th scope="col" className="text-right">
            {header[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            <th scope="row" className="border-slate-200 bg-white font-normal" lang={texts.dataLang}>
              {row.label}
            </th>
            <td className="text-right tabular-nums">{row.display}</td>
          </tr>
        ))}
        {children}
      </tbody>
    </table>
  )
}

function MarkerShape({ marker, x, y, colour, size = 5 }: { marker: Marker; x: number; y: number; colour: string; size?: number }) {
  if (marker === 'square') return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} fill="white" stroke={colour} strokeWidth={2} />
  if (marker === 'triangle') return <path d={`M${x},${y - size - 1} L${x + size + 1},${y + size} L${x - size - 1},${y + size} Z`} fill={colour} />
  return <circle cx={x} cy={y} r={size} fill={colour} />
}

// ── Bars ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export type Bar = { label: string; value: number | null; display: string }

/** Horizontal bars, one per row, each with its label and its value as text; a row without value shows its text only. */
export function BarChart({ id: given, texts, bars, header, testId }: { id?: string; texts: ChartTexts; bars: Bar[]; header: [string, string]; testId?: string }) {
  const auto = useId()
  const id = given ?? auto
  const labelWidth = 210
  const valueWidth = 90
  const rowHeight = 24
  const height = bars.length * rowHeight + 8
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0))
  const scale = scaleLinear().domain([0, max || 1]).nice().range([labelWidth, WIDTH - valueWidth])
  const x = (v: number) => r1(scale(v))
  return (
    <ChartFigure
      id={`${id}-f`}
      texts={texts}
      testId={testId}
      table={
        <ValueTable texts={texts} header={header} rows={bars.map((b) => ({ label: b.label, display: b.display }))} />
      }
    >
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-2xl" role="img" fontSize={FONT} fill="#1e293b" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{texts.title}</title>
        <desc id={`${id}-d`}>{texts.summary}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#d5e9ec" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#0b5360" strokeWidth="2" />
          </pattern>
        </defs>
        {bars.map((b, i) => {
          const y = 4 + i * rowHeight
          const label = b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label
          return (
            <g key={i}>
              <text x={labelWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end" lang={texts.dataLang}>
                {label}
              </text>
              {b.value !== null && b.value > 0 ? (
                <rect x={labelWidth} y={y + 3} width={Math.max(1, x(b.value) - labelWidth)} height={rowHeight - 8} fill={`url(#${id}-hatch)`} stroke="#0b5360" />
              ) : null}
              <text x={(b.value !== null && b.value > 0 ? x(b.value) : labelWidth) + 6} y={y + rowHeight / 2 + 4}>
                {b.display}
              </text>
            </g>
          )
        })}
        <line x1={labelWidth} x2={labelWidth} y1={0} y2={height} stroke="#475569" />
      </svg>
    </ChartFigure>
  )
}

// ── Lines ────────────────────────────────────────────────────────────────────────────────────────────────────────

export type LinePoint = { x: string; y: number | null; display: string }
export type LineSeries = { name: string; points: LinePoint[] }

/** Development over time: one line per series (colour + dash + marker), a label at each line's last point, and a table. */
export function LineChart({ id: given, texts, series, xLabel, testId }: { id?: string; texts: ChartTexts; series: LineSeries[]; xLabel: string; testId?: string }) {
  const auto = useId()
  const id = given ?? auto
  const height = 220
  const margin = { top: 16, right: 150, bottom: 30, left: 64 }
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))]
  const values = series.flatMap((s) => s.points.flatMap((p) => (p.y === null ? [] : [p.y])))
  const low = Math.min(0, ...values)
  const high = Math.max(...values, 1)
  const xScale = scalePoint<string>().domain(xs).range([margin.left, WIDTH - margin.right]).padding(0.3)
  const yScale = scaleLinear().domain([low, high]).nice().range([height - margin.bottom, margin.top])
  const x = (v: string) => r1(xScale(v) ?? 0)
  const y = (v: number) => r1(yScale(v))
  const ticks = yScale.ticks(4)
  const format = texts.formatTick ?? defaultTick
  const path = line<LinePoint>()
    .digits(1)
    .defined((p) => p.y !== null)
    .x((p) => x(p.x))
    .y((p) => y(p.y ?? 0))
  return (
    <ChartFigure
      id={`${id}-f`}
      texts={texts}
      testId={testId}
      table={
        <table className="table">
          <caption className="sr-only">{texts.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s, i) => (
                <th key={i} scope="col" className="text-right" lang={texts.dataLang}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xs.map((label) => (
              <tr key={label}>
                <th scope="row" className="border-slate-200 bg-white font-normal">
                  {label}
                </th>
                {series.map((s, i) => (
                  <td key={i} className="text-right tabular-nums">
                    {s.points.find((p) => p.x === label)?.display ?? '–'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-2xl" role="img" fontSize={FONT} fill="#1e293b" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{texts.title}</title>
        <desc id={`${id}-d`}>{texts.summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={margin.left} x2={WIDTH - margin.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={margin.left - 6} y={y(t) + 4} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {xs.map((label) => (
          <text key={label} x={x(label)} y={height - 10} textAnchor="middle">
            {label}
          </text>
        ))}
        {series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length]!
          const shown = s.points.filter((p) => p.y !== null)
          const last = shown.at(-1)
          return (
            <g key={i}>
              <path d={path(s.points) ?? ''} fill="none" stroke={style.colour} strokeWidth={2.5} strokeDasharray={style.dash || undefined} />
              {shown.map((p) => (
                <MarkerShape key={p.x} marker={style.marker} x={x(p.x)} y={y(p.y ?? 0)} colour={style.colour} />
              ))}
              {last ? (
                <text x={x(last.x) + 10} y={y(last.y ?? 0) + 4 + i * 2} fill={style.colour} lang={texts.dataLang}>
                  {s.name.length > 22 ? `${s.name.slice(0, 21)}…` : s.name}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <ul className="flex flex-wrap gap-4 text-xs" aria-hidden="true">
        {series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length]!
          return (
            <li key={i} className="flex items-center gap-1" lang={texts.dataLang}>
              <svg width="34" height="12" viewBox="0 0 34 12">
                <line x1="1" x2="33" y1="6" y2="6" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash || undefined} />
                <MarkerShape marker={style.marker} x={17} y={6} colour={style.colour} size={4} />
              </svg>
              {s.name}
            </li>
          )
        })}
      </ul>
    </ChartFigure>
  )
}

// ── Range ────────────────────────────────────────────────────────────────────────────────────────────────────────

export type RangeMark = { name: string; value: number | null; display: string }

/**
 * A range (minimum to maximum, unattributed) on one axis with up to three marked values on it (this territory, the
 * county), each with its name and value written beside it.
 */
export function RangeChart({
  id: given,
  texts,
  range,
  marks,
  header,
  testId,
}: {
  id?: string
  texts: ChartTexts
  range: { min: number; max: number; label: string; minDisplay: string; maxDisplay: string } | null
  marks: RangeMark[]
  header: [string, string]
  testId?: string
}) {
  const auto = useId()
  const id = given ?? auto
  const height = 70 + marks.length * 18
  const values = [...marks.flatMap((m) => (m.value === null ? [] : [m.value])), ...(range ? [range.min, range.max] : [])]
  const scale = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(1, ...values)])
    .nice()
    .range([24, WIDTH - 24])
  const x = (v: number) => r1(scale(v))
  const ticks = scale.ticks(5)
  const format = texts.formatTick ?? defaultTick
  const axisY = 40
  return (
    <ChartFigure
      id={`${id}-f`}
      texts={texts}
      testId={testId}
      table={
        <ValueTable texts={texts} header={header} rows={marks.map((m) => ({ label: m.name, display: m.display }))}>
          {range ? (
            <tr data-testid="range-row">
              <th scope="row" className="border-slate-200 bg-white font-normal">
                {range.label}
              </th>
              <td className="text-right tabular-nums">
                {range.minDisplay} – {range.maxDisplay}
              </td>
            </tr>
          ) : null}
        </ValueTable>
      }
    >
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-2xl" role="img" fontSize={FONT} fill="#1e293b" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{texts.title}</title>
        <desc id={`${id}-d`}>{texts.summary}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e2e8f0" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#475569" strokeWidth="1.5" />
          </pattern>
        </defs>
        <line x1={24} x2={WIDTH - 24} y1={axisY} y2={axisY} stroke="#475569" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={axisY - 3} y2={axisY + 3} stroke="#475569" />
            <text x={x(t)} y={axisY + 16} textAnchor="middle">
              {format(t)}
            </text>
          </g>
        ))}
        {range ? (
          <g>
            <rect x={x(range.min)} y={axisY - 9} width={Math.max(2, x(range.max) - x(range.min))} height={18} fill={`url(#${id}-hatch)`} stroke="#475569" />
            <text x={x(range.min)} y={axisY - 14}>
              {`${range.label}: ${range.minDisplay} – ${range.maxDisplay}`}
            </text>
          </g>
        ) : null}
        {marks.map((m, i) => {
          if (m.value === null) return null
          const style = SERIES_STYLES[i % SERIES_STYLES.length]!
          const mx = x(m.value)
          const ly = axisY + 32 + i * 18
          return (
            <g key={i}>
              <line x1={mx} x2={mx} y1={axisY} y2={ly - 6} stroke={style.colour} strokeDasharray={style.dash || undefined} />
              <MarkerShape marker={style.marker} x={mx} y={axisY} colour={style.colour} />
              <text x={mx} y={ly + 4} textAnchor={mx > WIDTH * 0.7 ? 'end' : 'start'} fill={style.colour} lang={texts.dataLang}>
                {`${m.name}: ${m.display}`}
              </text>
            </g>
          )
        })}
      </svg>
    </ChartFigure>
  )
}
