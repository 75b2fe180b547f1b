import { useTranslation } from 'react-i18next'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { useFormat } from '~/ui/use-format'
import { berlinToday } from '~/shared/dates'
import { isAgreed, shownAttainment, trendBetween, type TimelineEntry, type Trend } from '~/shared/timeline'
import type { T } from '~/shared/i18n'
import { attainmentLabel, roundStateLabel } from '~/shared/vocabulary'

export type { TimelineEntry } from '~/shared/timeline'

/** Arrow, word and colour together: the direction reads without colour and, to a screen reader, without the arrow. */
const TREND: Record<Trend, { symbol: string; className: string }> = {
  better: { symbol: '↑', className: 'text-green-800' },
  worse: { symbol: '↓', className: 'text-red-800' },
  same: { symbol: '=', className: 'text-slate-700' },
  none: { symbol: '–', className: 'text-slate-700' },
}

/**
 * The path of one measure across the rounds, oldest first: per round the agreed rating and marks, or "nicht
 * abgestimmt" with the unit's proposal, and between two rounds the direction of change. Takes the plain
 * per-measure array of `measureTimeline`, so the goal, measure and meeting pages all draw it the same way.
 */
export function MeasureTimeline({ entries, label }: { entries: TimelineEntry[]; label?: string }) {
  const { t } = useTranslation()
  if (entries.length === 0) return <p className="text-sm text-slate-700">{t('common:ui.timeline.noRound')}</p>
  const summary = entries.map((e) => `${e.round.period || e.round.name} ${describe(e, t)}`).join(', ')
  return (
    <div data-testid="timeline">
      <p className="sr-only">{t('common:ui.timeline.summary', { summary })}</p>
      <ol aria-label={label ?? t('history')} className="flex flex-wrap items-stretch gap-y-2">
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
  const { t } = useTranslation()
  const { symbol, className } = TREND[trend]
  return (
    <div className={`flex w-16 shrink-0 flex-col items-center justify-center gap-0.5 px-1 text-center text-xs ${className}`} data-testid="trend">
      <span aria-hidden="true" className="text-sm font-bold leading-none">
        {symbol}
      </span>
      <span aria-hidden="true" className={`block w-full border-t-2 border-current ${proposal ? 'border-dashed' : ''}`} />
      <span className="leading-tight">
        <span className="sr-only">{t('common:ui.timeline.comparedTo')} </span>
        {t(`common:ui.timeline.trend.${trend}`)}
        {proposal && trend !== 'none' ? <span className="sr-only"> {t('common:ui.timeline.byProposal')}</span> : null}
      </span>
    </div>
  )
}

function RoundNode({ entry: e }: { entry: TimelineEntry }) {
  const { t } = useTranslation()
  const format = useFormat()
  // A closed round is the normal case and goes without saying; a draft or the open round is named.
  const state = e.round.state === 'closed' ? null : t(roundStateLabel(e.round.state))
  const agreed = isAgreed(e)
  return (
    <div
      className={`w-36 min-w-min space-y-1 rounded-md border p-2 text-xs ${agreed ? 'border-slate-400 bg-white' : 'border-dashed border-slate-400 bg-slate-50'}`}
      data-agreed={agreed}
    >
      <p className="font-semibold leading-tight break-words">
        <span lang="de">{e.round.name}</span>
        {state ? <span className="font-normal text-slate-700"> ({state})</span> : null}
      </p>
      {!e.hasStatus ? (
        <p className="italic text-slate-700">{t('common:ui.timeline.noStatus')}</p>
      ) : agreed ? (
        <>
          <div>
            <span className="sr-only">{t('common:ui.timeline.agreed')}: </span>
            <RatingBadge value={e.agreedAttainment} />
          </div>
          {e.agreedMarks ? <MarkIcons flags={e.agreedMarks} /> : null}
          {e.agreedAt !== null ? (
            <p className="text-slate-700">
              {t('common:ui.timeline.on')} <time dateTime={new Date(e.agreedAt).toISOString()}>{format.date(berlinToday(new Date(e.agreedAt)))}</time>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="text-slate-700">{t('common:ui.timeline.notAgreed')}</p>
          {e.proposalAttainment ? (
            <div className="flex flex-col items-start gap-0.5 italic text-slate-700" data-testid="proposal">
              <span>{t('vocabulary:ratingKind.proposal')}:</span>
              <RatingBadge value={e.proposalAttainment} />
            </div>
          ) : null}
        </>
      )}
    </div>
  )
}

function describe(e: TimelineEntry, t: T): string {
  if (!e.hasStatus) return t('common:ui.timeline.noStatus')
  if (isAgreed(e)) return e.agreedAttainment ? t(attainmentLabel(e.agreedAttainment)) : t('common:ui.timeline.agreedWithoutRating')
  return e.proposalAttainment
    ? t('common:ui.timeline.notAgreedProposal', { rating: t(attainmentLabel(e.proposalAttainment)) })
    : t('common:ui.timeline.notAgreed')
}
