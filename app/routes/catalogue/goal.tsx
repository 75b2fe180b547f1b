import { lazy, Suspense } from 'react'
import { Form, Link, useLoaderData } from 'react-router'
import { LoadBoundary } from '~/ui/load-boundary'
import { MeasureTimeline } from '~/ui/timeline'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { SelectField } from '~/ui/form'
import { useRevalidateOnStatusChange } from '~/collab/use-status-stream'
import { useHydrated } from '~/ui/use-hydrated'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/goal'
import { loadGoal } from './goal.server'
import { unitRoleOnMeasureLabel } from '~/shared/vocabulary'

const LiveGoal = lazy(() => import('~/routes/catalogue/live-goal'))

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `Ziel ${loaderData.goal.number} – Zielwerk` : 'Ziel – Zielwerk' }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadGoal(context, request, params.number)
}

type GoalData = Awaited<ReturnType<typeof loader>>
type MeasureData = GoalData['measures'][number]

const FIELD_LABEL: Record<string, string> = {
  attainment: 'Bewertung',
  mandatory: 'Pflichtaufgabe',
  routine: 'Routine',
  continue: 'Weiterführungsbedarf',
  responsibilityQuestionable: 'Zuständigkeit fraglich',
  changedConditions: 'Veränderte Rahmenbedingungen',
}
const VALUE_LABEL: Record<string, string> = { high: 'hoch', medium: 'mittel', low: 'gering', unclear: 'unklar', true: 'ja', false: 'nein' }

export default function Goal() {
  const data = useLoaderData<typeof loader>()
  const { goal, measures, previous, next, round } = data
  const { t } = useTranslation()
  const hydrated = useHydrated()
  useRevalidateOnStatusChange(round?.state === 'open' ? round.id : undefined, measures.map((m) => m.id))
  const live = hydrated && round?.state === 'open' && goal.documentName !== null
  const footer = (id: number) => {
    const m = measures.find((x) => x.id === id)
    return m ? <MeasureFooter measure={m} /> : null
  }
  return (
    <article className="space-y-6" aria-labelledby="goal-title">
      <nav aria-label="Ziel-Navigation" className="flex flex-wrap gap-3 text-sm">
        <Link to={`/?feld=${goal.fieldNumber}`}>← {t('overview')}</Link>
        {previous ? <Link to={`/ziele/${previous}`}>{t('goal')} {previous}</Link> : null}
        {next ? <Link to={`/ziele/${next}`}>{t('goal')} {next} →</Link> : null}
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('field')} {goal.fieldNumber}: {goal.fieldTitle} · {t('challenge')}: {goal.challengeTitle}
        </p>
        <h1 id="goal-title" className="text-2xl font-bold">
          {t('goal')} {goal.number}
        </h1>
        <p className="text-lg">{goal.description}</p>
      </header>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <SelectField label={t('round')} name="runde" defaultValue={round?.id ?? ''}>
          {data.rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.state === 'open' ? 'offen' : r.state === 'closed' ? 'abgeschlossen' : 'Entwurf'})
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn-secondary">
          Anzeigen
        </button>
      </Form>

      {live ? (
        <LoadBoundary what="Die Live-Bearbeitung" fallback={<StaticGoal data={data} footer={footer} />}>
          <Suspense fallback={<StaticGoal data={data} footer={footer} />}>
            <LiveGoal
              me={data.me}
              goal={{ documentName: goal.documentName!, canEdit: goal.canEdit, narrativeText: goal.narrativeText }}
              measures={measures.map((m) => ({ id: m.id, title: m.title, documentName: m.documentName!, canEdit: m.canEdit }))}
              renderMeasureFooter={footer}
            />
          </Suspense>
        </LoadBoundary>
      ) : (
        <StaticGoal data={data} footer={footer} />
      )}
    </article>
  )
}

/** The page as the server renders it and as closed rounds show it: the stored projection, read-only. */
function StaticGoal({ data, footer }: { data: GoalData; footer: (id: number) => React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <section aria-labelledby="goal-narrative-title" className="card space-y-2">
        <h2 id="goal-narrative-title" className="text-lg font-semibold">
          Sachstand zum Ziel
        </h2>
        <NarrativeText text={data.goal.narrativeText} />
      </section>
      {data.measures.map((m) => (
        <section key={m.id} className="card space-y-3" aria-labelledby={`measure-${m.id}`} data-measure={m.id}>
          <h3 id={`measure-${m.id}`} className="text-lg font-semibold">
            {m.title}
          </h3>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium">{t('vocabulary:ratingKind.proposal')}:</span>
            <RatingBadge value={m.status?.proposal ?? null} />
            {m.status ? <MarkIcons flags={m.status.proposalFlags} /> : null}
          </div>
          <div>
            <p className="label">{t('narrative')}</p>
            <NarrativeText text={m.status?.narrativeText ?? ''} />
          </div>
          {footer(m.id)}
        </section>
      ))}
    </div>
  )
}

function NarrativeText({ text }: { text: string }) {
  if (!text.trim()) return <p className="text-sm italic text-slate-700">Noch kein Sachstand.</p>
  return (
    <div className="space-y-1 text-sm">
      {text.split('\n').map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  )
}

function MeasureFooter({ measure: m }: { measure: MeasureData }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-3">
      <div className="text-sm">
        <span className="font-medium">{t('units')}: </span>
        {m.units.length ? (
          m.units.map((u, i) => (
            <span key={u.id}>
              {i > 0 ? ', ' : ''}
              {u.name} ({t(unitRoleOnMeasureLabel(u.role))})
            </span>
          ))
        ) : (
          <span className="italic">{t('noUnit')}</span>
        )}
      </div>
      {m.sourceUncertain ? <p className="text-xs text-slate-700">Hinweis: Die Zuordnung dieser Zeile in der Quelle ist unsicher.</p> : null}
      <section className="space-y-2" aria-labelledby={`timeline-${m.id}`}>
        <h4 id={`timeline-${m.id}`} className="text-sm font-medium">
          {t('history')}
        </h4>
        <MeasureTimeline entries={m.timeline} />
        <p className="text-sm">
          <Link to={`/massnahmen/${m.id}`} aria-label={`Verlauf der Maßnahme: ${m.title}`}>
            Verlauf der Maßnahme
          </Link>
        </p>
      </section>
      <details className="text-sm" data-testid={`changes-${m.id}`}>
        <summary className="cursor-pointer font-medium">Änderungen in dieser Runde ({m.changes.length})</summary>
        {m.changes.length === 0 ? (
          <p className="mt-1 text-slate-700">Noch keine Änderungen an Bewertung oder Merkmalen.</p>
        ) : (
          <ul className="mt-1 space-y-0.5">
            {m.changes.map((c) => (
              <li key={c.id}>
                <time dateTime={new Date(c.at).toISOString()}>{new Date(c.at).toLocaleString('de-DE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Berlin' })}</time>
                {' · '}
                {c.userName ?? 'unbekannt'} · {c.kind === 'agreed' ? 'abgestimmt' : 'Vorschlag'} · {FIELD_LABEL[c.field] ?? c.field}: {label(c.oldValue)} → {label(c.newValue)}
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  )
}

function label(value: string | null) {
  if (value === null || value === 'null') return 'nicht bewertet'
  return VALUE_LABEL[value] ?? value
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
