import type { T } from '~/shared/i18n'
import { feedbackCategoryLabel, forumFormatLabel, targetGroupLabel, type FeedbackCategory, type ForumFormat, type TargetGroup } from '~/shared/vocabulary'

/**
 * Labels of the forums' editable words, for staff and participant pages alike: a preset is the vocabulary's word in
 * the page's language; a county's own entry is its German text (the caller marks it lang="de", see isOwn).
 */
export const categoryText = (t: T, c: { preset: FeedbackCategory | null; label: string }) => (c.preset ? t(feedbackCategoryLabel(c.preset)) : c.label)
export const formatText = (t: T, f: { preset: ForumFormat | null; name: string }) => (f.preset ? t(forumFormatLabel(f.preset)) : f.name)
export const targetGroupText = (t: T, g: { preset: TargetGroup | null; name: string }) => (g.preset ? t(targetGroupLabel(g.preset)) : g.name)
/** lang for an editable word's element: German for the county's own texts, the page's language for presets. */
export const langOf = (entry: { preset: string | null }) => (entry.preset ? undefined : 'de')

/**
 * A German text inside an option of a right-to-left page: wrapped in first-strong isolate marks, so that "3: Sprache"
 * does not turn into "Sprache :3" (an <option> can hold no element with dir, and the closed <select> draws its text
 * in the page's direction).
 */
export const isolate = (text: string) => `\u2068${text}\u2069`

/** "12: …", "12.1: …": catalogue numbers as the county prints them; long German texts cut for option lists. */
export const cut = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** A card's target in the page's language, with the numbers (the German titles are shown apart, lang="de"). */
export function targetText(t: T, card: { target: string; fieldNumber: number | null; goalNumber: number | null; measurePosition: number | null }): string {
  switch (card.target) {
    case 'concept':
      return t('vocabulary:forum.target.concept')
    case 'field':
      return t('participant:card.field', { number: card.fieldNumber ?? '' })
    case 'challenge':
      return `${t('vocabulary:forum.target.challenge')} (${t('participant:card.field', { number: card.fieldNumber ?? '' })})`
    case 'goal':
      return t('participant:card.goal', { number: card.goalNumber ?? '' })
    default:
      return t('participant:card.measure', { goal: card.goalNumber ?? '', position: card.measurePosition ?? '' })
  }
}
