import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { isAgreed, shownAttainment, trendBetween, type TimelineEntry, type Trend } from '~/shared/timeline'
import { useTranslation } from 'react-i18next'
import { type T } from '~/shared/i18n'
import { attainmentLabel } from '~/shared/vocabulary'

export type { TimelineEntry } from '~/shared/timeline'

/** Arrow, word and colour together: the direction reads without colour and, to a screen reader, without the arrow. */
const TREND: Record<Trend, { symbol: string; word: string; className: string }> = {
  better: { symbol: '↑', word: 'besser', className: 'text-green-800' },
  worse: { symbol: '↓', word: 'schlechter', className: 'text-red-800' },
  same: { symbol: '=', word: 'gleich', className: 'text-slate-700' },
  none: { symbol: '–', word: 'kein Vergleich', className: 'text-slate-700' },
}

const STATE_LABEL = { draft: 'Entwurf', open: 'offen', closed: null } as const

const dateFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' })

/**
 * The path of one measure across the rounds, oldest first: per round the agreed rating and marks, or "nicht
 * abgestimmt" with the unit's proposal, and between two rounds the direction of change. Takes the plain
 * per-measure array of `measureTimeline`, so the goal, measure and meeting pages all draw it the same way.
 */
export function MeasureTimeline({ entries, label = 'Bewertungsverlauf' }: { entries: TimelineEntry[]; label?: string }) {
  const { t } = useTranslation()
  if (entries.length === 0) return <p className="text-sm text-slate-700">Noch keine Berichtsrunde.</p>
  const summary = entries.map((e) => `${e.round.period || e.round.name} ${describe(e, t)}`).join(', ')
  return (
    <div data-testid="timeline">
      <p className="sr-only">Verlauf: {summary}.</p>
      <ol aria-label={label} className="flex flex-wrap items-stretch gap-y-2">
        {entries.map((entry, i) => {
          const before = entries[i - 1]
          const trend = before ? trendBetween(shownAttainment(before), shownAttainment(entry)) : undefined
          return (
            <li key={entry.round.id} className="flex items-stretch" data-round={entry.round.id} data-trend={trend}>
              {trend ? <Connector trend={trend} proposal={!isAgreed(entry) || !isAgreed(before!)} /> : null}
              <RoundNode entry={entry} />
            </li>
          )
        })}
      </ol>
    </div>
  )
}

function Connector({ trend, proposal }: { trend: Trend; proposal: boolean }) {
  const { symbol, word, className } = TREND[trend]
  return (
    <div className={`flex w-16 shrink-0 flex-col items-center justify-center gap-0.5 px-1 text-center text-xs ${className}`} data-testid="trend">
      <span aria-hidden="true" className="text-sm font-bold leading-none">
        {symbol}
      </span>
      <span aria-hidden="true" className={`block w-full border-t-2 border-current ${proposal ? 'border-dashed' : ''}`} />
      <span className="leading-tight">
        <span className="sr-only">Gegenüber der vorigen Runde: </span>
        {word}
        {proposal && trend !== 'none' ? <span className="sr-only"> (nach Vorschlag, nicht abgestimmt)</span> : null}
      </span>
    </div>
  )
}

function RoundNode({ entry: e }: { entry: TimelineEntry }) {
  const state = STATE_LABEL[e.round.state]
  const agreed = isAgreed(e)
  return (
    <div
      className={`w-36 min-w-min space-y-1 rounded-md border p-2 text-xs ${agreed ? 'border-slate-400 bg-white' : 'border-dashed border-slate-400 bg-slate-50'}`}
      data-agreed={agreed}
    >
      <p className="font-semibold leading-tight break-words">
        {e.round.name}
        {state ? <span className="font-normal text-slate-700"> ({state})</span> : null}
      </p>
      {!e.hasStatus ? (
        <p className="italic text-slate-700">keine Angabe</p>
      ) : agreed ? (
        <>
          <div>
            <span className="sr-only">abgestimmt: </span>
            <RatingBadge value={e.agreedAttainment} />
          </div>
          {e.agreedMarks ? <MarkIcons flags={e.agreedMarks} /> : null}
          {e.agreedAt !== null ? (
            <p className="text-slate-700">
              am <time dateTime={new Date(e.agreedAt).toISOString()}>{dateFormat.format(new Date(e.agreedAt))}</time>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="text-slate-700">nicht abgestimmt</p>
          {e.proposalAttainment ? (
            <div className="flex flex-col items-start gap-0.5 italic text-slate-700" data-testid="proposal">
              <span>Vorschlag:</span>
              <RatingBadge value={e.proposalAttainment} />
            </div>
          ) : null}
        </>
      )}
    </div>
  )
}

function describe(e: TimelineEntry, t: T): string {
  if (!e.hasStatus) return 'keine Angabe'
  if (isAgreed(e)) return e.agreedAttainment ? t(attainmentLabel(e.agreedAttainment)) : 'abgestimmt ohne Bewertung'
  return e.proposalAttainment ? `nicht abgestimmt, Vorschlag ${t(attainmentLabel(e.proposalAttainment))}` : 'nicht abgestimmt'
}
