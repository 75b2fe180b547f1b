import { Link } from 'react-router'
import { MarkIconsIn } from '~/ui/mark-icons'
import { RatingBadgeIn } from '~/ui/rating-badge'
import type { LiveStatus } from '~/collab/use-status-stream'
import type { T } from '~/shared/i18n'
import { ATTAINMENTS, FLAGS, attainmentLabel } from '~/shared/vocabulary'
import type { OverviewField } from './types'

/** The loader's catalogue text (overview.server.ts) back as fields, goals and measures. */
export function parseCatalogue(catalogue: string): OverviewField[] {
  return JSON.parse(catalogue) as OverviewField[]
}

/**
 * The overview's fields, goals and measures: most of the page. A pure function of `fields`, `live` and `t` –
 * no hooks besides Link's, which needs only a router – so that the server can render it once per catalogue
 * state and language and reuse the markup (overview-catalogue.server.tsx); the browser renders it as usual.
 */
export function OverviewCatalogue({ fields, live, t }: { fields: readonly OverviewField[]; live: ReadonlyMap<number, LiveStatus>; t: T }) {
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
                {goal.measures.length > 0 ? (
                  <table className="table mt-2">
                    <caption className="sr-only">
                      {t('measures')} {t('goal')} {goal.number}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('measure')}</th>
                        <th scope="col" className="w-1/4">
                          {t('units')}
                        </th>
                        <th scope="col" className="w-44">
                          {t('attainment')}
                        </th>
                        <th scope="col" className="w-32">
                          {t('catalogue:overview.marks')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {goal.measures.map((stored) => {
                        const update = live.get(stored.id)
                        const m = update ? { ...stored, proposal: update.proposal, agreed: update.agreed, marks: FLAGS.filter((key) => update.flags[key]) } : stored
                        return (
                          <tr key={m.id} data-measure={m.id}>
                            <td lang="de">{m.title}</td>
                            <td className="text-slate-700">{m.units || <span className="italic">{t('noUnit')}</span>}</td>
                            <td>
                              <RatingBadgeIn value={m.agreed ?? m.proposal} kind={m.agreed ? 'agreed' : m.proposal ? 'proposal' : undefined} t={t} />
                            </td>
                            <td>
                              <MarkIconsIn flags={Object.fromEntries(m.marks.map((key) => [key, true]))} t={t} />
                            </td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  ))
}
