import type { OverviewData, OverviewGoal, OverviewMeasure } from '../../services/report/overview'
import { ATTAINMENT_SHAPE, ratingWords, setFlags, type OverviewLabels } from '../overview-layout'
import { FLAG_SYMBOL } from '../../../app/shared/vocabulary'

/**
 * The overview as HTML for Chromium's tagged PDF (server-side React, rendered to static markup): real headings, a
 * list for the legend, one table per field with <thead> (repeated on every page it runs onto), a <tbody> per
 * challenge headed by a row header spanning the table, the goal's number and description spanning its measures
 * (rowspan), and per measure its rating: words and a shape, the cell tinted in its colour (print-color-adjust), the
 * marks as abbreviations whose title says the full label. The report reuses these parts for its annex, and the
 * published pages (app/routes/published/) for the web; catalogue texts are the county's German, marked lang="de".
 */

export function TitleBlock({ labels, level = 1 }: { labels: OverviewLabels; level?: 1 | 2 }) {
  const Heading = level === 1 ? 'h1' : 'h2'
  return (
    <header className="title-block">
      <Heading className="doc-title">{labels.title}</Heading>
      <p className="subtitle">{labels.subtitle}</p>
      <p>
        {labels.round} · {labels.stand}
      </p>
      <dl className="meta">
        <dt>{labels.valuesLabel}</dt>
        <dd>{labels.values}</dd>
        <dt>{labels.filtersLabel}</dt>
        <dd>{labels.filters.join('; ')}</dd>
      </dl>
      {labels.draftNote ? <p className="draft-note">{labels.draftNote}</p> : null}
    </header>
  )
}

export function Legend({ labels, level = 2, id = 'legend-title' }: { labels: OverviewLabels; level?: 2 | 3; id?: string }) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section className="legend" aria-labelledby={id}>
      <Heading id={id}>{labels.legendTitle}</Heading>
      <div className="legend-columns">
        <ul>
          {labels.legendAttainments.map((a) => (
            <li key={a.key}>
              <span className={`swatch rating-${a.key}`} aria-hidden="true">
                {a.shape}
              </span>{' '}
              {a.label}
            </li>
          ))}
        </ul>
        <ul>
          {labels.legendFlags.map((f) => (
            <li key={f.key}>
              <span className="mark" aria-hidden="true">
                {f.symbol}
              </span>{' '}
              {f.label}
            </li>
          ))}
        </ul>
      </div>
      <p className="small">{labels.legendProposal}</p>
    </section>
  )
}

function Rating({ m, labels }: { m: OverviewMeasure; labels: OverviewLabels }) {
  const marks = setFlags(m.flags)
  const suffix = m.kind === 'proposal' && m.attainment === null ? ` (${labels.proposal})` : ''
  return (
    <td className={`rating rating-${m.attainment ?? 'none'}`}>
      <span className="shape" aria-hidden="true">
        {ATTAINMENT_SHAPE[m.attainment ?? 'none']}
      </span>{' '}
      <span className="word">{ratingWords(m, labels)}</span>
      {marks.length > 0 ? (
        <span className="marks">
          {marks.map((f) => (
            <abbr key={f} title={labels.flag(f)} className="mark">
              {FLAG_SYMBOL[f]}
            </abbr>
          ))}
          {suffix}
        </span>
      ) : null}
    </td>
  )
}

function GoalRows({ goal, labels }: { goal: OverviewGoal; labels: OverviewLabels }) {
  const span = goal.measures.length
  return (
    <>
      {goal.measures.map((m, index) => (
        <tr key={m.id}>
          {index === 0 ? (
            <>
              <th scope="row" rowSpan={span} className="goal-number">
                {goal.number}
              </th>
              <td rowSpan={span} lang="de">
                {goal.description}
              </td>
            </>
          ) : null}
          <td lang="de">
            {m.title}
            {m.units.length > 0 ? <span className="units">{m.units.join(', ')}</span> : null}
          </td>
          <Rating m={m} labels={labels} />
        </tr>
      ))}
    </>
  )
}

export function FieldSections({ data, labels, level = 2 }: { data: OverviewData; labels: OverviewLabels; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3'
  if (data.fields.length === 0) return <p className="empty">{labels.empty}</p>
  return (
    <>
      {data.fields.map((field) => (
        <section key={field.number} className="field" aria-labelledby={`field-${field.number}`}>
          <Heading id={`field-${field.number}`}>{labels.fieldHeading(field.title)}</Heading>
          <table className="overview">
            <colgroup>
              <col className="c-goal" />
              <col className="c-description" />
              <col className="c-measure" />
              <col className="c-rating" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{labels.columns.goal}</th>
                <th scope="col">{labels.columns.description}</th>
                <th scope="col">{labels.columns.measures}</th>
                <th scope="col">{labels.columns.rating}</th>
              </tr>
            </thead>
            {field.challenges.map((challenge) => (
              <tbody key={challenge.title}>
                <tr className="challenge">
                  <th scope="rowgroup" colSpan={4} lang="de">
                    {challenge.title}
                  </th>
                </tr>
                {challenge.goals.map((goal) => (
                  <GoalRows key={goal.number} goal={goal} labels={labels} />
                ))}
              </tbody>
            ))}
          </table>
        </section>
      ))}
    </>
  )
}
