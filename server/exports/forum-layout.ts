import { formatDate, formatLongDate, formatNumber } from '../../app/shared/dates'
import { intlLocale, type Language, type T } from '../../app/shared/i18n'
import { tFor } from '../../app/shared/i18n/resources'
import {
  codeModeLabel,
  dispositionLabel,
  DISPOSITION_SYMBOL,
  feedbackCategoryLabel,
  forumFormatLabel,
  forumStateLabel,
  pollKindLabel,
  pollStateLabel,
  targetGroupLabel,
  type Disposition,
  type FeedbackCategory,
  type FeedbackTarget,
  type ForumFormat,
  type TargetGroup,
} from '../../app/shared/vocabulary'
import type { DocumentationPhoto } from '../services/forums/documentation'
import type { PollResult } from '../services/forums/polls'

/**
 * What the forum's documents (the print sheet, the documentation in DOCX and PDF, the report's participation annex)
 * say in the same words: labels in the requester's language (the `forums` namespace, staff languages), the county's
 * own words (its formats, categories, phase titles, table names) as written, and the cards as written, each with its
 * language and direction. The direction of a card comes from its first strong character, not from the language it
 * was marked with: a card marked "Deutsch" may quote Arabic, and Kurdish is written in either script.
 */

export type ForumLabels = ReturnType<typeof forumLabels>

export function forumLabels(language: Language) {
  const t = tFor(language)
  const displayNames = new Intl.DisplayNames([intlLocale(language)], { type: 'language', fallback: 'code' })
  return {
    language,
    t,
    date: (value: string) => formatLongDate(value, language),
    shortDate: (value: string | null) => formatDate(value, language),
    number: (value: number, digits = 0) => formatNumber(value, language, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    /** A share 0–100 as "40,0 %" / "40.0%". */
    percent: (value: number) => formatNumber(value / 100, language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    languageName: (code: string) => {
      try {
        return displayNames.of(code) ?? code
      } catch {
        return code
      }
    },
    format: (f: { preset: ForumFormat | null; name: string }) => (f.preset ? t(forumFormatLabel(f.preset)) : f.name),
    targetGroup: (g: { preset: TargetGroup | null; name: string }) => (g.preset ? t(targetGroupLabel(g.preset)) : g.name),
    category: (c: { preset: FeedbackCategory | null; label: string }) => (c.preset ? t(feedbackCategoryLabel(c.preset)) : c.label),
    /** lang of an editable word: a preset is in the document's language, a county's own word is German. */
    langOfEntry: (entry: { preset: string | null }) => (entry.preset ? language : 'de'),
    disposition: (d: Disposition | null) => `${d ? `${DISPOSITION_SYMBOL[d]} ` : ''}${t(dispositionLabel(d))}`,
    target: (card: CardTarget) => targetText(t, card),
    codeMode: (mode: 'open' | 'personal') => t(codeModeLabel(mode)),
    forumState: (state: 'planned' | 'open' | 'closed') => t(forumStateLabel(state)),
    pollKind: (poll: PollResult) => t(pollKindLabel(poll.kind)),
    pollState: (poll: PollResult) => t(pollStateLabel(poll.state)),
    page: t('forums:documentation.page'),
    of: t('forums:documentation.of'),
  }
}

export type CardTarget = { target: FeedbackTarget; fieldNumber: number | null; goalNumber: number | null; measurePosition: number | null }

/** "Ziel 12", "Maßnahme 12.3", "Handlungsfeld 4", "Konzept insgesamt": the numbers as the county prints them. */
export function targetText(t: T, card: CardTarget): string {
  switch (card.target) {
    case 'concept':
      return t('vocabulary:forum.target.concept')
    case 'field':
      return t('participant:card.field', { number: card.fieldNumber ?? '' })
    case 'challenge':
      return `${t('vocabulary:forum.target.challenge')} (${t('participant:card.field', { number: card.fieldNumber ?? '' })})`
    case 'goal':
      return t('participant:card.goal', { number: card.goalNumber ?? '' })
    case 'measure':
      return t('participant:card.measure', { goal: card.goalNumber ?? '', position: card.measurePosition ?? '' })
  }
}

const STRONG = /[\p{L}]/u
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u

/** The direction of a text by its first letter (Hebrew, Arabic, Syriac, Thaana … are right to left). */
export function textDirection(text: string): 'ltr' | 'rtl' {
  const first = [...text].find((c) => STRONG.test(c))
  return first && RIGHT_TO_LEFT.test(first) ? 'rtl' : 'ltr'
}

/** A card's language as a BCP 47 tag for lang / w:lang ("de" stays "de"; an unknown mark stays what it is). */
export const languageTag = (code: string) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : 'und')

/**
 * A phase's heading: the county's title as written, after "Arbeitsphase N: " unless the title names its number
 * itself (the presets' "Arbeitsphase 1: Feedback zum Konzeptentwurf").
 */
export function phasePrefix(labels: ForumLabels, phase: { position: number; title: string }): string {
  return new RegExp(`^\\s*(Arbeitsphase|Phase)\\s*${phase.position}\\b`, 'i').test(phase.title) ? '' : labels.t('forums:documentation.phase', { number: phase.position, title: '' })
}

/** The poster photo's place in the forum, for its alt text and caption. */
export function photoWhere(labels: ForumLabels, photo: DocumentationPhoto): string {
  const parts = [
    photo.tableNumber !== null ? labels.t('forums:documentation.photoTable', { number: photo.tableNumber, name: photo.tableName ?? '' }) : null,
    photo.phasePosition !== null
      ? phasePrefix(labels, { position: photo.phasePosition, title: photo.phaseTitle ?? '' })
        ? labels.t('forums:documentation.photoPhase', { number: photo.phasePosition, title: photo.phaseTitle ?? '' })
        : (photo.phaseTitle ?? '')
      : null,
  ].filter((p): p is string => p !== null)
  return parts.length > 0 ? parts.join(', ') : labels.t('forums:documentation.photoNowhere')
}

/** The chart's text alternative: every answer with its count and share, in order. */
export function pollSummary(labels: ForumLabels, poll: PollResult): string {
  const items = poll.options.map((o) => labels.t('forums:documentation.chartItem', { answer: o.label, count: o.count, share: labels.percent(o.percent) }))
  return `${labels.t('forums:documentation.voters', { count: poll.voters })}; ${items.join('; ')}`
}
