import { cardsByCategory, tablesWithCards, type DocumentationCard, type ForumDocumentation } from '../../services/forums/documentation'
import type { PollResult } from '../../services/forums/polls'
import { languageTag, phasePrefix, photoWhere, pollSummary, textDirection, type ForumLabels } from '../forum-layout'
import { PollChart } from './forum-chart'

/**
 * The forum documentation as HTML for the tagged PDF: title block, the forum's data as a definition list, the
 * contributions (h3 per phase, h4 per table, h5 per category, the cards as a list: each in its language and
 * direction, marked with the language, its target and, where given, the disposition), the televoting results (a
 * chart as a figure with its text alternative, and the same figures as a table), and the poster photos as figures
 * with alt text and caption. The county's own words (title, place, phase titles, table names, own categories) are
 * German and marked lang="de".
 */

export const FORUM_DOCUMENTATION_CSS = `
@page { size: A4 portrait; margin: 20mm 18mm 18mm 20mm; }
html { font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 18pt; }
h4 { font-size: 10.5pt; margin: 3.5mm 0 1.5mm; color: #1f3864; break-after: avoid; }
h5 { font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
.intro { margin: 3mm 0 5mm; }
section.phase + section.phase { break-before: page; }
ul.cards { list-style: none; margin: 0 0 2mm; padding: 0; }
ul.cards li { border-inline-start: 1mm solid #9ca3af; padding: 0.8mm 0 0.8mm 2.5mm; margin: 0 0 1.6mm; break-inside: avoid; }
.card-text { margin: 0; font-size: 10.5pt; }
.card-text[dir="rtl"] { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; }
.card-meta { margin: 0.4mm 0 0; font-size: 8.5pt; color: #374151; }
.card-disposition { margin: 0.4mm 0 0; font-size: 8.5pt; }
.host { font-size: 9pt; color: #374151; margin: 0 0 1mm; }
section.poll { break-inside: avoid; margin-bottom: 6mm; }
section.poll figure { margin: 2mm 0; }
section.poll svg { width: 165mm; height: auto; }
table.results { border-collapse: collapse; margin: 2mm 0 1mm; min-width: 120mm; }
table.results caption { text-align: left; font-weight: bold; margin-bottom: 1mm; caption-side: top; }
table.results th, table.results td { border: 0.3mm solid #808080; padding: 0.8mm 2mm; text-align: left; }
table.results td.number { text-align: right; min-width: 18mm; }
figure.photo { break-inside: avoid; margin: 0 0 6mm; }
figure.photo img { display: block; width: auto; height: auto; max-width: 100%; max-height: 190mm; }
figure.photo figcaption { font-size: 9pt; margin-top: 1mm; }
`

export function DocumentationDocument({ doc, labels, stand }: { doc: ForumDocumentation; labels: ForumLabels; stand: string }) {
  const { t } = labels
  const f = doc.forum
  return (
    <main>
      <header>
        <h1>
          {t('forums:documentation.title')}: <span lang="de">{f.title}</span>
        </h1>
        <p className="subtitle">
          {labels.date(f.date)} · <span lang={labels.langOfEntry(f.format)}>{labels.format(f.format)}</span>
        </p>
        <p>{t('forums:documentation.stand', { date: labels.date(stand) })}</p>
        <p className="intro">{t('forums:documentation.intro')}</p>
      </header>
      <ForumData doc={doc} labels={labels} />
      <section aria-labelledby="doc-cards">
        <h2 id="doc-cards">{t('forums:documentation.cards')}</h2>
        <p>{t('forums:documentation.cardsIntro')}</p>
        {doc.hidden > 0 ? <p className="small">{t('forums:documentation.hidden', { count: doc.hidden })}</p> : null}
        {doc.phases.map((phase) => (
          <section key={phase.id} className="phase" aria-labelledby={`phase-${phase.id}`}>
            <h3 id={`phase-${phase.id}`}>
              {phasePrefix(labels, phase)}
              <span lang="de">{phase.title}</span>
            </h3>
            {tablesWithCards(doc, phase.id).length === 0 ? <p className="empty">{t('forums:documentation.noCards')}</p> : null}
            {tablesWithCards(doc, phase.id).map((table) => (
              <section key={table?.id ?? 'none'} aria-labelledby={`table-${phase.id}-${table?.id ?? 'none'}`}>
                <h4 id={`table-${phase.id}-${table?.id ?? 'none'}`}>
                  {table ? (
                    <>
                      {t('forums:documentation.table', { number: table.number, name: '' })}
                      <span lang="de">{table.name}</span>
                    </>
                  ) : (
                    t('forums:documentation.noTable')
                  )}
                </h4>
                {table?.host ? <p className="host">{t('forums:documentation.host', { name: table.host })}</p> : null}
                {cardsByCategory(doc, phase.id, table?.id ?? null).map(({ category, cards }) => (
                  <section key={category.id} aria-label={labels.category(category)}>
                    <h5 lang={labels.langOfEntry(category)}>{labels.category(category)}</h5>
                    <ul className="cards">
                      {cards.map((card) => (
                        <Card key={card.id} card={card} labels={labels} />
                      ))}
                    </ul>
                  </section>
                ))}
              </section>
            ))}
          </section>
        ))}
      </section>
      <Polls polls={doc.polls} labels={labels} />
      <Photos doc={doc} labels={labels} />
    </main>
  )
}

function ForumData({ doc, labels }: { doc: ForumDocumentation; labels: ForumLabels }) {
  const { t } = labels
  const f = doc.forum
  const none = <span className="empty">{t('forums:documentation.none')}</span>
  const german = (text: string) => (text ? <span lang="de">{text}</span> : none)
  return (
    <section aria-labelledby="doc-data">
      <h2 id="doc-data">{t('forums:documentation.data')}</h2>
      <dl className="meta">
        <dt>{t('forums:documentation.format')}</dt>
        <dd lang={labels.langOfEntry(f.format)}>{labels.format(f.format)}</dd>
        <dt>{t('forums:documentation.targetGroups')}</dt>
        <dd>
          {f.targetGroups.length === 0
            ? none
            : f.targetGroups.map((g, i) => (
                <span key={`${g.preset ?? g.name}`} lang={labels.langOfEntry(g)}>
                  {i > 0 ? '; ' : ''}
                  {labels.targetGroup(g)}
                </span>
              ))}
        </dd>
        <dt>{t('forums:documentation.date')}</dt>
        <dd>{labels.date(f.date)}</dd>
        <dt>{t('forums:documentation.time')}</dt>
        <dd>{f.time ?? none}</dd>
        <dt>{t('forums:documentation.place')}</dt>
        <dd>{german(f.place)}</dd>
        <dt>{t('forums:documentation.invitedBy')}</dt>
        <dd>{german(f.invitedBy)}</dd>
        <dt>{t('forums:documentation.moderators')}</dt>
        <dd>{f.moderators.length > 0 ? f.moderators.join(', ') : none}</dd>
        <dt>{t('forums:documentation.languages')}</dt>
        <dd>{f.languages.map((l) => labels.languageName(l)).join(', ')}</dd>
        <dt>{t('forums:documentation.interpreting')}</dt>
        <dd>{german(f.interpreting)}</dd>
        <dt>{t('forums:documentation.material')}</dt>
        <dd>{f.materialFile || f.materialUrl ? [f.materialFile, f.materialUrl].filter(Boolean).join(' · ') : none}</dd>
        {f.roundName ? (
          <>
            <dt>{t('forums:documentation.round')}</dt>
            <dd lang="de">{f.roundName}</dd>
          </>
        ) : null}
        <dt>{t('forums:documentation.codeMode')}</dt>
        <dd>{labels.codeMode(f.codeMode)}</dd>
        <dt>{t('forums:documentation.joined')}</dt>
        <dd>{labels.number(f.joined)}</dd>
        <dt>{t('forums:documentation.state')}</dt>
        <dd>{labels.forumState(f.state)}</dd>
      </dl>
      <h3>{t('forums:documentation.phases')}</h3>
      <ol>
        {doc.phases.map((phase) => (
          <li key={phase.id}>
            <span lang="de">{phase.title}</span>
            {' – '}
            {t('forums:documentation.categories')}:{' '}
            {phase.categories.map((c, i) => (
              <span key={c.id} lang={labels.langOfEntry(c)}>
                {i > 0 ? ', ' : ''}
                {labels.category(c)}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </section>
  )
}

function Card({ card, labels }: { card: DocumentationCard; labels: ForumLabels }) {
  const { t } = labels
  const meta = [
    t('forums:documentation.language', { language: labels.languageName(card.language) }),
    t('forums:documentation.target', { target: labels.target(card) }),
    ...(card.merged > 0 ? [t('forums:documentation.merged', { count: card.merged })] : []),
  ]
  return (
    <li data-card={card.id}>
      <p className="card-text" lang={languageTag(card.language)} dir={textDirection(card.text)}>
        {card.text}
      </p>
      <p className="card-meta">{meta.join(' · ')}</p>
      {card.disposition ? (
        <p className="card-disposition">
          {t('forums:documentation.disposition', {
            disposition: card.dispositionDate ? t('forums:documentation.dispositionDate', { disposition: labels.disposition(card.disposition), date: labels.shortDate(card.dispositionDate) }) : labels.disposition(card.disposition),
          })}
          {card.dispositionReason ? (
            <>
              {'. '}
              {t('forums:documentation.reason', { reason: '' })}
              <span lang="de">{card.dispositionReason}</span>
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  )
}

function Polls({ polls, labels }: { polls: PollResult[]; labels: ForumLabels }) {
  const { t } = labels
  return (
    <section aria-labelledby="doc-polls" className="polls">
      <h2 id="doc-polls">{t('forums:documentation.polls')}</h2>
      <p>{t('forums:documentation.pollsIntro')}</p>
      {polls.length === 0 ? <p className="empty">{t('forums:documentation.noPolls')}</p> : null}
      {polls.map((poll, index) => (
        <section key={poll.pollId} className="poll" aria-labelledby={`poll-${poll.pollId}`}>
          <h3 id={`poll-${poll.pollId}`}>
            {t('forums:documentation.question', { number: index + 1, question: '' })}
            <span lang="de">{poll.question}</span>
          </h3>
          <p>
            {labels.pollKind(poll)} · {labels.pollState(poll)} · {t('forums:documentation.voters', { count: poll.voters })}
            {poll.mean !== null ? ` · ${t('forums:documentation.mean', { mean: labels.number(poll.mean, 1) })}` : ''}
          </p>
          <figure>
            <PollChart poll={poll} labels={labels} alt={t('forums:documentation.chartAlt', { question: poll.question, summary: pollSummary(labels, poll) })} />
          </figure>
          <table className="results">
            <caption>
              {t('forums:documentation.question', { number: index + 1, question: '' })}
              <span lang="de">{poll.question}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('forums:documentation.answer')}</th>
                <th scope="col">{t('forums:documentation.votes')}</th>
                <th scope="col">{t('forums:documentation.share')}</th>
              </tr>
            </thead>
            <tbody>
              {poll.options.map((option) => (
                <tr key={option.id}>
                  <th scope="row" lang="de">
                    {option.label}
                  </th>
                  <td className="number">{labels.number(option.count)}</td>
                  <td className="number">{labels.percent(option.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">{t('forums:documentation.shareNote')}</p>
        </section>
      ))}
    </section>
  )
}

function Photos({ doc, labels }: { doc: ForumDocumentation; labels: ForumLabels }) {
  const { t } = labels
  return (
    <section aria-labelledby="doc-photos">
      <h2 id="doc-photos">{t('forums:documentation.photos')}</h2>
      {doc.photos.length === 0 ? <p className="empty">{t('forums:documentation.noPhotos')}</p> : null}
      {doc.photos.map((photo) => {
        const where = photoWhere(labels, photo)
        return (
          <figure key={photo.id} className="photo">
            <img src={`data:image/jpeg;base64,${Buffer.from(photo.bytes).toString('base64')}`} alt={t('forums:documentation.photoAlt', { where })} width={photo.width ?? undefined} height={photo.height ?? undefined} />
            <figcaption>{t('forums:documentation.photoCaption', { where, file: photo.fileName })}</figcaption>
          </figure>
        )
      })}
    </section>
  )
}
