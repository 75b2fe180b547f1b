import type { T } from '~/shared/i18n'
import { attainmentLabel, FLAGS, flagLabel, type Attainment } from '~/shared/vocabulary'
import type { LiveRating } from './use-meeting-live'

/** In words, how the agreed rating differs from the unit's proposal; empty when it does not (or nothing is agreed). */
export function differences(proposal: LiveRating, agreed: LiveRating, t: T): string[] {
  if (agreed.attainment === null && agreed.flags === null) return []
  const out: string[] = []
  if (agreed.attainment !== proposal.attainment) {
    const word = (value: Attainment | null) => (value ? t(attainmentLabel(value)) : t('meetings:rating.none'))
    out.push(t('meetings:difference.attainment', { proposal: word(proposal.attainment), agreed: word(agreed.attainment) }))
  }
  if (agreed.flags && proposal.flags) {
    for (const key of FLAGS) {
      if (agreed.flags[key] === proposal.flags[key]) continue
      const mark = t(flagLabel(key))
      out.push(agreed.flags[key] ? t('meetings:difference.markAgreed', { mark }) : t('meetings:difference.markProposed', { mark }))
    }
  }
  return out
}
