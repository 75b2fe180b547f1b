import { useTranslation } from 'react-i18next'
import type { T } from '~/shared/i18n'
import type { Attainment } from '~/shared/vocabulary'
import { attainmentLabel } from '~/shared/vocabulary'

const STYLE: Record<Attainment | 'none', string> = {
  high: 'bg-rating-high-bg text-rating-high-fg border-rating-high-shape',
  medium: 'bg-rating-medium-bg text-rating-medium-fg border-rating-medium-shape',
  low: 'bg-rating-low-bg text-rating-low-fg border-rating-low-shape',
  unclear: 'bg-rating-unclear-bg text-rating-unclear-fg border-rating-unclear-shape',
  none: 'bg-rating-none-bg text-rating-none-fg border-rating-none-shape border-dashed',
}

/** Shape per rating, so the traffic light reads without colour: circle, triangle, square, diamond, ring. */
export function RatingShape({ value, className = 'h-3 w-3' }: { value: Attainment | null; className?: string }) {
  const key = value ?? 'none'
  return (
    <svg viewBox="0 0 12 12" className={`${className} shrink-0 ${SHAPE_FILL[key]}`} aria-hidden="true" focusable="false">
      <RatingShapePath value={value} />
    </svg>
  )
}

export const SHAPE_FILL: Record<Attainment | 'none', string> = {
  high: 'fill-rating-high-shape',
  medium: 'fill-rating-medium-shape',
  low: 'fill-rating-low-shape',
  unclear: 'fill-rating-unclear-shape',
  none: 'fill-none stroke-rating-none-shape',
}

/** The shape of a rating in a 12 × 12 box, for drawing it inside another SVG (charts). */
export function RatingShapePath({ value }: { value: Attainment | null }) {
  switch (value ?? 'none') {
    case 'high':
      return <circle cx="6" cy="6" r="5.5" />
    case 'medium':
      return <polygon points="6,0.5 11.5,11.5 0.5,11.5" />
    case 'low':
      return <rect x="1" y="1" width="10" height="10" />
    case 'unclear':
      return <polygon points="6,0.3 11.7,6 6,11.7 0.3,6" />
    default:
      return <circle cx="6" cy="6" r="4.5" strokeWidth="1.5" strokeDasharray="2 1.5" />
  }
}

type RatingBadgeProps = { value: Attainment | null; kind?: 'proposal' | 'agreed' }

/** The traffic light: colour, shape and text together. `kind` says whose rating it is. */
export function RatingBadge(props: RatingBadgeProps) {
  return <RatingBadgeIn t={useTranslation().t} {...props} />
}

/** RatingBadge in the language of `t`, without hooks: for markup rendered outside the router (the overview's catalogue). */
export function RatingBadgeIn({ value, kind, t }: RatingBadgeProps & { t: T }) {
  const label = t(attainmentLabel(value))
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${STYLE[value ?? 'none']}`}
      data-attainment={value ?? 'none'}
    >
      <RatingShape value={value} />
      <span>
        {value ? <span className="sr-only">{t('attainment')}: </span> : null}
        {label}
        {kind && value ? <span className="font-normal"> ({t(`vocabulary:ratingKind.${kind}`)})</span> : null}
      </span>
    </span>
  )
}
