import { Link } from 'react-router'
import { MarkIconsIn } from '~/ui/mark-icons'
import { RatingBadgeIn, RatingShapePath, SHAPE_FILL } from '~/ui/rating-badge'
import { ChartPatterns, CountChart, type CountGroup } from '~/ui/count-chart'
import type { LiveStatus } from '~/collab/use-status-stream'
import type { Language, T } from '~/shared/i18n'
import { ATTAINMENTS, FLAGS, FLAG_SYMBOL, attainmentLabel, flagLabel } from '~/shared/vocabulary'
import type { OverviewCatalogueData, OverviewField, OverviewGoal, OverviewMeasure, OverviewView } from './types'

/** The loader's catalogue text (overview.server.ts) back as fields, goals, measures and the view. */
export function parseCatalogue(catalogue: string): OverviewCatalogueData {
  return JSON.parse(catalogue) as OverviewCatalogueData
}

/** The key under which the server offers the catalogue's JSON text (the markup's key is the reference itself). */
export function catalogueScriptKey(ref: string): string {
  return `${ref}:json`
}

/** The overview's address for these filters, view and collapsed fields (and a field to jump to). */
export function overviewHref(query: string, view: OverviewView, collapsed: readonly number[], field?: number): string {
  // `zu=2,5` with plain commas: an address people read and pass on.
  const parts = [query, collapsed.length > 0 ? `zu=${collapsed.join(',')}` : '', view !== 'karten' ? `ansicht=${view}` : ''].filter(Boolean)
  return `/${parts.length > 0 ? `?${parts.join('&')}` : ''}${field === undefined ? '' : `#feld-${field}`}`
}

type Props = { catalogue: OverviewCatalogueData; live: ReadonlyMap<number, LiveStatus>; t: T; language: Language }

/**
 * The overview's fields, goals and measures: most of the page. A pure function of its props – no hooks besides
 * Link's, which needs only a router – so that the server can render it once per catalogue state, view and language
 * and reuse the markup (overview-catalogue.server.tsx); the browser renders it as usual.
 *
 * Each field has a heading, its figures as text and as a chart with its table, and a link that collapses or
 * expands it (the state is in the address, `?zu=2,5`, so the link works without JavaScript and can be shared).
 * Its goals come as cards with a table of measures each, or (`?ansicht=tabelle`) as one dense table per challenge.
 */
export function OverviewCatalogue({ catalogue, live, t, language }: Props) {
  const { fields } = catalogue
  if (fields.length === 0) return <p className="card">{t('catalogue:overview.noMatch')}</p>
  return (
    <>
      <ChartPatterns />
      {fields.map((field) => (
        <FieldSection key={field.number} field={field} catalogue={catalogue} live={live} t={t} language={language} />
      ))}
    </>
  )
}

function FieldSection({ field, catalogue, live, t, language }: Props & { field: OverviewField }) {
  const { collapsed, view, query } = catalogue
  const toggled = field.collapsed ? collapsed.filter((n) => n !== field.number) : [...collapsed, field.number].sort((a, b) => a - b)
  const contentId = `feld-${field.number}-inhalt`
  return (
    <section aria-labelledby={`feld-${field.number}`} className="space-y-3" data-field={field.number} data-collapsed={field.collapsed}>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 border-b-2 border-brand-700 pb-1">
        <h2 id={`feld-${field.number}`} className="text-xl font-bold">
          {t('field')} {field.number}: <span lang="de">{field.title}</span>
        </h2>
        <p className="text-sm text-slate-700" data-testid={`field-counts-${field.number}`}>
          {t('catalogue:overview.goalCount', { count: field.goalCount })} · {t('catalogue:overview.measureCount', { count: field.measureCount })} ·{' '}
          {ATTAINMENTS.map((a) => `${field.counts[a]} ${t(attainmentLabel(a))}`).join(' · ')} · {field.counts.none} {t('vocabulary:attainment.none')}
        </p>
        <Link
          to={overviewHref(query, view, toggled, field.number)}
          className="ml-auto text-sm"
          aria-expanded={!field.collapsed}
          aria-controls={field.collapsed ? undefined : contentId}
          data-toggle-field={field.number}
        >
          <span aria-hidden="true">{field.collapsed ? '▸ ' : '▾ '}</span>
          {field.collapsed ? t('catalogue:overview.expand') : t('catalogue:overview.collapse')}
          <span className="sr-only">
            : {t('field')} {field.number}
          </span>
        </Link>
      </div>
      <FieldSummary field={field} t={t} />
      {field.collapsed ? null : (
        <div id={contentId} className="space-y-3">
          {field.challenges.map((challenge) =>
            view === 'tabelle' ? (
              <ChallengeTable key={challenge.id} title={challenge.title} goals={challenge.goals} live={live} t={t} language={language} />
            ) : (
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
            ),
          )}
        </div>
      )}
    </section>
  )
}

/** A field's ratings and marks: counted in words, drawn as a chart, and listed in the chart's table. */
function FieldSummary({ field, t }: { field: OverviewField; t: T }) {
  const groups: CountGroup[] = [
    {
      key: 'attainment',
      label: t('attainment'),
      bars: [...ATTAINMENTS, null].map((a) => ({
        key: a ?? 'none',
        label: t(attainmentLabel(a)),
        value: field.counts[a ?? 'none'],
        fill: { pattern: a ?? 'none' },
        marker: <RatingShapePath value={a} />,
        markerClassName: SHAPE_FILL[a ?? 'none'],
      })),
    },
    {
      key: 'marks',
      label: t('catalogue:overview.marks'),
      bars: FLAGS.map((flag) => ({
        key: flag,
        label: t(flagLabel(flag)),
        value: field.marks[flag],
        fill: { pattern: 'mark' },
        marker: (
          <text x="6" y="10" className="font-bold">
            {FLAG_SYMBOL[flag]}
          </text>
        ),
      })),
    },
  ]
  return (
    <div className="space-y-1" data-testid={`field-summary-${field.number}`}>
      <p className="text-sm text-slate-700" data-testid={`field-marks-${field.number}`}>
        {t('catalogue:overview.marks')}: {FLAGS.map((flag) => `${field.marks[flag]} ${t(flagLabel(flag))}`).join(' · ')}
      </p>
      <CountChart
        id={`feld-${field.number}-chart`}
        title={t('catalogue:overview.chartTitle', { count: field.measureCount })}
        groups={groups}
        tableSummary={t('catalogue:overview.chartTable')}
        columnHeader={t('catalogue:overview.chartColumn')}
        valueHeader={t('measures')}
      />
    </div>
  )
}

type MeasureProps = { live: ReadonlyMap<number, LiveStatus>; t: T; language: Language }

/** A goal card's measures. On a phone the units go under the title and the marks under the rating: two columns fit. */
function GoalMeasures({ goal, live, t, language }: MeasureProps & { goal: OverviewGoal }) {
  return (
    <table className="table mt-2">
      <caption className="sr-only">
        {t('measures')} {t('goal')} {goal.number}
      </caption>
      <MeasureHead t={t} />
      <tbody>
        {goal.measures.map((stored) => (
          <MeasureRow key={stored.id} stored={stored} live={live} t={t} language={language} />
        ))}
      </tbody>
    </table>
  )
}

function MeasureHead({ t }: { t: T }) {
  return (
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

/** The dense view: one table per challenge, a row group per goal (its heading row, then its measures). */
function ChallengeTable({ title, goals, live, t, language }: MeasureProps & { title: string; goals: OverviewGoal[] }) {
  return (
    <table className="table [&_td]:py-1 [&_th]:py-1" data-view="tabelle">
      <caption className="pb-1 text-left text-base font-semibold text-slate-800" lang="de">
        {title}
      </caption>
      <MeasureHead t={t} />
      {goals.map((goal) => (
        <tbody key={goal.id} data-goal-row={goal.number}>
          <tr>
            <th scope="rowgroup" colSpan={4} className="border-l-4 border-l-brand-700 bg-white font-normal">
              <Link to={`/ziele/${goal.number}`} className="font-semibold">
                {t('goal')} {goal.number}
              </Link>{' '}
              <span className="text-xs" lang="de">
                {goal.description}
              </span>
            </th>
          </tr>
          {goal.measures.length === 0 ? (
            <tr>
              <td colSpan={4} className="text-xs italic text-slate-700">
                {t('catalogue:overview.noMeasures')}
              </td>
            </tr>
          ) : (
            goal.measures.map((stored) => <MeasureRow key={stored.id} stored={stored} live={live} t={t} language={language} />)
          )}
        </tbody>
      ))}
    </table>
  )
}
