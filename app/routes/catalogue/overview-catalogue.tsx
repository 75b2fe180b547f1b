import { Link } from 'react-router'
import { MarkIconsIn } from '~/ui/mark-icons'
import { RatingBadgeIn } from '~/ui/rating-badge'
import type { LiveStatus } from '~/collab/use-status-stream'
import type { Language, T } from '~/shared/i18n'
import { ATTAINMENTS, FLAGS, attainmentLabel } from '~/shared/vocabulary'
import type { OverviewField, OverviewGoal, OverviewMeasure } from './types'

/** The loader's catalogue text (overview.server.ts) back as fields, goals and measures. */
export function parseCatalogue(catalogue: string): OverviewField[] {
  return JSON.parse(catalogue) as OverviewField[]
}

/**
 * The overview's fields, goals and measures: most of the page. A pure function of `fields`, `live` and `t` –
 * no hooks besides Link's, which needs only a router – so that the server can render it once per catalogue
 * state and language and reuse the markup (overview-catalogue.server.tsx); the browser renders it as usual.
 * `language` is the page's (`t`'s), for marking the UI text among the German catalogue texts.
 */
export function OverviewCatalogue({ fields, live, t, language }: { fields: readonly OverviewField[]; live: ReadonlyMap<number, LiveStatus>; t: T; language: Language }) {
  if (fields.length === 0) return <p className="card">{t('catalogue:overview.noMatch')}</p>
  return fields.map((field) => (
    <section key={field.number} aria-labelledby={`feld-${field.number}`} className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 border-b-2 border-brand-700 pb-1">
        <h2 id={`feld-${field.number}`} className="text-xl font-bold">
          {t('field')} {field.number}: <span lang="de">{field.title}</span>
        </h2>
        <p className="text-sm text-slate-700" data-testid={`field-counts-${field.number}`}>
          {t('catalogue:overview.goalCount', { count: field.goalCount })} · {t('catalogue:overview.measureCount', { count: field.measureCount })} ·{' '}
          {ATTAINMENTS.map((a) => `${field.counts[a]} ${t(attainmentLabel(a))}`).join(' · ')} · {field.counts.none} {t('vocabulary:attainment.none')}
        </p>
      </div>
      {field.challenges.map((challenge) => (
        <div key={challenge.id} className="space-y-2">
          <h3 className="text-base font-semibold text-slate-800" lang="de">
            {challenge.title}
          </h3>
          <ul className="space-y-2">
            {challenge.goals.map((goal) => (
              <li key={goal.id} className="card" data-goal={goal.number}>
                <Link to={`/ziele/${goal.number}`} className="font-semibold">
                  {t('goal')} {goal.number}
                </Link>
                <p className="mt-1 text-sm" lang="de">
                  {goal.description}
                </p>
                {goal.measures.length > 0 ? <GoalMeasures goal={goal} live={live} t={t} language={language} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  ))
}

type MeasureProps = { live: ReadonlyMap<number, LiveStatus>; t: T; language: Language }

/**
 * A goal card's measures. On a phone two columns fit, not four: the units go under the title and the marks under
 * the rating (their own columns are hidden there), so nothing pans sideways and the rating stays on screen.
 */
function GoalMeasures({ goal, live, t, language }: MeasureProps & { goal: OverviewGoal }) {
  return (
    <table className="table mt-2">
      <caption className="sr-only">
        {t('measures')} {t('goal')} {goal.number}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('measure')}</th>
          <th scope="col" className="max-sm:hidden sm:w-1/4">
            {t('units')}
          </th>
          <th scope="col" className="sm:w-44">
            {t('attainment')}
          </th>
          <th scope="col" className="max-sm:hidden sm:w-32">
            {t('catalogue:overview.marks')}
          </th>
        </tr>
      </thead>
      <tbody>
        {goal.measures.map((stored) => (
          <MeasureRow key={stored.id} stored={stored} live={live} t={t} language={language} />
        ))}
      </tbody>
    </table>
  )
}

function MeasureRow({ stored, live, t, language }: MeasureProps & { stored: OverviewMeasure }) {
  const update = live.get(stored.id)
  const m = update ? { ...stored, proposal: update.proposal, agreed: update.agreed, marks: FLAGS.filter((key) => update.flags[key]) } : stored
  const units = m.units ? <>{m.units}</> : <span className="italic">{t('noUnit')}</span>
  const marks = <MarkIconsIn flags={Object.fromEntries(m.marks.map((key) => [key, true]))} t={t} />
  return (
    <tr data-measure={m.id}>
      <td lang="de">
        {m.title}
        <span className="mt-0.5 block text-xs text-slate-700 sm:hidden" lang={m.units ? 'de' : language}>
          {units}
        </span>
      </td>
      <td className="text-slate-700 max-sm:hidden">{units}</td>
      <td>
        <RatingBadgeIn value={m.agreed ?? m.proposal} kind={m.agreed ? 'agreed' : m.proposal ? 'proposal' : undefined} t={t} />
        {m.marks.length > 0 ? <div className="mt-1 sm:hidden">{marks}</div> : null}
      </td>
      <td className="max-sm:hidden">{marks}</td>
    </tr>
  )
}
