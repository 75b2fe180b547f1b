import { useId, type ReactNode } from 'react'
import { RatingShape } from '~/ui/rating-badge'
import { MarkIcon } from '~/ui/mark-icons'
import { ATTAINMENTS, FLAGS, type Attainment, type Flag, attainmentLabel, flagLabel } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'

const OPTION_STYLE: Record<Attainment | 'none', string> = {
  high: 'peer-checked:bg-rating-high-bg peer-checked:text-rating-high-fg peer-checked:border-rating-high-shape',
  medium: 'peer-checked:bg-rating-medium-bg peer-checked:text-rating-medium-fg peer-checked:border-rating-medium-shape',
  low: 'peer-checked:bg-rating-low-bg peer-checked:text-rating-low-fg peer-checked:border-rating-low-shape',
  unclear: 'peer-checked:bg-rating-unclear-bg peer-checked:text-rating-unclear-fg peer-checked:border-rating-unclear-shape',
  none: 'peer-checked:bg-slate-100 peer-checked:border-slate-700',
}

/**
 * The proposed attainment as a radio group (native radios: arrow keys move, Space selects). Each option shows
 * shape, colour and text; the checked one gets a thick border and a check mark, so it reads without colour.
 */
export function RatingControl({
  value,
  onChange,
  disabled,
  legend,
}: {
  value: Attainment | null
  onChange: (value: Attainment | null) => void
  disabled: boolean
  legend: ReactNode
}) {
  const { t } = useTranslation()
  const name = useId()
  const options: (Attainment | 'none')[] = [...ATTAINMENTS, 'none']
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((option) => {
          const checked = (value ?? 'none') === option
          return (
            <label key={option} className="relative cursor-pointer">
              <input
                type="radio"
                name={name}
                value={option}
                checked={checked}
                onChange={() => onChange(option === 'none' ? null : option)}
                className="peer sr-only"
              />
              <span
                className={`inline-flex items-center gap-1.5 rounded-full border-2 border-slate-300 bg-white px-2.5 py-1 text-sm peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 peer-checked:font-semibold peer-disabled:cursor-not-allowed ${OPTION_STYLE[option]}`}
              >
                <RatingShape value={option === 'none' ? null : option} />
                {t(attainmentLabel(option === 'none' ? null : option))}
                {checked ? <span aria-hidden="true">✓</span> : null}
              </span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}

/** The five marks as labelled checkboxes. */
export function MarkToggles({
  value,
  onChange,
  disabled,
  legend,
}: {
  value: Partial<Record<Flag, boolean>>
  onChange: (flag: Flag, on: boolean) => void
  disabled: boolean
  legend: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {FLAGS.map((flag) => (
          <label key={flag} className="inline-flex cursor-pointer items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={!!value[flag]}
              onChange={(e) => onChange(flag, e.currentTarget.checked)}
              className="h-4 w-4 accent-brand-700"
            />
            <span aria-hidden="true" className="inline-flex items-center gap-1.5">
              <MarkIcon flag={flag} label={t(flagLabel(flag))} />
            </span>
            <span>{t(flagLabel(flag))}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
