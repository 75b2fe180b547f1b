import { useTranslation } from 'react-i18next'
import type { T } from '~/shared/i18n'
import { FLAGS, FLAG_SYMBOL, type Flags, flagLabel } from '~/shared/vocabulary'

/** The five marks as labelled icons: the symbol is decorative, the label is read and shown as a tooltip. */
export function MarkIcons({ flags }: { flags: Partial<Flags> }) {
  return <MarkIconsIn flags={flags} t={useTranslation().t} />
}

/** MarkIcons in the language of `t`, without hooks: for markup rendered outside the router (the overview's catalogue). */
export function MarkIconsIn({ flags, t }: { flags: Partial<Flags>; t: T }) {
  const set = FLAGS.filter((key) => flags[key])
  if (set.length === 0) return null
  return (
    <ul className="inline-flex flex-wrap gap-1" aria-label={t('common:ui.marks')}>
      {set.map((key) => (
        <li key={key}>
          <MarkIcon flag={key} label={t(flagLabel(key))} />
        </li>
      ))}
    </ul>
  )
}

export function MarkIcon({ flag, label }: { flag: keyof Flags; label: string }) {
  return (
    <span
      title={label}
      data-mark={flag}
      className="inline-flex h-5 min-w-5 items-center justify-center rounded border border-slate-600 bg-white px-1 text-xs font-bold text-slate-800"
    >
      <span aria-hidden="true">{FLAG_SYMBOL[flag]}</span>
      <span className="sr-only">{label}</span>
    </span>
  )
}
