import { useTranslation } from 'react-i18next'
import { useFormat } from '~/ui/use-format'
import { dispositionLabel, DISPOSITION_SYMBOL, type Disposition, type FeedbackCategory, type ForumFormat, type ForumState } from '~/shared/vocabulary'
import { categoryText, formatText, langOf } from './labels'

export type ForumFeedbackData = {
  total: number
  counts: { preset: FeedbackCategory | null; label: string; count: number }[]
  items: {
    id: number
    text: string
    language: string
    measureId: number | null
    measureTitle: string | null
    categoryPreset: FeedbackCategory | null
    categoryLabel: string
    disposition: Disposition | null
    forumTitle: string
    forumDate: string
    tableNumber: number | null
  }[]
}

/**
 * Forum feedback beside a goal, a Jour fixe item or a report chapter: counts per category, then each item with
 * its forum, table and disposition (never a name). The data comes from forumFeedbackFor() in the page's loader.
 */
export function ForumFeedbackPanel({ data, headingLevel = 2 }: { data: ForumFeedbackData | null; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation()
  const format = useFormat()
  if (!data) return null
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!
  return (
    <section aria-labelledby="forum-feedback-title" className="card space-y-3" data-testid="forum-feedback">
      <Heading id="forum-feedback-title" className="text-lg font-semibold">
        {t('forums:panel.title')} <span className="text-sm font-normal">({t('forums:panel.total', { count: data.total })})</span>
      </Heading>
      {data.total === 0 ? (
        <p>{t('forums:panel.none')}</p>
      ) : (
        <>
          <p className="text-sm">
            {t('forums:panel.counts')}:{' '}
            {data.counts.map((c, i) => (
              <span key={`${c.preset ?? c.label}`}>
                {i > 0 ? ' · ' : ''}
                <span lang={langOf(c)}>{categoryText(t, c)}</span> {format.number(c.count)}
              </span>
            ))}
          </p>
          <ul className="space-y-2">
            {data.items.map((item) => (
              <li key={item.id} className="rounded-md border border-slate-200 p-2">
                <p lang={item.language} dir="auto">
                  {item.text}
                </p>
                <p className="text-sm text-slate-700">
                  <span lang={langOf({ preset: item.categoryPreset })}>{categoryText(t, { preset: item.categoryPreset, label: item.categoryLabel })}</span>
                  {' · '}
                  <span lang="de">{item.forumTitle}</span>, {format.date(item.forumDate)}
                  {item.tableNumber !== null ? ` · ${t('forums:panel.table', { number: item.tableNumber })}` : ''}
                  {item.measureTitle ? (
                    <>
                      {' · '}
                      {t('forums:panel.onMeasure', { title: '' })}
                      <span lang="de">{item.measureTitle}</span>
                    </>
                  ) : null}
                  {' · '}
                  {item.disposition ? <span aria-hidden="true">{DISPOSITION_SYMBOL[item.disposition]} </span> : null}
                  {t(dispositionLabel(item.disposition))}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

/** The forums that fed a round, for the rounds page or the report's method chapter. */
export function RoundForumsList({ forums }: { forums: { id: number; title: string; date: string; formatPreset: ForumFormat | null; formatName: string; state: ForumState }[] }) {
  const { t } = useTranslation()
  const format = useFormat()
  if (forums.length === 0) return null
  return (
    <ul className="space-y-1" data-testid="round-forums">
      {forums.map((forum) => (
        <li key={forum.id}>
          <span lang={langOf({ preset: forum.formatPreset })}>{formatText(t, { preset: forum.formatPreset, name: forum.formatName })}</span>: <span lang="de">{forum.title}</span>, {format.date(forum.date)}
        </li>
      ))}
    </ul>
  )
}
