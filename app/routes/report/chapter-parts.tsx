import { Fragment, type ReactNode } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { goalPath, goalReferences, splitGoalReferences } from '~/shared/goal-references'
import { ATTAINMENTS, attainmentLabel, FLAGS, flagLabel } from '~/shared/vocabulary'
import { MarkIcon, MarkIcons } from '~/ui/mark-icons'
import { RatingBadge, RatingShape } from '~/ui/rating-badge'
import type { ChapterView, FieldPanel } from './report-types'

/**
 * The parts of the report page that the static view and the live chapters share: a chapter's frame (heading, text,
 * what follows it, the field's panel beside it), the goal references under a chapter, the legend of chapter 2 and
 * the side panel of a field chapter.
 */

export const chapterId = (c: Pick<ChapterView, 'slug'>) => `kapitel-${c.slug}`

export function ChapterFrame({ chapter, title, body, after, panel }: { chapter: ChapterView; title: ReactNode; body: ReactNode; after?: ReactNode; panel?: ReactNode }) {
  const { t } = useTranslation()
  const Heading = chapter.field !== null ? 'h3' : 'h2'
  const section = (
    <section aria-labelledby={chapterId(chapter)} className="card space-y-3" data-chapter={chapter.slug}>
      <Heading id={chapterId(chapter)} className={chapter.field !== null ? 'text-lg font-semibold' : 'text-xl font-semibold'}>
        {title}
      </Heading>
      <div className={panel ? 'grid gap-4 lg:grid-cols-5' : ''}>
        <div className="min-w-0 space-y-3 lg:col-span-3">
          {body}
          {after}
        </div>
        {panel ? <div className="min-w-0 lg:col-span-2">{panel}</div> : null}
      </div>
    </section>
  )
  // Chapter 3 has no text of its own: its heading opens the field chapters 3.1–3.9.
  if (chapter.field !== 1) return section
  return (
    <>
      <h2 id="kapitel-results" className="pt-2 text-xl font-semibold">
        {t('report:writing.results')}
      </h2>
      {section}
    </>
  )
}

/** A stored chapter's text, German like the catalogue, with "Ziel n" linked where the concept has goal n. */
export function ChapterText({ text, known }: { text: string; known: ReadonlySet<number> }) {
  const { t } = useTranslation()
  if (!text.trim()) return <p className="text-sm italic text-slate-700">{t('report:writing.empty')}</p>
  return (
    <div className="space-y-2 text-sm" lang="de" data-chapter-text>
      {text.split('\n').map((line, i) => (
        <p key={i}>
          {splitGoalReferences(line, known).map((s, j) =>
            s.goal !== undefined && s.known ? (
              <Link key={j} to={goalPath(s.goal)}>
                {s.text}
              </Link>
            ) : (
              <Fragment key={j}>{s.text}</Fragment>
            ),
          )}
        </p>
      ))}
    </div>
  )
}

/** Under each chapter: the goals it refers to (linked), and the numbers the concept has no goal for (flagged). */
export function GoalReferenceList({ text, known, id }: { text: string; known: ReadonlySet<number>; id: string }) {
  const { t } = useTranslation()
  const { linked, unknown } = goalReferences(text, known)
  if (linked.length === 0 && unknown.length === 0) return null
  return (
    <div className="space-y-2 text-sm" data-goal-references={id}>
      {linked.length > 0 ? (
        <p>
          <span className="font-medium">{t('report:writing.references.linked')}: </span>
          {linked.map((n, i) => (
            <Fragment key={n}>
              {i > 0 ? ', ' : ''}
              <Link to={goalPath(n)}>{t('report:writing.references.goal', { number: n })}</Link>
            </Fragment>
          ))}
        </p>
      ) : null}
      {unknown.length > 0 ? (
        <div className="rounded-md border border-amber-700 bg-amber-50 px-3 py-2 text-amber-950" data-unknown-goals>
          <p className="font-medium">
            <span aria-hidden="true">⚠ </span>
            {t('report:writing.references.unknownTitle')}
          </p>
          <ul className="list-disc pl-5">
            {unknown.map((n) => (
              <li key={n}>{t('report:writing.references.unknown', { number: n })}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}

/** "Bewertungsschema", inserted into chapter 2 as in every export: swatch and shape plus text, and the five marks. */
export function SchemeLegend() {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="bewertungsschema" className="rounded-md border border-slate-300 p-3 text-sm" data-legend>
      <h3 id="bewertungsschema" className="font-semibold">
        {t('report:legend.title')} <span className="font-normal text-slate-700">({t('report:writing.inserted')})</span>
      </h3>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <ul className="space-y-1">
          {ATTAINMENTS.map((a) => (
            <li key={a} className="flex items-center gap-2">
              <RatingShape value={a} /> {t(`report:legend.attainment.${a}`)}
            </li>
          ))}
          <li className="flex items-center gap-2">
            <RatingShape value={null} /> {t('report:legend.attainment.none')}
          </li>
        </ul>
        <ul className="space-y-1">
          {FLAGS.map((k) => (
            <li key={k} className="flex items-center gap-2">
              <MarkIcon flag={k} label={t(flagLabel(k))} /> {t(`report:legend.flag.${k}`)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}

/** Beside a field chapter: the field's goals and measures as agreed (else proposed), read-only, so the author writes from the agreed state. */
export function FieldSidePanel({ panel }: { panel: FieldPanel }) {
  const { t } = useTranslation()
  const id = `feld-${panel.number}-stand`
  return (
    <aside aria-labelledby={id} className="rounded-md border border-slate-300 bg-slate-50 text-sm" data-field-panel={panel.number}>
      <details open>
        <summary className="cursor-pointer px-3 py-2 font-semibold" id={id}>
          {t('report:writing.panel.title', { number: panel.number })}
        </summary>
        <div className="max-h-[36rem] space-y-3 overflow-y-auto px-3 pb-3">
          {panel.feedback !== null ? <p>{t('report:writing.panel.feedback', { count: panel.feedback })}</p> : null}
          {panel.goals.map((g) => (
            <div key={g.number} className="space-y-1">
              <p className="font-medium">
                <Link to={goalPath(g.number)}>{t('report:writing.references.goal', { number: g.number })}</Link>
                {': '}
                <span lang="de">{g.description}</span>
              </p>
              <ul className="space-y-2 border-l-2 border-slate-300 pl-2">
                {g.measures.map((m) => (
                  <li key={m.id} className="space-y-1">
                    <p lang="de">
                      {m.number} {m.title}
                    </p>
                    <div className="flex flex-wrap items-center gap-1">
                      <RatingBadge value={m.shown} kind={m.shown ? m.kind : undefined} />
                      <MarkIcons flags={m.flags} />
                    </div>
                    {m.kind === 'agreed' ? (
                      <p className="text-xs text-slate-700">
                        {t('report:writing.panel.proposal')}: {t(attainmentLabel(m.proposal))}
                      </p>
                    ) : null}
                    {m.narrative ? (
                      <details>
                        <summary className="cursor-pointer text-xs text-brand-700 underline">
                          {t('report:writing.panel.narrative')}
                          <span className="sr-only">
                            {' '}
                            <span lang="de">{m.title}</span>
                          </span>
                        </summary>
                        <p className="mt-1 whitespace-pre-line text-xs" lang="de">
                          {m.narrative}
                        </p>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </details>
    </aside>
  )
}
