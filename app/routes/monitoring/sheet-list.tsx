import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'

type Territory = { slug: string; name: string; kind: 'county' | 'municipality' }

/** The 22 sheets of a year: the county, then the municipalities alphabetically (the server's order, never by a value). */
export function SheetList({ territories, href }: { territories: Territory[]; href: (slug: string) => string }) {
  const { t } = useTranslation()
  const county = territories.filter((t) => t.kind === 'county')
  const municipalities = territories.filter((t) => t.kind === 'municipality')
  return (
    <div className="grid gap-4 sm:grid-cols-[1fr_3fr]">
      <section aria-labelledby="list-county">
        <h3 id="list-county" className="font-semibold">
          {t('monitoring:sheets.county')}
        </h3>
        <ul>
          {county.map((c) => (
            <li key={c.slug}>
              <Link to={href(c.slug)} lang="de">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="list-municipalities">
        <h3 id="list-municipalities" className="font-semibold">
          {t('monitoring:sheets.municipalities')}
        </h3>
        <ol className="columns-1 sm:columns-2 lg:columns-3" data-testid="municipality-list">
          {municipalities.map((m) => (
            <li key={m.slug}>
              <Link to={href(m.slug)} lang="de">
                {m.name}
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
