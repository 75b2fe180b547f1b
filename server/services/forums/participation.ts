import type { DbOrTx } from '../../../db/client'
import { DISPOSITIONS, type Disposition, type FeedbackCategory, type FeedbackTarget, type ForumFormat, type ForumState, type TargetGroup } from '../../../app/shared/vocabulary'
import { cardsOf } from './feedback'
import { forumsOfRound, forumTargetGroupsOf } from './forums'

/**
 * The report's optional annex "Beteiligung": which forums fed the round (forums.round_id, `forumsOfRound`) and what
 * became of their input. Per forum: title, date, format, target groups, the number of visible items per category and
 * disposition, and the items taken up (aufgenommen, teilweise aufgenommen) with their target and the reason given.
 * Counted as the review sees them: hidden cards and merged duplicates do not count. Plain data (the report goes to
 * the export worker as JSON).
 */

/** A column of the count table: a disposition, or "not decided yet". */
export type DispositionKey = Disposition | 'none'
export const DISPOSITION_KEYS: readonly DispositionKey[] = [...DISPOSITIONS, 'none']
/** What "taken up" means for the annex's list. */
export const TAKEN_UP: readonly Disposition[] = ['adopted', 'partlyAdopted']

export type ParticipationForum = {
  id: number
  title: string
  date: string
  format: { preset: ForumFormat | null; name: string }
  targetGroups: { preset: TargetGroup | null; name: string }[]
  state: ForumState
  /** One row per category (a preset counts once across phases; a county's own label by its text). */
  categories: { preset: FeedbackCategory | null; label: string; counts: Record<DispositionKey, number>; total: number }[]
  totals: Record<DispositionKey, number>
  total: number
  takenUp: {
    text: string
    language: string
    category: { preset: FeedbackCategory | null; label: string }
    target: FeedbackTarget
    fieldNumber: number | null
    goalNumber: number | null
    measurePosition: number | null
    disposition: Disposition
    reason: string
    date: string | null
  }[]
}

export type ParticipationAnnex = { forums: ParticipationForum[] }

const zero = (): Record<DispositionKey, number> => Object.fromEntries(DISPOSITION_KEYS.map((k) => [k, 0])) as Record<DispositionKey, number>

export function participationAnnex(db: DbOrTx, roundId: number): ParticipationAnnex {
  return {
    forums: forumsOfRound(db, roundId).map((forum) => {
      const cards = cardsOf(db, forum.id, { visibleOnly: true })
      const categories = new Map<string, ParticipationForum['categories'][number]>()
      const totals = zero()
      for (const card of cards) {
        const key = card.categoryPreset ?? `label:${card.categoryLabel}`
        let row = categories.get(key)
        if (!row) categories.set(key, (row = { preset: card.categoryPreset, label: card.categoryLabel, counts: zero(), total: 0 }))
        const column: DispositionKey = card.disposition ?? 'none'
        row.counts[column]++
        row.total++
        totals[column]++
      }
      return {
        id: forum.id,
        title: forum.title,
        date: forum.date,
        format: { preset: forum.formatPreset, name: forum.formatName },
        targetGroups: forumTargetGroupsOf(db, forum.id).map((g) => ({ preset: g.preset, name: g.name })),
        state: forum.state,
        categories: [...categories.values()],
        totals,
        total: cards.length,
        takenUp: cards
          .filter((card) => card.disposition !== null && TAKEN_UP.includes(card.disposition))
          .map((card) => ({
            text: card.text,
            language: card.language,
            category: { preset: card.categoryPreset, label: card.categoryLabel },
            target: card.target,
            fieldNumber: card.fieldNumber,
            goalNumber: card.goalNumber ?? card.measureGoalNumber,
            measurePosition: card.measurePosition,
            disposition: card.disposition!,
            reason: card.dispositionReason ?? '',
            date: card.dispositionDate,
          })),
      }
    }),
  }
}
