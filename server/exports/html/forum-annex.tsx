import { DISPOSITION_KEYS, type ParticipationAnnex, type ParticipationForum } from '../../services/forums/participation'
import { languageTag, textDirection, type ForumLabels } from '../forum-layout'

/**
 * The report's annex "Beteiligung" as HTML (html/report.tsx puts it after the overview annex, outside the chapters'
 * numbering): per forum that fed the round its title, date, format and target groups, a table of its items by
 * category and disposition, and the items taken up, each in its language. Without forums it says so: the round then
 * records that no external stakeholders took part.
 */

export const PARTICIPATION_CSS = `
.participation { break-before: page; }
.participation section.forum + section.forum { margin-top: 7mm; }
table.participation-counts { border-collapse: collapse; margin: 2mm 0 3mm; font-size: 8.5pt; width: 100%; }
table.participation-counts caption { text-align: left; font-weight: bold; caption-side: top; margin-bottom: 1mm; }
table.participation-counts th, table.participation-counts td { border: 0.3mm solid #808080; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
table.participation-counts td { text-align: right; }
table.participation-counts tfoot th, table.participation-counts tfoot td { font-weight: bold; }
ul.taken-up { list-style: none; padding: 0; margin: 0; }
ul.taken-up li { border-inline-start: 1mm solid #9ca3af; padding-inline-start: 2.5mm; margin-bottom: 1.8mm; break-inside: avoid; }
ul.taken-up .meta { font-size: 8.5pt; color: #374151; margin: 0.3mm 0 0; }
`

export function ParticipationAnnexSection({ annex, labels, id, title }: { annex: ParticipationAnnex; labels: ForumLabels; id: string; title: string }) {
  const { t } = labels
  return (
    <section className="participation" aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      <p>{annex.forums.length === 0 ? t('forums:annex.none') : t('forums:annex.intro')}</p>
      {annex.forums.map((forum) => (
        <Forum key={forum.id} forum={forum} labels={labels} />
      ))}
    </section>
  )
}

function Forum({ forum, labels }: { forum: ParticipationForum; labels: ForumLabels }) {
  const { t } = labels
  return (
    <section className="forum" aria-labelledby={`participation-${forum.id}`} data-forum={forum.id}>
      <h2 id={`participation-${forum.id}`} lang="de">
        {forum.title}
      </h2>
      <p>
        {t('forums:annex.meta', { date: labels.date(forum.date), format: labels.format(forum.format) })}
        <br />
        {forum.targetGroups.length > 0 ? t('forums:annex.targetGroups', { groups: forum.targetGroups.map((g) => labels.targetGroup(g)).join('; ') }) : t('forums:annex.noTargetGroups')}
      </p>
      {forum.total === 0 ? (
        <p className="empty">{t('forums:annex.noCards')}</p>
      ) : (
        <table className="participation-counts">
          <caption>
            {t('forums:annex.countsTitle', { title: '' })}
            <span lang="de">{forum.title}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('forums:annex.category')}</th>
              {DISPOSITION_KEYS.map((key) => (
                <th key={key} scope="col">
                  {labels.disposition(key === 'none' ? null : key)}
                </th>
              ))}
              <th scope="col">{t('forums:annex.total')}</th>
            </tr>
          </thead>
          <tbody>
            {forum.categories.map((category) => (
              <tr key={category.preset ?? category.label}>
                <th scope="row" lang={labels.langOfEntry(category)}>
                  {labels.category(category)}
                </th>
                {DISPOSITION_KEYS.map((key) => (
                  <td key={key}>{labels.number(category.counts[key])}</td>
                ))}
                <td>{labels.number(category.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('forums:annex.sum')}</th>
              {DISPOSITION_KEYS.map((key) => (
                <td key={key}>{labels.number(forum.totals[key])}</td>
              ))}
              <td>{labels.number(forum.total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      <h3>{t('forums:annex.takenUp')}</h3>
      {forum.takenUp.length === 0 ? (
        <p className="empty">{t('forums:annex.noneTakenUp')}</p>
      ) : (
        <ul className="taken-up">
          {forum.takenUp.map((item, i) => (
            <li key={i}>
              <p lang={languageTag(item.language)} dir={textDirection(item.text)}>
                {item.text}
              </p>
              <p className="meta">
                {[labels.category(item.category), labels.target(item), item.date ? t('forums:documentation.dispositionDate', { disposition: labels.disposition(item.disposition), date: labels.shortDate(item.date) }) : labels.disposition(item.disposition)].join(' · ')}
                {item.reason ? (
                  <>
                    {' · '}
                    {t('forums:documentation.reason', { reason: '' })}
                    <span lang="de">{item.reason}</span>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
