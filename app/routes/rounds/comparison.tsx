import { Form, Link, useLoaderData } from 'react-router'
import { SelectField } from '~/ui/form'
import { RatingBadge } from '~/ui/rating-badge'
import { FLAGS, type Flags, flagLabel } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/comparison'
import { loadComparison } from './comparison.server'

export const meta: Route.MetaFunction = () => [{ title: 'Vergleich zweier Berichtsrunden – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadComparison(context, request)
}

type Data = Awaited<ReturnType<typeof loader>>
type Compared = Data['measures'][number]

const FILTER_LABEL = { alle: 'alle Maßnahmen', geaendert: 'nur geänderte', verschlechtert: 'nur verschlechterte' } as const

export default function Comparison() {
  const data = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Vergleich zweier Berichtsrunden</h1>
      <search>
        <Form method="get" className="card grid grid-cols-1 items-end gap-3 sm:grid-cols-4" aria-label="Runden und Filter wählen">
          <SelectField label="Von (frühere Runde)" name="von" defaultValue={data.from?.id ?? ''}>
            {data.options.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Nach (spätere Runde)" name="nach" defaultValue={data.to?.id ?? ''}>
            {data.options.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Anzeigen" name="nur" defaultValue={data.filter}>
            <option value="alle">{FILTER_LABEL.alle}</option>
            <option value="geaendert">{FILTER_LABEL.geaendert}</option>
            <option value="verschlechtert">{FILTER_LABEL.verschlechtert}</option>
          </SelectField>
          <div>
            <button type="submit" className="btn">
              Vergleichen
            </button>
          </div>
        </Form>
      </search>

      {data.from && data.to ? (
        <>
          <p className="text-sm text-slate-700" role="status">
            {data.from.name} → {data.to.name}: {data.changedCount} von {data.total} Maßnahmen geändert, {data.worseCount} verschlechtert. Gezeigt:{' '}
            {data.measures.length} ({FILTER_LABEL[data.filter]}).
          </p>
          {data.measures.length === 0 ? <p className="card">Keine Maßnahme entspricht diesem Filter.</p> : null}
          <ul className="space-y-3">
            {data.measures.map((m) => (
              <MeasureComparison key={m.id} measure={m} />
            ))}
          </ul>
        </>
      ) : (
        <p className="card">Für einen Vergleich braucht es mindestens zwei Berichtsrunden.</p>
      )}
      <p className="text-sm text-slate-700">
        Als Bewertung gilt die abgestimmte, sonst der Vorschlag. „Verschlechtert“ heißt: von hoch auf mittel oder gering, oder von mittel auf gering;
        „unklar“ und „noch nicht bewertet“ sind nicht eingeordnet.
      </p>
    </div>
  )
}

function MarkList({ flags }: { flags: Flags }) {
  const { t } = useTranslation()
  const set = FLAGS.filter((k) => flags[k])
  return <>{set.length === 0 ? 'keine' : set.map((k) => t(flagLabel(k))).join(', ')}</>
}

function MeasureComparison({ measure: m }: { measure: Compared }) {
  const { t } = useTranslation()
  return (
    <li className="card space-y-2" data-compared={m.id} data-changed={m.changed} data-worse={m.worse}>
      <h2 className="text-base font-semibold">
        <Link to={`/ziele/${m.goalNumber}`}>
          {t('goal')} {m.goalNumber}
        </Link>
        : <span lang="de">{m.title}</span>
        {m.worse ? <span className="ml-2 rounded border border-red-800 px-1.5 text-xs font-semibold text-red-900">verschlechtert</span> : null}
        {!m.changed ? <span className="ml-2 text-xs font-normal text-slate-700">(unverändert)</span> : null}
      </h2>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">{t('attainment')}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <RatingBadge value={m.before.attainment} kind={m.before.agreed ? 'agreed' : m.before.attainment ? 'proposal' : undefined} />
          <span aria-hidden="true">→</span>
          <span className="sr-only">danach</span>
          <RatingBadge value={m.after.attainment} kind={m.after.agreed ? 'agreed' : m.after.attainment ? 'proposal' : undefined} />
        </dd>
        <dt className="font-semibold">Merkmale</dt>
        <dd>
          <MarkList flags={m.before.flags} /> <span aria-hidden="true">→</span>
          <span className="sr-only">danach</span> <MarkList flags={m.after.flags} />
        </dd>
        <dt className="font-semibold">{t('narrative')}</dt>
        <dd lang="de">
          {m.diff ? <NarrativeDiff parts={m.diff} /> : <span className="text-slate-700">{m.hasNarrative ? 'unverändert' : 'kein Sachstand'}</span>}
        </dd>
      </dl>
    </li>
  )
}

/** Removed words struck through, added ones underlined and bold; screen readers hear "entfernt"/"eingefügt". */
function NarrativeDiff({ parts }: { parts: NonNullable<Compared['diff']> }) {
  return (
    <p className="whitespace-pre-wrap">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          <del key={i} className="bg-red-50 text-red-900">
            <span className="sr-only">[entfernt: </span>
            {p.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <ins key={i} className="bg-green-50 font-semibold text-green-900">
            <span className="sr-only">[eingefügt: </span>
            {p.text}
            <span className="sr-only">]</span>
          </ins>
        ),
      )}
    </p>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
